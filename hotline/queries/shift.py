"""Reads of a consultant's shift: my drafts, today's count, and earlier contacts of a caller."""

from datetime import datetime, time

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from core.models import Organisation, User
from hotline.codes import ContactStatus, Line
from hotline.models import Contact
from hotline.queries import contacts_for, same_caller


def my_drafts(organisation: Organisation, consultant: User) -> QuerySet[Contact]:
    """The consultant's unfinished contacts, newest first (index `hotline_mine`)."""
    return (
        Contact.objects.filter(
            organisation=organisation, consultant=consultant, status=ContactStatus.DRAFT
        )
        .only("pk", "line", "channel", "started_at", "updated_at", "status")
        .order_by("-started_at", "-pk")
    )


def contacts_today(organisation: Organisation, consultant: User) -> dict[str, int]:
    """How many contacts the consultant recorded since midnight, in all and by line."""
    midnight = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    counts = (
        contacts_for(organisation)
        .filter(consultant=consultant, status=ContactStatus.RECORDED, started_at__gte=midnight)
        .aggregate(
            total=Count("pk"),
            sos=Count("pk", filter=Q(line=Line.SOS)),
            missing_children=Count("pk", filter=Q(line=Line.MISSING_CHILDREN)),
        )
    )
    return {key: value or 0 for key, value in counts.items()}


def earlier_contacts(contact: Contact) -> int:
    """How many other contacts of the organisation came from the same phone or e-mail
    (by blind index; drafts included); one COUNT query, none without an index."""
    if not (contact.caller_phone_index or contact.caller_email_index):
        return 0
    return (
        Contact.objects.filter(
            same_caller(contact.caller_phone_index, contact.caller_email_index),
            organisation_id=contact.organisation_id,
        )
        .exclude(pk=contact.pk)
        .count()
    )
