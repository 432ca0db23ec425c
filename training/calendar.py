"""A participant's training days as an iCalendar file (RFC 5545), written by hand: one VEVENT
per day, times in UTC so no VTIMEZONE block is needed, lines folded at 75 octets."""

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from core.localisation import localised
from training.models import Registration, TrainingDay
from training.tokens import registration_token

LINE_OCTETS = 75


def escape_text(value: str) -> str:
    """A TEXT value: backslash, semicolon and comma escaped, new lines as \\n."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets, never inside a UTF-8 character;
    each continuation line starts with one space."""
    parts: list[str] = []
    current = ""
    size = 0
    limit = LINE_OCTETS
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            parts.append(current)
            current, size = "", 0
            limit = LINE_OCTETS - 1  # the leading space takes one octet
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def _utc(day: date, at: time) -> str:
    local = datetime.combine(day, at, tzinfo=ZoneInfo(settings.TIME_ZONE))
    return local.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _event(registration: Registration, day: TrainingDay, number: int, total: int) -> list[str]:
    training = registration.training
    host = urlsplit(settings.SITE_URL).hostname or "putokaz"
    title = localised(training.programme, "title")
    summary = title if total == 1 else f"{title} ({number}/{total})"
    place = ", ".join(part for part in (training.venue, training.city) if part)
    link = settings.SITE_URL.rstrip("/") + reverse(
        "training:registration", args=[registration_token(registration.pk)]
    )
    lines = [
        "BEGIN:VEVENT",
        f"UID:training-{training.pk}-day-{day.pk}-registration-{registration.pk}@{host}",
        f"DTSTAMP:{timezone.now().astimezone(UTC):%Y%m%dT%H%M%SZ}",
    ]
    if day.starts_at:
        ends_at = (
            day.ends_at or (datetime.combine(day.date, day.starts_at) + timedelta(hours=1)).time()
        )
        lines += [f"DTSTART:{_utc(day.date, day.starts_at)}", f"DTEND:{_utc(day.date, ends_at)}"]
    else:
        lines += [
            f"DTSTART;VALUE=DATE:{day.date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day.date + timedelta(days=1):%Y%m%d}",
        ]
    lines += [
        f"SUMMARY:{escape_text(summary)}",
        f"LOCATION:{escape_text(place)}",
        f"DESCRIPTION:{escape_text(training.organisation.name + chr(10) + link)}",
        f"URL:{link}",
        "END:VEVENT",
    ]
    return lines


def registration_calendar(
    registration: Registration, *, days: Iterable[TrainingDay] | None = None
) -> str:
    """The .ics text of the registration's training days, in the participant's language."""
    chosen = list(days if days is not None else registration.training.days.all())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Putokaz//Trainings//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    with translation.override(registration.language or None):
        for number, day in enumerate(chosen, start=1):
            lines += _event(registration, day, number, len(chosen))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
