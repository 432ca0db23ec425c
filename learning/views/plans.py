"""Action plan screens: the trainer's groups with their links and QR codes, the group's public
plan page (no account), and the coordinator's overview and follow-up of workshop requests."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.access import Capability, has_capability, requires
from core.exports import EXPORT_FORMATS, table_response
from core.models import AuditAction
from core.qr import qr_data_uri
from core.services import audit_request, client_ip
from core.views import public, submitted_data
from learning import forms_plans as forms
from learning.models.plans import PlanGroup, WorkshopRequestStatus
from learning.queries import plans as queries
from learning.services import plans as services
from training.models import Training
from training.queries import trainings_for


def _training_or_404(request: HttpRequest, pk: int) -> Training:
    return get_object_or_404(trainings_for(request.organisation), pk=pk)  # type: ignore[attr-defined]


def _group_link(group: PlanGroup) -> str:
    path = reverse("learning:plan_public", kwargs={"token": group.token})
    return settings.SITE_URL.rstrip("/") + path


# --- The trainer: groups, links, collection -----------------------------------------------------


@requires(Capability.RUN_LEARNING)
@require_http_methods(["GET", "HEAD", "POST"])
def plan_groups(request: HttpRequest, pk: int) -> HttpResponse:
    training = _training_or_404(request, pk)
    groups = queries.training_groups(training)
    form = forms.PlanGroupForm(
        submitted_data(request),
        institutions=queries.participant_institutions(training),
        taken_names={g.name.casefold() for g in groups},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                group = services.create_plan_group(
                    training,
                    name=form.cleaned_data["name"],
                    institutions=form.cleaned_data["institutions"],
                    actor=request.user,
                    ip_address=client_ip(request),
                )
            except services.PlanRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(
                    request,
                    _("The group “%(name)s” was created; give it its link or QR code.")
                    % {"name": group.name},
                )
                return redirect("learning:plan_group", pk=group.pk)
        status = 400
    context = {
        "training": training,
        "groups": groups,
        "form": form,
        "collection_open": queries.collection_state(training),
    }
    return render(request, "learning/plans/groups.html", context, status=status)


@requires(Capability.RUN_LEARNING)
@require_POST
def plan_collection(request: HttpRequest, pk: int) -> HttpResponse:
    training = _training_or_404(request, pk)
    is_open = request.POST.get("open") == "1"
    services.set_plan_collection(
        training, is_open=is_open, actor=request.user, ip_address=client_ip(request)
    )
    if is_open:
        messages.success(request, _("Groups can now write their plans through their links."))
    else:
        messages.success(request, _("Plan collection is closed; the groups' pages are read-only."))
    return redirect("learning:plan_groups", pk=training.pk)


@requires(Capability.RUN_LEARNING)
@require_http_methods(["GET", "HEAD", "POST"])
def plan_group(request: HttpRequest, pk: int) -> HttpResponse:
    """The group's link and QR code for the screen, and the plan, which staff may always edit."""
    group = get_object_or_404(
        queries.plan_groups_for(request.organisation),  # type: ignore[attr-defined]
        pk=pk,
    )
    link = _group_link(group)
    extra = {
        "link": link,
        "qr": qr_data_uri(link, scale=8),
        "collection_open": queries.collection_state(group.training),
    }
    return _plan_page(
        request,
        group,
        editable=True,
        template="learning/plans/group.html",
        success_url=reverse("learning:plan_group", kwargs={"pk": group.pk}),
        actor=request.user,
        extra=extra,
    )


# --- The group's public page --------------------------------------------------------------------


@public
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def plan_public(request: HttpRequest, token: str) -> HttpResponse:
    group = queries.group_by_token(token)
    if group is None:
        raise Http404
    is_open = queries.collection_state(group.training)
    if request.method == "POST" and not is_open:
        messages.error(
            request, _("Plan collection for this training is closed; nothing was saved.")
        )
        return redirect("learning:plan_public", token=token)
    return _plan_page(
        request,
        group,
        editable=is_open,
        template="learning/plans/public.html",
        success_url=reverse("learning:plan_public", kwargs={"token": token}),
        actor=None,
        extra={},
    )


def _plan_page(
    request: HttpRequest,
    group: PlanGroup,
    *,
    editable: bool,
    template: str,
    success_url: str,
    actor: Any,
    extra: dict[str, Any],
) -> HttpResponse:
    loaded = queries.group_with_plan(group)
    institutions = list(loaded.institutions.all())
    activities = list(loaded.activities.all())
    all_requests = list(loaded.requests.all())
    open_requests = [r for r in all_requests if r.is_open_to_group]
    followed_up = [r for r in all_requests if not r.is_open_to_group]
    data = request.POST if request.method == "POST" and editable else None
    activity_formset, request_formset = forms.plan_formsets(
        data,
        activities=activities,
        requests=open_requests,
        institutions=loaded.institutions.all(),
    )
    status = 200
    if data is not None:
        # Both are validated, so that every error shows at once.
        if all([activity_formset.is_valid(), request_formset.is_valid()]):
            try:
                services.save_plan(
                    group,
                    activities=activity_formset.plans(),
                    requests=request_formset.plans(),
                    actor=actor,
                    ip_address=client_ip(request),
                )
            except services.PlanRefused as refusal:
                request_formset.non_form_errors().append(refusal.message)  # type: ignore[attr-defined]
            else:
                messages.success(request, _("Your plan was saved."))
                return redirect(success_url)
        else:
            messages.error(request, _("The plan was not saved: please correct the marked rows."))
        status = 400
    context = {
        "group": loaded,
        "training": group.training,
        "institutions": institutions,
        "activities": activities,
        "open_requests": open_requests,
        "followed_up": followed_up,
        "activity_formset": activity_formset,
        "request_formset": request_formset,
        "editable": editable,
        **extra,
    }
    return render(request, template, context, status=status)


# --- The coordinator: overview and follow-up ----------------------------------------------------


def _overview_filters(request: HttpRequest) -> tuple[forms.PlanFilterForm, dict[str, Any]]:
    trainings, municipalities = queries.overview_filter_choices(request.organisation)  # type: ignore[attr-defined]
    form = forms.PlanFilterForm(request.GET, trainings=trainings, municipalities=municipalities)
    form.is_valid()  # an unknown choice is ignored rather than refused
    cleaned = form.cleaned_data
    return form, {
        "training": cleaned.get("training") or None,
        "municipality": cleaned.get("municipality", ""),
        "status": cleaned.get("status", ""),
    }


@requires(Capability.MANAGE_LEARNING)
@require_safe
def plans_overview(request: HttpRequest) -> HttpResponse:
    form, filters = _overview_filters(request)
    overview = queries.plans_overview(request.organisation, **filters)  # type: ignore[attr-defined]
    query = request.GET.urlencode()
    return render(
        request,
        "learning/plans/overview.html",
        {"filters": form, "query": query, **overview},
    )


@requires(Capability.MANAGE_LEARNING)
@require_http_methods(["GET", "HEAD", "POST"])
def workshop_request(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = get_object_or_404(
        queries.workshop_requests_for(request.organisation),  # type: ignore[attr-defined]
        pk=pk,
    )
    form = forms.FollowUpForm(
        submitted_data(request),
        initial={"status": workshop.status, "held_on": workshop.held_on, "notes": workshop.notes},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.record_follow_up(
                    workshop,
                    status=form.cleaned_data["status"],
                    held_on=form.cleaned_data["held_on"],
                    notes=form.cleaned_data["notes"],
                    actor=request.user,
                    ip_address=client_ip(request),
                )
            except services.PlanRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(
                    request,
                    _("The follow-up of the request from %(institution)s was saved.")
                    % {"institution": workshop.institution.name},
                )
                return redirect("learning:plans_overview")
        status = 400
    return render(
        request,
        "learning/plans/request.html",
        {
            "workshop": workshop,
            "form": form,
            "can_run": has_capability(request, Capability.RUN_LEARNING),
        },
        status=status,
    )


@requires(Capability.MANAGE_LEARNING)
@require_safe
def workshop_requests_export(request: HttpRequest) -> HttpResponse:
    """The filtered requests as XLSX or CSV (`?format=csv`); the overview's filters apply."""
    fmt = request.GET.get("format", "xlsx")
    if fmt not in EXPORT_FORMATS:
        raise Http404
    _form, filters = _overview_filters(request)
    requests = queries.plans_overview(request.organisation, **filters)["requests"]  # type: ignore[attr-defined]
    headers = [
        _("Training"),
        _("Group"),
        _("Institution"),
        _("Municipality"),
        _("Topic"),
        _("Audience"),
        _("Preferred period"),
        _("Expected participants"),
        _("Status"),
        _("Workshop held on"),
        _("Follow-up notes"),
        _("Requested"),
    ]
    rows = (
        [
            str(r.group.training),
            r.group.name,
            r.institution.name,
            r.institution.municipality,
            r.topic,
            r.audience,
            r.preferred_period,
            r.expected_participants,
            WorkshopRequestStatus(r.status).label,
            r.held_on,
            r.notes,
            r.created_at,
        ]
        for r in requests
    )
    audit_request(
        request,
        AuditAction.EXPORT,
        object_type="learning.workshoprequest",
        summary=f"workshop requests exported as {fmt}: {len(requests)} rows",
    )
    return table_response(
        fmt,
        filename="workshop-requests",
        headers=headers,
        rows=rows,
        sheet_title=_("Workshop requests"),
    )
