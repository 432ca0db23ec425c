"""Reads of the hotline app, always scoped to one organisation (DESIGN.md §2).

Every view starts from one of these scopes; there is no unscoped path to another
organisation's contacts, reports or hand-overs.
"""

from django.db.models import Q, QuerySet

from core.models import Organisation
from hotline.models import (
    CaseHandover,
    Contact,
    FollowUp,
    MissingChildReport,
    OnlineReport,
)


def contacts_for(organisation: Organisation) -> QuerySet[Contact]:
    """The organisation's contacts with their consultant joined."""
    return Contact.objects.filter(organisation=organisation).select_related("consultant")


def follow_ups_for(organisation: Organisation) -> QuerySet[FollowUp]:
    """The organisation's follow-up tasks with their contact and assignee."""
    return FollowUp.objects.filter(organisation=organisation).select_related(
        "contact", "assigned_to"
    )


def online_reports_for(organisation: Organisation) -> QuerySet[OnlineReport]:
    """The organisation's anonymous online reports with their contact."""
    return OnlineReport.objects.filter(organisation=organisation).select_related("contact")


def missing_child_reports_for(organisation: Organisation) -> QuerySet[MissingChildReport]:
    """The organisation's missing-child reports with their contact."""
    return MissingChildReport.objects.filter(organisation=organisation).select_related("contact")


def handovers_for(organisation: Organisation) -> QuerySet[CaseHandover]:
    """The organisation's hand-overs of contacts to case managers."""
    return CaseHandover.objects.filter(organisation=organisation).select_related(
        "contact", "requested_by", "decided_by"
    )


def same_caller(phone_index: str, email_index: str) -> Q:
    """Contacts whose phone or e-mail blind index is one of these (nothing when both are empty)."""
    condition = Q(pk__in=[])
    if phone_index:
        condition |= Q(caller_phone_index=phone_index)
    if email_index:
        condition |= Q(caller_email_index=email_index)
    return condition
