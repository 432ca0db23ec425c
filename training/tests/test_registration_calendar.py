"""The .ics invitation written by hand: folding, escaping, one event per day."""

from datetime import date

import pytest

from training.calendar import escape_text, fold, registration_calendar
from training.tests.factories import RegistrationFactory, TrainingFactory


def test_long_lines_fold_at_75_octets_without_splitting_a_letter():
    line = "SUMMARY:" + "Ђорђевић " * 20

    folded = fold(line)

    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join(part.removeprefix(" ") if i else part for i, part in enumerate(parts)) == line


def test_text_values_escape_commas_semicolons_backslashes_and_new_lines():
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


@pytest.mark.django_db
def test_each_day_is_an_event_in_utc_with_a_stable_uid(organisation):
    training = TrainingFactory(
        organisation=organisation, days=[date(2025, 3, 10), date(2025, 3, 11)]
    )
    registration = RegistrationFactory(training=training)

    first = registration_calendar(registration)
    again = registration_calendar(registration)

    assert first.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert first.endswith("END:VCALENDAR\r\n")
    assert first.count("BEGIN:VEVENT") == 2
    # 09:00 in Belgrade (CET, UTC+1) in March is 08:00 UTC.
    assert "DTSTART:20250310T080000Z" in first
    assert "DTEND:20250311T150000Z" in first
    uids = [line for line in first.splitlines() if line.startswith("UID:")]
    assert uids == [line for line in again.splitlines() if line.startswith("UID:")]
    assert len(set(uids)) == 2


@pytest.mark.django_db
def test_a_day_without_hours_is_an_all_day_event(organisation):
    training = TrainingFactory(organisation=organisation, days=[date(2025, 6, 2)])
    training.days.update(starts_at=None, ends_at=None)
    registration = RegistrationFactory(training=training)

    text = registration_calendar(registration)

    assert "DTSTART;VALUE=DATE:20250602" in text
    assert "DTEND;VALUE=DATE:20250603" in text
