"""Reads behind the contact list, one contact's page, the follow-up lists and the dashboard panel.

Every filter of the contact list maps onto an index of `Contact.Meta` (organisation + subject,
line or status, then `started_at`), so a month of one subject is read from one index range at
millions of contacts; periods are `started_at` ranges between local midnights.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.models import Organisation, Role, User
from hotline.codes import (
    CallerType,
    Channel,
    ContactKind,
    ContactStatus,
    Line,
    MissingChildStatus,
    RiskLevel,
    Subject,
)
from hotline.models import Contact, FollowUp
from hotline.queries import (
    contacts_for,
    follow_ups_for,
    missing_child_reports_for,
    same_caller,
)

# What the list and the report count: contacts recorded on a shift and online reports that have
# arrived. Drafts (still being typed) have their own page.
LISTED_STATUSES = (ContactStatus.RECORDED, ContactStatus.RECEIVED)
NON_DATA = "non_data"
RECENTLY_DONE_DAYS = 14
RECENTLY_DONE_LIMIT = 20
PAGE_SIZE = 25
# Counting stops here: past ten thousand, "more than" is all a consultant needs to narrow down.
COUNT_CAP = 10_000


def local_midnight(day: date) -> datetime:
    """The first instant of `day` in the organisation's time zone, as an aware datetime."""
    return timezone.make_aware(datetime.combine(day, time.min))


def month_bounds(month_start: date) -> tuple[date, date]:
    """The first day of the month and the first day of the next one."""
    first = month_start.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following


def consultants_of(organisation: Organisation) -> QuerySet[User]:
    """Members of the organisation holding the SOS consultant role, by name."""
    return (
        User.objects.filter(
            memberships__organisation=organisation, memberships__role=Role.SOS_CONSULTANT
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def contacts_matching(organisation: Organisation, filters: Mapping[str, Any]) -> QuerySet[Contact]:
    """Recorded and received contacts of the organisation, newest first, narrowed by `filters`.

    Keys (all optional, empty means "any"): line, channel, subject, risk_level, consultant (a
    User or pk), kind ("data", "non_data" or a ContactKind), month (any date in that month),
    date_from / date_to (dates, inclusive), follow_up_due (bool: open follow-ups due today or
    earlier), same_as (a contact pk: contacts from the same phone number or e-mail address).
    """
    # "Not a draft" rather than "one of two statuses": the newest-first walk of the
    # (organisation, started_at) index then needs no sort at millions of contacts.
    contacts = contacts_for(organisation).exclude(status=ContactStatus.DRAFT)
    for field in ("line", "channel", "subject", "risk_level"):
        if filters.get(field):
            contacts = contacts.filter(**{field: filters[field]})
    if filters.get("consultant"):
        contacts = contacts.filter(consultant=filters["consultant"])
    kind = filters.get("kind")
    if kind == NON_DATA:
        contacts = contacts.exclude(kind=ContactKind.DATA)
    elif kind:
        contacts = contacts.filter(kind=kind)
    if filters.get("month"):
        first, following = month_bounds(filters["month"])
        contacts = contacts.filter(
            started_at__gte=local_midnight(first), started_at__lt=local_midnight(following)
        )
    if filters.get("date_from"):
        contacts = contacts.filter(started_at__gte=local_midnight(filters["date_from"]))
    if filters.get("date_to"):
        next_day = filters["date_to"] + timedelta(days=1)
        contacts = contacts.filter(started_at__lt=local_midnight(next_day))
    if filters.get("follow_up_due"):
        # The open, due follow-ups are few: read them from their index, then the contacts by pk.
        due = open_follow_ups(organisation).filter(due_on__lte=timezone.localdate())
        contacts = contacts.filter(pk__in=due.values("contact_id"))
    if filters.get("same_as"):
        contacts = contacts.filter(same_caller_as(organisation, filters["same_as"]))
    return contacts.order_by("-started_at", "-pk")


def same_caller_as(organisation: Organisation, pk: int) -> Q:
    """A condition matching contacts whose phone or e-mail index equals that of contact `pk`
    (matches nothing when the contact is not the organisation's or has neither)."""
    indexes = (
        contacts_for(organisation)
        .filter(pk=pk)
        .values_list("caller_phone_index", "caller_email_index")
        .first()
    )
    phone, email = indexes or ("", "")
    return same_caller(phone, email)


def repeat_contacts_count(contact: Contact) -> int:
    """How many other listed contacts came from the same phone number or e-mail address."""
    if not (contact.caller_phone_index or contact.caller_email_index):
        return 0
    return (
        Contact.objects.filter(organisation_id=contact.organisation_id, status__in=LISTED_STATUSES)
        .filter(same_caller(contact.caller_phone_index, contact.caller_email_index))
        .exclude(pk=contact.pk)
        .count()
    )


@dataclass(frozen=True)
class ContactRow:
    """One line of the contact list: codes already turned into labels, nothing decrypted."""

    pk: int
    started_at: datetime
    received: bool
    line: str
    channel: str
    subject_or_kind: str
    caller_type: str
    risk_level: str
    risk_label: str
    consultant: str
    open_follow_ups: int


ROW_FIELDS = (
    "pk",
    "started_at",
    "status",
    "line",
    "channel",
    "kind",
    "subject",
    "caller_type",
    "risk_level",
    "consultant__first_name",
    "consultant__last_name",
    "consultant__username",
)


def _labels(choices: type[models.TextChoices]) -> dict[str, str]:
    return {value: str(label) for value, label in choices.choices}


class _CappedContacts:
    """What Paginator slices for the contact list: a count that stops at COUNT_CAP, and each
    page read in one query as plain rows (labels looked up once per page, not per cell)."""

    def __init__(self, contacts: QuerySet[Contact]):
        self.contacts = contacts

    def count(self) -> int:
        return self.contacts.order_by().values("pk")[: COUNT_CAP + 1].count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[ContactRow]:
        open_count = (
            FollowUp.objects.filter(contact=OuterRef("pk"), done_at__isnull=True)
            .order_by()
            .values("contact")
            .annotate(open_count=Count("pk"))
            .values("open_count")
        )
        rows = self.contacts.annotate(open_follow_ups=Coalesce(Subquery(open_count), 0)).values(
            *ROW_FIELDS, "open_follow_ups"
        )[index]
        lines, channels, kinds = _labels(Line), _labels(Channel), _labels(ContactKind)
        subjects, callers, risks = _labels(Subject), _labels(CallerType), _labels(RiskLevel)
        return [
            ContactRow(
                pk=row["pk"],
                started_at=row["started_at"],
                received=row["status"] == ContactStatus.RECEIVED,
                line=lines.get(row["line"], row["line"]),
                channel=channels.get(row["channel"], row["channel"]),
                subject_or_kind=(
                    subjects.get(row["subject"], "—")
                    if row["kind"] == ContactKind.DATA
                    else kinds.get(row["kind"], row["kind"])
                ),
                caller_type=callers.get(row["caller_type"], "—"),
                risk_level=row["risk_level"],
                risk_label=risks.get(row["risk_level"], ""),
                consultant=(
                    f"{row['consultant__first_name']} {row['consultant__last_name']}".strip()
                    or (row["consultant__username"] or "—")
                ),
                open_follow_ups=row["open_follow_ups"],
            )
            for row in rows
        ]


def contact_page(organisation: Organisation, filters: Mapping[str, Any], number: Any) -> Page:
    """One page of `contacts_matching`, each contact with `open_follow_ups`; the total is
    counted up to COUNT_CAP (`page.paginator.count > COUNT_CAP` means "more than that")."""
    pages = _CappedContacts(contacts_matching(organisation, filters))
    return Paginator(pages, PAGE_SIZE).get_page(number)  # type: ignore[arg-type]


def contact_with_everything(organisation: Organisation) -> QuerySet[Contact]:
    """The scope for one contact's page: its consultant, institution, online report,
    missing-child report and hand-over joined; indicators and actions prefetched."""
    return (
        contacts_for(organisation)
        .select_related("caller_institution", "online_report", "missing_child", "handover")
        .prefetch_related("indicators", "actions")
    )


def follow_ups_of_contact(contact: Contact) -> list[FollowUp]:
    """The contact's follow-ups, open ones first by due date, then those done."""
    return list(
        FollowUp.objects.filter(contact=contact)
        .select_related("assigned_to", "done_by")
        .order_by("done_at", "due_on", "pk")
    )


def open_follow_ups(organisation: Organisation) -> QuerySet[FollowUp]:
    """The organisation's follow-ups not yet done, the most overdue first."""
    return follow_ups_for(organisation).filter(done_at__isnull=True).order_by("due_on", "pk")


def recently_done_follow_ups(
    organisation: Organisation, assigned_to: User | None = None
) -> QuerySet[FollowUp]:
    """Follow-ups marked done in the last two weeks, newest first (of one assignee if given)."""
    since = timezone.now() - timedelta(days=RECENTLY_DONE_DAYS)
    done = follow_ups_for(organisation).filter(done_at__gte=since).select_related("done_by")
    if assigned_to is not None:
        done = done.filter(assigned_to=assigned_to)
    return done.order_by("-done_at", "-pk")[:RECENTLY_DONE_LIMIT]


def line_panel_counts(organisation: Organisation, user: User) -> dict[str, int]:
    """The SOS line dashboard figures for `user`, in four queries whatever the data."""
    today = timezone.localdate()
    follow_ups_due = FollowUp.objects.filter(
        organisation=organisation, assigned_to=user, done_at__isnull=True, due_on__lte=today
    ).count()
    # Two counts, each from its own index: (consultant, status) and (organisation, status).
    drafts = Contact.objects.filter(
        consultant=user, status=ContactStatus.DRAFT, organisation=organisation
    ).count()
    received = Contact.objects.filter(
        organisation=organisation, status=ContactStatus.RECEIVED
    ).count()
    missing_children = (
        missing_child_reports_for(organisation)
        .exclude(status=MissingChildStatus.CLOSED)
        .order_by()
        .count()
    )
    return {
        "follow_ups_due": follow_ups_due,
        "drafts": drafts,
        "received": received,
        "missing_children": missing_children,
    }
