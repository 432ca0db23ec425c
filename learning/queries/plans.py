"""Reads of the action plans, scoped to one organisation: a training's groups, the
coordinator's overview of plans and workshop requests, and the report section."""

from typing import Any

from django.db.models import Count, Prefetch, QuerySet, prefetch_related_objects

from core.models import Institution, Organisation
from learning.models.plans import (
    PlanActivity,
    PlanCollection,
    PlanGroup,
    WorkshopRequest,
    WorkshopRequestStatus,
)
from training.models import Registration, RegistrationStatus, Training


def plan_groups_for(organisation: Organisation) -> QuerySet[PlanGroup]:
    """The organisation's plan groups with their training."""
    return PlanGroup.objects.filter(organisation=organisation).select_related(
        "training", "training__programme"
    )


def workshop_requests_for(organisation: Organisation) -> QuerySet[WorkshopRequest]:
    """The organisation's workshop requests with group, training and institution."""
    return WorkshopRequest.objects.filter(organisation=organisation).select_related(
        "group", "group__training", "group__training__programme", "institution"
    )


def group_by_token(token: str) -> PlanGroup | None:
    """The group whose secret link this is, or None."""
    return (
        PlanGroup.objects.select_related("training", "training__programme", "organisation")
        .filter(token=token)
        .first()
    )


_PLAN_PREFETCHES = (
    Prefetch("institutions", queryset=Institution.objects.order_by("name")),
    Prefetch("activities", queryset=PlanActivity.objects.order_by("position", "pk")),
    Prefetch(
        "requests",
        queryset=WorkshopRequest.objects.select_related("institution").order_by("created_at", "pk"),
    ),
)


def _with_plan(groups: QuerySet[PlanGroup]) -> QuerySet[PlanGroup]:
    return groups.prefetch_related(*_PLAN_PREFETCHES)


def group_with_plan(group: PlanGroup) -> PlanGroup:
    """The group with its institutions, activities and requests loaded."""
    prefetch_related_objects([group], *_PLAN_PREFETCHES)
    return group


def training_groups(training: Training) -> list[PlanGroup]:
    """The training's groups with institutions, activities and requests."""
    return list(_with_plan(PlanGroup.objects.filter(training=training)))


def participant_institutions(training: Training) -> QuerySet[Institution]:
    """Institutions of the training's confirmed participants: what a group may be made of."""
    ids = Registration.objects.filter(
        training=training, status=RegistrationStatus.CONFIRMED, institution__isnull=False
    ).values("institution_id")
    return Institution.objects.filter(organisation=training.organisation, pk__in=ids).order_by(
        "name", "municipality"
    )


def collection_state(training: Training) -> bool:
    """Whether the training's plan collection is open."""
    return PlanCollection.objects.filter(training=training, is_open=True).exists()


def overview_filter_choices(organisation: Organisation) -> tuple[list[tuple[int, str]], list[str]]:
    """Trainings that have plan groups, and municipalities of the groups' institutions."""
    trainings = [
        (t.pk, str(t))
        for t in Training.objects.filter(organisation=organisation, plan_groups__isnull=False)
        .select_related("programme")
        .distinct()
    ]
    municipalities = list(
        Institution.objects.filter(
            organisation=organisation, plan_groups__organisation=organisation
        )
        .order_by("municipality")
        .values_list("municipality", flat=True)
        .distinct()
    )
    return trainings, municipalities


def plans_overview(
    organisation: Organisation,
    *,
    training: int | None = None,
    municipality: str = "",
    status: str = "",
) -> dict[str, Any]:
    """The plans and the workshop requests across the organisation's trainings, filtered."""
    groups = plan_groups_for(organisation)
    requests = workshop_requests_for(organisation)
    if training:
        groups = groups.filter(training_id=training)
        requests = requests.filter(group__training_id=training)
    if municipality:
        groups = groups.filter(institutions__municipality=municipality).distinct()
        requests = requests.filter(institution__municipality=municipality)
    if status:
        requests = requests.filter(status=status)
        groups = groups.filter(requests__status=status).distinct()
    requests = requests.order_by("-created_at", "-pk")
    counts = dict(
        workshop_requests_for(organisation)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return {
        "groups": list(_with_plan(groups.order_by("-training__starts_on", "training_id", "name"))),
        "requests": list(requests),
        "status_counts": [
            (value, label, counts.get(value, 0)) for value, label in WorkshopRequestStatus.choices
        ],
    }


def plans_report(training: Training) -> dict[str, Any]:
    """The training's plans for its report: groups with activities and requests with status."""
    groups = training_groups(training)
    requests = [r for g in groups for r in g.requests.all()]
    by_status = dict.fromkeys(WorkshopRequestStatus.values, 0)
    for request in requests:
        by_status[request.status] += 1
    return {
        "groups": groups,
        "activity_count": sum(len(g.activities.all()) for g in groups),
        "request_count": len(requests),
        "expected_participants": sum(r.expected_participants for r in requests),
        "requests_by_status": [
            (label, by_status[value])
            for value, label in WorkshopRequestStatus.choices
            if by_status[value]
        ],
        "done_count": by_status[WorkshopRequestStatus.DONE],
        "has_plans": bool(groups) and any(g.activities.all() or g.requests.all() for g in groups),
    }
