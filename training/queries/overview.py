"""Reads for the coordinator's overview: one training's page and the season's table.

Query counts do not grow with the number of participants or trainings: counts come from
annotations and subqueries, breakdowns are summed in Python from rows already fetched.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from core.models import InstitutionType, Organisation, Person
from training.models import (
    Attendance,
    Certificate,
    Registration,
    RegistrationStatus,
    Training,
    TrainingDay,
    TrainingStatus,
)
from training.queries import registrations_for, trainings_for

# Trainings whose certificates may be due: the training has taken place.
CERTIFICATE_STATUSES = (TrainingStatus.HELD, TrainingStatus.REPORTED)


@dataclass
class TrainingOverview:
    """What the training page shows, fetched in a fixed number of queries."""

    days: list[TrainingDay]
    trainers: list[Person]
    participants: list[Registration]
    waitlist: list[Registration]
    by_institution_type: list[tuple[str, int]] = field(default_factory=list)
    by_municipality: list[tuple[str, int]] = field(default_factory=list)
    by_profession: list[tuple[str, int]] = field(default_factory=list)

    @property
    def confirmed_count(self) -> int:
        return len(self.participants)

    @property
    def waitlisted_count(self) -> int:
        return len(self.waitlist)


def _registrations_of(training: Training) -> QuerySet[Registration]:
    """The training's registrations, scoped to its organisation by id (no extra query)."""
    return registrations_for(Organisation(pk=training.organisation_id)).filter(training=training)


def _valid_certificate() -> Exists:
    return Exists(Certificate.objects.filter(registration=OuterRef("pk"), revoked_at__isnull=True))


def active_registrations(training: Training) -> QuerySet[Registration]:
    """Confirmed and waitlisted registrations in queue order, with days attended counted and
    whether a valid certificate exists."""
    return (
        _registrations_of(training)
        .filter(
            status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED],
        )
        .annotate(
            attended_days=Count("attendances", distinct=True),
            has_certificate=_valid_certificate(),
        )
        .order_by("created_at", "pk")
    )


def _counted(values: Iterable[str]) -> list[tuple[str, int]]:
    """(value, count) pairs, most frequent first, then alphabetically."""
    return sorted(Counter(values).items(), key=lambda item: (-item[1], item[0].casefold()))


def training_overview(training: Training) -> TrainingOverview:
    """Days, trainers, participants and waitlist with attendance, and who the participants are."""
    registrations = list(active_registrations(training))
    participants = [r for r in registrations if r.status == RegistrationStatus.CONFIRMED]
    type_labels = dict(InstitutionType.choices)
    unknown = "—"
    return TrainingOverview(
        days=list(training.days.all()),
        trainers=list(training.trainers.all()),
        participants=participants,
        waitlist=[r for r in registrations if r.status == RegistrationStatus.WAITLISTED],
        by_institution_type=_counted(
            str(type_labels.get(r.institution.type, r.institution.type))
            if r.institution
            else unknown
            for r in participants
        ),
        by_municipality=_counted(
            r.institution.municipality if r.institution else unknown for r in participants
        ),
        by_profession=_counted(
            (r.profession.strip() or unknown).capitalize() for r in participants
        ),
    )


def attendance_grid(training: Training) -> tuple[list[TrainingDay], list[Registration], set]:
    """Days, confirmed participants and the (registration id, day id) pairs of attendance."""
    days = list(training.days.all())
    participants = list(
        _registrations_of(training)
        .filter(status=RegistrationStatus.CONFIRMED)
        .order_by("last_name", "first_name", "pk")
    )
    present = set(
        Attendance.objects.filter(day__training=training).values_list("registration_id", "day_id")
    )
    return days, participants, present


def _count_of(registrations: QuerySet[Registration]) -> Coalesce:
    """A correlated COUNT of the given registrations of the outer training."""
    counted = (
        registrations.filter(training=OuterRef("pk"))
        .order_by()
        .values("training")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_season_counts(trainings: QuerySet[Training]) -> QuerySet[Training]:
    """Trainings with confirmed, waitlisted and certificates-pending counts in the same query."""
    confirmed = Registration.objects.filter(status=RegistrationStatus.CONFIRMED)
    lacking = confirmed.exclude(_valid_certificate())
    return trainings.annotate(
        confirmed_count=_count_of(confirmed),
        waitlisted_count=_count_of(
            Registration.objects.filter(status=RegistrationStatus.WAITLISTED)
        ),
        certificates_pending=Case(
            When(status__in=CERTIFICATE_STATUSES, then=_count_of(lacking)),
            default=Value(0),
            output_field=IntegerField(),
        ),
    )


def season_trainings(
    organisation: Organisation, *, year: int | None = None, status: str = ""
) -> QuerySet[Training]:
    """The organisation's trainings with their season counts, optionally of one year and status."""
    trainings = trainings_for(organisation)
    if year:
        trainings = trainings.filter(starts_on__year=year)
    if status:
        trainings = trainings.filter(status=status)
    return with_season_counts(trainings)


def upcoming_trainings(
    trainings: QuerySet[Training], today: date | None = None
) -> QuerySet[Training]:
    """Trainings not yet over (or without days), soonest first."""
    today = today or timezone.localdate()
    return trainings.filter(Q(ends_on__gte=today) | Q(ends_on__isnull=True)).order_by(
        "starts_on", "pk"
    )


def recent_trainings(
    trainings: QuerySet[Training], today: date | None = None
) -> QuerySet[Training]:
    """Trainings that are over, latest first."""
    today = today or timezone.localdate()
    return trainings.filter(ends_on__lt=today).order_by("-starts_on", "-pk")


def season_years(organisation: Organisation) -> list[int]:
    """The years in which the organisation has trainings, latest first (for the year filter)."""
    years = (
        trainings_for(organisation)
        .filter(starts_on__isnull=False)
        .annotate(year=ExtractYear("starts_on"))
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    return list(years)


def certificates_pending_total(organisation: Organisation) -> int:
    """Confirmed participants of held or reported trainings who have no valid certificate yet."""
    return (
        registrations_for(organisation)
        .filter(
            training__status__in=CERTIFICATE_STATUSES,
            status=RegistrationStatus.CONFIRMED,
        )
        .exclude(_valid_certificate())
        .count()
    )
