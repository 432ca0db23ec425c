"""Writes of the core app: the audit log and user preferences."""

from typing import Any

from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

from core.audit_chain import entry_hash
from core.models import AuditChainHead, AuditEntry, Organisation, User


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
    with transaction.atomic():
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
        digest = entry_hash(head.last_hash, **fields)
        entry = AuditEntry.objects.create(previous_hash=head.last_hash, entry_hash=digest, **fields)
        head.last_sequence = entry.sequence
        head.last_hash = digest
        head.save(update_fields=["last_sequence", "last_hash"])
    return entry


def client_ip(request: HttpRequest) -> str | None:
    """The address a request came from (the proxy's, unless PUTOKAZ_BEHIND_PROXY is set)."""
    from django.conf import settings

    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR") or None


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
