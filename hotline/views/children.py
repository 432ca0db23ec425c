"""Missing children (116 000): open a report on a contact, follow its timeline, list them."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import Capability, requires
from core.models import AuditAction, User
from core.services import audit_request, client_ip
from core.views import submitted_data
from hotline.codes import MissingChildStatus
from hotline.forms_children import (
    MissingChildForm,
    MissingChildStatusForm,
    PoliceDetailsForm,
    StatusFilterForm,
)
from hotline.models import MissingChildReport
from hotline.queries import children as queries
from hotline.queries import contacts_for, missing_child_reports_for
from hotline.services.missing_children import (
    POLICE_FIELDS,
    MissingChildRefused,
    change_missing_child_status,
    open_missing_child_report,
    update_police_details,
)

PAGE_SIZE = 50


def _report_or_404(request: HttpRequest, pk: int) -> MissingChildReport:
    return get_object_or_404(missing_child_reports_for(request.organisation), pk=pk)  # type: ignore[attr-defined]


@requires(Capability.RECORD_CONTACTS)
@require_GET
def missing_children(request: HttpRequest) -> HttpResponse:
    filters = StatusFilterForm(request.GET)
    status = filters.cleaned_data["status"] if filters.is_valid() else ""
    reports = queries.missing_children(request.organisation, status=status)  # type: ignore[attr-defined]
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = [(report, queries.days_missing(report, today)) for report in page]
    return render(
        request,
        "hotline/missing_children.html",
        {"filters": filters, "page": page, "rows": rows},
    )


@requires(Capability.RECORD_CONTACTS)
@require_http_methods(["GET", "POST"])
def missing_child_new(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(
        contacts_for(request.organisation).select_related("missing_child"),  # type: ignore[attr-defined]
        pk=pk,
    )
    existing = getattr(contact, "missing_child", None)
    if existing is not None:
        return redirect("hotline:missing_child", pk=existing.pk)
    form = MissingChildForm(submitted_data(request))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                report = open_missing_child_report(
                    contact,
                    request.user,  # type: ignore[arg-type]
                    form.cleaned_data,
                    client_ip(request),
                )
            except MissingChildRefused as refusal:
                messages.error(request, refusal.message)
                status = 400
            else:
                messages.success(request, _("The missing-child report was opened."))
                return redirect("hotline:missing_child", pk=report.pk)
        else:
            status = 400
    groups = [(legend, [form[name] for name in names]) for legend, names in MissingChildForm.GROUPS]
    return render(
        request,
        "hotline/missing_child_form.html",
        {"form": form, "groups": groups, "contact": contact},
        status=status,
    )


def _report_page(
    request: HttpRequest,
    report: MissingChildReport,
    *,
    status_form: MissingChildStatusForm | None = None,
    police_form: PoliceDetailsForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The report with its timeline and forms; showing it is an audited read of the contact."""
    audit_request(
        request, AuditAction.READ, obj=report.contact, summary=f"missing-child report #{report.pk}"
    )
    is_open = report.status != MissingChildStatus.CLOSED
    if status_form is None and is_open:
        status_form = MissingChildStatusForm(
            report=report, initial={"happened_on": timezone.localdate()}
        )
    if police_form is None and is_open:
        police_form = PoliceDetailsForm(
            initial={name: getattr(report, name) for name in POLICE_FIELDS},
            last_seen_on=report.last_seen_on,
        )
    context = {
        "report": report,
        "contact": report.contact,
        "events": queries.timeline(report),
        "days_missing": queries.days_missing(report, timezone.localdate()),
        "status_form": status_form,
        "police_form": police_form,
    }
    return render(request, "hotline/missing_child.html", context, status=status)


@requires(Capability.RECORD_CONTACTS)
@require_http_methods(["GET", "POST"])
def missing_child(request: HttpRequest, pk: int) -> HttpResponse:
    """GET shows the report; POST saves the police and alert details."""
    report = _report_or_404(request, pk)
    if request.method == "GET":
        return _report_page(request, report)
    form = PoliceDetailsForm(request.POST, last_seen_on=report.last_seen_on)
    if not form.is_valid():
        return _report_page(request, report, police_form=form, status=400)
    try:
        update_police_details(report, _actor(request), form.cleaned_data, client_ip(request))
    except MissingChildRefused as refusal:
        messages.error(request, refusal.message)
        return _report_page(request, report, status=400)
    messages.success(request, _("The police and alert details were saved."))
    return redirect("hotline:missing_child", pk=report.pk)


@requires(Capability.RECORD_CONTACTS)
@require_POST
def missing_child_status(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request, pk)
    form = MissingChildStatusForm(request.POST, report=report)
    if not form.is_valid():
        return _report_page(request, report, status_form=form, status=400)
    try:
        report = change_missing_child_status(
            report,
            _actor(request),
            status=form.cleaned_data["status"],
            happened_on=form.cleaned_data["happened_on"],
            note=form.cleaned_data["note"],
            found_condition=form.cleaned_data["found_condition"],
            ip=client_ip(request),
        )
    except MissingChildRefused as refusal:
        messages.error(request, refusal.message)
        return _report_page(request, _report_or_404(request, pk), status=400)
    messages.success(
        request,
        _("The report is now “%(status)s”.") % {"status": MissingChildStatus(report.status).label},
    )
    return redirect("hotline:missing_child", pk=report.pk)


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]
