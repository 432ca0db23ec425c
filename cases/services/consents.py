"""Writes of the person's consent, per purpose (assistance, sharing with a named institution or
partner organisation, statistics), with its legal basis, and its withdrawal.

A withdrawal takes effect everywhere it applies, in the same transaction: the referrals that
relied on a sharing consent are withdrawn (the partner organisation loses them at once), a
withdrawn statistics consent takes the case out of the statistics, and a withdrawn assistance
consent stops new assistance records (`require_assistance_consent`).
"""

from datetime import date

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.codes import ConsentPurpose, LegalBasis, ReferralStatus
from cases.models import Case, Consent, Referral
from cases.services import CaseRefused, audit
from core.models import AuditAction, Membership, Organisation, Role, User

# The referrals a withdrawn consent takes back: those still open.
OPEN_REFERRAL_STATUSES = (ReferralStatus.SENT, ReferralStatus.ACCEPTED)


def partner_organisations(organisation: Organisation) -> QuerySet[Organisation]:
    """The organisations `organisation` can share with and refer to: every other organisation
    with at least one active member holding the partner role."""
    holders = Membership.objects.filter(role=Role.PARTNER, user__is_active=True).values(
        "organisation_id"
    )
    return Organisation.objects.filter(pk__in=holders).exclude(pk=organisation.pk)


def _check_recipient(
    case: Case, purpose: str, partner: Organisation | None, institution_name: str
) -> None:
    if purpose == ConsentPurpose.SHARING:
        if (partner is None) == (not institution_name):
            raise CaseRefused(
                _(
                    "Consent to sharing names one recipient: a partner organisation "
                    "or an institution, not both."
                )
            )
        if (
            partner is not None
            and not partner_organisations(case.organisation).filter(pk=partner.pk).exists()
        ):
            raise CaseRefused(_("This organisation is not a partner organisation."))
    elif partner is not None or institution_name:
        raise CaseRefused(_("Only consent to sharing names a recipient."))


def record_consent(
    case: Case,
    actor: User,
    purpose: str,
    legal_basis: str,
    given_on: date,
    partner: Organisation | None = None,
    institution_name: str = "",
    ip: str | None = None,
) -> Consent:
    """Record the person's consent (or another legal basis) for one purpose; a statistics
    consent puts the case back into the statistics."""
    institution_name = institution_name.strip()
    if purpose not in ConsentPurpose.values:
        raise CaseRefused(_("Choose what the consent is for."))
    if legal_basis not in LegalBasis.values:
        raise CaseRefused(_("Choose the legal basis."))
    if given_on > timezone.localdate():
        raise CaseRefused(_("The consent cannot be given in the future."))
    _check_recipient(case, purpose, partner, institution_name)
    with transaction.atomic():
        consent = Consent.objects.create(
            case=case,
            purpose=purpose,
            partner=partner,
            institution_name=institution_name,
            legal_basis=legal_basis,
            given_on=given_on,
            recorded_by=actor,
        )
        recipient = f" to organisation #{partner.pk}" if partner is not None else ""
        audit(
            AuditAction.CREATE,
            case,
            actor,
            f"consent #{consent.pk} {purpose} ({legal_basis}){recipient}",
            ip,
        )
        if purpose == ConsentPurpose.STATISTICS and not case.counts_in_statistics:
            Case.objects.filter(pk=case.pk).update(counts_in_statistics=True)
            case.counts_in_statistics = True
            audit(AuditAction.UPDATE, case, actor, "counted in statistics again", ip)
    return consent


def withdraw_consent(
    consent: Consent, actor: User, withdrawn_on: date, ip: str | None = None
) -> Consent:
    """Record the withdrawal and apply it: open referrals relying on the consent are withdrawn,
    a statistics consent takes the case out of the statistics. Once only."""
    with transaction.atomic():
        locked = Consent.objects.select_for_update().select_related("case").get(pk=consent.pk)
        case = locked.case
        if locked.withdrawn_on is not None:
            raise CaseRefused(_("This consent has already been withdrawn."))
        if withdrawn_on < locked.given_on:
            raise CaseRefused(_("A consent cannot be withdrawn before it was given."))
        if withdrawn_on > timezone.localdate():
            raise CaseRefused(_("The date of withdrawal cannot be in the future."))
        locked.withdrawn_on = withdrawn_on
        locked.save(update_fields=["withdrawn_on"])
        audit(AuditAction.UPDATE, case, actor, f"consent #{locked.pk} withdrawn", ip)

        relying = list(
            Referral.objects.select_for_update()
            .filter(consent=locked, status__in=OPEN_REFERRAL_STATUSES)
            .order_by("pk")
        )
        for referral in relying:
            audit(
                AuditAction.UPDATE,
                case,
                actor,
                f"referral #{referral.pk} {referral.status}->{ReferralStatus.WITHDRAWN} "
                f"(consent #{locked.pk} withdrawn)",
                ip,
            )
        Referral.objects.filter(pk__in=[r.pk for r in relying]).update(
            status=ReferralStatus.WITHDRAWN
        )

        if locked.purpose == ConsentPurpose.STATISTICS:
            still_counts = (
                Consent.objects.filter(
                    case=case, purpose=ConsentPurpose.STATISTICS, withdrawn_on__isnull=True
                )
                .exclude(pk=locked.pk)
                .exists()
            )
            if case.counts_in_statistics and not still_counts:
                Case.objects.filter(pk=case.pk).update(counts_in_statistics=False)
                audit(AuditAction.UPDATE, case, actor, "no longer counted in statistics", ip)
    consent.withdrawn_on = withdrawn_on
    return locked
