"""Referrals and consent on a case (the case team), and a partner organisation's inbox of the
referrals made to it (which shows the referral and nothing else of the case)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.codes import REFERRAL_TRANSITIONS, ReferralStatus
from cases.forms_referrals import (
    ConsentForm,
    ConsentWithdrawForm,
    ReferralAnswerForm,
    ReferralForm,
    ReferralStatusForm,
)
from cases.models import Case, Consent, Referral
from cases.queries import incoming_referrals_for
from cases.services import CaseRefused, audit
from cases.services.consents import record_consent, withdraw_consent
from cases.services.referrals import answer_referral, make_referral, set_referral_status
from cases.views import actor, case_page
from core.access import Capability, requires
from core.models import AuditAction
from core.services import client_ip

PAGE_SIZE = 50


def _status_choices(referral: Referral) -> list[tuple[str, str]]:
    """What the team may set a referral to: an institution's answer, or withdrawing it."""
    allowed = REFERRAL_TRANSITIONS[referral.status]
    if referral.partner_id is not None:
        allowed = allowed & {ReferralStatus.WITHDRAWN}
    return [(s.value, str(s.label)) for s in ReferralStatus if s in allowed]


def _referrals_page(
    request: HttpRequest, case: Case, form: ReferralForm | None = None, status: int = 200
) -> HttpResponse:
    referrals = list(
        case.referrals.select_related("partner", "consent__partner").order_by("-sent_on", "-pk")
    )
    for referral in referrals:
        referral.status_choices = _status_choices(referral)  # type: ignore[attr-defined]
    context = {
        "case": case,
        "referrals": referrals,
        "form": form or ReferralForm(case=case),
    }
    return render(request, "cases/referrals.html", context, status=status)


@case_page
@require_http_methods(["GET", "POST"])
def referrals(request: HttpRequest, case: Case) -> HttpResponse:
    if request.method != "POST":
        return _referrals_page(request, case)
    form = ReferralForm(request.POST, case=case)
    if not form.is_valid():
        return _referrals_page(request, case, form, status=400)
    data = form.cleaned_data
    try:
        make_referral(
            case,
            actor(request),
            data["direction"],
            partner=data["partner"],
            institution_name=data["institution_name"],
            reason_code=data["reason_code"],
            reason=data["reason"],
            shared_summary=data["shared_summary"],
            sent_on=data["sent_on"],
            consent=data["consent"],
            ip=client_ip(request),
        )
    except CaseRefused as refusal:
        form.add_error(None, refusal.message)
        return _referrals_page(request, case, form, status=400)
    messages.success(request, _("The referral was recorded."))
    return redirect("cases:referrals", pk=case.pk)


@case_page
@require_POST
def referral_status(request: HttpRequest, case: Case, item: int) -> HttpResponse:
    referral = get_object_or_404(Referral, case=case, pk=item)
    form = ReferralStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the new status of the referral."))
        return _referrals_page(request, case, status=400)
    try:
        referral = set_referral_status(
            referral,
            actor(request),
            form.cleaned_data["status"],
            form.cleaned_data["feedback"],
            client_ip(request),
        )
    except CaseRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            _("The referral is now “%(status)s”.") % {"status": referral.get_status_display()},
        )
    return redirect("cases:referrals", pk=case.pk)


def _consents_page(
    request: HttpRequest, case: Case, form: ConsentForm | None = None, status: int = 200
) -> HttpResponse:
    context = {
        "case": case,
        "consents": list(case.consents.select_related("partner").order_by("-given_on", "-pk")),
        "form": form or ConsentForm(case=case),
        "withdraw_form": ConsentWithdrawForm(),
    }
    return render(request, "cases/consents.html", context, status=status)


@case_page
@require_http_methods(["GET", "POST"])
def consents(request: HttpRequest, case: Case) -> HttpResponse:
    if request.method != "POST":
        return _consents_page(request, case)
    form = ConsentForm(request.POST, case=case)
    if not form.is_valid():
        return _consents_page(request, case, form, status=400)
    data = form.cleaned_data
    try:
        record_consent(
            case,
            actor(request),
            data["purpose"],
            data["legal_basis"],
            data["given_on"],
            partner=data["partner"],
            institution_name=data["institution_name"],
            ip=client_ip(request),
        )
    except CaseRefused as refusal:
        form.add_error(None, refusal.message)
        return _consents_page(request, case, form, status=400)
    messages.success(request, _("The consent was recorded."))
    return redirect("cases:consents", pk=case.pk)


@case_page
@require_POST
def consent_withdraw(request: HttpRequest, case: Case, item: int) -> HttpResponse:
    consent = get_object_or_404(Consent, case=case, pk=item)
    form = ConsentWithdrawForm(request.POST)
    if not form.is_valid():
        for error in form["withdrawn_on"].errors:
            messages.error(request, str(error))
        return _consents_page(request, case, status=400)
    try:
        withdraw_consent(
            consent, actor(request), form.cleaned_data["withdrawn_on"], client_ip(request)
        )
    except CaseRefused as refusal:
        messages.error(request, refusal.message)
        return _consents_page(request, case, status=400)
    messages.success(request, _("The consent was withdrawn; it applies from now on."))
    return redirect("cases:consents", pk=case.pk)


@requires(Capability.RECEIVE_REFERRALS)
@require_GET
def incoming(request: HttpRequest) -> HttpResponse:
    inbox = incoming_referrals_for(request.organisation)  # type: ignore[attr-defined]
    page = Paginator(inbox.order_by("-sent_on", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "cases/incoming.html", {"page": page})


@requires(Capability.RECEIVE_REFERRALS)
@require_http_methods(["GET", "POST"])
def incoming_detail(request: HttpRequest, item: int) -> HttpResponse:
    scope = incoming_referrals_for(request.organisation)  # type: ignore[attr-defined]
    referral = get_object_or_404(scope, pk=item)
    form = ReferralAnswerForm()
    status = 200
    if request.method == "POST":
        form = ReferralAnswerForm(request.POST)
        if form.is_valid():
            try:
                answered = answer_referral(
                    referral,
                    actor(request),
                    form.cleaned_data["status"],
                    form.cleaned_data["feedback"],
                    client_ip(request),
                )
            except CaseRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _("Your answer was sent to the case manager."))
                if answered.status == ReferralStatus.DECLINED:
                    return redirect("cases:incoming")  # a declined referral leaves the inbox
                return redirect("cases:incoming_detail", item=referral.pk)
        status = 400
    # A read of the referring organisation's case (its referral): logged in its audit log.
    audit(
        AuditAction.READ,
        referral.case,
        actor(request),
        f"referral #{referral.pk} read by organisation #{referral.partner_id}",
        client_ip(request),
    )
    answers = REFERRAL_TRANSITIONS[referral.status] - {ReferralStatus.WITHDRAWN}
    context = {
        "referral": referral,
        "form": form,
        "can_accept": ReferralStatus.ACCEPTED in answers,
        "can_decline": ReferralStatus.DECLINED in answers,
        "can_complete": ReferralStatus.COMPLETED in answers,
    }
    return render(request, "cases/incoming_detail.html", context, status=status)
