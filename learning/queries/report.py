"""Reads for the training report and the learning pages around a training.

The report is composed of the training's participation (from the training app's overview) and
one section per learning area; each area contributes `<area>_report(training) -> dict` and the
partial template `learning/<area>/report_section.html`. The number of queries does not grow with
the number of participants: every part is a fixed number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.db.models import Count, Q, QuerySet

from learning.models.barometer import BarometerSession
from training.models import Attendance, Registration, RegistrationStatus, Training, TrainingDay
from training.queries.overview import TrainingOverview, training_overview

# The learning areas in the order the report shows them.
AREAS = ("barometer", "knowledge", "evaluations", "plans")


@dataclass
class DayAttendance:
    """How many confirmed participants were present on one day."""

    day: TrainingDay
    present: int


@dataclass
class Participation:
    """Who registered, who came and who was certified, for the report's first section."""

    registered: int
    confirmed: int
    waitlisted: int
    cancelled: int
    days: list[DayAttendance]
    attended_any_day: int
    attended_every_day: int
    certificates: int
    overview: TrainingOverview
    by_institution_type: list[tuple[str, int]] = field(default_factory=list)
    by_municipality: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class ReportSection:
    """One learning area's part of the report: its partial template and the dict it renders."""

    area: str
    template: str
    data: dict[str, Any]


def participation(training: Training) -> Participation:
    """Registrations by status, attendance per day and certificates of the training
    (five queries whatever the number of participants)."""
    overview = training_overview(training)
    statuses = Registration.objects.filter(training=training).aggregate(
        registered=Count("pk"),
        waitlisted=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
        cancelled=Count("pk", filter=Q(status=RegistrationStatus.CANCELLED)),
    )
    present = dict(
        Attendance.objects.filter(
            day__training=training, registration__status=RegistrationStatus.CONFIRMED
        )
        .values("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
    )
    day_count = len(overview.days)
    attended = [getattr(r, "attended_days", 0) for r in overview.participants]
    return Participation(
        registered=statuses["registered"],
        confirmed=overview.confirmed_count,
        waitlisted=statuses["waitlisted"],
        cancelled=statuses["cancelled"],
        days=[DayAttendance(day, present.get(day.pk, 0)) for day in overview.days],
        attended_any_day=sum(1 for days in attended if days > 0),
        attended_every_day=sum(1 for days in attended if day_count and days >= day_count),
        certificates=sum(1 for r in overview.participants if getattr(r, "has_certificate", False)),
        overview=overview,
        by_institution_type=overview.by_institution_type,
        by_municipality=overview.by_municipality,
    )


def barometer_sessions_of(training: Training) -> QuerySet[BarometerSession]:
    """The training's barometer sessions, latest first, with their number of rounds."""
    return training.barometer_sessions.annotate(round_count=Count("rounds")).order_by(
        "-started_at", "-pk"
    )


def area_report_function(area: str) -> Callable[[Training], dict[str, Any]] | None:
    """The area's `<area>_report` query, or None while that area does not provide one."""
    module = import_module(f"learning.queries.{area}")
    function = getattr(module, f"{area}_report", None)
    return function if callable(function) else None


def report_sections(training: Training) -> list[ReportSection]:
    """The learning areas' sections of the report, in order, for the areas that provide one."""
    sections = []
    for area in AREAS:
        function = area_report_function(area)
        if function is not None:
            sections.append(
                ReportSection(area, f"learning/{area}/report_section.html", function(training))
            )
    return sections
