"""Reads of the core app: memberships, the audit log and its verification."""

from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from django.db.models import Exists, Model, OuterRef, Prefetch, Q, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.audit_chain import GENESIS_HASH, HASHED_FIELDS, entry_hash
from core.models import AuditAction, AuditChainHead, AuditEntry, Membership, Organisation, User
from core.scripts import normalise_for_search

M = TypeVar("M", bound=Model)


def matching_words(records: QuerySet[M], text: str) -> QuerySet[M]:
    """Records whose `search_key` holds every word of `text`, typed in Latin or Cyrillic, with
    or without diacritics (search keys are made by core.scripts.normalise_for_search)."""
    for word in normalise_for_search(text).split():
        records = records.filter(search_key__contains=word)
    return records


def memberships_of(user: User) -> list[Membership]:
    """All roles of a user with their organisations, in one query."""
    return list(
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name", "role")
    )


def members_of(organisation: Organisation) -> QuerySet[Membership]:
    """Everyone who holds a role in the organisation."""
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username", "role")
    )


def audit_entries(
    organisation: Organisation,
    *,
    actor: str = "",
    action: str = "",
    object_type: str = "",
    object_id: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEntry]:
    """The organisation's audit entries, newest first, filtered as the administrator asks.

    Sign-in events belong to no organisation; those of the organisation's members (and failed
    attempts with a member's username) are shown too, through subqueries so the count stays one.
    """
    member_ids = Membership.objects.filter(organisation=organisation).values("user_id")
    member_usernames = User.objects.filter(memberships__organisation=organisation).values(
        "username"
    )
    entries = AuditEntry.objects.filter(
        Q(organisation=organisation)
        | Q(organisation__isnull=True, actor_id__in=member_ids)
        | Q(
            organisation__isnull=True,
            actor__isnull=True,
            action=AuditAction.LOGIN_FAILED,
            summary__in=member_usernames,
        )
    )
    if actor:
        entries = entries.filter(actor_name__icontains=actor)
    if action:
        entries = entries.filter(action=action)
    if object_type:
        entries = entries.filter(object_type=object_type)
    if object_id:
        entries = entries.filter(object_id=object_id)
    if since:
        entries = entries.filter(created_at__date__gte=since)
    if until:
        entries = entries.filter(created_at__date__lte=until)
    return entries.order_by("-sequence")


@dataclass(frozen=True)
class BrokenLink:
    sequence: int
    reason: str


def verify_audit_chain() -> tuple[int, BrokenLink | None]:
    """Walk the whole chain; return how many entries were checked and the first broken link."""
    expected_previous = GENESIS_HASH
    expected_sequence = 1
    checked = 0
    for entry in AuditEntry.objects.order_by("sequence").iterator(chunk_size=5000):
        if entry.sequence != expected_sequence:
            return checked, BrokenLink(expected_sequence, "missing entry")
        if entry.previous_hash != expected_previous:
            return checked, BrokenLink(entry.sequence, "previous hash does not match")
        recomputed = entry_hash(
            entry.previous_hash, {name: getattr(entry, name) for name in HASHED_FIELDS}
        )
        if recomputed != entry.entry_hash:
            return checked, BrokenLink(entry.sequence, "entry was altered")
        expected_previous = entry.entry_hash
        expected_sequence += 1
        checked += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is None and checked:
        # Entries without a head: someone removed it to hide a truncated end.
        return checked, BrokenLink(checked + 1, "the chain head is missing")
    if head and (head.last_sequence != checked or head.last_hash != expected_previous):
        return checked, BrokenLink(checked + 1, "entries missing at the end of the chain")
    return checked, None


def organisation_members(organisation: Organisation) -> QuerySet[User]:
    """People holding a role in the organisation, each with `org_memberships` (their roles here
    only) and `has_second_factor`; a constant number of queries however many there are."""
    return (
        User.objects.filter(
            pk__in=Membership.objects.filter(organisation=organisation).values("user_id")
        )
        .annotate(
            has_second_factor=Exists(
                TOTPDevice.objects.filter(user_id=OuterRef("pk"), confirmed=True)
            )
        )
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(organisation=organisation).order_by("role"),
                to_attr="org_memberships",
            )
        )
        .order_by("last_name", "first_name", "username")
    )


def members_to_email(organisation: Organisation, role: str) -> QuerySet[User]:
    """Active members holding `role` in the organisation who have an e-mail address."""
    holders = Membership.objects.filter(organisation=organisation, role=role).values("user_id")
    return User.objects.filter(pk__in=holders, is_active=True).exclude(email="").order_by("pk")


def member_roles(organisation: Organisation, user: User) -> list[str]:
    """The user's roles in the organisation (empty when they are not a member)."""
    return list(
        Membership.objects.filter(organisation=organisation, user=user)
        .order_by("role")
        .values_list("role", flat=True)
    )


def user_by_username(username: str) -> User | None:
    """The account with exactly this username, whichever organisations it belongs to."""
    return User.objects.filter(username=username).first()


def confirmed_totp_device(user: User) -> TOTPDevice | None:
    """The user's confirmed authenticator-app device, if they have enrolled one."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
