"""Reads of attendance: who is on a day's roster, who was present, and the days × participants
matrix that exports and certificate eligibility start from. Each is a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from training.models import (
    Attendance,
    Registration,
    RegistrationStatus,
    Training,
    TrainingDay,
)


def roster(day: TrainingDay) -> QuerySet[Registration]:
    """The confirmed participants of the day's training, by last name, with their institution."""
    return (
        Registration.objects.filter(
            training_id=day.training_id, status=RegistrationStatus.CONFIRMED
        )
        .select_related("institution")
        .order_by("last_name", "first_name", "pk")
    )


def attendance_sources(day: TrainingDay) -> dict[int, str]:
    """Registration id → how their presence on the day was recorded (roll call, QR, sheet)."""
    return dict(Attendance.objects.filter(day=day).values_list("registration_id", "source"))


def check_in_count(day: TrainingDay) -> int:
    """How many confirmed participants are recorded present on the day."""
    return Attendance.objects.filter(
        day=day, registration__status=RegistrationStatus.CONFIRMED
    ).count()


def confirmed_count(day: TrainingDay) -> int:
    """How many confirmed participants the day's training has."""
    return Registration.objects.filter(
        training_id=day.training_id, status=RegistrationStatus.CONFIRMED
    ).count()


def attended_day_counts(training: Training) -> dict[int, int]:
    """Registration id → on how many of the training's days they were present (one query)."""
    rows = (
        Attendance.objects.filter(day__training=training)
        .values("registration_id")
        .annotate(days=Count("id"))
        .values_list("registration_id", "days")
    )
    return dict(rows)


@dataclass(frozen=True)
class AttendanceMatrix:
    """The training's days and confirmed participants, and who was present on which day."""

    days: list[TrainingDay]
    registrations: list[Registration]
    present: frozenset[tuple[int, int]] = field(default_factory=frozenset)

    def was_present(self, registration: Registration, day: TrainingDay) -> bool:
        return (registration.pk, day.pk) in self.present

    def rows(self) -> list[tuple[Registration, list[bool]]]:
        """One row per participant: their presence on each day, in the order of `days`."""
        return [
            (registration, [self.was_present(registration, day) for day in self.days])
            for registration in self.registrations
        ]


def attendance_matrix(training: Training) -> AttendanceMatrix:
    """Days × confirmed participants (by last name) of the training, in three queries."""
    days = list(training.days.all())
    registrations = list(
        Registration.objects.filter(training=training, status=RegistrationStatus.CONFIRMED)
        .select_related("institution")
        .order_by("last_name", "first_name", "pk")
    )
    present = frozenset(
        Attendance.objects.filter(day__training=training).values_list("registration_id", "day_id")
    )
    return AttendanceMatrix(days=days, registrations=registrations, present=present)
