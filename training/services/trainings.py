"""Writes of trainings: planning an edition (days, trainers), its status and its agenda.

Each public function is one transaction with its audit entry; a refused change raises a domain
exception carrying a message for the coordinator, and nothing is written.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from catalogue.models import Accreditation
from catalogue.scripts import slug_from
from core.errors import Refused
from core.models import AuditAction, Organisation, Person, User
from core.services import record_audit
from training.models import (
    STATUS_TRANSITIONS,
    AgendaItem,
    Attendance,
    RegistrationStatus,
    Training,
    TrainingDay,
    TrainingStatus,
)
from training.services.registration import fill_free_places


class TrainingRefused(Refused):
    """A plan that cannot be saved; `field` names the form field the message belongs to."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class StatusChangeRefused(Refused):
    """A status change the flow draft → open → closed → held → reported does not allow."""


@dataclass(frozen=True)
class DayPlan:
    """One day as the coordinator plans it; `pk` keeps an existing day (and its attendance)."""

    date: date
    starts_at: time | None = None
    ends_at: time | None = None
    pk: int | None = None


@dataclass(frozen=True)
class AgendaPlan:
    """One session of a day's agenda."""

    starts_at: time
    title: str
    ends_at: time | None = None
    method: str = ""
    trainer: Person | None = None


def unique_training_slug(training: Training) -> str:
    """An ASCII address from programme title, city and first day, numbered when already taken."""
    first_day = f"{training.starts_on:%Y-%m-%d}" if training.starts_on else ""
    base = slug_from(f"{training.programme.title_sr} {training.city} {first_day}")
    # Leave room for a "-NN" suffix within the field's 140 characters.
    base = base[:130].strip("-") or "training"
    taken = set(
        Training.objects.filter(slug__startswith=base)
        .exclude(pk=training.pk)
        .values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def check_plan(training: Training, days: Sequence[DayPlan]) -> None:
    """Raise TrainingRefused when the plan breaks a rule: days, deadline, accreditation."""
    if not days:
        raise TrainingRefused(_("A training has at least one day."), field="days")
    dates = [d.date for d in days]
    if len(set(dates)) != len(dates):
        raise TrainingRefused(_("Each day may appear only once."), field="days")
    for day in days:
        if day.starts_at and day.ends_at and day.ends_at <= day.starts_at:
            raise TrainingRefused(
                _("On %(date)s the day ends before it starts.") % {"date": f"{day.date:%d.%m.%Y}"},
                field="days",
            )
    first = min(dates)
    if training.registration_deadline and training.registration_deadline > first:
        raise TrainingRefused(
            _("The registration deadline cannot be after the first day (%(date)s).")
            % {"date": f"{first:%d.%m.%Y}"},
            field="registration_deadline",
        )
    accreditation: Accreditation | None = training.accreditation
    if accreditation is not None:
        if accreditation.programme_id != training.programme_id:
            raise TrainingRefused(
                _("This accreditation belongs to another programme."), field="accreditation"
            )
        outside = sorted(d for d in dates if not accreditation.is_valid_on(d))
        if outside:
            raise TrainingRefused(
                _(
                    "The accreditation is valid from %(start)s to %(end)s, "
                    "so it does not cover %(dates)s."
                )
                % {
                    "start": f"{accreditation.valid_from:%d.%m.%Y}",
                    "end": f"{accreditation.valid_until:%d.%m.%Y}",
                    "dates": ", ".join(f"{d:%d.%m.%Y}" for d in outside),
                },
                field="accreditation",
            )


def _sync_days(training: Training, days: Sequence[DayPlan]) -> list[str]:
    """Make the training's days equal to the plan; a day with attendance is never removed."""
    existing = {day.pk: day for day in training.days.all()}
    by_date = {day.date: day for day in existing.values()}
    kept: dict[int, DayPlan] = {}
    for plan in days:
        if plan.pk in existing and plan.pk not in kept:
            kept[plan.pk] = plan
    for plan in days:
        if plan.pk not in kept:
            same_date = by_date.get(plan.date)
            if same_date is not None and same_date.pk not in kept:
                kept[same_date.pk] = plan
    removed = [day for pk, day in existing.items() if pk not in kept]
    attended = set(
        Attendance.objects.filter(day__in=removed).values_list("day_id", flat=True).distinct()
    )
    if attended:
        dates = ", ".join(f"{d.date:%d.%m.%Y}" for d in removed if d.pk in attended)
        raise TrainingRefused(
            _("Attendance is recorded on %(dates)s, so that day cannot be removed.")
            % {"dates": dates},
            field="days",
        )
    changes: list[str] = []
    if removed:
        TrainingDay.objects.filter(pk__in=[d.pk for d in removed]).delete()
        changes.append("removed " + ",".join(f"{d.date}" for d in removed))
    # Dates move in two steps so that two days swapping dates never collide on the unique key.
    moving = [(existing[pk], plan) for pk, plan in kept.items() if existing[pk].date != plan.date]
    for number, (day, _plan) in enumerate(moving, start=1):
        day.date = date(1, 1, number)
        day.save(update_fields=["date"])
    for pk, plan in kept.items():
        day = existing[pk]
        if (day.date, day.starts_at, day.ends_at) != (plan.date, plan.starts_at, plan.ends_at):
            day.date, day.starts_at, day.ends_at = plan.date, plan.starts_at, plan.ends_at
            day.save(update_fields=["date", "starts_at", "ends_at"])
    added = [p for p in days if p not in kept.values()]
    TrainingDay.objects.bulk_create(
        [
            TrainingDay(training=training, date=p.date, starts_at=p.starts_at, ends_at=p.ends_at)
            for p in added
        ]
    )
    if added:
        changes.append("added " + ",".join(f"{p.date}" for p in added))
    return changes


def save_training(
    training: Training,
    *,
    days: Sequence[DayPlan],
    trainers: Iterable[Person],
    organisation: Organisation,
    actor: User | None = None,
    ip_address: str | None = None,
) -> Training:
    """Create or update a training with its days and trainers; first and last day follow the days.

    Raises TrainingRefused (nothing written) when the plan breaks a rule.
    """
    creating = training.pk is None
    check_plan(training, days)
    trainers = list(trainers)
    if any(p.organisation_id != organisation.pk for p in trainers):
        raise TrainingRefused(_("Choose trainers from your people directory."), field="trainers")
    try:
        with transaction.atomic():
            if not creating:
                # Registrations take places under this lock; the capacity is compared under it too.
                Training.objects.select_for_update().filter(pk=training.pk).first()
                confirmed = training.registrations.filter(
                    status=RegistrationStatus.CONFIRMED
                ).count()
                if training.capacity < confirmed:
                    raise TrainingRefused(
                        _(
                            "%(count)s people already hold a confirmed place; "
                            "the capacity cannot be smaller."
                        )
                        % {"count": confirmed},
                        field="capacity",
                    )
            training.organisation = organisation
            training.starts_on = min(d.date for d in days)
            training.ends_on = max(d.date for d in days)
            if not training.slug:
                training.slug = unique_training_slug(training)
            training.save()
            changes = _sync_days(training, days)
            training.trainers.set(trainers)
            if not creating:
                fill_free_places(training)  # a raised capacity takes people from the waitlist
            record_audit(
                action=AuditAction.CREATE if creating else AuditAction.UPDATE,
                actor=actor,
                organisation=organisation,
                obj=training,
                summary=(
                    f"training {'added' if creating else 'changed'}: programme "
                    f"{training.programme_id}, {training.starts_on}..{training.ends_on}, "
                    f"capacity {training.capacity}"
                    + (f"; days {'; '.join(changes)}" if changes and not creating else "")
                ),
                ip_address=ip_address,
            )
    except IntegrityError as error:
        # Two coordinators saving the same new address at once: the second one tries again.
        if creating:
            training.pk = None
            training.slug = ""
        raise TrainingRefused(
            _("The training changed while you were editing it. Please try again.")
        ) from error
    return training


def change_status(
    training: Training, status: str, *, actor: User | None = None, ip_address: str | None = None
) -> Training:
    """Move a training along draft → open → closed → held → reported (or one step back)."""
    if status not in TrainingStatus.values:
        raise StatusChangeRefused(_("Unknown status."))
    with transaction.atomic():
        current = Training.objects.select_for_update().get(pk=training.pk)
        allowed = STATUS_TRANSITIONS.get(current.status, frozenset())
        if status not in allowed:
            raise StatusChangeRefused(
                _("A training that is “%(current)s” cannot become “%(new)s”.")
                % {
                    "current": TrainingStatus(current.status).label,
                    "new": TrainingStatus(status).label,
                }
            )
        if status == TrainingStatus.OPEN and current.starts_on is None:
            raise StatusChangeRefused(_("Add the training's days before opening registration."))
        previous = current.status
        training.status = status
        Training.objects.filter(pk=training.pk).update(status=status)
        record_audit(
            action=AuditAction.UPDATE,
            actor=actor,
            organisation=training.organisation,
            obj=training,
            summary=f"training status {previous} -> {status}",
            ip_address=ip_address,
        )
    return training


def save_agenda(
    training: Training,
    agenda: dict[TrainingDay, Sequence[AgendaPlan]],
    *,
    actor: User | None = None,
    ip_address: str | None = None,
) -> None:
    """Replace the agenda of the given days of the training with the planned sessions."""
    days = [day for day in agenda if day.training_id == training.pk]
    with transaction.atomic():
        AgendaItem.objects.filter(day__in=days).delete()
        AgendaItem.objects.bulk_create(
            [
                AgendaItem(
                    day=day,
                    starts_at=item.starts_at,
                    ends_at=item.ends_at,
                    title=item.title,
                    method=item.method,
                    trainer=item.trainer,
                )
                for day in days
                for item in sorted(agenda[day], key=lambda i: i.starts_at)
            ]
        )
        record_audit(
            action=AuditAction.UPDATE,
            actor=actor,
            organisation=training.organisation,
            obj=training,
            summary=f"agenda saved: {sum(len(agenda[d]) for d in days)} sessions on {len(days)} days",
            ip_address=ip_address,
        )
