"""Writes of the core app: the audit log and user preferences."""

import ipaddress
from collections.abc import Callable, Iterable
from typing import Any

from django.db import IntegrityError, models, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.audit_chain import entry_hash
from core.models import (
    AuditAction,
    AuditChainHead,
    AuditEntry,
    Membership,
    Organisation,
    Role,
    Sequence,
    User,
)


def record_audit(
    *,
    action: str,
    actor: Any = None,
    organisation: Organisation | None = None,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    summary: str = "",
    ip_address: str | None = None,
) -> AuditEntry:
    """Append one entry to the hash-chained audit log (never clear-text protected values)."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    actor_user = actor if isinstance(actor, User) and actor.pk else None
    # No savepoint inside the caller's transaction: a failed append fails the caller's write too.
    with transaction.atomic(savepoint=False):
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        fields: dict[str, Any] = {
            "sequence": head.last_sequence + 1,
            "created_at": timezone.now(),
            "organisation_id": organisation.pk if organisation else None,
            "actor_id": actor_user.pk if actor_user else None,
            "actor_name": actor_user.get_username() if actor_user else "",
            "action": action,
            "object_type": object_type,
            "object_id": object_id,
            "summary": summary[:255],
            "ip_address": ip_address,
        }
        digest = entry_hash(head.last_hash, fields)
        entry = AuditEntry.objects.create(previous_hash=head.last_hash, entry_hash=digest, **fields)
        head.last_sequence = entry.sequence
        head.last_hash = digest
        head.save(update_fields=["last_sequence", "last_hash"])
    return entry


def client_ip(request: HttpRequest) -> str | None:
    """The address a request came from (the proxy's, unless PUTOKAZ_BEHIND_PROXY is set)."""
    from django.conf import settings

    address = request.META.get("REMOTE_ADDR", "")
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        address = request.META.get("HTTP_X_FORWARDED_FOR", address).split(",")[0].strip()
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None  # a forged or malformed header is not an address; never fail the request


def audit_request(
    request: HttpRequest,
    action: str,
    obj: models.Model | None = None,
    summary: str = "",
    **extra: Any,
) -> AuditEntry:
    """Audit an action taken by the user of `request` in their current organisation."""
    return record_audit(
        action=action,
        actor=request.user,
        organisation=getattr(request, "organisation", None),
        obj=obj,
        summary=summary,
        ip_address=client_ip(request),
        **extra,
    )


def set_preferred_language(user: User, language: str) -> None:
    """Remember the user's language so every later page, e-mail and PDF uses it."""
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])


# --- Second factor and members (staff accounts) -------------------------------------------------


class MembershipError(Exception):
    """A members change the organisation's rules refuse; the message is shown to the user."""


def pending_totp_device(user: User) -> TOTPDevice:
    """The user's unconfirmed TOTP device, created on first use and re-used on every reload."""
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def confirm_totp_device(device: TOTPDevice, *, ip_address: str | None = None) -> None:
    """Confirm an enrolled device after its first correct code; other pending devices go."""
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
        record_audit(
            action=AuditAction.SECOND_FACTOR,
            actor=device.user,
            obj=device.user,
            summary="authenticator app enrolled",
            ip_address=ip_address,
        )


def record_second_factor(user: User, *, passed: bool, ip_address: str | None = None) -> None:
    """Audit one second-factor check at sign-in, passed or refused."""
    record_audit(
        action=AuditAction.SECOND_FACTOR,
        actor=user,
        obj=user,
        summary="code accepted" if passed else "wrong code",
        ip_address=ip_address,
    )


def _roles_summary(prefix: str, roles: Iterable[str]) -> str:
    return f"{prefix}: {', '.join(sorted(roles)) or '-'}"


def add_member(
    organisation: Organisation,
    *,
    username: str,
    roles: Iterable[str],
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    password: str = "",
    actor: User | None = None,
    ip_address: str | None = None,
) -> tuple[User, bool]:
    """Give a person roles in the organisation, creating their account if the username is new.

    An existing account (perhaps another organisation's) only gains the membership, and only
    when `email` matches the account's; its name, e-mail and password stay as they are.
    Returns the user and whether the account was created.
    """
    roles = sorted(set(roles))
    if not roles:
        raise MembershipError(_("Choose at least one role."))
    with transaction.atomic():
        user = User.objects.select_for_update().filter(username=username).first()
        created = user is None
        if user is None:
            user = User(username=username, first_name=first_name, last_name=last_name, email=email)
            user.set_password(password)
            user.save()
        elif Membership.objects.filter(user=user, organisation=organisation).exists():
            raise MembershipError(
                _("This person is already a member; change their roles on their page instead.")
            )
        elif not email or email.casefold() != user.email.casefold():
            # Asking for the e-mail the account already has keeps an administrator from pulling
            # in (and then reading) any account of another organisation by guessing usernames.
            raise MembershipError(
                _(
                    "This username is taken. To add an existing account, enter the e-mail "
                    "address it was registered with."
                )
            )
        Membership.objects.bulk_create(
            [Membership(user=user, organisation=organisation, role=role) for role in roles]
        )
        record_audit(
            action=AuditAction.CREATE,
            actor=actor,
            organisation=organisation,
            obj=user,
            summary=_roles_summary(
                "member added with roles" if created else "existing account added with roles", roles
            ),
            ip_address=ip_address,
        )
    return user, created


def set_member_roles(
    organisation: Organisation,
    user: User,
    roles: Iterable[str],
    *,
    actor: User | None = None,
    ip_address: str | None = None,
) -> None:
    """Replace the user's roles in the organisation; no roles removes them from it.

    The organisation always keeps at least one administrator.
    """
    roles = set(roles)
    with transaction.atomic():
        # Lock the organisation's administrator rows so two admins cannot demote each other at once.
        administrators = set(
            Membership.objects.select_for_update()
            .filter(organisation=organisation, role=Role.ADMINISTRATOR)
            .values_list("user_id", flat=True)
        )
        current = set(
            Membership.objects.filter(organisation=organisation, user=user).values_list(
                "role", flat=True
            )
        )
        if not current:
            raise MembershipError(_("This person is not a member of the organisation."))
        if Role.ADMINISTRATOR not in roles and administrators == {user.pk}:
            raise MembershipError(
                _(
                    "The organisation must keep at least one administrator. Make someone else "
                    "an administrator first."
                )
            )
        if roles == current:
            return
        Membership.objects.filter(organisation=organisation, user=user).exclude(
            role__in=roles
        ).delete()
        Membership.objects.bulk_create(
            [
                Membership(user=user, organisation=organisation, role=role)
                for role in sorted(roles - current)
            ]
        )
        record_audit(
            action=AuditAction.UPDATE if roles else AuditAction.DELETE,
            actor=actor,
            organisation=organisation,
            obj=user,
            summary=_roles_summary("roles set to", roles) if roles else "removed from organisation",
            ip_address=ip_address,
        )


def reset_second_factor(
    organisation: Organisation,
    user: User,
    *,
    actor: User | None = None,
    ip_address: str | None = None,
) -> None:
    """Forget a member's authenticator app (a lost phone): they enrol again at the next page."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        record_audit(
            action=AuditAction.SECOND_FACTOR,
            actor=actor,
            organisation=organisation,
            obj=user,
            summary="second factor reset by an administrator",
            ip_address=ip_address,
        )


def next_in_sequence(organisation: Organisation, name: str, floor: Callable[[], int]) -> int:
    """The next number of the organisation's counter `name`, taken under a row lock inside the
    caller's transaction. A counter that does not exist yet starts after `floor()` (the highest
    number already used, for records made before the counter existed)."""
    for _attempt in range(3):
        with transaction.atomic():
            counter = (
                Sequence.objects.select_for_update()
                .filter(organisation=organisation, name=name)
                .first()
            )
            if counter is not None:
                counter.value += 1
                counter.save(update_fields=["value"])
                return counter.value
            try:
                with transaction.atomic():
                    created = Sequence.objects.create(
                        organisation=organisation, name=name, value=floor() + 1
                    )
                return created.value
            except IntegrityError:
                continue  # another request created it first: lock and take the next one
    raise RuntimeError(f"Sequence {name!r} could not be advanced.")
