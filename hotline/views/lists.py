"""The consultants' lists: contacts (filtered, paginated), one contact with its follow-ups, the
follow-up lists, and the monthly line report (which researchers may see: aggregates only)."""

from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import Capability, requires
from core.charts import paired_bar_chart
from core.exports import EXPORT_FORMATS, table_response
from core.models import AuditAction
from core.services import audit_request, client_ip
from hotline.codes import ContactStatus
from hotline.forms_lists import ContactFilterForm, FollowUpForm, parse_month
from hotline.models import Contact
from hotline.queries import follow_ups_for
from hotline.queries import lists as queries
from hotline.queries.report import LineReport, last_full_month, month_report
from hotline.services.contacts import add_follow_up
from hotline.services.follow_ups import FollowUpRefused, mark_follow_up_done

PAGE_SIZE = 50


# --- The contact list ---------------------------------------------------------------------------


@requires(Capability.RECORD_CONTACTS)
def contact_list(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    form = ContactFilterForm(request.GET, organisation=organisation)
    filters = form.filters()
    page = queries.contact_page(organisation, filters, request.GET.get("page"))
    audit_request(
        request,
        AuditAction.READ,
        object_type="hotline.contact",
        summary=f"contact list: {form.summary()} page {page.number}",
    )
    context = {
        "form": form,
        "page": page,
        "filtered": bool(filters),
        "same_caller": bool(filters.get("same_as")),
        "count_cap": queries.COUNT_CAP,
        # One reverse for the page, not one per row (the list is the busiest page of a shift).
        "detail_prefix": reverse("hotline:contact_list"),
        "received_label": ContactStatus.RECEIVED.label,
    }
    return render(request, "hotline/contact_list.html", context)


# --- One contact --------------------------------------------------------------------------------


def _contact_or_404(request: HttpRequest, pk: int) -> Contact:
    scope = queries.contact_with_everything(request.organisation)  # type: ignore[attr-defined]
    return get_object_or_404(scope, pk=pk)


def _render_detail(
    request: HttpRequest, contact: Contact, form: FollowUpForm, *, status: int = 200
) -> HttpResponse:
    audit_request(request, AuditAction.READ, obj=contact, summary="contact opened")
    context = {
        "contact": contact,
        "follow_ups": queries.follow_ups_of_contact(contact),
        "form": form,
        "repeat_count": queries.repeat_contacts_count(contact),
        "is_draft": contact.status == ContactStatus.DRAFT,
        "is_own_draft": contact.status == ContactStatus.DRAFT
        and contact.consultant_id == request.user.pk,
        "duration": "{}:{:02d}".format(*divmod(contact.duration_seconds, 60)),
        "today": timezone.localdate(),
    }
    return render(request, "hotline/contact_detail.html", context, status=status)


@requires(Capability.RECORD_CONTACTS)
def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _contact_or_404(request, pk)
    form = FollowUpForm(
        organisation=request.organisation,  # type: ignore[attr-defined]
        initial={"assigned_to": request.user.pk},
    )
    return _render_detail(request, contact, form)


@requires(Capability.RECORD_CONTACTS)
@require_POST
def follow_up_add(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _contact_or_404(request, pk)
    form = FollowUpForm(request.POST, organisation=request.organisation)  # type: ignore[attr-defined]
    if not form.is_valid():
        messages.error(request, _("The follow-up was not added: please correct the form."))
        return _render_detail(request, contact, form, status=400)
    add_follow_up(
        contact,
        request.user,  # type: ignore[arg-type]
        description=form.cleaned_data["description"],
        due_on=form.cleaned_data["due_on"],
        assigned_to=form.cleaned_data["assigned_to"],
        ip_address=client_ip(request),
    )
    messages.success(request, _("Follow-up added."))
    return redirect("hotline:contact_detail", pk=contact.pk)


# --- Follow-ups ---------------------------------------------------------------------------------


@requires(Capability.RECORD_CONTACTS)
def follow_ups(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    show_all = request.GET.get("all") == "1"
    open_tasks = queries.open_follow_ups(organisation)
    if not show_all:
        open_tasks = open_tasks.filter(assigned_to=request.user.pk)
    page = Paginator(open_tasks, PAGE_SIZE).get_page(request.GET.get("page"))
    done = queries.recently_done_follow_ups(
        organisation,
        assigned_to=None if show_all else request.user,  # type: ignore[arg-type]
    )
    audit_request(
        request,
        AuditAction.READ,
        object_type="hotline.followup",
        summary=f"{'all open' if show_all else 'my'} follow-ups page {page.number}",
    )
    context = {
        "page": page,
        "done": list(done),
        "show_all": show_all,
        "today": timezone.localdate(),
    }
    return render(request, "hotline/follow_ups.html", context)


def _back_to(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@requires(Capability.RECORD_CONTACTS)
@require_POST
def follow_up_done(request: HttpRequest, pk: int) -> HttpResponse:
    scope = follow_ups_for(request.organisation)  # type: ignore[attr-defined]
    follow_up = get_object_or_404(scope, pk=pk)
    try:
        mark_follow_up_done(follow_up, request.user, ip_address=client_ip(request))  # type: ignore[arg-type]
    except FollowUpRefused as refusal:
        messages.info(request, refusal.message)
    else:
        messages.success(request, _("Follow-up marked done."))
    return redirect(_back_to(request, reverse("hotline:follow_ups")))


# --- The monthly line report --------------------------------------------------------------------


def _report_month(request: HttpRequest) -> date:
    default = last_full_month(timezone.localdate())
    asked = request.GET.get("month", "").strip()
    if not asked:
        return default
    month = parse_month(asked)
    if month is None:
        messages.warning(
            request,
            _("“%(month)s” is not a month (YYYY-MM); showing %(default)s.")
            % {"month": asked[:20], "default": date_format(default, "YEAR_MONTH_FORMAT")},
        )
        return default
    return month


def _report_export(request: HttpRequest, report: LineReport, fmt: str) -> HttpResponse:
    month = date_format(report.month_start, "YEAR_MONTH_FORMAT")
    earlier = date_format(report.year_earlier_start, "YEAR_MONTH_FORMAT")
    headers = [_("Table"), _("Category"), month, earlier]
    totals = _("Totals")
    rows: list[list[object]] = [
        [totals, _("All contacts"), report.total, report.total_year_earlier],
        [totals, _("Conversations (with data)"), report.data, report.data_year_earlier],
        [totals, _("Without data"), report.non_data, report.non_data_year_earlier],
    ]
    for table in report.tables:
        rows.extend([table.title, row.label, row.count, row.year_earlier] for row in table.rows)
    audit_request(
        request,
        AuditAction.EXPORT,
        object_type="hotline.contact",
        summary=f"line report {report.month_start:%Y-%m} exported as {fmt}",
    )
    return table_response(
        fmt,
        filename=f"line-report-{report.month_start:%Y-%m}",
        headers=headers,
        rows=rows,
        sheet_title=_("Line report"),
    )


@requires(Capability.VIEW_LINE_REPORT)
def line_report(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    month = _report_month(request)
    report = month_report(organisation, month)
    fmt = request.GET.get("format", "")
    if fmt in EXPORT_FORMATS:
        return _report_export(request, report, fmt)
    month_label = date_format(report.month_start, "YEAR_MONTH_FORMAT")
    earlier_label = date_format(report.year_earlier_start, "YEAR_MONTH_FORMAT")
    subjects = report.table("subject")
    chart = paired_bar_chart(
        [(row.label, row.year_earlier, row.count) for row in subjects.rows],
        max_value=max([1, *(max(row.count, row.year_earlier) for row in subjects.rows)]),
        title=_("Conversations by subject"),
        series=(earlier_label, month_label),
    )
    context = {
        "report": report,
        "month_value": f"{report.month_start:%Y-%m}",
        "month_label": month_label,
        "earlier_label": earlier_label,
        "chart": chart,
    }
    return render(request, "hotline/line_report.html", context)
