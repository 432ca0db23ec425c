"""Certificates: bulk runs with progress, issuing one (snapshot, PDF, e-mail), revoking.

A certificate keeps what it said when it was issued (holder, programme, dates, accreditation), in
the participant's script, so that its verification page reads the same years later.
"""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from catalogue.models import CertificateRule
from core.codes import readable_code
from core.errors import Refused
from core.models import AuditAction, User
from core.pdf import render_pdf
from core.qr import qr_data_uri
from core.scripts import to_cyrillic, to_latin
from core.services import record_audit
from training.models import (
    BatchStatus,
    Certificate,
    CertificateBatch,
    Registration,
    Script,
    Training,
    TrainingStatus,
)
from training.queries.certificates import (
    eligible_registrations,
    registrations_awaiting_certificate,
    valid_certificate_of,
)
from training.tokens import registration_token

__all__ = [
    "CertificatesRefused",
    "certificate_pdf_bytes",
    "eligible_registrations",
    "issue_certificate",
    "normalise_code",
    "revoke_certificate",
    "run_batch",
    "start_batch",
]

logger = logging.getLogger(__name__)

CODE_LENGTH = 10  # readable_code: no look-alikes, for a code typed from paper
ISSUABLE_STATUSES = frozenset({TrainingStatus.HELD, TrainingStatus.REPORTED})
# A run started this recently and not finished counts as still going (a double click).
RUN_IN_PROGRESS_SECONDS = 10 * 60


class CertificatesRefused(Refused):
    """Certificates cannot be issued or revoked as asked; the message says why."""


def new_code() -> str:
    """A random certificate code of unambiguous letters and digits."""
    return readable_code(CODE_LENGTH)


def normalise_code(text: str) -> str:
    """A code as typed (lower case, spaces, dashes) in the form it is stored."""
    return "".join(char for char in text.upper() if char.isalnum())


def _check_issuable(training: Training) -> None:
    if training.status not in ISSUABLE_STATUSES:
        raise CertificatesRefused(
            _("Certificates can be issued only after the training has been held.")
        )
    if training.programme.certificate_rule == CertificateRule.NONE:
        raise CertificatesRefused(_("The programme of this training gives no certificates."))


def start_batch(
    training: Training, *, actor: User | None, ip_address: str | None = None
) -> CertificateBatch:
    """Start a bulk run for everyone eligible without a valid certificate; the work runs as a
    background task once this transaction commits."""
    from training.tasks import issue_certificates

    _check_issuable(training)
    recent = timezone.now() - timedelta(seconds=RUN_IN_PROGRESS_SECONDS)
    running = CertificateBatch.objects.filter(
        training=training,
        status__in=[BatchStatus.QUEUED, BatchStatus.RUNNING],
        created_at__gte=recent,
    )
    if running.exists():
        raise CertificatesRefused(_("Certificates of this training are being issued already."))
    pending = registrations_awaiting_certificate(training).count()
    if pending == 0:
        raise CertificatesRefused(_("Every eligible participant already has a certificate."))
    with transaction.atomic():
        batch = CertificateBatch.objects.create(
            organisation_id=training.organisation_id,
            training=training,
            requested_by=actor if actor is not None and actor.pk else None,
            total=pending,
        )
        record_audit(
            action=AuditAction.CREATE,
            actor=actor,
            organisation=training.organisation,
            obj=batch,
            summary=f"certificate run for training {training.pk}: {pending} to issue",
            ip_address=ip_address,
        )
        transaction.on_commit(lambda: issue_certificates.enqueue(batch.pk))
    return batch


def run_batch(batch_id: int) -> None:
    """Issue a run's certificates one by one, each in its own transaction, so progress shows as
    it goes and a crash keeps what was made; a second run of the same batch issues nothing twice."""
    batch = CertificateBatch.objects.get(pk=batch_id)
    if batch.status == BatchStatus.FINISHED:
        return
    training = _training_for_issuing(batch.training_id)
    registrations = list(registrations_awaiting_certificate(training))
    batch.status = BatchStatus.RUNNING
    batch.total = batch.done + len(registrations)
    batch.save(update_fields=["status", "total"])
    try:
        for registration in registrations:
            registration.training = training
            issue_certificate(registration)
            batch.done += 1
            batch.save(update_fields=["done"])
    except Exception as error:
        batch.status = BatchStatus.FAILED
        batch.error = str(error)[:500] or type(error).__name__
        batch.finished_at = timezone.now()
        batch.save(update_fields=["status", "error", "finished_at"])
        raise
    batch.status = BatchStatus.FINISHED
    batch.finished_at = timezone.now()
    batch.save(update_fields=["status", "finished_at"])


def _training_for_issuing(training_id: int) -> Training:
    return Training.objects.select_related(
        "organisation", "programme", "accreditation", "accreditation__body"
    ).get(pk=training_id)


def _in_script(text: str, script: str) -> str:
    return to_cyrillic(text) if script == Script.CYRILLIC else to_latin(text)


def _accreditation_text(training: Training, script: str) -> str:
    accreditation = training.accreditation
    if accreditation is None:
        return ""
    return (
        f"{_in_script(accreditation.body.name_sr, script)}, {accreditation.decision_number}, "
        f"{accreditation.decision_date:%d.%m.%Y}."
    )


def issue_certificate(registration: Registration) -> Certificate:
    """Issue the registration's certificate (or return the valid one it has): snapshot, PDF,
    audit entry, and the e-mail with the PDF once committed."""
    existing = valid_certificate_of(registration)
    if existing is not None:
        return existing
    training = registration.training
    _check_issuable(training)
    starts_on, ends_on = training.starts_on, training.ends_on
    if starts_on is None or ends_on is None:
        raise CertificatesRefused(_("The training has no days, so nobody can have attended it."))
    script = registration.script
    accreditation = training.accreditation
    certificate = Certificate(
        organisation=training.organisation,
        registration=registration,
        code=new_code(),
        holder_name=_in_script(registration.full_name, script),
        programme_title=_in_script(training.programme.title_sr, script),
        city=_in_script(training.city, script),
        starts_on=starts_on,
        ends_on=ends_on,
        accreditation_text=_accreditation_text(training, script),
        cpd_points=accreditation.cpd_points if accreditation else None,
        script=script,
    )
    # Rendered before the transaction: the database is not held while WeasyPrint works.
    content = render_certificate_pdf(certificate, issued_on=timezone.localdate())
    try:
        with transaction.atomic():
            certificate.pdf.save(f"{certificate.code}.pdf", ContentFile(content), save=False)
            certificate.save()
            record_audit(
                action=AuditAction.CREATE,
                organisation=training.organisation,
                obj=certificate,
                summary=f"certificate issued for registration {registration.pk}",
            )
            transaction.on_commit(lambda: send_certificate_email(certificate.pk), robust=True)
    except IntegrityError:
        # Issued meanwhile by another run (one valid certificate per registration).
        certificate.pdf.delete(save=False)
        existing = valid_certificate_of(registration)
        if existing is None:
            raise
        return existing
    return certificate


def verification_url(code: str) -> str:
    """The public address that tells whether a certificate is valid."""
    return settings.SITE_URL.rstrip("/") + reverse("training:verify", args=[code])


def render_certificate_pdf(certificate: Certificate, *, issued_on: date | None = None) -> bytes:
    """The one-page A4 landscape PDF of a certificate, its labels in the certificate's script."""
    url = verification_url(certificate.code)
    context = {
        "certificate": certificate,
        "organisation_name": certificate.organisation.name,
        "issued_on": issued_on or timezone.localtime(certificate.issued_at).date(),
        "verification_url": url,
        "qr": qr_data_uri(url, scale=4),
    }
    language = "sr" if certificate.script == Script.CYRILLIC else "sr-latn"
    return render_pdf("training/certificates/certificate_pdf.html", context, language=language)


def certificate_pdf_bytes(certificate: Certificate) -> bytes:
    """The stored PDF; rendered again and stored when the file is missing."""
    if certificate.pdf:
        try:
            with certificate.pdf.open("rb") as stored:
                return stored.read()
        except FileNotFoundError:
            logger.warning("Certificate %s: PDF file missing, rendering it again", certificate.pk)
    content = render_certificate_pdf(certificate)
    certificate.pdf.save(f"{certificate.code}.pdf", ContentFile(content), save=False)
    Certificate.objects.filter(pk=certificate.pk).update(pdf=certificate.pdf.name)
    return content


def send_certificate_email(certificate_id: int) -> None:
    """E-mail the participant their certificate as a PDF attachment, in their language."""
    certificate = Certificate.objects.select_related(
        "registration", "registration__training", "organisation"
    ).get(pk=certificate_id)
    registration = certificate.registration
    if not certificate.is_valid or registration.anonymised_at or not registration.email:
        return
    link = settings.SITE_URL.rstrip("/") + reverse(
        "training:registration_certificate", args=[registration_token(registration.pk)]
    )
    with translation.override(registration.language or settings.LANGUAGE_CODE):
        context = {
            "certificate": certificate,
            "organisation_name": certificate.organisation.name,
            "verification_url": verification_url(certificate.code),
            "download_url": link,
        }
        subject = render_to_string("training/certificates/email_subject.txt", context).strip()
        body = render_to_string("training/certificates/email_body.txt", context)
    message = EmailMessage(subject, body, to=[registration.email])
    message.attach(
        f"certificate-{certificate.code}.pdf", certificate_pdf_bytes(certificate), "application/pdf"
    )
    message.send()
    Certificate.objects.filter(pk=certificate.pk).update(emailed_at=timezone.now())


def revoke_certificate(
    certificate: Certificate, *, reason: str, actor: User | None, ip_address: str | None = None
) -> Certificate:
    """Revoke a certificate with the reason its verification page will show."""
    reason = reason.strip()
    if not reason:
        raise CertificatesRefused(_("Give the reason for revoking the certificate."))
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.revoked_at is not None:
            raise CertificatesRefused(_("This certificate was revoked already."))
        locked.revoked_at = timezone.now()
        locked.revoked_reason = reason[:300]
        locked.save(update_fields=["revoked_at", "revoked_reason"])
        record_audit(
            action=AuditAction.UPDATE,
            actor=actor,
            organisation=certificate.organisation,
            obj=locked,
            summary="certificate revoked",
            ip_address=ip_address,
        )
    certificate.revoked_at, certificate.revoked_reason = locked.revoked_at, locked.revoked_reason
    return certificate
