"""Writes of follow-up tasks beyond adding one (services.contacts.add_follow_up): marking done.

One transaction each, with the audit entry on the contact the task belongs to.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import Refused
from core.models import AuditAction, User
from hotline.models import FollowUp
from hotline.services import audit


class FollowUpRefused(Refused):
    """The follow-up cannot change this way (it is done already)."""


def mark_follow_up_done(
    follow_up: FollowUp, actor: User, *, ip_address: str | None = None
) -> FollowUp:
    """Mark the task done now by `actor`; refused when someone has already done it."""
    with transaction.atomic():
        locked = (
            FollowUp.objects.select_for_update(of=("self",))
            .select_related("contact__organisation")
            .get(pk=follow_up.pk)
        )
        if locked.done_at is not None:
            raise FollowUpRefused(_("This follow-up has already been marked done."))
        locked.done_at = timezone.now()
        locked.done_by = actor
        locked.save(update_fields=["done_at", "done_by"])
        audit(
            AuditAction.UPDATE,
            locked.contact,
            actor,
            f"follow-up {locked.pk} marked done",
            ip_address,
        )
    return locked
