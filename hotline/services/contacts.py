"""Writes of a contact's life on a shift: start a draft, keep saving it while talking, record it
(or record a quick non-data contact), and discard a draft started by mistake.

Every write is one transaction with its audit entry (STYLE.md: Zulip's `do_*`), so a process
killed mid-write leaves either the whole contact or nothing.
"""

import json
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.crypto import blind_index, normalise_email
from core.errors import Refused
from core.models import AuditAction, Organisation, User
from hotline.codes import Channel, ContactKind, ContactStatus, Line
from hotline.models import Contact, ContactAction, ContactIndicator, FollowUp
from hotline.services import audit

PHONE_INDEX_PURPOSE = "hotline.contact.phone"
EMAIL_INDEX_PURPOSE = "hotline.contact.email"
COUNTRY_CALLING_CODE = "381"  # Serbia: "064 123 4567" and "+381 64 123 4567" are one number


class ContactRefused(Refused):
    """The contact cannot be changed this way (recorded already, someone else's draft)."""


class NotYourDraft(ContactRefused):
    """Another consultant's draft: only the consultant who started it may change it."""


def normalise_phone_number(value: str) -> str:
    """Digits of the national number: '+381 64 1234567', '00381641234567' and '064/123-4567'
    are one caller. A foreign number keeps its country code."""
    digits = "".join(char for char in value if char.isdigit())
    if digits.startswith("00"):
        digits = digits[2:]
    elif digits.startswith("0"):
        return digits[1:]
    if digits.startswith(COUNTRY_CALLING_CODE):
        return digits[len(COUNTRY_CALLING_CODE) :]
    return digits


def phone_index(phone: str) -> str:
    """The blind index under which contacts from this number are found."""
    return blind_index(phone, PHONE_INDEX_PURPOSE, normalise_phone_number)


def email_index(email: str) -> str:
    """The blind index under which contacts from this address are found."""
    return blind_index(email, EMAIL_INDEX_PURPOSE, normalise_email)


def start_contact(
    organisation: Organisation,
    consultant: User,
    *,
    line: str = Line.SOS,
    channel: str = Channel.PHONE,
    ip_address: str | None = None,
) -> Contact:
    """Open a draft contact now; its timer runs from `started_at`."""
    with transaction.atomic():
        contact = Contact.objects.create(
            organisation=organisation,
            consultant=consultant,
            line=line,
            channel=channel,
            started_at=timezone.now(),
        )
        audit(AuditAction.CREATE, contact, consultant, "draft contact started", ip_address)
    return contact


def check_editable(contact: Contact, consultant: User) -> None:
    """Refuse when the contact is recorded already or is another consultant's draft (an
    unassigned one, such as an online report in the queue, is anyone's to take)."""
    if contact.status == ContactStatus.RECORDED:
        raise ContactRefused(_("This contact has already been recorded."))
    if contact.consultant_id not in (None, consultant.pk):
        raise NotYourDraft(_("This draft belongs to another consultant."))


def _editable_draft(contact: Contact, consultant: User) -> Contact:
    """The draft locked for writing; refused once recorded or when it is another's draft."""
    locked = Contact.objects.select_for_update().get(pk=contact.pk)
    check_editable(locked, consultant)
    return locked


def save_draft(
    contact: Contact, consultant: User, data: dict[str, Any], *, ip_address: str | None = None
) -> Contact:
    """Keep the form as typed so far (encrypted), and index the caller's phone and e-mail so
    the repeat-caller hint works before the contact is recorded."""
    with transaction.atomic():
        draft = _editable_draft(contact, consultant)
        draft.draft_data = json.dumps(data, ensure_ascii=False, default=str)
        draft.caller_phone_index = phone_index(str(data.get("caller_phone", "")))
        draft.caller_email_index = email_index(str(data.get("caller_email", "")))
        draft.consultant = consultant
        draft.save(
            update_fields=[
                "draft_data",
                "caller_phone_index",
                "caller_email_index",
                "consultant",
                "updated_at",
            ]
        )
        audit(AuditAction.UPDATE, draft, consultant, "draft saved", ip_address)
    return draft


def draft_form_data(contact: Contact) -> dict[str, Any]:
    """The form as it was last saved in the draft (empty when there is none)."""
    if not contact.draft_data:
        return {}
    loaded = json.loads(contact.draft_data)
    return loaded if isinstance(loaded, dict) else {}


RECORDED_FIELDS = [
    "line",
    "channel",
    "started_at",
    "duration_seconds",
    "caller_type",
    "caller_institution",
    "caller_gender",
    "caller_age_band",
    "caller_citizenship",
    "caller_place",
    "caller_name",
    "caller_phone",
    "caller_email",
    "subject",
    "risk_level",
    "notes",
]


def record_contact(
    contact: Contact,
    consultant: User,
    cleaned: dict[str, Any],
    *,
    ip_address: str | None = None,
) -> Contact:
    """Record a data contact from a validated ContactForm: fields, indicators, actions and the
    follow-up task, all in one transaction with its audit entry."""
    with transaction.atomic():
        draft = _editable_draft(contact, consultant)
        for name in RECORDED_FIELDS:
            setattr(draft, name, cleaned.get(name) or getattr(Contact, name).field.get_default())
        draft.kind = ContactKind.DATA
        draft.status = ContactStatus.RECORDED
        draft.consultant = draft.consultant or consultant
        draft.caller_phone_index = phone_index(draft.caller_phone)
        draft.caller_email_index = email_index(draft.caller_email)
        draft.draft_data = ""
        draft.recorded_at = timezone.now()
        draft.save()
        draft.indicators.all().delete()
        draft.actions.all().delete()
        ContactIndicator.objects.bulk_create(
            ContactIndicator(contact=draft, code=code) for code in cleaned.get("indicators", [])
        )
        ContactAction.objects.bulk_create(
            ContactAction(contact=draft, code=code) for code in cleaned.get("actions", [])
        )
        if cleaned.get("follow_up_description"):
            FollowUp.objects.create(
                organisation=draft.organisation,
                contact=draft,
                description=cleaned["follow_up_description"],
                due_on=cleaned["follow_up_due"],
                assigned_to=consultant,
            )
        audit(AuditAction.UPDATE, draft, consultant, "contact recorded", ip_address)
    return draft


def record_quick_contact(
    organisation: Organisation,
    consultant: User,
    *,
    kind: str,
    line: str = Line.SOS,
    channel: str = Channel.PHONE,
    draft: Contact | None = None,
    ip_address: str | None = None,
) -> Contact:
    """Count a silent, hang-up, wrong-number, test or abusive contact; nothing more is asked.
    Given a draft (the call turned out to be one), the draft becomes that contact."""
    if kind not in ContactKind.values or kind == ContactKind.DATA:
        raise ContactRefused(_("Choose one of the quick buttons."))
    now = timezone.now()
    with transaction.atomic():
        if draft is None:
            contact = Contact(organisation=organisation, started_at=now)
        else:
            contact = _editable_draft(draft, consultant)
        contact.line = line
        contact.channel = channel
        contact.kind = kind
        contact.consultant = consultant
        contact.status = ContactStatus.RECORDED
        contact.duration_seconds = max(0, int((now - contact.started_at).total_seconds()))
        contact.draft_data = ""
        contact.caller_phone_index = contact.caller_email_index = ""
        contact.recorded_at = now
        contact.save()
        audit(AuditAction.CREATE, contact, consultant, f"quick contact: {kind}", ip_address)
    return contact


def discard_draft(contact: Contact, consultant: User, *, ip_address: str | None = None) -> None:
    """Delete a draft started by mistake (recorded contacts are never deleted)."""
    with transaction.atomic():
        draft = _editable_draft(contact, consultant)
        if draft.status != ContactStatus.DRAFT:
            raise ContactRefused(_("Only a draft can be discarded."))
        audit(AuditAction.DELETE, draft, consultant, "draft discarded", ip_address)
        draft.delete()


def add_follow_up(
    contact: Contact,
    actor: User,
    *,
    description: str,
    due_on: date,
    assigned_to: User,
    ip_address: str | None = None,
) -> FollowUp:
    """A task the contact leaves behind, due on a date, for one consultant."""
    with transaction.atomic():
        follow_up = FollowUp.objects.create(
            organisation=contact.organisation,
            contact=contact,
            description=description,
            due_on=due_on,
            assigned_to=assigned_to,
        )
        audit(AuditAction.UPDATE, contact, actor, "follow-up added", ip_address)
    return follow_up
