"""Writes of referrals: the case team refers the person to an institution or a partner
organisation (or records that an institution referred them to us), follows the answer, and a
partner organisation's user answers what was referred to it.

A partner organisation sees only the case code, the reason code and `shared_summary`, and only
with an active consent to share with it; it is told by e-mail with a link and nothing else.
"""

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cases.codes import (
    REFERRAL_TRANSITIONS,
    ConsentPurpose,
    ReferralDirection,
    ReferralReason,
    ReferralStatus,
)
from cases.models import Case, Consent, Referral
from cases.services import CaseRefused, audit, require_assistance_consent, require_open
from cases.services.consents import partner_organisations
from cases.tasks import notify_case_manager_of_answer, notify_partner_of_referral
from core.models import AuditAction, Membership, Organisation, Role, User
from hotline.services.notices import email_members, link_to

# What a partner organisation may answer; withdrawing is the referring team's.
PARTNER_ANSWERS = frozenset(
    {ReferralStatus.ACCEPTED, ReferralStatus.DECLINED, ReferralStatus.COMPLETED}
)
# Answers that need a word of feedback.
ANSWERS_WITH_FEEDBACK = frozenset({ReferralStatus.DECLINED, ReferralStatus.COMPLETED})


def _check_sharing_consent(
    case: Case, consent: Consent | None, partner: Organisation | None
) -> None:
    """The consent must be this case's active consent to share with this very recipient."""
    if consent is None:
        if partner is not None:
            raise CaseRefused(
                _(
                    "A referral to a partner organisation needs the person's consent "
                    "to share with that organisation. Record it on the Consent page first."
                )
            )
        return
    if (
        consent.case_id != case.pk
        or consent.purpose != ConsentPurpose.SHARING
        or consent.withdrawn_on is not None
    ):
        raise CaseRefused(_("Choose an active consent to sharing of this case."))
    wanted = partner.pk if partner is not None else None
    if consent.partner_id != wanted:
        raise CaseRefused(_("The consent you chose does not name this recipient."))


def make_referral(
    case: Case,
    actor: User,
    direction: str,
    *,
    partner: Organisation | None = None,
    institution_name: str = "",
    reason_code: str,
    reason: str = "",
    shared_summary: str = "",
    sent_on: date,
    consent: Consent | None = None,
    ip: str | None = None,
) -> Referral:
    """Refer the person to an institution or a partner organisation (told by e-mail), or record
    that an institution referred them to us (accepted from the start)."""
    institution_name = institution_name.strip()
    shared_summary = shared_summary.strip()
    if direction not in ReferralDirection.values:
        raise CaseRefused(_("Choose who referred whom."))
    if reason_code not in ReferralReason.values:
        raise CaseRefused(_("Choose the reason for the referral."))
    if sent_on > timezone.localdate():
        raise CaseRefused(_("The date of a referral cannot be in the future."))
    if sent_on < case.opened_on and direction == ReferralDirection.OUTGOING:
        raise CaseRefused(_("A referral by us cannot be made before the case was opened."))
    require_open(case)
    require_assistance_consent(case)
    if direction == ReferralDirection.INCOMING:
        if partner is not None or consent is not None or not institution_name:
            raise CaseRefused(_("Name the institution that referred the person to us."))
        status = ReferralStatus.ACCEPTED
    else:
        if (partner is None) == (not institution_name):
            raise CaseRefused(
                _("Refer to one partner organisation or one institution by name, not both.")
            )
        if partner is not None:
            if not partner_organisations(case.organisation).filter(pk=partner.pk).exists():
                raise CaseRefused(_("This organisation is not a partner organisation."))
            if not shared_summary:
                raise CaseRefused(
                    _("Write what is referred: it is all the partner organisation will see.")
                )
        _check_sharing_consent(case, consent, partner)
        status = ReferralStatus.SENT
    with transaction.atomic():
        referral = Referral.objects.create(
            organisation=case.organisation,
            case=case,
            direction=direction,
            partner=partner,
            institution_name=institution_name,
            consent=consent,
            reason_code=reason_code,
            reason=reason,
            shared_summary=shared_summary,
            sent_on=sent_on,
            status=status,
            created_by=actor,
        )
        recipient = f" organisation #{partner.pk}" if partner is not None else " institution"
        audit(
            AuditAction.CREATE,
            case,
            actor,
            f"referral #{referral.pk} {direction} {reason_code}{recipient}",
            ip,
        )
        if partner is not None:
            # Queued in the same transaction: no referral without its notice, and no notice
            # of a referral that was rolled back.
            notify_partner_of_referral.enqueue(referral.pk)
    return referral


def _locked(referral: Referral) -> Referral:
    return Referral.objects.select_for_update().select_related("case").get(pk=referral.pk)


def set_referral_status(
    referral: Referral, actor: User, status: str, feedback: str = "", ip: str | None = None
) -> Referral:
    """The case team records an institution's answer (accepted, declined, completed, with its
    feedback) or withdraws any open referral; a partner organisation answers for itself."""
    feedback = feedback.strip()
    with transaction.atomic():
        locked = _locked(referral)
        previous = locked.status
        if status not in REFERRAL_TRANSITIONS.get(previous, frozenset()):
            raise CaseRefused(
                _("A referral that is “%(current)s” cannot become “%(new)s”.")
                % {
                    "current": ReferralStatus(previous).label,
                    "new": ReferralStatus(status).label
                    if status in ReferralStatus.values
                    else status,
                }
            )
        if locked.partner_id is not None and status != ReferralStatus.WITHDRAWN:
            raise CaseRefused(
                _("The partner organisation answers this referral itself; you can withdraw it.")
            )
        update = ["status"]
        locked.status = status
        if status != ReferralStatus.WITHDRAWN:
            locked.responded_by = actor
            locked.responded_at = timezone.now()
            update += ["responded_by", "responded_at"]
        # A partner's feedback is theirs: the team's words never replace it.
        if feedback and locked.partner_id is None:
            locked.feedback = feedback
            update.append("feedback")
        locked.save(update_fields=update)
        audit(
            AuditAction.UPDATE,
            locked.case,
            actor,
            f"referral #{locked.pk} {previous}->{status}",
            ip,
        )
    return locked


def answer_referral(
    referral: Referral, partner_user: User, status: str, feedback: str = "", ip: str | None = None
) -> Referral:
    """A partner organisation's user accepts, declines (with feedback) or completes (with
    feedback) a referral made to their organisation; the case manager is told by e-mail."""
    feedback = feedback.strip()
    if status not in PARTNER_ANSWERS:
        raise CaseRefused(_("Choose to accept, decline or complete the referral."))
    if status in ANSWERS_WITH_FEEDBACK and not feedback:
        raise CaseRefused(_("Write a word of feedback for the case manager."))
    with transaction.atomic():
        locked = _locked(referral)
        if (
            locked.direction != ReferralDirection.OUTGOING
            or locked.partner_id is None
            or not Membership.objects.filter(
                user=partner_user, organisation_id=locked.partner_id, role=Role.PARTNER
            ).exists()
        ):
            raise CaseRefused(_("This referral was not made to your organisation."))
        previous = locked.status
        if status not in REFERRAL_TRANSITIONS.get(previous, frozenset()):
            raise CaseRefused(
                _("A referral that is “%(current)s” cannot become “%(new)s”.")
                % {"current": ReferralStatus(previous).label, "new": ReferralStatus(status).label}
            )
        locked.status = status
        if feedback:
            locked.feedback = feedback
        locked.responded_by = partner_user
        locked.responded_at = timezone.now()
        locked.save(update_fields=["status", "feedback", "responded_by", "responded_at"])
        # The referring organisation's log: this is a write to its case's referral.
        audit(
            AuditAction.UPDATE,
            locked.case,
            partner_user,
            f"referral #{locked.pk} {previous}->{status} by organisation #{locked.partner_id}",
            ip,
        )
        notify_case_manager_of_answer.enqueue(locked.pk)
    return locked


def send_referral_emails(referral_id: int) -> int:
    """E-mail the partner organisation's users, each in their language, that a referral waits:
    who referred, and a link; no case code, nothing of the referral. Returns how many."""
    referral = (
        Referral.objects.select_related("organisation", "partner")
        .filter(pk=referral_id, status=ReferralStatus.SENT, partner__isnull=False)
        .first()
    )
    if referral is None or referral.partner is None:  # answered or withdrawn meanwhile
        return 0
    return email_members(
        referral.partner,
        Role.PARTNER,
        "cases/email/referral",
        {
            "link": link_to(reverse("cases:incoming_detail", args=[referral.pk])),
            "organisation": referral.organisation,
        },
    )


def send_answer_email(referral_id: int) -> int:
    """E-mail the case manager, in their language, that a partner organisation answered one of
    their referrals: a link to the case's referrals and nothing else. Returns how many (0/1)."""
    referral = (
        Referral.objects.select_related("case__case_manager", "partner")
        .filter(pk=referral_id)
        .first()
    )
    if referral is None:
        return 0
    manager = referral.case.case_manager
    if not manager.is_active or not manager.email:
        return 0
    context = {
        "link": link_to(reverse("cases:referrals", args=[referral.case_id])),
        "partner": referral.partner,
    }
    with translation.override(manager.preferred_language or settings.LANGUAGE_CODE):
        subject = render_to_string("cases/email/answer_subject.txt", context).strip()
        body = render_to_string("cases/email/answer_body.txt", context)
    send_mail(subject, body, None, [manager.email])
    return 1
