"""Writes of attendance: the trainer's roll call (and the paper sheet's marks entered afterwards),
and QR self-check-in with a code that rotates on the projector.

The check-in code is an HMAC of the day and the current time window under the training's secret,
so it cannot be guessed or carried over from another training; the previous window's code is
still accepted so that a phone that scanned just before the code changed is not refused.
"""

import base64
import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.errors import Refused
from core.models import AuditAction, User
from core.services import record_audit
from training.models import (
    Attendance,
    AttendanceSource,
    Registration,
    RegistrationStatus,
    Training,
    TrainingDay,
)

CODE_LENGTH = 8
# How long after scanning a participant may still confirm (they may first have to find the link
# from their confirmation e-mail); the scan time is kept by the server, never sent by the phone.
PENDING_CHECK_IN_SECONDS = 10 * 60
# A clock a few seconds apart between the request and the service is not "the future".
CLOCK_TOLERANCE = timedelta(seconds=5)
# What a trainer may choose on the roll-call screen; QR rows are written by check_in only.
MANUAL_SOURCES = (AttendanceSource.ROLL_CALL, AttendanceSource.SHEET)


class CheckInRefused(Refused):
    """A self-check-in that cannot be accepted; the message is shown to the participant."""


class AttendanceRefused(Refused):
    """A roll call that cannot be saved; nothing was written."""


@dataclass(frozen=True)
class RollCallResult:
    """What saving a roll call changed."""

    present: int
    added: int
    removed: int


def check_in_window(moment: datetime | None = None) -> int:
    """The number of the code window `moment` falls in (windows of CHECKIN_CODE_SECONDS)."""
    moment = moment or timezone.now()
    return int(moment.timestamp()) // settings.CHECKIN_CODE_SECONDS


def _code_for_window(day: TrainingDay, window: int) -> str:
    digest = hmac.new(
        day.training.checkin_secret.encode(), f"{day.pk}:{window}".encode(), hashlib.sha256
    ).digest()
    return base64.b32encode(digest).decode()[:CODE_LENGTH]


def current_check_in_code(day: TrainingDay, now: datetime | None = None) -> str:
    """The code the projector shows for `day` now; it changes every CHECKIN_CODE_SECONDS."""
    return _code_for_window(day, check_in_window(now))


def normalise_code(code: str) -> str:
    """A code as typed or scanned: case and surrounding spaces do not matter."""
    return code.strip().upper()


def code_is_valid(day: TrainingDay, code: str, at: datetime | None = None) -> bool:
    """Whether `code` is the code of `day` in the window of `at` or the window before."""
    candidate = normalise_code(code)
    if len(candidate) != CODE_LENGTH or not candidate.isascii():
        return False
    window = check_in_window(at)
    matches = [
        hmac.compare_digest(candidate.encode(), _code_for_window(day, w).encode())
        for w in (window, window - 1)
    ]
    return any(matches)


def day_for_code(training: Training, code: str, at: datetime | None = None) -> TrainingDay | None:
    """The day of `training` whose code `code` is at `at` (now by default), if any."""
    for day in training.days.all():
        day.training = training  # the code is keyed by the training's secret; no extra query
        if code_is_valid(day, code, at):
            return day
    return None


def _refuse_registration(registration: Registration, day: TrainingDay) -> None:
    if registration.training_id != day.training_id:
        raise CheckInRefused(_("This registration is for another training."))
    if registration.anonymised_at is not None:
        raise CheckInRefused(_("This registration no longer exists."))
    if registration.status == RegistrationStatus.WAITLISTED:
        raise CheckInRefused(
            _(
                "You are on the waitlist for this training. Please speak to the trainer: "
                "only confirmed participants can check in."
            )
        )
    if registration.status != RegistrationStatus.CONFIRMED:
        raise CheckInRefused(
            _(
                "This registration was cancelled, so it cannot be checked in. Please speak to the trainer."
            )
        )


def check_in(
    registration: Registration,
    day: TrainingDay,
    code: str,
    *,
    scanned_at: datetime | None = None,
    now: datetime | None = None,
) -> Attendance:
    """Record that the participant is present on `day`, after checking the code and the date.

    `scanned_at` is when the server saw the code (for a confirmation a few minutes later); the
    code must be valid at that moment, which is at most PENDING_CHECK_IN_SECONDS ago. Checking
    in twice returns the existing attendance.
    """
    now = now or timezone.now()
    at = scanned_at or now
    if at > now + CLOCK_TOLERANCE or now - at > timedelta(seconds=PENDING_CHECK_IN_SECONDS):
        raise CheckInRefused(
            _("This check-in code has expired. Please scan the code on the screen again.")
        )
    if not code_is_valid(day, code, at):
        raise CheckInRefused(
            _(
                "This check-in code is not valid or has expired. Please scan the code on the screen again."
            )
        )
    if day.date != timezone.localdate(now):
        raise CheckInRefused(
            _("Check-in for this day is open only on %(date)s.")
            % {"date": formats.date_format(day.date, "DATE_FORMAT")}
        )
    _refuse_registration(registration, day)
    existing = Attendance.objects.filter(registration=registration, day=day).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(
                registration=registration, day=day, source=AttendanceSource.QR
            )
            record_audit(
                action=AuditAction.CREATE,
                organisation=day.training.organisation,
                obj=attendance,
                summary=f"QR self-check-in for {day.date.isoformat()}",
            )
    except IntegrityError:
        # The same phone confirmed twice at once, or the trainer ticked them meanwhile.
        return Attendance.objects.get(registration=registration, day=day)
    return attendance


def record_attendance(
    day: TrainingDay,
    present_registration_ids: Iterable[int],
    *,
    source: str,
    actor: User | None,
    ip_address: str | None = None,
) -> RollCallResult:
    """Make the day's attendance match the roll call: add the newly ticked, remove the unticked.

    Only the training's confirmed participants may be ticked; anything else refuses the whole
    roll call. Rows kept keep their source (a QR check-in stays a QR check-in).
    """
    if source not in MANUAL_SOURCES:
        raise AttendanceRefused(_("Choose how the attendance was taken."))
    wanted = set(present_registration_ids)
    with transaction.atomic():
        roster = set(
            Registration.objects.filter(
                training_id=day.training_id, status=RegistrationStatus.CONFIRMED
            ).values_list("pk", flat=True)
        )
        if wanted - roster:
            raise AttendanceRefused(
                _(
                    "Some of the people ticked are not confirmed participants of this training. "
                    "Nothing was saved; please reload the page and try again."
                )
            )
        recorded = set(
            Attendance.objects.filter(day=day, registration_id__in=roster).values_list(
                "registration_id", flat=True
            )
        )
        to_add = wanted - recorded
        to_remove = recorded - wanted
        if to_add:
            Attendance.objects.bulk_create(
                [
                    Attendance(registration_id=pk, day=day, source=source, recorded_by=actor)
                    for pk in sorted(to_add)
                ],
                ignore_conflicts=True,  # a QR check-in that arrived meanwhile is kept
            )
        if to_remove:
            Attendance.objects.filter(day=day, registration_id__in=to_remove).delete()
        record_audit(
            action=AuditAction.UPDATE,
            actor=actor,
            organisation=day.training.organisation,
            obj=day,
            summary=(
                f"attendance of {day.date.isoformat()} ({source}): "
                f"{len(wanted)} present, {len(to_add)} added, {len(to_remove)} removed"
            ),
            ip_address=ip_address,
        )
    return RollCallResult(present=len(wanted), added=len(to_add), removed=len(to_remove))
