"""Writes of a hand-over: a consultant hands a recorded contact over to the case managers, and a
case manager opens a direct-assistance case (a pseudonymous case code such as A-2026-017) or
declines with a reason.

The case itself is the cases app's; the code on the hand-over is the link it keys on. The case
managers are told by e-mail that a contact waits, with a link and nothing of its content.
"""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import Refused
from core.models import AuditAction, Organisation, Role, User
from core.services import next_in_sequence
from hotline.codes import Action, ContactStatus, HandoverStatus
from hotline.models import CaseHandover, Contact, ContactAction
from hotline.services import audit
from hotline.services.notices import email_members, link_to
from hotline.tasks import notify_case_managers

CASE_CODE_PREFIX = "A"
CASE_CODE_DIGITS = 3  # A-2026-001; the thousandth case of a year is A-2026-1000


class HandoverRefused(Refused):
    """The hand-over cannot be requested or decided this way."""


def request_handover(
    contact: Contact, actor: User, reason: str, ip: str | None = None
) -> CaseHandover:
    """Hand a recorded contact over to the case managers (again, after a decline) and tell them
    by e-mail once the transaction commits."""
    with transaction.atomic():
        locked = Contact.objects.select_for_update().get(pk=contact.pk)
        if locked.status != ContactStatus.RECORDED:
            raise HandoverRefused(_("Only a recorded contact can be handed over."))
        handover = CaseHandover.objects.select_for_update().filter(contact=locked).first()
        if handover is not None and handover.status != HandoverStatus.DECLINED:
            raise HandoverRefused(_("This contact has already been handed over."))
        if handover is None:
            handover = CaseHandover(organisation=locked.organisation, contact=locked)
        handover.status = HandoverStatus.REQUESTED
        handover.reason = reason
        handover.requested_by = actor
        handover.requested_at = timezone.now()
        handover.decided_by = None
        handover.decided_at = None
        handover.decline_reason = ""
        handover.save()
        audit(AuditAction.UPDATE, locked, actor, "handed over to the case managers", ip)
        # Queued in the same transaction (database task backend): no hand-over without its
        # notice, no notice of a hand-over that was rolled back.
        notify_case_managers.enqueue(handover.pk)
    return handover


def _undecided(handover: CaseHandover) -> CaseHandover:
    locked = (
        CaseHandover.objects.select_for_update()
        .select_related("contact__organisation")
        .get(pk=handover.pk)
    )
    if locked.status != HandoverStatus.REQUESTED:
        raise HandoverRefused(_("This hand-over has already been decided."))
    return locked


def next_case_code(organisation: Organisation, year: int) -> str:
    """The organisation's next case code of the year: A-<year>-<sequence>, from 001. The counter
    is shared by every way a case is opened (hand-over here, directly in the cases app)."""
    prefix = f"{CASE_CODE_PREFIX}-{year}-"

    def highest_used() -> int:
        # Codes written before the counter existed (demo data, older hand-overs).
        codes = CaseHandover.objects.filter(
            organisation=organisation, case_code__startswith=prefix
        ).values_list("case_code", flat=True)
        return max((int(code.removeprefix(prefix)) for code in codes), default=0)

    sequence = next_in_sequence(organisation, f"case-code:{year}", highest_used)
    return f"{prefix}{sequence:0{CASE_CODE_DIGITS}d}"


def accept_handover(
    handover: CaseHandover, case_manager: User, ip: str | None = None
) -> CaseHandover:
    """Open the case: the next case code of the organisation and year, "case opened" among the
    contact's actions. Two case managers accepting at once: the unique code makes one retry."""
    for attempt in range(2):
        try:
            return _accept(handover, case_manager, ip)
        except IntegrityError:
            if attempt:
                raise HandoverRefused(
                    _("Another case was opened at the same moment. Please try again.")
                ) from None
    raise AssertionError("unreachable")


def _accept(handover: CaseHandover, case_manager: User, ip: str | None) -> CaseHandover:
    with transaction.atomic():
        locked = _undecided(handover)
        locked.case_code = next_case_code(locked.organisation, timezone.localdate().year)
        locked.status = HandoverStatus.ACCEPTED
        locked.decided_by = case_manager
        locked.decided_at = timezone.now()
        locked.save(update_fields=["case_code", "status", "decided_by", "decided_at"])
        ContactAction.objects.get_or_create(contact=locked.contact, code=Action.CASE_OPENED)
        audit(
            AuditAction.UPDATE, locked.contact, case_manager, f"case opened {locked.case_code}", ip
        )
    return locked


def decline_handover(
    handover: CaseHandover, case_manager: User, reason: str, ip: str | None = None
) -> CaseHandover:
    """Decline the hand-over with a reason the consultant reads; they may hand it over again."""
    if not reason.strip():
        raise HandoverRefused(_("Say why the hand-over is declined."))
    with transaction.atomic():
        locked = _undecided(handover)
        locked.status = HandoverStatus.DECLINED
        locked.decline_reason = reason
        locked.decided_by = case_manager
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decline_reason", "decided_by", "decided_at"])
        audit(AuditAction.UPDATE, locked.contact, case_manager, "hand-over declined", ip)
    return locked


def send_handover_emails(handover_id: int) -> int:
    """E-mail each case manager, in their language, that a contact waits: a link, no content.
    Returns how many were sent."""
    handover = (
        CaseHandover.objects.select_related("organisation")
        .filter(pk=handover_id, status=HandoverStatus.REQUESTED)
        .first()
    )
    if handover is None:  # decided already: nobody needs telling
        return 0
    return email_members(
        handover.organisation,
        Role.CASE_MANAGER,
        "hotline/email/handover",
        {
            "link": link_to(reverse("hotline:handover", args=[handover.pk])),
            "organisation": handover.organisation,
        },
    )
