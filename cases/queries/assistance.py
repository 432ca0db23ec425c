"""Reads of the assistance given on a case: the needs over time, the support plans and the
services delivered. Each is a fixed number of queries, whatever the number of records."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet, Sum

from cases.codes import NeedDomain, ServiceKind
from cases.models import Case, NeedsAssessment, Service, SupportPlan

NEEDS_COLUMNS = 6


@dataclass(frozen=True)
class NeedCell:
    """One domain's rating in one assessment, and how it changed since the previous one
    (a higher rating is a greater need: a positive change is worse)."""

    rating: int | None
    label: str
    change: int | None
    note: str


@dataclass(frozen=True)
class NeedsRow:
    domain: str
    label: str
    cells: list[NeedCell]


def needs_table(
    case: Case, columns: int = NEEDS_COLUMNS
) -> tuple[list[NeedsAssessment], list[NeedsRow]]:
    """The last `columns` assessments (oldest first) and, per domain, each rating with its
    change since the assessment before (two queries)."""
    recent = list(
        NeedsAssessment.objects.filter(case=case)
        .select_related("assessed_by")
        .prefetch_related("needs")
        .order_by("-assessed_on", "-pk")[: columns + 1]
    )
    recent.reverse()
    shown = recent[-columns:]
    earlier = recent[0] if len(recent) > columns else None
    ratings = {a.pk: {need.domain: need for need in a.needs.all()} for a in recent}
    rows = []
    for domain, label in NeedDomain.choices:
        cells = []
        before = ratings[earlier.pk].get(domain) if earlier else None
        for assessment in shown:
            need = ratings[assessment.pk].get(domain)
            if need is None:
                cells.append(NeedCell(None, "", None, ""))
                continue
            change = need.rating - before.rating if before is not None else None
            cells.append(NeedCell(need.rating, need.get_rating_display(), change, need.note))
            before = need
        rows.append(NeedsRow(domain, str(label), cells))
    return shown, rows


def latest_ratings(case: Case) -> dict[str, int]:
    """The ratings of the latest assessment by domain (to start the next one from)."""
    latest = NeedsAssessment.objects.filter(case=case).order_by("-assessed_on", "-pk").first()
    if latest is None:
        return {}
    return dict(latest.needs.values_list("domain", "rating"))


def plans_of(case: Case) -> QuerySet[SupportPlan]:
    """The case's support plans, newest first, with their goals (two queries a page)."""
    return (
        SupportPlan.objects.filter(case=case)
        .select_related("created_by")
        .prefetch_related("goals")
        .order_by("-agreed_on", "-pk")
    )


def services_of(case: Case) -> QuerySet[Service]:
    """The services delivered on the case, newest first."""
    return (
        Service.objects.filter(case=case)
        .select_related("recorded_by")
        .order_by("-delivered_on", "-pk")
    )


@dataclass(frozen=True)
class ServiceTotal:
    kind: str
    label: str
    records: int
    count: int


def service_totals(case: Case) -> list[ServiceTotal]:
    """How many times each kind of service was delivered (one GROUP BY)."""
    labels = dict(ServiceKind.choices)
    rows = (
        Service.objects.filter(case=case)
        .order_by()
        .values("kind")
        .annotate(records=Count("pk"), total=Sum("count"))
        .order_by("kind")
    )
    totals = [
        ServiceTotal(
            row["kind"], str(labels.get(row["kind"], row["kind"])), row["records"], row["total"]
        )
        for row in rows
    ]
    return sorted(totals, key=lambda total: -total.count)
