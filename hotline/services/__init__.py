"""Writes of the hotline app, one module per area; `audit` is the one way they log what they did."""

from django.db import models

from core.models import User
from core.services import record_audit


def audit(
    action: str, record: models.Model, actor: User | None, summary: str, ip: str | None
) -> None:
    """Audit a read or write of a contact (or a record attached to one) in its organisation.
    `summary` holds codes and ids only, never what a caller, reporter or child said."""
    record_audit(
        action=action,
        actor=actor,
        organisation=record.organisation,  # type: ignore[attr-defined]
        obj=record,
        summary=summary,
        ip_address=ip,
    )
