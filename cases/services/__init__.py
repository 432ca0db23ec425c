"""Writes of the cases app, one module per area. `audit` is the one way they log what they did;
`CaseRefused` is the one refusal they raise (nothing written when raised)."""

from django.utils.translation import gettext as _

from cases.codes import OPEN_STATUSES, ConsentPurpose
from cases.models import Case, Consent
from core.errors import Refused
from core.models import User
from core.services import record_audit


class CaseRefused(Refused):
    """The write is not allowed on this case as it stands."""


def audit(action: str, case: Case, actor: User | None, summary: str, ip: str | None) -> None:
    """Audit a read or write of a case (or a record on one) in its organisation. `summary` holds
    codes and ids only, never a name or what was written."""
    record_audit(
        action=action,
        actor=actor,
        organisation=case.organisation,
        obj=case,
        summary=f"{case.code}: {summary}",
        ip_address=ip,
    )


def require_open(case: Case) -> None:
    """Refuse to record on a closed case."""
    if case.status not in OPEN_STATUSES:
        raise CaseRefused(_("This case is closed. Reopen it to record more."))


def require_assistance_consent(case: Case) -> None:
    """Refuse new assistance records while the person's consent to assistance is withdrawn
    (their latest assistance consent has a withdrawal date)."""
    latest = (
        Consent.objects.filter(case=case, purpose=ConsentPurpose.ASSISTANCE)
        .order_by("-given_on", "-pk")
        .first()
    )
    if latest is not None and latest.withdrawn_on is not None:
        raise CaseRefused(
            _("The person has withdrawn their consent to assistance. Record a new consent first.")
        )
