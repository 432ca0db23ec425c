"""The person's profile on a case: identification history, forms of exploitation, traffickers
and court proceedings. Each page lists what is recorded and holds the form to add more; the
writes are cases.services.profile's."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cases.codes import MEANS_OF_CONTROL, Country, ProtectiveMeasure
from cases.forms_profile import (
    DeleteForm,
    ExploitationEntryForm,
    HearingForm,
    IdentificationForm,
    ProceedingForm,
    TraffickerForm,
)
from cases.models import (
    Case,
    CourtProceeding,
    Exploitation,
    Hearing,
    IdentificationDecision,
    Trafficker,
)
from cases.services import CaseRefused
from cases.services import profile as service
from cases.services.profile import ProfileRefused
from cases.views import actor, case_page
from core.services import client_ip

COUNTRY_LABELS = dict(Country.choices)
CONTROL_LABELS = dict(MEANS_OF_CONTROL)
MEASURE_LABELS = dict(ProtectiveMeasure.choices)


def _refused(form: forms.Form, refusal: CaseRefused) -> None:
    """Show a service's refusal next to the field it is about (or above the form)."""
    field = refusal.field if isinstance(refusal, ProfileRefused) else None
    form.add_error(field if field in form.fields else None, refusal.message)


def _saved(request: HttpRequest, form: forms.Form, write: Callable[[], object], done: str) -> bool:
    """Validate the form and run the service's write: True when it was written (with `done`
    shown), False with the form's or the service's errors on the form."""
    if not form.is_valid():
        return False
    try:
        write()
    except CaseRefused as refusal:
        _refused(form, refusal)
        return False
    messages.success(request, done)
    return True


def _labels(codes: list[str], labels: dict[str, Any]) -> list[Any]:
    return [labels.get(code, code) for code in codes]


# Identification ----------------------------------------------------------------------------


@case_page
@require_http_methods(["GET", "POST"])
def identification(request: HttpRequest, case: Case) -> HttpResponse:
    status = 200
    if request.method == "POST":
        form = IdentificationForm(request.POST)
        if _saved(
            request,
            form,
            lambda: service.record_identification(
                case, actor(request), **form.cleaned_data, ip=client_ip(request)
            ),
            _("The identification decision was recorded."),
        ):
            return redirect("cases:identification", pk=case.pk)
        status = 400
    else:
        form = IdentificationForm(initial={"decided_on": timezone.localdate()})
    decisions = IdentificationDecision.objects.filter(case=case).select_related("recorded_by")
    return render(
        request,
        "cases/identification.html",
        {"case": case, "decisions": decisions, "form": form},
        status=status,
    )


# Exploitation ------------------------------------------------------------------------------


def _described(exploitation: Exploitation) -> Exploitation:
    exploitation.transit_labels = _labels(exploitation.transit_countries, COUNTRY_LABELS)  # type: ignore[attr-defined]
    exploitation.control_labels = _labels(exploitation.means_of_control, CONTROL_LABELS)  # type: ignore[attr-defined]
    return exploitation


@case_page
@require_http_methods(["GET", "POST"])
def exploitation(request: HttpRequest, case: Case) -> HttpResponse:
    status = 200
    form = ExploitationEntryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if _saved(
            request,
            form,
            lambda: service.add_exploitation(
                case, actor(request), form.cleaned_data, client_ip(request)
            ),
            _("The form of exploitation was recorded."),
        ):
            return redirect("cases:exploitation", pk=case.pk)
        status = 400
    items = [_described(item) for item in Exploitation.objects.filter(case=case)]
    return render(
        request,
        "cases/exploitation.html",
        {"case": case, "exploitations": items, "form": form},
        status=status,
    )


@case_page
@require_http_methods(["GET", "POST"])
def exploitation_edit(request: HttpRequest, case: Case, item: int) -> HttpResponse:
    record = get_object_or_404(Exploitation, case=case, pk=item)
    status = 200
    if request.method == "POST":
        form = ExploitationEntryForm(request.POST)
        if _saved(
            request,
            form,
            lambda: service.update_exploitation(
                record, actor(request), form.cleaned_data, client_ip(request)
            ),
            _("The form of exploitation was saved."),
        ):
            return redirect("cases:exploitation", pk=case.pk)
        status = 400
    else:
        form = ExploitationEntryForm(
            initial={name: getattr(record, name) for name in service.EXPLOITATION_FIELDS}
        )
    return render(
        request,
        "cases/exploitation_edit.html",
        {"case": case, "exploitation": record, "form": form},
        status=status,
    )


@case_page
@require_POST
def exploitation_delete(request: HttpRequest, case: Case, item: int) -> HttpResponse:
    record = get_object_or_404(Exploitation, case=case, pk=item)
    return _delete(
        request,
        record,
        service.delete_exploitation,
        _("The form of exploitation was deleted."),
        "cases:exploitation",
    )


def _delete(
    request: HttpRequest,
    record: Exploitation | Trafficker,
    delete: Callable[..., None],
    done: str,
    page: str,
) -> HttpResponse:
    """Delete a record of the case once the confirmation box was ticked, back to its page."""
    if not DeleteForm(request.POST).is_valid():
        messages.error(request, _("Confirm that you want to delete this record."))
    else:
        try:
            delete(record, actor(request), client_ip(request))
        except CaseRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, done)
    return redirect(page, pk=record.case_id)


# Traffickers -------------------------------------------------------------------------------


@case_page
@require_http_methods(["GET", "POST"])
def traffickers(request: HttpRequest, case: Case) -> HttpResponse:
    status = 200
    form = TraffickerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if _saved(
            request,
            form,
            lambda: service.add_trafficker(
                case, actor(request), form.cleaned_data, client_ip(request)
            ),
            _("The trafficker was recorded."),
        ):
            return redirect("cases:traffickers", pk=case.pk)
        status = 400
    return render(
        request,
        "cases/traffickers.html",
        {"case": case, "traffickers": Trafficker.objects.filter(case=case), "form": form},
        status=status,
    )


@case_page
@require_POST
def trafficker_delete(request: HttpRequest, case: Case, item: int) -> HttpResponse:
    record = get_object_or_404(Trafficker, case=case, pk=item)
    return _delete(
        request,
        record,
        service.delete_trafficker,
        _("The trafficker was deleted."),
        "cases:traffickers",
    )


# Court -------------------------------------------------------------------------------------


def _proceedings(case: Case) -> list[CourtProceeding]:
    proceedings = CourtProceeding.objects.filter(case=case).prefetch_related(
        Prefetch("hearings", queryset=Hearing.objects.order_by("held_on", "pk"))
    )
    for proceeding in proceedings:
        proceeding.measure_labels = _labels(proceeding.protective_measures, MEASURE_LABELS)  # type: ignore[attr-defined]
    return list(proceedings)


@case_page
@require_http_methods(["GET", "POST"])
def court(request: HttpRequest, case: Case) -> HttpResponse:
    status = 200
    form = ProceedingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if _saved(
            request,
            form,
            lambda: service.add_proceeding(
                case, actor(request), form.cleaned_data, client_ip(request)
            ),
            _("The court proceedings were recorded."),
        ):
            return redirect("cases:court", pk=case.pk)
        status = 400
    return render(
        request,
        "cases/court.html",
        {"case": case, "proceedings": _proceedings(case), "form": form},
        status=status,
    )


def _court_edit_page(
    request: HttpRequest,
    case: Case,
    proceeding: CourtProceeding,
    form: ProceedingForm | None = None,
    hearing_form: HearingForm | None = None,
    status: int = 200,
) -> HttpResponse:
    if form is None:
        form = ProceedingForm(
            initial={name: getattr(proceeding, name) for name in service.PROCEEDING_FIELDS}
        )
    context = {
        "case": case,
        "proceeding": proceeding,
        "hearings": proceeding.hearings.order_by("held_on", "pk"),
        "form": form,
        "hearing_form": hearing_form or HearingForm(),
    }
    return render(request, "cases/court_edit.html", context, status=status)


@case_page
@require_http_methods(["GET", "POST"])
def court_edit(request: HttpRequest, case: Case, item: int) -> HttpResponse:
    proceeding = get_object_or_404(CourtProceeding, case=case, pk=item)
    if request.method == "GET":
        return _court_edit_page(request, case, proceeding)
    form = ProceedingForm(request.POST)
    if _saved(
        request,
        form,
        lambda: service.update_proceeding(
            proceeding, actor(request), form.cleaned_data, client_ip(request)
        ),
        _("The court proceedings were saved."),
    ):
        return redirect("cases:court", pk=case.pk)
    return _court_edit_page(request, case, proceeding, form=form, status=400)


@case_page
@require_POST
def hearing_add(request: HttpRequest, case: Case, item: int) -> HttpResponse:
    proceeding = get_object_or_404(CourtProceeding, case=case, pk=item)
    hearing_form = HearingForm(request.POST)
    if _saved(
        request,
        hearing_form,
        lambda: service.add_hearing(
            proceeding, actor(request), **hearing_form.cleaned_data, ip=client_ip(request)
        ),
        _("The date was recorded."),
    ):
        return redirect("cases:court_edit", pk=case.pk, item=proceeding.pk)
    return _court_edit_page(request, case, proceeding, hearing_form=hearing_form, status=400)
