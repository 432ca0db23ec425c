"""The case list, opening a case (directly or from a hand-over) with the duplicate check, the
case overview and the person's identity, the case's life (assign, close, reopen), emergency
access ("break the glass") and the case teams."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.codes import OPEN_STATUSES, Language
from cases.forms_cases import (
    AssignForm,
    CaseFilterForm,
    CloseForm,
    DuplicateQueryForm,
    GlassBreakForm,
    OpenCaseForm,
    PersonEditForm,
    TeamForm,
    TeamMembersForm,
)
from cases.models import Case, Team
from cases.queries import Access, access_to, cases_for, teams_for
from cases.queries import lists as queries
from cases.queries.duplicates import Candidate, find_duplicates
from cases.services import CaseRefused, lifecycle
from cases.services.lifecycle import (
    assign,
    close_case,
    create_team,
    open_case,
    reopen_case,
    set_team_members,
)
from cases.services.persons import alias_lines, update_person
from cases.views import actor, case_page
from core.access import Capability, requires
from core.models import AuditAction
from core.services import audit_request, client_ip
from hotline.codes import AgeBand, HandoverStatus
from hotline.models import CaseHandover

# What a caller's age band says about a minor (the form's "minor" box when no year is known).
MINOR_BANDS = frozenset({AgeBand.UNDER_14, AgeBand.FROM_14})


# --- The list -----------------------------------------------------------------------------------


@requires(Capability.VIEW_CASE_CODES)
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    form = CaseFilterForm(request.GET)
    filters = form.filters()
    page = queries.case_page(organisation, filters, actor(request), request.GET.get("page"))
    audit_request(
        request,
        AuditAction.READ,
        object_type="cases.case",
        summary=f"case list page {page.number}",
    )
    context = {
        "form": form,
        "page": page,
        "filtered": bool(filters),
        "can_open": Capability.OPEN_CASES in getattr(request, "capabilities", ()),
    }
    return render(request, "cases/case_list.html", context)


# --- Opening a case and the duplicate check -----------------------------------------------------


def _duplicates_for(request: HttpRequest, data: Any) -> tuple[DuplicateQueryForm, list[Candidate]]:
    query = DuplicateQueryForm(data)
    if not query.is_valid():
        return query, []
    names = [query.cleaned_data["given_name"], query.cleaned_data["family_name"]]
    candidates = find_duplicates(
        request.organisation,  # type: ignore[attr-defined]
        names,
        query.cleaned_data["year_of_birth"],
        aliases=alias_lines(query.cleaned_data["aliases"]),
    )
    return query, candidates


def _open_page(
    request: HttpRequest,
    form: OpenCaseForm,
    handover: CaseHandover | None = None,
    status: int = 200,
) -> HttpResponse:
    """The opening form; once names were posted, the similar persons within it."""
    context: dict[str, Any] = {"form": form, "handover": handover, "checked": False}
    if request.method == "POST":
        query, candidates = _duplicates_for(request, request.POST)
        context |= {
            "checked": query.is_valid(),
            "query": query,
            "candidates": candidates,
            "chosen": request.POST.get("existing_person", ""),
        }
    if handover is not None:
        context["contact"] = handover.contact
    return render(request, "cases/case_new.html", context, status=status)


def _initial(handover: CaseHandover | None) -> dict[str, Any]:
    """What the hand-over's contact knows of the person."""
    initial: dict[str, Any] = {}
    if handover is not None:
        contact = handover.contact
        if contact.caller_gender:
            initial["gender"] = contact.caller_gender
        if contact.caller_citizenship:
            initial["citizenship"] = contact.caller_citizenship
        if contact.caller_age_band in MINOR_BANDS:
            initial["minor"] = True
    return initial


def _as_typed(data: Any) -> dict[str, Any]:
    """The form as typed, to show again after "Check for similar persons" (no JavaScript)."""
    return {
        name: values if name == "languages" else values[-1]
        for name, values in data.lists()
        if name not in ("csrfmiddlewaretoken", "check")
    }


def _open(request: HttpRequest, handover: CaseHandover | None) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    user = actor(request)
    if request.method != "POST":
        form = OpenCaseForm(initial=_initial(handover), organisation=organisation, user=user)
        return _open_page(request, form, handover)
    if "check" in request.POST:
        form = OpenCaseForm(initial=_as_typed(request.POST), organisation=organisation, user=user)
        return _open_page(request, form, handover)
    form = OpenCaseForm(request.POST, organisation=organisation, user=user)
    if not form.is_valid():
        return _open_page(request, form, handover, status=400)
    data = form.cleaned_data
    try:
        case = open_case(
            organisation,
            user,
            **form.identity(),
            minor=data["minor"],
            opened_on=data["opened_on"],
            team=data["team"],
            handover=handover,
            existing_person=form.person,
            ip=client_ip(request),
        )
    except CaseRefused as refusal:
        messages.error(request, refusal.message)
        return _open_page(request, form, handover, status=400)
    messages.success(request, _("Case %(code)s opened.") % {"code": case.code})
    return redirect("cases:case_detail", pk=case.pk)


@requires(Capability.OPEN_CASES)
@require_http_methods(["GET", "POST"])
def case_new(request: HttpRequest) -> HttpResponse:
    return _open(request, None)


@requires(Capability.OPEN_CASES)
@require_http_methods(["GET", "POST"])
def case_from_handover(request: HttpRequest, handover: int) -> HttpResponse:
    found = (
        CaseHandover.objects.select_related("contact")
        .filter(
            organisation=request.organisation,  # type: ignore[attr-defined]
            pk=handover,
            status=HandoverStatus.ACCEPTED,
        )
        .first()
    )
    if found is None:
        raise Http404
    existing = Case.objects.filter(handover=found).only("pk").first()
    if existing is not None:
        return redirect("cases:case_detail", pk=existing.pk)
    return _open(request, found)


@requires(Capability.OPEN_CASES)
@require_GET
def duplicate_check(request: HttpRequest) -> HttpResponse:
    query, candidates = _duplicates_for(request, request.GET)
    context = {
        "checked": query.is_valid(),
        "query": query,
        "candidates": candidates,
        "chosen": request.GET.get("existing_person", ""),
    }
    return render(
        request, "cases/duplicates.html", context, status=200 if query.is_valid() else 400
    )


# --- One case -----------------------------------------------------------------------------------


def _detail_page(
    request: HttpRequest,
    case: Case,
    *,
    close_form: CloseForm | None = None,
    assign_form: AssignForm | None = None,
    status: int = 200,
) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    context = {
        "case": case,
        "person": case.person,
        "close_form": close_form or CloseForm(opened_on=case.opened_on),
        "assign_form": assign_form
        or AssignForm(
            organisation=organisation,
            initial={"case_manager": case.case_manager_id, "team": case.team_id},
        ),
        "handover": case.handover,
        "identifications": list(case.identifications.all()),
        "is_open": case.status in OPEN_STATUSES,
        "languages": ", ".join(
            str(dict(Language.choices).get(code, code)) for code in case.person.languages
        ),
    }
    return render(request, "cases/case_detail.html", context, status=status)


def _reload(case: Case) -> Case:
    """The case with everything the overview shows of it joined."""
    return Case.objects.select_related("person", "case_manager", "team", "handover").get(pk=case.pk)


@case_page
@require_GET
def case_detail(request: HttpRequest, case: Case) -> HttpResponse:
    return _detail_page(request, _reload(case))


@case_page
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, case: Case) -> HttpResponse:
    person = case.person
    if request.method != "POST":
        form = PersonEditForm(initial=PersonEditForm.initial_of(person), opened_on=case.opened_on)
        return render(request, "cases/person_edit.html", {"case": case, "form": form})
    form = PersonEditForm(request.POST, opened_on=case.opened_on)
    if not form.is_valid():
        return render(request, "cases/person_edit.html", {"case": case, "form": form}, status=400)
    update_person(case, actor(request), **form.identity(), ip=client_ip(request))
    messages.success(request, _("The person's details were saved."))
    return redirect("cases:case_detail", pk=case.pk)


@case_page
@require_POST
def case_assign(request: HttpRequest, case: Case) -> HttpResponse:
    form = AssignForm(request.POST, organisation=request.organisation)  # type: ignore[attr-defined]
    if not form.is_valid():
        return _detail_page(request, _reload(case), assign_form=form, status=400)
    try:
        assign(
            case,
            actor(request),
            form.cleaned_data["case_manager"],
            form.cleaned_data["team"],
            client_ip(request),
        )
    except CaseRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The case was assigned."))
    if access_to(case, actor(request)) == Access.NONE:
        return redirect("cases:case_list")
    return redirect("cases:case_detail", pk=case.pk)


@case_page
@require_POST
def case_close(request: HttpRequest, case: Case) -> HttpResponse:
    form = CloseForm(request.POST, opened_on=case.opened_on)
    if not form.is_valid():
        return _detail_page(request, _reload(case), close_form=form, status=400)
    data = form.cleaned_data
    try:
        close_case(
            case,
            actor(request),
            reason=data["reason"],
            outcome=data["outcome"],
            note=data["note"],
            closed_on=data["closed_on"],
            ip=client_ip(request),
        )
    except CaseRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The case was closed."))
    return redirect("cases:case_detail", pk=case.pk)


@case_page
@require_POST
def case_reopen(request: HttpRequest, case: Case) -> HttpResponse:
    try:
        reopen_case(case, actor(request), client_ip(request))
    except CaseRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The case was reopened."))
    return redirect("cases:case_detail", pk=case.pk)


# --- Emergency access ---------------------------------------------------------------------------


@requires(Capability.OPEN_CASES)
@require_POST
def break_glass(request: HttpRequest, pk: int) -> HttpResponse:
    """Not a `case_page`: it is for those the case is closed to."""
    case = get_object_or_404(cases_for(request.organisation), pk=pk)  # type: ignore[attr-defined]
    form = GlassBreakForm(request.POST)
    refusal_message = None
    if form.is_valid():
        try:
            lifecycle.break_glass(
                case, actor(request), form.cleaned_data["reason"], client_ip(request)
            )
        except CaseRefused as refusal:
            refusal_message = refusal.message
        else:
            messages.warning(
                request,
                _("Emergency access opened. Every page you open is logged."),
            )
            return redirect("cases:case_detail", pk=case.pk)
    if refusal_message:
        messages.error(request, refusal_message)
    return render(
        request,
        "cases/restricted.html",
        {
            "case": case,
            "glass_form": form,
            "glass_hours": settings.GLASS_BREAK_HOURS,
        },
        status=400,
    )


@requires(Capability.MANAGE_MEMBERS)
@require_GET
def glass_breaks(request: HttpRequest) -> HttpResponse:
    page = queries.glass_break_page(request.organisation, request.GET.get("page"))  # type: ignore[attr-defined]
    audit_request(
        request,
        AuditAction.READ,
        object_type="cases.glassbreak",
        summary=f"emergency access log page {page.number}",
    )
    return render(request, "cases/glass_breaks.html", {"page": page})


# --- Teams --------------------------------------------------------------------------------------


@requires(Capability.MANAGE_MEMBERS)
@require_http_methods(["GET", "POST"])
def teams(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    form = TeamForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                team = create_team(
                    organisation, actor(request), form.cleaned_data["name"], client_ip(request)
                )
            except CaseRefused as refusal:
                form.add_error("name", refusal.message)
            else:
                messages.success(request, _("Team “%(name)s” created.") % {"name": team.name})
                return redirect("cases:team_edit", team=team.pk)
        status = 400
    context = {"form": form, "teams": list(queries.teams_with_members(organisation))}
    return render(request, "cases/teams.html", context, status=status)


@requires(Capability.MANAGE_MEMBERS)
@require_http_methods(["GET", "POST"])
def team_edit(request: HttpRequest, team: int) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    found: Team = get_object_or_404(teams_for(organisation), pk=team)
    if request.method != "POST":
        form = TeamMembersForm(
            organisation=organisation, initial={"members": list(found.members.all())}
        )
        return render(request, "cases/team_edit.html", {"team": found, "form": form})
    form = TeamMembersForm(request.POST, organisation=organisation)
    if form.is_valid():
        try:
            set_team_members(
                found, actor(request), list(form.cleaned_data["members"]), client_ip(request)
            )
        except CaseRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("The team's members were saved."))
            return redirect("cases:teams")
    return render(request, "cases/team_edit.html", {"team": found, "form": form}, status=400)
