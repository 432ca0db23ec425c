"""Writes of a 116 000 missing-child report: opening it on a contact, moving it along its
timeline (reported → searching → found → protection after finding → closed) and keeping the
police and alert details current.

Each write is one transaction with its audit entry; the child's identity and every note are
encrypted fields and never reach an audit summary.
"""

from datetime import date
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import Refused
from core.models import AuditAction, User
from hotline.codes import (
    MISSING_CHILD_TRANSITIONS,
    ContactStatus,
    MissingChildStatus,
    Subject,
)
from hotline.models import Contact, MissingChildEvent, MissingChildReport
from hotline.services import audit

REPORT_FIELDS = [
    "child_name",
    "child_description",
    "child_gender",
    "child_age",
    "last_seen_on",
    "last_seen_place",
    "circumstances",
    "police_report_number",
    "police_reported_on",
    "national_alert",
    "international_alert",
]
POLICE_FIELDS = [
    "police_report_number",
    "police_reported_on",
    "national_alert",
    "international_alert",
]


class MissingChildRefused(Refused):
    """The report cannot be opened or changed this way (a draft contact, a closed report, a step
    the timeline does not allow)."""


def open_missing_child_report(
    contact: Contact, actor: User, cleaned: dict[str, Any], ip: str | None = None
) -> MissingChildReport:
    """Open the contact's missing-child report (status "reported", first step of the timeline);
    a contact without a subject gets "missing child"."""
    with transaction.atomic():
        locked = Contact.objects.select_for_update().get(pk=contact.pk)
        if locked.status == ContactStatus.DRAFT:
            raise MissingChildRefused(
                _("Record the contact first, then add the missing-child report.")
            )
        if MissingChildReport.objects.filter(contact=locked).exists():
            raise MissingChildRefused(_("This contact already has a missing-child report."))
        report = MissingChildReport(organisation=locked.organisation, contact=locked)
        for name in REPORT_FIELDS:
            value = cleaned.get(name)
            setattr(report, name, value if value is not None else _default(name))
        report.status = MissingChildStatus.REPORTED
        report.save()
        MissingChildEvent.objects.create(
            report=report,
            status=MissingChildStatus.REPORTED,
            happened_on=timezone.localdate(),
            recorded_by=actor,
        )
        if not locked.subject:
            locked.subject = Subject.MISSING_CHILD
            locked.save(update_fields=["subject", "updated_at"])
        audit(AuditAction.CREATE, report, actor, "missing-child report opened", ip)
        audit(AuditAction.UPDATE, locked, actor, f"missing-child report #{report.pk} opened", ip)
    return report


def _default(name: str) -> Any:
    """The model's default for a field the caller left out."""
    field = MissingChildReport._meta.get_field(name)
    assert isinstance(field, models.Field)
    return field.get_default()


def _open_report(report: MissingChildReport) -> MissingChildReport:
    locked = MissingChildReport.objects.select_for_update().get(pk=report.pk)
    if locked.status == MissingChildStatus.CLOSED:
        raise MissingChildRefused(_("This missing-child report is closed."))
    return locked


def change_missing_child_status(
    report: MissingChildReport,
    actor: User,
    *,
    status: str,
    happened_on: date,
    note: str = "",
    found_condition: str = "",
    ip: str | None = None,
) -> MissingChildReport:
    """Move the report to its next step on a date, with a note; "found" needs the child's
    condition, "protection after finding" the follow-up actions, "closed" sets the closing date."""
    with transaction.atomic():
        locked = MissingChildReport.objects.select_for_update().get(pk=report.pk)
        current = MissingChildStatus(locked.status)
        if status not in MISSING_CHILD_TRANSITIONS[current]:
            raise MissingChildRefused(
                _("A report that is “%(current)s” cannot move to “%(wanted)s”.")
                % {"current": current.label, "wanted": _status_label(status)}
            )
        if happened_on > timezone.localdate():
            raise MissingChildRefused(_("The date of a step cannot be in the future."))
        if status == MissingChildStatus.FOUND:
            if not found_condition:
                raise MissingChildRefused(_("Say in what condition the child was found."))
            locked.found_on = happened_on
            locked.found_condition = found_condition
        if status == MissingChildStatus.PROTECTION and not note.strip():
            raise MissingChildRefused(_("Say what follow-up actions protect the child now."))
        if status == MissingChildStatus.CLOSED:
            locked.closed_on = happened_on
        locked.status = status
        locked.save(update_fields=["status", "found_on", "found_condition", "closed_on"])
        MissingChildEvent.objects.create(
            report=locked, status=status, happened_on=happened_on, note=note, recorded_by=actor
        )
        audit(
            AuditAction.UPDATE,
            locked,
            actor,
            f"missing-child report status {current.value} -> {status}",
            ip,
        )
    return locked


def _status_label(status: str) -> str:
    return str(MissingChildStatus(status).label) if status in MissingChildStatus.values else status


def update_police_details(
    report: MissingChildReport, actor: User, cleaned: dict[str, Any], ip: str | None = None
) -> MissingChildReport:
    """Change the police report number, its date and the alerts of a report still open."""
    with transaction.atomic():
        locked = _open_report(report)
        for name in POLICE_FIELDS:
            value = cleaned.get(name)
            setattr(locked, name, value if value is not None else _default(name))
        locked.save(update_fields=POLICE_FIELDS)
        audit(AuditAction.UPDATE, locked, actor, "police and alert details changed", ip)
    return locked
