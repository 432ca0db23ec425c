"""Reads of anonymous online reports: which organisations take them, the consultants' queue, one
report with its thread, and the reporter's own report found by its reference."""

from django.db.models import Prefetch, Q, QuerySet

from core.models import Organisation
from hotline.codes import ContactStatus
from hotline.models import OnlineReport, ReportMessage
from hotline.queries import online_reports_for


def accepting_organisations() -> QuerySet[Organisation]:
    """Organisations that take anonymous online reports, by name."""
    return Organisation.objects.filter(accepts_online_reports=True).order_by("name")


def accepting_organisation(slug: str) -> Organisation | None:
    """The organisation with this short name, if it takes online reports."""
    return accepting_organisations().filter(slug=slug).first()


def report_queue(organisation: Organisation, *, needing_attention: bool) -> QuerySet[OnlineReport]:
    """The organisation's reports, newest first; with `needing_attention`, only those not yet
    processed or with information no consultant has read."""
    reports = online_reports_for(organisation).select_related("contact__consultant")
    if needing_attention:
        reports = reports.filter(
            Q(contact__status=ContactStatus.RECEIVED) | Q(unread_since__isnull=False)
        )
    return reports.order_by("-created_at", "-pk")


def _with_messages(reports: QuerySet[OnlineReport]) -> QuerySet[OnlineReport]:
    return reports.prefetch_related(
        Prefetch("messages", queryset=ReportMessage.objects.select_related("author"))
    )


def report_with_thread(organisation: Organisation, pk: int) -> OnlineReport | None:
    """One of the organisation's reports with its contact, consultant and messages."""
    return (
        _with_messages(
            online_reports_for(organisation).select_related("contact__consultant", "organisation")
        )
        .filter(pk=pk)
        .first()
    )


def normalise_reference(value: str) -> str:
    """A reference as stored: upper case, without spaces or dashes the reporter may have typed."""
    return "".join(char for char in value.upper() if char.isalnum())


def report_by_reference(reference: str) -> OnlineReport | None:
    """The report with this reference (any organisation: the reference is the reporter's key)."""
    normalised = normalise_reference(reference)
    if not normalised:
        return None
    return OnlineReport.objects.filter(reference=normalised).first()


def reporter_thread(pk: int) -> OnlineReport | None:
    """The report a reporter was granted, with its messages (authors are never shown)."""
    return _with_messages(OnlineReport.objects.all()).filter(pk=pk).first()
