"""Writes of anonymous online reports: the reporter sends a report and adds information later
with a reference and passphrase; consultants read it, reply and take it to record as a contact.

The reporter's actions are audited without an actor and without an address: nothing stored
points back at the person who reported. Consultants are told by e-mail that something arrived,
never what (the content stays in Putokaz, where reading it is audited).
"""

import json
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.codes import readable_code
from core.errors import Refused
from core.models import AuditAction, Organisation, Role, User
from hotline.codes import Channel, ContactKind, ContactStatus, Line
from hotline.models import Contact, OnlineReport, ReportMessage
from hotline.queries.online_reports import report_by_reference
from hotline.services import audit
from hotline.services.contacts import email_index, phone_index
from hotline.services.notices import email_members, link_to

REFERENCE_LENGTH = 10
PASSPHRASE_GROUPS = 4  # four groups of four readable characters: about 79 bits
PASSPHRASE_GROUP_LENGTH = 4
NOTIFICATION_KINDS = frozenset({"new", "information"})


class ReportRefused(Refused):
    """The online report cannot be changed this way (already taken by another consultant)."""


def new_passphrase() -> str:
    """A passphrase easy to write down: XXXX-XXXX-XXXX-XXXX from the readable alphabet."""
    return "-".join(readable_code(PASSPHRASE_GROUP_LENGTH) for _ in range(PASSPHRASE_GROUPS))


def _normalise_passphrase(value: str) -> str:
    # The reporter may type it in lower case, with spaces, or without the dashes.
    return "".join(char for char in value.upper() if char.isalnum())


def submit_online_report(
    organisation: Organisation, cleaned: dict[str, Any], language: str
) -> tuple[OnlineReport, str]:
    """Keep a report from /report/ as a received contact in the consultants' queue and tell them;
    returns the report and its passphrase, which exists nowhere else (only its hash is kept)."""
    passphrase = new_passphrase()
    name = cleaned.get("name", "")
    phone = cleaned.get("phone", "")
    email = cleaned.get("email", "")
    with transaction.atomic():
        contact = Contact.objects.create(
            organisation=organisation,
            status=ContactStatus.RECEIVED,
            line=Line.SOS,
            channel=Channel.ONLINE_REPORT,
            kind=ContactKind.DATA,
            started_at=timezone.now(),
            consultant=None,
            caller_name=name,
            caller_phone=phone,
            caller_email=email,
            caller_phone_index=phone_index(phone),
            caller_email_index=email_index(email),
        )
        report = _create_report(
            organisation=organisation,
            contact=contact,
            passphrase_hash=make_password(_normalise_passphrase(passphrase)),
            what_happened=cleaned["what_happened"],
            where=cleaned.get("where", ""),
            when=cleaned.get("when", ""),
            language=language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE,
        )
        # No actor and no address: the reporter is anonymous, and stays so in the audit log.
        audit(
            AuditAction.CREATE,
            report.contact,
            None,
            _summary("online report received", report),
            None,
        )
        _notify_consultants(report, "new")
    return report, passphrase


def _create_report(**fields: Any) -> OnlineReport:
    """Create the report under a fresh reference; a (very unlikely) taken one is drawn again."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return OnlineReport.objects.create(
                    reference=readable_code(REFERENCE_LENGTH), **fields
                )
        except IntegrityError:
            continue
    raise IntegrityError("no free online-report reference after five attempts")


def report_for_passphrase(reference: str, passphrase: str) -> OnlineReport | None:
    """The report when reference and passphrase match, else None. An unknown reference costs
    the same hashing as a wrong passphrase, so timing does not tell which references exist."""
    report = report_by_reference(reference)
    candidate = _normalise_passphrase(passphrase)
    if report is None:
        make_password(candidate)
        return None
    return report if check_password(candidate, report.passphrase_hash) else None


def add_reporter_message(report: OnlineReport, body: str) -> ReportMessage:
    """Information the reporter adds later: kept, marked unread, and the consultants told."""
    with transaction.atomic():
        message = ReportMessage.objects.create(report=report, from_reporter=True, body=body)
        OnlineReport.objects.filter(pk=report.pk, unread_since__isnull=True).update(
            unread_since=message.created_at
        )
        audit(
            AuditAction.UPDATE,
            report.contact,
            None,
            _summary("reporter added information", report),
            None,
        )
        _notify_consultants(report, "information")
    return message


def reply_to_report(
    report: OnlineReport, consultant: User, body: str, *, ip_address: str | None = None
) -> ReportMessage:
    """The organisation's answer, which the reporter reads with the reference and passphrase."""
    with transaction.atomic():
        message = ReportMessage.objects.create(
            report=report, from_reporter=False, author=consultant, body=body
        )
        audit(
            AuditAction.UPDATE,
            report.contact,
            consultant,
            _summary("reply to online report", report),
            ip_address,
        )
    return message


def open_report(
    report: OnlineReport, consultant: User, *, ip_address: str | None = None
) -> OnlineReport:
    """A consultant opens the report: the reading is audited and its new information is read."""
    with transaction.atomic():
        if report.unread_since is not None:
            OnlineReport.objects.filter(pk=report.pk).update(unread_since=None)
            report.unread_since = None
        audit(
            AuditAction.READ,
            report.contact,
            consultant,
            _summary("online report opened", report),
            ip_address,
        )
    return report


def take_report(
    report: OnlineReport, consultant: User, *, ip_address: str | None = None
) -> Contact:
    """The consultant processes the report: its contact becomes their draft, started when the
    report arrived and pre-filled with what the reporter gave, to classify and record."""
    with transaction.atomic():
        contact = Contact.objects.select_for_update().get(pk=report.contact_id)
        if contact.status == ContactStatus.DRAFT and contact.consultant_id == consultant.pk:
            return contact  # taken already by this consultant (a second click): carry on
        if contact.status == ContactStatus.RECORDED:
            raise ReportRefused(_("This report has already been recorded as a contact."))
        if contact.status != ContactStatus.RECEIVED:
            raise ReportRefused(_("Another consultant is already processing this report."))
        contact.status = ContactStatus.DRAFT
        contact.consultant = consultant
        contact.draft_data = json.dumps(_draft_form(contact), ensure_ascii=False)
        contact.save(update_fields=["status", "consultant", "draft_data", "updated_at"])
        audit(
            AuditAction.UPDATE,
            report.contact,
            consultant,
            _summary("online report taken to process", report),
            ip_address,
        )
    return contact


def _draft_form(contact: Contact) -> dict[str, str]:
    """The contact form's first values (hotline.forms.ContactForm field names)."""
    started = timezone.localtime(contact.started_at).strftime("%Y-%m-%dT%H:%M")
    data = {"line": contact.line, "channel": contact.channel, "started_at": started}
    for name in ("caller_name", "caller_phone", "caller_email"):
        value = getattr(contact, name)
        if value:
            data[name] = value
    return data


def _notify_consultants(report: OnlineReport, kind: str) -> None:
    """Queue the e-mail inside the caller's transaction (as training does): with the database
    task backend the task row commits or rolls back with the report, so a crash in between
    neither loses the notice nor sends one about a report that was never kept."""
    from hotline.tasks import notify_consultants_of_report

    notify_consultants_of_report.enqueue(report.pk, kind)


def _summary(what: str, report: OnlineReport) -> str:
    return f"{what} ({report.reference})"


def send_report_notification(report_id: int, kind: str) -> int:
    """E-mail each SOS consultant of the report's organisation, in their own language, that a
    report or new information arrived and where to open it; returns how many were written to."""
    if kind not in NOTIFICATION_KINDS:
        raise ValueError(f"unknown online-report notification {kind!r}")
    report = OnlineReport.objects.select_related("organisation").filter(pk=report_id).first()
    if report is None:  # deleted since: nothing to announce
        return 0
    link = link_to(reverse("hotline:online_report", args=[report.pk]))
    return email_members(
        report.organisation,
        Role.SOS_CONSULTANT,
        "hotline/email/online_report",
        {"kind": kind, "reference": report.reference, "link": link},
    )
