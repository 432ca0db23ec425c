"""The assistance given on a case: needs assessments over time, support plans, services
delivered, and the timeline with its notes and documents (files encrypted at rest)."""

from datetime import date
from html import escape
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.http import content_disposition_header
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.forms_assistance import (
    DocumentForm,
    MoreGoals,
    NeedsAssessmentForm,
    NewPlanGoals,
    NoteForm,
    PlanEditForm,
    ServiceForm,
    SupportPlanForm,
    cleaned_goals,
)
from cases.models import Case, CaseDocument, SupportPlan
from cases.queries import assistance as queries
from cases.queries.timeline import Event
from cases.queries.timeline import timeline as timeline_of
from cases.services import CaseRefused
from cases.services import assistance as service
from cases.views import actor, case_page
from core.services import client_ip

SERVICES_PAGE_SIZE = 50
PLANS_PAGE_SIZE = 20


# --- Needs -------------------------------------------------------------------------------------


@case_page
@require_GET
def needs(request: HttpRequest, case: Case) -> HttpResponse:
    assessments, rows = queries.needs_table(case)
    return render(
        request, "cases/needs.html", {"case": case, "assessments": assessments, "rows": rows}
    )


@case_page
@require_http_methods(["GET", "POST"])
def needs_new(request: HttpRequest, case: Case) -> HttpResponse:
    if request.method == "POST":
        form = NeedsAssessmentForm(request.POST, case=case)
        if form.is_valid():
            try:
                service.record_assessment(
                    case,
                    actor(request),
                    form.cleaned_data["assessed_on"],
                    form.ratings(),
                    client_ip(request),
                )
            except CaseRefused as refusal:
                messages.error(request, refusal.message)
            else:
                messages.success(request, _("The needs assessment was recorded."))
            return redirect("cases:needs", pk=case.pk)
        return render(request, "cases/needs_new.html", {"case": case, "form": form}, status=400)
    initial: dict[str, Any] = {"assessed_on": timezone.localdate()}
    initial |= {f"rating_{d}": r for d, r in queries.latest_ratings(case).items()}
    form = NeedsAssessmentForm(case=case, initial=initial)
    return render(request, "cases/needs_new.html", {"case": case, "form": form})


# --- Support plans -----------------------------------------------------------------------------


@case_page
@require_GET
def plans(request: HttpRequest, case: Case) -> HttpResponse:
    page = Paginator(queries.plans_of(case), PLANS_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"case": case, "page": page, "today": timezone.localdate()}
    return render(request, "cases/plans.html", context)


@case_page
@require_http_methods(["GET", "POST"])
def plan_new(request: HttpRequest, case: Case) -> HttpResponse:
    if request.method != "POST":
        form = SupportPlanForm(case=case, initial={"agreed_on": timezone.localdate()})
        goals = NewPlanGoals(prefix="goals")
        return render(request, "cases/plan_new.html", {"case": case, "form": form, "goals": goals})
    form = SupportPlanForm(request.POST, case=case)
    agreed_on = form.cleaned_data.get("agreed_on") if form.is_valid() else None
    goals = NewPlanGoals(request.POST, prefix="goals", form_kwargs={"agreed_on": agreed_on})
    if not (form.is_valid() and goals.is_valid()):
        context = {"case": case, "form": form, "goals": goals}
        return render(request, "cases/plan_new.html", context, status=400)
    data = form.cleaned_data
    try:
        service.create_plan(
            case,
            actor(request),
            data["agreed_on"],
            data["review_on"],
            data["person_view"],
            cleaned_goals(goals),
            client_ip(request),
        )
    except CaseRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The support plan was recorded."))
    return redirect("cases:plans", pk=case.pk)


@case_page
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, case: Case, item: int) -> HttpResponse:
    plan = get_object_or_404(SupportPlan, case=case, pk=item)
    plan_goals = list(plan.goals.all())
    data = request.POST if request.method == "POST" else None
    form = PlanEditForm(data, plan=plan, goals=plan_goals)
    more = MoreGoals(data, prefix="goals", form_kwargs={"agreed_on": plan.agreed_on})
    context = {"case": case, "plan": plan, "form": form, "goals": more}
    if request.method != "POST":
        return render(request, "cases/plan_edit.html", context)
    if not (form.is_valid() and more.is_valid()):
        return render(request, "cases/plan_edit.html", context, status=400)
    try:
        service.update_plan(
            plan,
            actor(request),
            form.cleaned_data["review_on"],
            form.cleaned_data["person_view"],
            form.statuses(),
            cleaned_goals(more),
            client_ip(request),
        )
    except CaseRefused as refusal:
        messages.error(request, refusal.message)
        return redirect("cases:plan_edit", pk=case.pk, item=plan.pk)
    messages.success(request, _("The support plan was updated."))
    return redirect("cases:plans", pk=case.pk)


# --- Services ----------------------------------------------------------------------------------


def _services_page(
    request: HttpRequest, case: Case, form: ServiceForm, status: int = 200
) -> HttpResponse:
    page = Paginator(queries.services_of(case), SERVICES_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "case": case,
        "page": page,
        "totals": queries.service_totals(case),
        "form": form,
    }
    return render(request, "cases/services.html", context, status=status)


@case_page
@require_http_methods(["GET", "POST"])
def services(request: HttpRequest, case: Case) -> HttpResponse:
    if request.method != "POST":
        return _services_page(request, case, ServiceForm(case=case))
    form = ServiceForm(request.POST, case=case)
    if not form.is_valid():
        return _services_page(request, case, form, status=400)
    data = form.cleaned_data
    try:
        service.record_service(
            case,
            actor(request),
            data["kind"],
            data["delivered_on"],
            data["provider"],
            data["count"],
            data["note"],
            client_ip(request),
        )
    except CaseRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The service was recorded."))
    return redirect("cases:services", pk=case.pk)


# --- Timeline, notes and documents -------------------------------------------------------------


def _timeline_items(events: list[Event]) -> SafeString:
    """The timeline's list items, built in Python with the standard library's escaping: a case
    with 500 events renders in a few milliseconds (bench: case_timeline_p95_ms)."""
    shown: dict[date, str] = {}
    items = []
    for event in events:
        if event.date not in shown:
            shown[event.date] = formats.date_format(event.date, "SHORT_DATE_FORMAT")
        item = (
            f'<li class="event-{event.kind}"><time datetime="{event.date.isoformat()}">'
            f"{shown[event.date]}</time> · <strong>{escape(str(event.title))}</strong>"
        )
        if event.detail:
            item += "<div>" + escape(str(event.detail)).replace("\n", "<br>") + "</div>"
        if event.url:
            item += f'<div><a href="{escape(event.url)}">{escape(str(event.link_text))}</a></div>'
        items.append(item + "</li>")
    return mark_safe("\n".join(items))  # noqa: S308  (every value above is escaped)


def _timeline_page(
    request: HttpRequest,
    case: Case,
    note_form: NoteForm | None = None,
    document_form: DocumentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    events = timeline_of(case)
    context = {
        "case": case,
        "events": events,
        "timeline_items": _timeline_items(events),
        "note_form": note_form or NoteForm(case=case, initial={"written_on": timezone.localdate()}),
        "document_form": document_form or DocumentForm(),
    }
    return render(request, "cases/timeline.html", context, status=status)


@case_page
@require_GET
def timeline(request: HttpRequest, case: Case) -> HttpResponse:
    return _timeline_page(request, case)


@case_page
@require_POST
def note_add(request: HttpRequest, case: Case) -> HttpResponse:
    form = NoteForm(request.POST, case=case)
    if not form.is_valid():
        return _timeline_page(request, case, note_form=form, status=400)
    try:
        service.add_note(
            case,
            actor(request),
            form.cleaned_data["written_on"],
            form.cleaned_data["text"],
            client_ip(request),
        )
    except CaseRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The note was added."))
    return redirect("cases:timeline", pk=case.pk)


@case_page
@require_POST
def document_upload(request: HttpRequest, case: Case) -> HttpResponse:
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _timeline_page(request, case, document_form=form, status=400)
    upload = form.cleaned_data["file"]
    try:
        service.upload_document(
            case,
            actor(request),
            form.cleaned_data["title"],
            upload.name,
            form.content,
            client_ip(request),
        )
    except CaseRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The document was uploaded."))
    return redirect("cases:timeline", pk=case.pk)


@case_page
@require_GET
def document_download(request: HttpRequest, case: Case, item: int) -> HttpResponse:
    document = get_object_or_404(CaseDocument, case=case, pk=item)
    data = service.document_content(case, document, actor(request), client_ip(request))
    response = HttpResponse(data, content_type=document.content_type)
    response["Content-Disposition"] = (
        content_disposition_header(True, document.file_name) or "attachment"
    )
    response["Content-Length"] = str(len(data))
    response["Cache-Control"] = "no-store"
    return response
