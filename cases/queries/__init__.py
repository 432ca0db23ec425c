"""Reads of the cases app, always scoped to one organisation (DESIGN.md §2), and the one rule
of who may open a case: its case manager, its team, or someone who broke the glass.

Every view starts from one of these scopes; there is no unscoped path to another
organisation's cases. A partner organisation reaches only the referrals made to it.
"""

from enum import StrEnum

from django.db.models import QuerySet
from django.utils import timezone

from cases.codes import PARTNER_VISIBLE_STATUSES, ReferralDirection
from cases.models import Case, GlassBreak, Person, Referral, Team
from core.models import Organisation, User


def cases_for(organisation: Organisation) -> QuerySet[Case]:
    """The organisation's cases with their person, case manager and team joined."""
    return Case.objects.filter(organisation=organisation).select_related(
        "person", "case_manager", "team"
    )


def persons_for(organisation: Organisation) -> QuerySet[Person]:
    return Person.objects.filter(organisation=organisation)


def teams_for(organisation: Organisation) -> QuerySet[Team]:
    return Team.objects.filter(organisation=organisation)


def incoming_referrals_for(organisation: Organisation) -> QuerySet[Referral]:
    """Referrals other organisations made to this one, while it may see them (a withdrawn
    consent or referral takes them away)."""
    return Referral.objects.filter(
        partner=organisation,
        direction=ReferralDirection.OUTGOING,
        status__in=PARTNER_VISIBLE_STATUSES,
    ).select_related("case", "organisation")


class Access(StrEnum):
    TEAM = "team"  # the case manager or a member of the case's team
    GLASS = "glass"  # an emergency access, logged and told to the administrators
    NONE = "none"  # sees the code only


def access_to(case: Case, user: User) -> Access:
    """How `user` may open `case` (two small indexed queries at most)."""
    if case.case_manager_id == user.pk:
        return Access.TEAM
    if (
        case.team_id is not None
        and Team.members.through.objects.filter(team_id=case.team_id, user_id=user.pk).exists()
    ):
        return Access.TEAM
    if GlassBreak.objects.filter(case=case, user=user, expires_at__gt=timezone.now()).exists():
        return Access.GLASS
    return Access.NONE
