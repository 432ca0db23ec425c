"""The hash of one audit entry: shared by the writer and the verifier so they cannot drift."""

import hashlib
import json
from datetime import UTC, datetime

GENESIS_HASH = "0" * 64


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
            ip_address,
        ],
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256((previous_hash + canonical).encode()).hexdigest()
