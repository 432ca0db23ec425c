"""The hash of one audit entry: shared by the writer and the verifier so they cannot drift."""

import hashlib
import json
from datetime import UTC, datetime

from django.core.exceptions import ValidationError
from django.utils.ipv6 import clean_ipv6_address

GENESIS_HASH = "0" * 64


def stored_ip_address(ip_address: str | None) -> str | None:
    """The address as the database keeps it (GenericIPAddressField compresses IPv6).

    Hashing the form given by the caller ("2001:0DB8::0001") would not match the stored form
    ("2001:db8::1") and the verifier would report an intact entry as altered.
    """
    if ip_address and ":" in ip_address:
        try:
            return clean_ipv6_address(ip_address)
        except ValidationError:
            return ip_address
    return ip_address or None


def entry_hash(
    previous_hash: str,
    *,
    sequence: int,
    created_at: datetime,
    organisation_id: int | None,
    actor_id: int | None,
    actor_name: str,
    action: str,
    object_type: str,
    object_id: str,
    summary: str,
    ip_address: str | None,
) -> str:
    canonical = json.dumps(
        [
            sequence,
            created_at.astimezone(UTC).isoformat(timespec="microseconds"),
            organisation_id,
            actor_id,
            actor_name,
            action,
            object_type,
            object_id,
            summary,
            stored_ip_address(ip_address),
        ],
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256((previous_hash + canonical).encode()).hexdigest()
