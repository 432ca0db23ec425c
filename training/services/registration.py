"""Public registration: a place or a place in the queue, cancelling, promotion from the waitlist,
and the e-mails that tell participants about each.

Capacity holds under concurrency because every write that changes who is confirmed first locks
the training's row (`select_for_update()`; SQLite's IMMEDIATE transactions serialise writers),
then counts. The unique constraint on (training, e-mail) is the last guard against doubles.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.crypto import normalise_email
from core.errors import Refused
from core.localisation import localised
from core.models import AuditAction, Institution, Organisation, User, institution_key
from core.scripts import normalise_for_search
from core.services import record_audit
from training.calendar import registration_calendar
from training.models import (
    PrivacyNotice,
    Registration,
    RegistrationStatus,
    Training,
    TrainingStatus,
)
from training.tokens import registration_token

EMAIL_KINDS = frozenset({"confirmed", "waitlisted", "promoted", "cancelled"})


class RegistrationRefused(Refused):
    """The registration cannot be made; `message` tells the participant why."""


class DuplicateRegistration(RegistrationRefused):
    """The same person (same e-mail, or same name at the same institution) is already registered."""


@dataclass(frozen=True)
class NewInstitution:
    """An institution typed on the public form that the directory may not hold yet."""

    name: str
    type: str
    municipality: str


def _known_institution(
    training: Training, institution: Institution | NewInstitution | None
) -> Institution | None:
    """The directory's institution chosen or typed (in either script), without writing."""
    if not isinstance(institution, NewInstitution):
        return institution
    return Institution.objects.filter(
        organisation_id=training.organisation_id,
        search_key=institution_key(institution.name, institution.municipality),
    ).first()


def _new_institution(training: Training, institution: NewInstitution) -> Institution:
    """Add a typed institution to the directory (inside the registration's transaction)."""
    found, _created = Institution.objects.get_or_create(
        organisation_id=training.organisation_id,
        search_key=institution_key(institution.name, institution.municipality),
        defaults={
            "name": institution.name,
            "type": institution.type,
            "municipality": institution.municipality,
        },
    )
    return found


def refusal_reason(training: Training, today: date | None = None) -> str:
    """Why the training takes no registrations now, or "" when it does."""
    day = today or timezone.localdate()
    if training.status != TrainingStatus.OPEN:
        return _("Registration for this training is closed.")
    if day > training.registration_deadline:
        return _("The registration deadline for this training has passed.")
    return ""


def register(
    training: Training,
    *,
    first_name: str,
    last_name: str,
    email: str,
    phone: str,
    profession: str,
    institution: Institution | NewInstitution | None,
    script: str,
    language: str,
    privacy_notice: PrivacyNotice | None,
    ip_address: str | None = None,
) -> Registration:
    """Register a person: confirmed while places are left, else waitlisted; e-mailed on commit.

    Raises RegistrationRefused (closed, past the deadline, no notice) or DuplicateRegistration.
    """
    if privacy_notice is None or privacy_notice.organisation_id != training.organisation_id:
        raise RegistrationRefused(
            _("Registration is not possible until a privacy notice is published.")
        )
    registration = Registration(
        organisation_id=training.organisation_id,
        training_id=training.pk,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email.strip(),
        phone=phone.strip(),
        profession=profession.strip(),
        script=script,
        language=language,
        privacy_notice=privacy_notice,
        consented_at=timezone.now(),
    )
    email_key = normalise_email(registration.email)
    name_key = normalise_for_search(f"{registration.first_name} {registration.last_name}")
    try:
        # Found before the write lock is taken, so the lock is held only for the count and the
        # inserts; two identical submissions racing past this check meet the unique constraint.
        registration.institution = _known_institution(training, institution)
        same_person = Q(email_key=email_key)
        if registration.institution is not None:
            same_person |= Q(name_key=name_key, institution=registration.institution)
        if (
            Registration.objects.filter(same_person, training_id=training.pk)
            .exclude(status=RegistrationStatus.CANCELLED)
            .exists()
        ):
            raise DuplicateRegistration(_already_registered())
        with transaction.atomic():
            locked = (
                Training.objects.select_for_update()
                .only("pk", "organisation_id", "status", "registration_deadline", "capacity")
                .get(pk=training.pk)
            )
            reason = refusal_reason(locked)
            if reason:
                raise RegistrationRefused(reason)
            if registration.institution is None and isinstance(institution, NewInstitution):
                registration.institution = _new_institution(locked, institution)
            # Confirmed places are few (at most the capacity): counted on the queue's index.
            confirmed = Registration.objects.filter(
                training_id=locked.pk, status=RegistrationStatus.CONFIRMED
            ).count()
            if confirmed < locked.capacity:
                # Places freed without promotion (capacity raised): the queue goes first.
                confirmed += len(_promote(locked, locked.capacity - confirmed))
            registration.status = (
                RegistrationStatus.CONFIRMED
                if confirmed < locked.capacity
                else RegistrationStatus.WAITLISTED
            )
            registration.save()
            record_audit(
                action=AuditAction.CREATE,
                organisation=Organisation(pk=locked.organisation_id),
                obj=registration,
                summary=f"public registration for training {training.pk} ({registration.status})",
                ip_address=ip_address,
            )
            _email_on_commit(registration.pk, str(registration.status))
    except IntegrityError as error:
        # Two submissions with the same e-mail raced past the check; the constraint caught one.
        raise DuplicateRegistration(_already_registered()) from error
    return registration


def _already_registered() -> str:
    return _(
        "You are already registered for this training. Open the link in your confirmation "
        "e-mail to see or cancel your registration."
    )


def fill_free_places(training: Training) -> list[Registration]:
    """Promote waitlisted people into places left free (e.g. after the capacity was raised)."""
    with transaction.atomic():
        locked = Training.objects.select_for_update().get(pk=training.pk)
        confirmed = Registration.objects.filter(
            training_id=locked.pk, status=RegistrationStatus.CONFIRMED
        ).count()
        return _promote(locked, max(locked.capacity - confirmed, 0))


def _promote(training: Training, places: int) -> list[Registration]:
    """Move the first `places` waitlisted people up; the caller holds the training's lock."""
    if places <= 0:
        return []
    queue = list(
        Registration.objects.filter(
            training_id=training.pk, status=RegistrationStatus.WAITLISTED
        ).order_by("created_at", "pk")[:places]
    )
    now = timezone.now()
    for registration in queue:
        registration.status = RegistrationStatus.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        record_audit(
            action=AuditAction.UPDATE,
            organisation=Organisation(pk=training.organisation_id),
            obj=registration,
            summary=f"promoted from the waitlist of training {training.pk}",
        )
        _email_on_commit(registration.pk, "promoted")
    return queue


def cancel_registration(
    registration: Registration, *, actor: User | None = None, ip_address: str | None = None
) -> Registration | None:
    """Cancel a registration; a confirmed place freed before the first day goes to the first
    waitlisted person, who is e-mailed. Returns that person's registration, if any.

    Cancelling an already cancelled registration changes nothing and returns None.
    """
    with transaction.atomic():
        training = Training.objects.select_for_update().get(pk=registration.training_id)
        promoted = _cancel_locked(registration, training, actor=actor, ip_address=ip_address)
    return promoted


def _cancel_locked(
    registration: Registration,
    training: Training,
    *,
    actor: User | None,
    ip_address: str | None,
    email: bool = True,
) -> Registration | None:
    current = Registration.objects.select_for_update().get(pk=registration.pk)
    if current.status == RegistrationStatus.CANCELLED:
        registration.status, registration.cancelled_at = current.status, current.cancelled_at
        return None
    was_confirmed = current.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    Registration.objects.filter(pk=registration.pk).update(
        status=registration.status, cancelled_at=registration.cancelled_at
    )
    record_audit(
        action=AuditAction.UPDATE,
        actor=actor,
        organisation=Organisation(pk=training.organisation_id),
        obj=registration,
        summary=f"registration for training {training.pk} cancelled",
        ip_address=ip_address,
    )
    if email:
        _email_on_commit(registration.pk, "cancelled")
    if was_confirmed and is_before_first_day(training):
        promoted = _promote(training, 1)
        return promoted[0] if promoted else None
    return None


def is_before_first_day(training: Training) -> bool:
    """True while the training has not started (a place freed then can still be taken)."""
    return training.starts_on is None or timezone.localdate() < training.starts_on


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first in the queue; None when the registration is not waitlisted."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = (
        Registration.objects.filter(
            training_id=registration.training_id, status=RegistrationStatus.WAITLISTED
        )
        .filter(
            Q(created_at__lt=registration.created_at)
            | Q(created_at=registration.created_at, pk__lt=registration.pk)
        )
        .count()
    )
    return ahead + 1


def registration_link(registration: Registration) -> str:
    """The participant's private link, absolute, for e-mails."""
    path = reverse("training:registration", args=[registration_token(registration.pk)])
    return settings.SITE_URL.rstrip("/") + path


def _email_on_commit(registration_id: int, kind: str) -> None:
    """Queue the e-mail in the caller's transaction: with the database task backend the task row
    commits (or rolls back) with the registration, so a crash in between cannot lose the e-mail
    or send one for a registration that was never kept."""
    from training.tasks import send_registration_email as task

    task.enqueue(registration_id, kind)


def send_registration_email(registration_id: int, kind: str) -> None:
    """E-mail the participant about their registration in their language (Cyrillic for "sr");
    a confirmation (or promotion) carries the days as an .ics invitation."""
    if kind not in EMAIL_KINDS:
        raise ValueError(f"unknown registration e-mail {kind!r}")
    registration = (
        Registration.objects.select_related(
            "training__programme", "training__organisation", "institution"
        )
        .filter(pk=registration_id, anonymised_at__isnull=True)
        .exclude(email="")
        .first()
    )
    if registration is None:  # erased since: there is nobody to write to
        return
    training = registration.training
    days = list(training.days.all())
    with translation.override(registration.language):
        context = {
            "kind": kind,
            "registration": registration,
            "training": training,
            "days": days,
            "programme_title": localised(training.programme, "title"),
            "position": waitlist_position(registration),
            "link": registration_link(registration),
            "organisation": training.organisation,
        }
        subject = render_to_string("training/email/registration_subject.txt", context).strip()
        body = render_to_string("training/email/registration_body.txt", context)
        html = render_to_string("training/email/registration_body.html", context)
        message = EmailMultiAlternatives(subject, body, None, [registration.email])
        message.attach_alternative(html, "text/html")
        if kind in {"confirmed", "promoted"}:
            message.attach(
                "training.ics",
                registration_calendar(registration, days=days),
                "text/calendar; charset=utf-8; method=PUBLISH",
            )
    message.send()
