"""The person's data rights on one case: what is held and for how long, a copy of it all (a JSON
download) and erasure by anonymisation once every case of the person is closed."""

import json

from django.conf import settings
from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cases.codes import OPEN_STATUSES
from cases.forms_rights import ErasureForm
from cases.models import Case
from cases.queries import Access
from cases.services import CaseRefused, audit
from cases.services.rights import anonymise_person, export_person
from cases.views import actor, case_page
from core.models import AuditAction
from core.services import client_ip


def _team_only(request: HttpRequest, case: Case) -> HttpResponse | None:
    """An emergency access does not reach the export or the erasure: the case team decides."""
    if request.case_access == Access.TEAM:  # type: ignore[attr-defined]
        return None
    messages.error(request, _("Only the case team may export or erase the person's data."))
    return redirect("cases:rights", pk=case.pk)


def _rights_page(
    request: HttpRequest, case: Case, form: ErasureForm | None = None, status: int = 200
) -> HttpResponse:
    person = case.person
    open_codes = list(
        Case.objects.filter(person=person, status__in=OPEN_STATUSES)
        .order_by("code")
        .values_list("code", flat=True)
    )
    context = {
        "case": case,
        "person": person,
        "open_codes": open_codes,
        "case_count": Case.objects.filter(person=person).count(),
        "form": form or ErasureForm(case_code=case.code),
        "retention_years": settings.CASE_RETENTION_YEARS,
        "team": request.case_access == Access.TEAM,  # type: ignore[attr-defined]
    }
    return render(request, "cases/rights.html", context, status=status)


@case_page
@require_GET
def rights(request: HttpRequest, case: Case) -> HttpResponse:
    return _rights_page(request, case)


@case_page
@require_GET
def rights_export(request: HttpRequest, case: Case) -> HttpResponse:
    refused = _team_only(request, case)
    if refused:
        return refused
    data = export_person(case.person)
    audit(
        AuditAction.EXPORT,
        case,
        actor(request),
        f"person #{case.person_id} data exported ({len(data['cases'])} cases)",
        client_ip(request),
    )
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{case.code}-data.json"'
    return response


@case_page
@require_POST
def rights_erase(request: HttpRequest, case: Case) -> HttpResponse:
    refused = _team_only(request, case)
    if refused:
        return refused
    form = ErasureForm(request.POST, case_code=case.code)
    if not form.is_valid():
        return _rights_page(request, case, form, status=400)
    try:
        anonymise_person(case.person, actor(request), client_ip(request))
    except CaseRefused as refusal:
        messages.error(request, refusal.message)
        return redirect("cases:rights", pk=case.pk)
    messages.success(
        request,
        _("The person's data was erased. Case %(code)s keeps only codes for the statistics.")
        % {"code": case.code},
    )
    return redirect("cases:case_detail", pk=case.pk)
