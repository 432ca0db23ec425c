"""Hand-over to case managers: a consultant hands a recorded contact over; a case manager reads
the intake and opens a case (a pseudonymous case code) or declines with a reason."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.access import Capability, requires
from core.models import AuditAction, User
from core.services import audit_request, client_ip
from hotline.codes import HandoverStatus
from hotline.forms_handovers import HandoverDecisionForm, HandoverRequestForm
from hotline.models import CaseHandover
from hotline.queries import contacts_for
from hotline.queries import handovers as queries
from hotline.services.handovers import (
    HandoverRefused,
    accept_handover,
    decline_handover,
    request_handover,
)

PAGE_SIZE = 50


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@requires(Capability.RECORD_CONTACTS)
@require_POST
def handover_request(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(contacts_for(request.organisation), pk=pk)  # type: ignore[attr-defined]
    form = HandoverRequestForm(request.POST)
    if not form.is_valid():
        # The form sits on the contact's page; with an error it is shown on a page of its own.
        return render(
            request, "hotline/handover_request.html", {"form": form, "contact": contact}, status=400
        )
    try:
        request_handover(contact, _actor(request), form.cleaned_data["reason"], client_ip(request))
    except HandoverRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The contact was handed over to the case managers."))
    return redirect("hotline:contact_detail", pk=contact.pk)


@requires(Capability.OPEN_CASES)
@require_GET
def handover_list(request: HttpRequest) -> HttpResponse:
    queue = queries.handover_queue(request.organisation)  # type: ignore[attr-defined]
    page = Paginator(queue, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "hotline/handovers.html", {"page": page})


def _handover_or_404(request: HttpRequest, pk: int) -> CaseHandover:
    handover = queries.handover_with_intake(request.organisation, pk)  # type: ignore[attr-defined]
    if handover is None:
        raise Http404
    return handover


def _handover_page(
    request: HttpRequest,
    handover: CaseHandover,
    form: HandoverDecisionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The hand-over with the contact's intake; showing it is an audited read of the contact."""
    contact = handover.contact
    audit_request(request, AuditAction.READ, obj=contact, summary=f"hand-over #{handover.pk}")
    context = {
        "handover": handover,
        "contact": contact,
        "indicators": list(contact.indicators.all()),
        "actions": list(contact.actions.all()),
        "form": form or HandoverDecisionForm(),
        "waiting": handover.status == HandoverStatus.REQUESTED,
    }
    return render(request, "hotline/handover.html", context, status=status)


@requires(Capability.OPEN_CASES)
@require_GET
def handover_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _handover_page(request, _handover_or_404(request, pk))


@requires(Capability.OPEN_CASES)
@require_POST
def handover_decide(request: HttpRequest, pk: int) -> HttpResponse:
    handover = _handover_or_404(request, pk)
    form = HandoverDecisionForm(request.POST)
    if not form.is_valid():
        return _handover_page(request, handover, form, status=400)
    try:
        if form.cleaned_data["decision"] == HandoverDecisionForm.ACCEPT:
            handover = accept_handover(handover, _actor(request), client_ip(request))
            messages.success(request, _("Case %(code)s opened.") % {"code": handover.case_code})
        else:
            decline_handover(
                handover, _actor(request), form.cleaned_data["decline_reason"], client_ip(request)
            )
            messages.success(request, _("The hand-over was declined."))
    except HandoverRefused as refusal:
        messages.error(request, refusal.message)
    return redirect("hotline:handover", pk=pk)
