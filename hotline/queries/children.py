"""Reads of missing-child reports: the organisation's list (open reports first) and one report
with its timeline."""

from datetime import date

from django.db.models import Case, IntegerField, QuerySet, Value, When

from core.models import Organisation
from hotline.codes import MissingChildStatus
from hotline.models import MissingChildEvent, MissingChildReport
from hotline.queries import missing_child_reports_for

# Until the child is found, the list counts the days since they were last seen.
STILL_MISSING = frozenset({MissingChildStatus.REPORTED, MissingChildStatus.SEARCHING})


def missing_children(
    organisation: Organisation, *, status: str = ""
) -> QuerySet[MissingChildReport]:
    """The organisation's reports, open ones first, the most recently missing first; optionally
    only those in one status."""
    reports = missing_child_reports_for(organisation)
    if status:
        reports = reports.filter(status=status)
    return reports.annotate(
        closed_last=Case(
            When(status=MissingChildStatus.CLOSED, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    ).order_by("closed_last", "-last_seen_on", "-pk")


def days_missing(report: MissingChildReport, today: date) -> int | None:
    """Days since the child was last seen, while not yet found; None once found or closed."""
    if report.status not in STILL_MISSING:
        return None
    return max(0, (today - report.last_seen_on).days)


def timeline(report: MissingChildReport) -> list[MissingChildEvent]:
    """The report's steps in the order they happened, with who recorded each."""
    return list(report.events.select_related("recorded_by").order_by("happened_on", "pk"))
