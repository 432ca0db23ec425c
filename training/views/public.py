"""The participant's side: a training's public page with the registration form, and the private
page behind the link from their e-mail (see, cancel, add to calendar, download or erase data).

Participants hold no account; their link carries a signed registration id (training.tokens).
"""

import json

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.models import AuditAction, Institution, Organisation
from core.queries import matching_words
from core.ratelimit import REGISTRATIONS
from core.scripts import normalise_for_search
from core.services import client_ip, record_audit
from core.views import public
from training import calendar as ical
from training.models import (
    AgendaItem,
    Registration,
    RegistrationStatus,
    Script,
    Training,
    TrainingDay,
    TrainingStatus,
)
from training.public_forms import RegistrationForm
from training.services.privacy import current_privacy_notice, erase_registration, participant_data
from training.services.registration import (
    DuplicateRegistration,
    RegistrationRefused,
    cancel_registration,
    refusal_reason,
    register,
    waitlist_position,
)
from training.tokens import registration_id_from, registration_token

PUBLIC_STATUSES = (TrainingStatus.OPEN, TrainingStatus.CLOSED, TrainingStatus.HELD)
HONEYPOT_FIELD = "website"
SEARCH_RESULTS = 10
SESSION_KEY = "my_registrations"

# --- The training's public page -----------------------------------------------------------------


def _public_training_or_404(slug: str, *, for_display: bool = True) -> Training:
    trainings = Training.objects.filter(slug=slug, status__in=PUBLIC_STATUSES)
    if for_display:
        trainings = trainings.select_related(
            "programme", "organisation", "accreditation", "accreditation__body"
        )
    training = trainings.first()
    if training is None:
        raise Http404
    return training


@public
@require_http_methods(["GET", "HEAD", "POST"])
def training_page(request: HttpRequest, slug: str) -> HttpResponse:
    # A registration needs only the training's own row; the page's joins wait until it is shown.
    posted = request.method == "POST"
    training = _public_training_or_404(slug, for_display=not posted)
    organisation = Organisation(pk=training.organisation_id)
    notice = current_privacy_notice(organisation)
    closed_reason = refusal_reason(training)
    if not closed_reason and notice is None:
        closed_reason = _(
            "Registration opens as soon as the organisers publish their privacy notice."
        )
    language = translation.get_language() or "en"
    form = RegistrationForm(
        request.POST if posted and not closed_reason else None,
        organisation=organisation,
        initial={
            "language": language,
            "script": Script.CYRILLIC if language == "sr" else Script.LATIN,
        },
    )
    status = 200
    if posted:
        address = client_ip(request)
        if closed_reason:
            status = 409
        elif REGISTRATIONS.limit_reached(address):
            status = 429
        elif request.POST.get(HONEYPOT_FIELD):
            # A bot filled the field people cannot see: it is told nothing, nothing is kept.
            REGISTRATIONS.count_submission(address)
            return redirect("training:public_training", slug=training.slug)
        elif form.is_valid():
            REGISTRATIONS.count_submission(address)
            data = form.cleaned_data
            try:
                registration = register(
                    training,
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    email=data["email"],
                    phone=data["phone"],
                    profession=data["profession"],
                    institution=data["institution"],
                    script=data["script"],
                    language=data["language"],
                    privacy_notice=notice,
                    ip_address=address,
                )
            except DuplicateRegistration as refusal:
                form.add_error(None, refusal.message)
                status = 409
            except RegistrationRefused as refusal:
                closed_reason = refusal.message
                status = 409
            else:
                # The registration page says where they stand and that an e-mail is on its way.
                return redirect("training:registration", token=registration_token(registration.pk))
    if posted:
        training = _public_training_or_404(slug)
    days = list(
        TrainingDay.objects.filter(training=training).prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("trainer"))
        )
    )
    # Counted only when the page is shown: a successful registration has redirected by now.
    confirmed = Registration.objects.filter(
        training=training, status=RegistrationStatus.CONFIRMED
    ).count()
    context = {
        "training": training,
        "days": days,
        "places_left": max(training.capacity - confirmed, 0),
        "notice": notice,
        "closed_reason": closed_reason,
        "form": None if closed_reason else form,
        "honeypot_field": HONEYPOT_FIELD,
        "rate_limited": status == 429,
    }
    return render(request, "training/public/training.html", context, status=status)


@public
@require_http_methods(["GET", "HEAD"])
def institution_search(request: HttpRequest, slug: str) -> JsonResponse:
    """Type-ahead over the organisation's institutions, in either script, at most ten."""
    training = (
        Training.objects.filter(slug=slug, status__in=PUBLIC_STATUSES)
        .only("organisation_id")
        .first()
    )
    if training is None:
        raise Http404
    words = normalise_for_search(request.GET.get("q", ""))[:100].split()
    if not words or sum(len(word) for word in words) < 2:
        return JsonResponse([], safe=False)
    found = matching_words(
        Institution.objects.filter(organisation_id=training.organisation_id), " ".join(words)
    )
    results = [
        {
            "id": institution.pk,
            "name": institution.name,
            "type": institution.type,
            "type_label": str(institution.get_type_display()),
            "municipality": institution.municipality,
        }
        for institution in found.order_by("name", "municipality")[:SEARCH_RESULTS]
    ]
    return JsonResponse(results, safe=False)


# --- The participant's own page -----------------------------------------------------------------


class InvalidLink(Exception):
    pass


def _registration_or_invalid(token: str) -> Registration:
    registration_id = registration_id_from(token)
    registration = (
        Registration.objects.select_related(
            "training__programme",
            "training__organisation",
            "training__accreditation__body",
            "institution",
            "privacy_notice",
        )
        .filter(pk=registration_id)
        .first()
        if registration_id is not None
        else None
    )
    if registration is None:
        raise InvalidLink
    return registration


def _invalid_link(request: HttpRequest) -> HttpResponse:
    return render(request, "training/public/link_invalid.html", status=404)


def participant_view(view):  # type: ignore[no-untyped-def]
    """Resolve the token into the registration, or answer 404 with "this link is not valid"."""

    def wrapped(request: HttpRequest, token: str) -> HttpResponse:
        try:
            registration = _registration_or_invalid(token)
        except InvalidLink:
            return _invalid_link(request)
        return view(request, registration, token)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return public(never_cache(wrapped))


def _remember(request: HttpRequest, registration: Registration) -> None:
    """Note in the session that this browser opened the link (QR self-check-in uses it)."""
    mine = list(request.session.get(SESSION_KEY, []))
    if registration.pk not in mine:
        request.session[SESSION_KEY] = [*mine, registration.pk]


@participant_view
@require_http_methods(["GET", "HEAD"])
def registration_detail(
    request: HttpRequest, registration: Registration, token: str
) -> HttpResponse:
    if registration.anonymised_at is None:
        _remember(request, registration)
    training = registration.training
    certificate = (
        registration.certificates.filter(revoked_at__isnull=True).only("pk", "code").first()
        if registration.anonymised_at is None
        and registration.status == RegistrationStatus.CONFIRMED
        else None
    )
    pending = request.session.get("pending_check_in")
    context = {
        "registration": registration,
        "training": training,
        "token": token,
        "days": list(training.days.all()),
        "position": waitlist_position(registration),
        "certificate": certificate,
        "pending_check_in": pending
        if isinstance(pending, dict)
        and pending.get("training") == training.pk
        and registration.status == RegistrationStatus.CONFIRMED
        and registration.anonymised_at is None
        else None,
    }
    return render(request, "training/public/registration.html", context)


@participant_view
@require_http_methods(["GET", "HEAD", "POST"])
def registration_cancel(
    request: HttpRequest, registration: Registration, token: str
) -> HttpResponse:
    if (
        registration.anonymised_at is not None
        or registration.status == RegistrationStatus.CANCELLED
    ):
        messages.info(request, _("This registration is already cancelled."))
        return redirect("training:registration", token=token)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        cancel_registration(registration, ip_address=client_ip(request))
        messages.success(request, _("Your registration is cancelled. We have sent you an e-mail."))
        return redirect("training:registration", token=token)
    return render(
        request,
        "training/public/confirm_cancel.html",
        {"registration": registration, "training": registration.training, "token": token},
    )


@participant_view
@require_http_methods(["GET", "HEAD", "POST"])
def registration_erase(
    request: HttpRequest, registration: Registration, token: str
) -> HttpResponse:
    if registration.anonymised_at is not None:
        messages.info(request, _("Your data was already erased."))
        return redirect("training:registration", token=token)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        erase_registration(registration, ip_address=client_ip(request))
        messages.success(request, _("Your personal data is erased."))
        return redirect("training:registration", token=token)
    return render(
        request,
        "training/public/confirm_erase.html",
        {
            "registration": registration,
            "training": registration.training,
            "token": token,
            "cancels": registration.status != RegistrationStatus.CANCELLED
            and (
                registration.training.starts_on is None
                or timezone.localdate() < registration.training.starts_on
            ),
        },
    )


@participant_view
@require_http_methods(["GET", "HEAD"])
def registration_calendar(
    request: HttpRequest, registration: Registration, token: str
) -> HttpResponse:
    if (
        registration.anonymised_at is not None
        or registration.status == RegistrationStatus.CANCELLED
    ):
        return _invalid_link(request)
    response = HttpResponse(
        ical.registration_calendar(registration), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="training.ics"'
    return response


@participant_view
@require_http_methods(["GET", "HEAD"])
def registration_data(request: HttpRequest, registration: Registration, token: str) -> HttpResponse:
    data = participant_data(registration)
    record_audit(
        action=AuditAction.EXPORT,
        organisation=registration.training.organisation,
        obj=registration,
        summary="participant downloaded their data",
        ip_address=client_ip(request),
    )
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    response["Cache-Control"] = "private, no-store"
    return response
