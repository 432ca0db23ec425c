"""Certificate screens: the staff page of a training's certificates with bulk issuing and its
progress, revoking and PDF download; the public verification pages and the participant's PDF."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from core.access import Capability, requires
from core.pdf import pdf_response
from core.services import client_ip
from core.views import public
from training.models import Certificate, Registration, Training
from training.queries import (
    certificate_batches_for,
    certificates_for,
    trainings_for,
)
from training.queries import certificates as queries
from training.services import certificates as services
from training.tokens import registration_id_from


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for revoking"),
        max_length=300,
        error_messages={"required": gettext_lazy("Give the reason for revoking the certificate.")},
    )


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Certificate code"),
        max_length=40,
        help_text=gettext_lazy("The code printed at the bottom of the certificate."),
        error_messages={"required": gettext_lazy("Type the code printed on the certificate.")},
    )

    def clean_code(self) -> str:
        code = services.normalise_code(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(_("Type the code printed on the certificate."))
        return code


def _noindex(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex"
    return response


# --- Public: verification and the participant's PDF ---------------------------------------------


@public
@require_safe
def verify_form(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.GET if "code" in request.GET else None)
    if form.is_bound and form.is_valid():
        return redirect("training:verify", code=form.cleaned_data["code"])
    status = 400 if form.is_bound else 200
    return _noindex(
        render(request, "training/certificates/verify_form.html", {"form": form}, status=status)
    )


@public
@require_safe
def verify(request: HttpRequest, code: str) -> HttpResponse:
    normalised = services.normalise_code(code)
    if normalised and normalised != code:
        return redirect("training:verify", code=normalised)
    certificate = queries.certificate_by_code(code)
    if certificate is None:
        response = render(
            request,
            "training/certificates/verify_unknown.html",
            {"code": code, "form": VerifyForm()},
            status=404,
        )
    else:
        holder_erased = (
            certificate.registration.anonymised_at is not None or not certificate.holder_name
        )
        response = render(
            request,
            "training/certificates/verify.html",
            {"certificate": certificate, "holder_erased": holder_erased},
        )
    return _noindex(response)


@public
@require_safe
def participant_certificate(request: HttpRequest, token: str) -> HttpResponse:
    registration_id = registration_id_from(token)
    registration = (
        Registration.objects.filter(pk=registration_id, anonymised_at__isnull=True).first()
        if registration_id is not None
        else None
    )
    certificate = queries.valid_certificate_of(registration) if registration else None
    if certificate is None:
        return render(request, "training/certificates/no_certificate.html", status=404)
    return pdf_response(
        services.certificate_pdf_bytes(certificate), f"certificate-{certificate.code}.pdf"
    )


# --- Staff --------------------------------------------------------------------------------------


def _training_or_404(request: HttpRequest, pk: int) -> Training:
    return get_object_or_404(trainings_for(request.organisation), pk=pk)  # type: ignore[attr-defined]


def _certificate_or_404(request: HttpRequest, pk: int) -> Certificate:
    return get_object_or_404(certificates_for(request.organisation), pk=pk)  # type: ignore[attr-defined]


def _certificates_page(
    request: HttpRequest,
    training: Training,
    *,
    revoking: Certificate | None = None,
    revoke_form: RevokeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    eligible = queries.eligible_registrations(training).count()
    awaiting = queries.registrations_awaiting_certificate(training).count()
    context: dict[str, Any] = {
        "training": training,
        "rule": training.programme.get_certificate_rule_display(),
        "eligible": eligible,
        "awaiting": awaiting,
        "issuable": training.status in services.ISSUABLE_STATUSES,
        "certificates": list(queries.training_certificates(training)),
        "batch": queries.latest_batch(training),
        "revoking": revoking,
        "revoke_form": revoke_form,
    }
    return render(request, "training/certificates/certificate_list.html", context, status=status)


@requires(Capability.VIEW_TRAININGS)
@require_safe
def certificate_list(request: HttpRequest, pk: int) -> HttpResponse:
    return _certificates_page(request, _training_or_404(request, pk))


@requires(Capability.MANAGE_TRAININGS)
@require_POST
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    training = _training_or_404(request, pk)
    try:
        batch = services.start_batch(
            training,
            actor=request.user,  # type: ignore[arg-type]
            ip_address=client_ip(request),
        )
    except services.CertificatesRefused as refusal:
        messages.error(request, refusal.message)
        return redirect("training:certificates", pk=training.pk)
    return redirect("training:certificate_batch", pk=batch.pk)


@requires(Capability.MANAGE_TRAININGS)
@require_safe
def batch_progress(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(
        certificate_batches_for(request.organisation).select_related(  # type: ignore[attr-defined]
            "training", "training__programme"
        ),
        pk=pk,
    )
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "status": batch.status,
                "status_display": batch.get_status_display(),
                "done": batch.done,
                "total": batch.total,
                "percent": batch.percent,
            }
        )
    return render(request, "training/certificates/batch_progress.html", {"batch": batch})


@requires(Capability.MANAGE_TRAININGS)
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = _certificate_or_404(request, pk)
    training = _training_or_404(request, certificate.registration.training_id)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        return _certificates_page(
            request, training, revoking=certificate, revoke_form=form, status=400
        )
    try:
        services.revoke_certificate(
            certificate,
            reason=form.cleaned_data["reason"],
            actor=request.user,  # type: ignore[arg-type]
            ip_address=client_ip(request),
        )
    except services.CertificatesRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request, _("Certificate %(code)s was revoked.") % {"code": certificate.code}
        )
    return redirect(reverse("training:certificates", args=[training.pk]))


@requires(Capability.VIEW_TRAININGS)
@require_safe
def certificate_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = _certificate_or_404(request, pk)
    return pdf_response(
        services.certificate_pdf_bytes(certificate), f"certificate-{certificate.code}.pdf"
    )
