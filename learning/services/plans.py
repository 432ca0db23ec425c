"""Writes of the action plans: groups and their links, opening the collection, saving a plan
(activities and workshop requests, all or nothing) and the coordinator's follow-up."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import Refused
from core.models import AuditAction, Institution
from core.services import record_audit
from learning.models.plans import (
    PlanActivity,
    PlanCollection,
    PlanGroup,
    WorkshopRequest,
    WorkshopRequestStatus,
)
from training.models import Training


class PlanRefused(Refused):
    """A plan or follow-up that cannot be saved; `message` says why, for the user."""


@dataclass(frozen=True)
class ActivityPlan:
    what: str
    audience: str
    lead: str
    when_month: date | None
    when_text: str


@dataclass(frozen=True)
class RequestPlan:
    pk: int | None
    institution: Institution
    topic: str
    audience: str
    preferred_period: str
    expected_participants: int


def set_plan_collection(
    training: Training, *, is_open: bool, actor: Any, ip_address: str | None = None
) -> PlanCollection:
    """Open or close the public plan pages of a training's groups."""
    with transaction.atomic():
        collection, _created = PlanCollection.objects.select_for_update().get_or_create(
            training=training
        )
        collection.is_open = is_open
        collection.save(update_fields=["is_open", "changed_at"])
        record_audit(
            action=AuditAction.UPDATE,
            actor=actor,
            organisation=training.organisation,
            obj=collection,
            summary=f"plan collection {'opened' if is_open else 'closed'} for training {training.pk}",
            ip_address=ip_address,
        )
    return collection


def create_plan_group(
    training: Training,
    *,
    name: str,
    institutions: Iterable[Institution],
    actor: Any,
    ip_address: str | None = None,
) -> PlanGroup:
    """A new group of the training with its secret link."""
    institutions = list(institutions)
    if not institutions:
        raise PlanRefused(_("Choose at least one institution for the group."))
    if any(i.organisation_id != training.organisation_id for i in institutions):
        raise PlanRefused(_("Choose institutions of this training's participants."))
    with transaction.atomic():
        group = PlanGroup.objects.create(
            organisation=training.organisation,
            training=training,
            name=name,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        group.institutions.set(institutions)
        record_audit(
            action=AuditAction.CREATE,
            actor=actor,
            organisation=training.organisation,
            obj=group,
            summary=f"plan group created for training {training.pk}",
            ip_address=ip_address,
        )
    return group


def save_plan(
    group: PlanGroup,
    *,
    activities: list[ActivityPlan],
    requests: list[RequestPlan],
    actor: Any = None,
    ip_address: str | None = None,
) -> None:
    """Replace the group's activities and its still-open requests with what was entered.

    Requests the coordinator has acted on are left as they are; naming one is refused.
    """
    allowed = set(group.institutions.values_list("pk", flat=True))
    with transaction.atomic():
        locked = PlanGroup.objects.select_for_update().get(pk=group.pk)
        open_requests = {
            r.pk: r
            for r in WorkshopRequest.objects.filter(
                group=locked, status=WorkshopRequestStatus.REQUESTED
            )
        }
        for plan in requests:
            if plan.institution.pk not in allowed:
                raise PlanRefused(
                    _("A workshop can be requested only for the group's institutions.")
                )
            if plan.pk is not None and plan.pk not in open_requests:
                raise PlanRefused(
                    _(
                        "One of the workshop requests is already being followed up by the "
                        "coordinator and can no longer be changed here. Reload the page."
                    )
                )
        PlanActivity.objects.filter(group=locked).delete()
        PlanActivity.objects.bulk_create(
            PlanActivity(
                group=locked,
                position=position,
                what=a.what,
                audience=a.audience,
                lead=a.lead,
                when_month=a.when_month,
                when_text=a.when_text,
            )
            for position, a in enumerate(activities)
        )
        kept = {plan.pk for plan in requests if plan.pk is not None}
        WorkshopRequest.objects.filter(pk__in=set(open_requests) - kept).delete()
        for plan in requests:
            fields = {
                "institution": plan.institution,
                "topic": plan.topic,
                "audience": plan.audience,
                "preferred_period": plan.preferred_period,
                "expected_participants": plan.expected_participants,
            }
            if plan.pk is None:
                WorkshopRequest.objects.create(
                    organisation=locked.organisation, group=locked, **fields
                )
            else:
                request = open_requests[plan.pk]
                for name, value in fields.items():
                    setattr(request, name, value)
                request.save()
        locked.plan_saved_at = timezone.now()
        locked.save(update_fields=["plan_saved_at"])
        record_audit(
            action=AuditAction.UPDATE,
            actor=actor,
            organisation=locked.organisation,
            obj=locked,
            summary=f"plan saved: {len(activities)} activities, {len(requests)} open requests",
            ip_address=ip_address,
        )
    group.plan_saved_at = locked.plan_saved_at


def record_follow_up(
    request: WorkshopRequest,
    *,
    status: str,
    held_on: date | None,
    notes: str,
    actor: Any,
    ip_address: str | None = None,
) -> WorkshopRequest:
    """Record what became of a workshop request: its status, when it was held, notes."""
    if status not in WorkshopRequestStatus.values:
        raise PlanRefused(_("Choose one of the statuses offered."))
    if status == WorkshopRequestStatus.DONE and held_on is None:
        raise PlanRefused(_("Enter the date the workshop was held."))
    with transaction.atomic():
        locked = WorkshopRequest.objects.select_for_update().get(pk=request.pk)
        before = (locked.status, locked.held_on)
        locked.status = status
        locked.held_on = held_on
        locked.notes = notes
        locked.save(update_fields=["status", "held_on", "notes", "updated_at"])
        record_audit(
            action=AuditAction.UPDATE,
            actor=actor,
            organisation=locked.organisation,
            obj=locked,
            summary=(
                f"workshop request follow-up: {before[0]} -> {status}"
                f"{f', held on {held_on.isoformat()}' if held_on else ''}"
                f"{' (was ' + before[1].isoformat() + ')' if before[1] and before[1] != held_on else ''}"
            ),
            ip_address=ip_address,
        )
    request.status, request.held_on, request.notes = status, held_on, notes
    return locked
