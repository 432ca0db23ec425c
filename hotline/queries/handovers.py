"""Reads of hand-overs: the case managers' queue and one hand-over with the contact's intake."""

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When

from core.models import Organisation
from hotline.codes import HandoverStatus
from hotline.models import CaseHandover, ContactAction, ContactIndicator
from hotline.queries import handovers_for


def handover_queue(organisation: Organisation) -> QuerySet[CaseHandover]:
    """Hand-overs waiting for a case manager (oldest first), then the decided ones (newest
    decision first)."""
    return (
        handovers_for(organisation)
        .annotate(
            decided=Case(
                When(status=HandoverStatus.REQUESTED, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("decided", "-decided_at", "requested_at", "pk")
    )


def handover_with_intake(organisation: Organisation, pk: int) -> CaseHandover | None:
    """One hand-over with everything the case manager needs from its contact: the intake
    fields, the institution, the indicators and the actions."""
    return (
        handovers_for(organisation)
        .select_related("contact__consultant", "contact__caller_institution")
        .prefetch_related(
            Prefetch("contact__indicators", queryset=ContactIndicator.objects.order_by("code")),
            Prefetch("contact__actions", queryset=ContactAction.objects.order_by("code")),
        )
        .filter(pk=pk)
        .first()
    )
