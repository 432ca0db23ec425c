"""The hash of one audit entry: shared by the writer and the verifier so they cannot drift."""

import hashlib
import json
from collections.abc import Mapping
from datetime import UTC
from typing import Any

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


# The entry's fields covered by its hash, in the order they are hashed.
HASHED_FIELDS = (
    "sequence",
    "created_at",
    "organisation_id",
    "actor_id",
    "actor_name",
    "action",
    "object_type",
    "object_id",
    "summary",
    "ip_address",
)


def entry_hash(previous_hash: str, fields: Mapping[str, Any]) -> str:
    """SHA-256 over the previous link and this entry's HASHED_FIELDS, canonically encoded."""
    values = [fields[name] for name in HASHED_FIELDS]
    values[HASHED_FIELDS.index("created_at")] = (
        fields["created_at"].astimezone(UTC).isoformat(timespec="microseconds")
    )
    values[HASHED_FIELDS.index("ip_address")] = stored_ip_address(fields["ip_address"])
    canonical = json.dumps(values, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((previous_hash + canonical).encode()).hexdigest()
