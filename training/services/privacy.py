"""Participants' personal data under the privacy notice: the versioned notice itself, a copy of
everything kept about a participant, erasure on request and anonymisation after retention.

Erasure is anonymisation, so that counts stay true: the name, e-mail, phone and the keys made
from them are removed; profession, institution, status and attendance stay (they say little about
one person on their own and make the training's statistics). A certificate keeps its code and
training so that verifying it still works, but no longer names the holder, and its PDF is deleted.
"""

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from core.models import AuditAction, Organisation, User
from core.services import record_audit
from training.models import Certificate, PrivacyNotice, Registration, RegistrationStatus, Training
from training.services.registration import _cancel_locked, is_before_first_day

ANONYMISED_NAME = "—"
BATCH_SIZE = 200


def current_privacy_notice(organisation: Organisation) -> PrivacyNotice | None:
    """The notice participants consent to now: the organisation's newest version."""
    return PrivacyNotice.objects.filter(organisation=organisation).order_by("-version").first()


def publish_privacy_notice(
    organisation: Organisation,
    text_sr: str,
    text_en: str,
    actor: User | None,
    ip_address: str | None = None,
) -> PrivacyNotice:
    """Publish a new version of the notice; earlier consents stay tied to the version they saw."""
    with transaction.atomic():
        # Lock the organisation so that two coordinators publishing at once get two versions.
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
        latest = PrivacyNotice.objects.filter(organisation=organisation).aggregate(
            latest=Max("version")
        )["latest"]
        notice = PrivacyNotice.objects.create(
            organisation=organisation,
            version=(latest or 0) + 1,
            text_sr=text_sr.strip(),
            text_en=text_en.strip(),
        )
        record_audit(
            action=AuditAction.CREATE,
            actor=actor,
            organisation=organisation,
            obj=notice,
            summary=f"privacy notice version {notice.version} published",
            ip_address=ip_address,
        )
    return notice


def participant_data(registration: Registration) -> dict[str, Any]:
    """Everything kept about a participant's registration, for their own download."""
    training = registration.training
    site = settings.SITE_URL.rstrip("/")
    institution = registration.institution
    return {
        "registration": {
            "first_name": registration.first_name,
            "last_name": registration.last_name,
            "email": registration.email,
            "phone": registration.phone,
            "profession": registration.profession,
            "institution": None
            if institution is None
            else {
                "name": institution.name,
                "type": institution.type,
                "municipality": institution.municipality,
            },
            "script": registration.script,
            "language": registration.language,
            "status": registration.status,
            "registered_at": registration.created_at.isoformat(),
            "promoted_at": _iso(registration.promoted_at),
            "cancelled_at": _iso(registration.cancelled_at),
            "anonymised_at": _iso(registration.anonymised_at),
        },
        "consent": {
            "privacy_notice_version": registration.privacy_notice.version,
            "consented_at": registration.consented_at.isoformat(),
            "text_sr": registration.privacy_notice.text_sr,
            "text_en": registration.privacy_notice.text_en,
        },
        "training": {
            "organisation": training.organisation.name,
            "programme": training.programme.title_sr,
            "city": training.city,
            "venue": training.venue,
            "days": [day.date.isoformat() for day in training.days.all()],
        },
        "attendance": [
            {
                "day": a.day.date.isoformat(),
                "source": a.source,
                "recorded_at": a.recorded_at.isoformat(),
            }
            for a in registration.attendances.select_related("day").order_by("day__date")
        ],
        "certificates": [
            {
                "code": c.code,
                "holder_name": c.holder_name,
                "programme": c.programme_title,
                "issued_at": c.issued_at.isoformat(),
                "revoked_at": _iso(c.revoked_at),
                "revoked_reason": c.revoked_reason,
                "verification": site + reverse("training:verify", args=[c.code]),
            }
            for c in registration.certificates.order_by("issued_at")
        ],
    }


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def erase_registration(
    registration: Registration, *, actor: User | None = None, ip_address: str | None = None
) -> Registration:
    """Anonymise a registration at the participant's request; a place at a training still to
    come is cancelled first (and given to the first waitlisted person)."""
    with transaction.atomic():
        training = Training.objects.select_for_update().get(pk=registration.training_id)
        if registration.anonymised_at is None:
            if registration.status != RegistrationStatus.CANCELLED and is_before_first_day(
                training
            ):
                _cancel_locked(
                    registration, training, actor=actor, ip_address=ip_address, email=False
                )
            _anonymise([registration.pk])
            record_audit(
                action=AuditAction.DELETE,
                actor=actor,
                organisation=Organisation(pk=training.organisation_id),
                obj=registration,
                summary=f"registration for training {training.pk} anonymised on request",
                ip_address=ip_address,
            )
    registration.refresh_from_db()
    return registration


def anonymise_expired_registrations() -> int:
    """Anonymise registrations of trainings that ended more than the retention period ago, in
    batches; running it again finds nothing new. Returns how many were anonymised."""
    cutoff = timezone.localdate() - timedelta(days=settings.REGISTRATION_RETENTION_DAYS)
    expired = Registration.objects.filter(
        anonymised_at__isnull=True, training__ends_on__lt=cutoff
    ).order_by("pk")
    total = 0
    while True:
        with transaction.atomic():
            batch = list(expired.values_list("pk", "organisation_id")[:BATCH_SIZE])
            if not batch:
                break
            _anonymise([pk for pk, _org in batch])
            by_organisation: dict[int, int] = {}
            for _pk, organisation_id in batch:
                by_organisation[organisation_id] = by_organisation.get(organisation_id, 0) + 1
            for organisation_id, count in by_organisation.items():
                record_audit(
                    action=AuditAction.DELETE,
                    organisation=Organisation(pk=organisation_id),
                    object_type="training.registration",
                    summary=f"{count} registrations anonymised after the retention period",
                )
        total += len(batch)
    return total


def _anonymise(registration_ids: Iterable[int]) -> None:
    """Blank the personal fields of the registrations and their certificates (inside the
    caller's transaction); the certificates' PDFs are deleted once it commits."""
    ids = list(registration_ids)
    now = timezone.now()
    Registration.objects.filter(pk__in=ids).update(
        first_name=ANONYMISED_NAME,
        last_name="",
        email="",
        phone="",
        email_key="",
        name_key="",
        anonymised_at=now,
    )
    certificates = Certificate.objects.filter(registration_id__in=ids)
    files = [name for name in certificates.exclude(pdf="").values_list("pdf", flat=True) if name]
    certificates.update(holder_name=ANONYMISED_NAME, pdf="")
    if files:
        transaction.on_commit(lambda: _delete_files(files))


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)
