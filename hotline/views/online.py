"""Anonymous online reports, the consultants' side: the queue, one report with its thread, the
reply to the reporter, and taking the report to record it as a contact."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.access import Capability, requires
from core.services import client_ip
from hotline.codes import ContactStatus
from hotline.models import OnlineReport
from hotline.public_forms import ReportMessageForm
from hotline.queries import online_reports as queries
from hotline.queries import online_reports_for
from hotline.services.online_reports import (
    ReportRefused,
    open_report,
    reply_to_report,
    take_report,
)

PAGE_SIZE = 25
NEEDING_ATTENTION = "open"


@requires(Capability.RECORD_CONTACTS)
@require_http_methods(["GET", "HEAD"])
def report_queue(request: HttpRequest) -> HttpResponse:
    needing_attention = request.GET.get("show") == NEEDING_ATTENTION
    reports = queries.report_queue(request.organisation, needing_attention=needing_attention)  # type: ignore[attr-defined]
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "needing_attention": needing_attention}
    return render(request, "hotline/report_queue.html", context)


def _reply_form(data: object = None) -> ReportMessageForm:
    return ReportMessageForm(data, label=_("Your reply"))  # type: ignore[arg-type]


def _show_report(
    request: HttpRequest, pk: int, form: ReportMessageForm, status: int = 200
) -> HttpResponse:
    report = queries.report_with_thread(request.organisation, pk)  # type: ignore[attr-defined]
    if report is None:
        raise Http404
    open_report(report, request.user, ip_address=client_ip(request))  # type: ignore[arg-type]
    contact = report.contact
    context = {
        "report": report,
        "contact": contact,
        "thread": list(report.messages.all()),
        "form": form,
        "can_process": contact.status == ContactStatus.RECEIVED,
        "mine_to_record": contact.status == ContactStatus.DRAFT
        and contact.consultant_id == request.user.pk,
    }
    return render(request, "hotline/report_detail.html", context, status=status)


@requires(Capability.RECORD_CONTACTS)
@require_http_methods(["GET", "HEAD"])
def online_report(request: HttpRequest, pk: int) -> HttpResponse:
    return _show_report(request, pk, _reply_form())


def _report_or_404(request: HttpRequest, pk: int) -> OnlineReport:
    return get_object_or_404(online_reports_for(request.organisation), pk=pk)  # type: ignore[attr-defined]


@requires(Capability.RECORD_CONTACTS)
@require_POST
def report_reply(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request, pk)
    form = _reply_form(request.POST)
    if not form.is_valid():
        return _show_report(request, pk, form, status=400)
    reply_to_report(
        report,
        request.user,
        form.cleaned_data["body"],
        ip_address=client_ip(request),  # type: ignore[arg-type]
    )
    messages.success(
        request,
        _("Your reply is saved. The reporter reads it with their reference and passphrase."),
    )
    return redirect("hotline:online_report", pk=report.pk)


@requires(Capability.RECORD_CONTACTS)
@require_POST
def report_process(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request, pk)
    try:
        contact = take_report(report, request.user, ip_address=client_ip(request))  # type: ignore[arg-type]
    except ReportRefused as refusal:
        messages.error(request, refusal.message)
        return redirect("hotline:online_report", pk=report.pk)
    return redirect("hotline:contact_edit", pk=contact.pk)
