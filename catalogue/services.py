"""Writes of the catalogue: each one transaction with its audit entry (and notification)."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from catalogue.models import (
    Accreditation,
    AccreditingBody,
    Enquiry,
    EnquiryStatus,
    Programme,
    ProgrammeAudience,
)
from catalogue.public_pages import catalogue_changed
from catalogue.queries import enquiry_recipients
from catalogue.scripts import slug_from
from core.localisation import localised
from core.models import AuditAction, Organisation, User
from core.services import record_audit


def save_body(
    body: AccreditingBody,
    *,
    organisation: Organisation,
    actor: User | None = None,
    ip_address: str | None = None,
) -> AccreditingBody:
    """Create or update an accrediting body of the organisation."""
    creating = body.pk is None
    with transaction.atomic():
        body.organisation = organisation
        body.save()
        catalogue_changed()
        record_audit(
            action=AuditAction.CREATE if creating else AuditAction.UPDATE,
            actor=actor,
            organisation=organisation,
            obj=body,
            summary="accrediting body added" if creating else "accrediting body changed",
            ip_address=ip_address,
        )
    return body


def unique_slug(title: str) -> str:
    """A programme address made from the title, numbered when another programme has it."""
    base = slug_from(title)[:100].strip("-") or "programme"
    taken = set(Programme.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def save_programme(
    programme: Programme,
    *,
    sectors: Iterable[str],
    organisation: Organisation,
    actor: User | None = None,
    ip_address: str | None = None,
) -> Programme:
    """Create or update a programme with its audience sectors; the address is kept on edits."""
    creating = programme.pk is None
    sectors = sorted(set(sectors))
    with transaction.atomic():
        programme.organisation = organisation
        if not programme.slug:
            programme.slug = unique_slug(programme.title_sr)
        programme.save()
        catalogue_changed()
        programme.audiences.exclude(sector__in=sectors).delete()
        existing = set(programme.audiences.values_list("sector", flat=True))
        ProgrammeAudience.objects.bulk_create(
            [ProgrammeAudience(programme=programme, sector=s) for s in sectors if s not in existing]
        )
        record_audit(
            action=AuditAction.CREATE if creating else AuditAction.UPDATE,
            actor=actor,
            organisation=organisation,
            obj=programme,
            summary=f"programme {'added' if creating else 'changed'}, status {programme.status}",
            ip_address=ip_address,
        )
    return programme


def save_accreditation(
    accreditation: Accreditation,
    *,
    programme: Programme,
    actor: User | None = None,
    ip_address: str | None = None,
) -> Accreditation:
    """Record (or correct) an accreditation decision of one of the organisation's programmes."""
    creating = accreditation.pk is None
    with transaction.atomic():
        accreditation.programme = programme
        accreditation.organisation_id = programme.organisation_id
        accreditation.save()
        catalogue_changed()
        record_audit(
            action=AuditAction.CREATE if creating else AuditAction.UPDATE,
            actor=actor,
            organisation=programme.organisation,
            obj=accreditation,
            summary=(
                f"accreditation {'added' if creating else 'changed'} for programme {programme.pk}, "
                f"valid {accreditation.valid_from}..{accreditation.valid_until}"
            ),
            ip_address=ip_address,
        )
    return accreditation


def submit_enquiry(programme: Programme, data: dict[str, Any], *, language: str) -> Enquiry:
    """Store a public enquiry and, once committed, tell the organisation's coordinators."""
    with transaction.atomic():
        enquiry = Enquiry.objects.create(
            organisation=programme.organisation,
            programme=programme,
            institution_name=data["institution_name"],
            institution_type=data["institution_type"],
            municipality=data["municipality"],
            contact_name=data["contact_name"],
            contact_email=data["contact_email"],
            contact_phone=data.get("contact_phone", ""),
            message=data["message"],
            language=language,
        )
        record_audit(
            action=AuditAction.CREATE,
            organisation=programme.organisation,
            obj=enquiry,
            summary=f"public enquiry about programme {programme.pk}",
        )
        transaction.on_commit(lambda: notify_coordinators(enquiry))
    return enquiry


def notify_coordinators(enquiry: Enquiry) -> None:
    """E-mail each coordinator in their own language: which programme and institution, and where
    to read the enquiry. The contact's details stay in Putokaz, where reading them is audited."""
    link = settings.SITE_URL.rstrip("/") + reverse("catalogue:enquiry_detail", args=[enquiry.pk])
    for recipient in enquiry_recipients(enquiry.organisation):
        with translation.override(recipient.preferred_language or settings.LANGUAGE_CODE):
            context = {
                "enquiry": enquiry,
                "programme_title": localised(enquiry.programme, "title"),
                "link": link,
            }
            subject = render_to_string("catalogue/email/enquiry_subject.txt", context).strip()
            body = render_to_string("catalogue/email/enquiry_body.txt", context)
        send_mail(subject, body, None, [recipient.email])


def set_enquiry_status(
    enquiry: Enquiry,
    status: str,
    *,
    actor: User,
    ip_address: str | None = None,
) -> Enquiry:
    """Move an enquiry along (new, in progress, answered, closed); the actor becomes its handler."""
    with transaction.atomic():
        enquiry.status = EnquiryStatus(status)
        enquiry.handled_by = actor
        enquiry.save(update_fields=["status", "handled_by"])
        record_audit(
            action=AuditAction.UPDATE,
            actor=actor,
            organisation=enquiry.organisation,
            obj=enquiry,
            summary=f"enquiry status set to {enquiry.status}",
            ip_address=ip_address,
        )
    return enquiry


def record_enquiry_read(enquiry: Enquiry, *, actor: User, ip_address: str | None = None) -> None:
    """Audit that a member opened an enquiry's contact details (personal data)."""
    record_audit(
        action=AuditAction.READ,
        actor=actor,
        organisation=enquiry.organisation,
        obj=enquiry,
        summary="enquiry contact details opened",
        ip_address=ip_address,
    )
