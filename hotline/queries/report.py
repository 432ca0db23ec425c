"""The monthly line report: how many contacts, by line, channel, caller type, subject, action and
(for non-data contacts) kind, beside the same period a year earlier.

Set-based SQL only (DESIGN.md §6): one GROUP BY query per table, each counting both periods at
once with conditional counts, so the report costs six queries whatever the number of contacts.
Only aggregates leave here; researchers may see them.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet, TextChoices
from django.utils.translation import gettext as _

from core.models import Organisation
from hotline.codes import Action, CallerType, Channel, ContactKind, Line, Subject
from hotline.models import Contact, ContactAction
from hotline.queries.lists import LISTED_STATUSES, local_midnight, month_bounds


@dataclass(frozen=True)
class ReportRow:
    code: str
    label: str
    count: int
    year_earlier: int


@dataclass(frozen=True)
class ReportTable:
    key: str
    title: str
    rows: list[ReportRow] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(row.count for row in self.rows)

    @property
    def year_earlier_total(self) -> int:
        return sum(row.year_earlier for row in self.rows)


@dataclass(frozen=True)
class LineReport:
    month_start: date
    month_end: date  # the first day after the period
    year_earlier_start: date
    year_earlier_end: date
    total: int
    total_year_earlier: int
    data: int
    data_year_earlier: int
    tables: list[ReportTable]

    @property
    def non_data(self) -> int:
        return self.total - self.data

    @property
    def non_data_year_earlier(self) -> int:
        return self.total_year_earlier - self.data_year_earlier

    def table(self, key: str) -> ReportTable:
        return next(table for table in self.tables if table.key == key)


def last_full_month(today: date) -> date:
    """The first day of the month before the one `today` is in."""
    return (today.replace(day=1) - date.resolution).replace(day=1)


def year_before(day: date) -> date:
    """The same date a year earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def _period(prefix: str, start: date, end: date) -> Q:
    return Q(
        **{
            f"{prefix}started_at__gte": local_midnight(start),
            f"{prefix}started_at__lt": local_midnight(end),
        }
    )


def _counts(
    records: QuerySet, dimension: str, current: Q, earlier: Q
) -> dict[str, tuple[int, int]]:
    rows = (
        records.filter(current | earlier)
        .order_by()
        .values(dimension)
        .annotate(now=Count("pk", filter=current), before=Count("pk", filter=earlier))
        .values_list(dimension, "now", "before")
    )
    return {code or "": (now, before) for code, now, before in rows}


def _table(
    key: str,
    title: str,
    codes: type[TextChoices],
    counts: dict[str, tuple[int, int]],
    *,
    leave_out: frozenset[str] = frozenset(),
) -> ReportTable:
    """Every code of the list in its order (zeros included), then what is not on the list."""
    rows = [
        ReportRow(code, str(label), *counts.get(code, (0, 0)))
        for code, label in codes.choices
        if code not in leave_out
    ]
    for code in sorted(set(counts) - set(codes.values) - leave_out):
        label = _("Not recorded") if code == "" else code
        rows.append(ReportRow(code, label, *counts[code]))
    return ReportTable(key, title, rows)


def line_report(organisation: Organisation, month_start: date, month_end: date) -> LineReport:
    """Counts of the organisation's recorded and received contacts that started in
    [month_start, month_end) (local dates), each beside the same period a year earlier."""
    earlier_start, earlier_end = year_before(month_start), year_before(month_end)
    contacts = Contact.objects.filter(organisation=organisation, status__in=LISTED_STATUSES)
    data_contacts = contacts.filter(kind=ContactKind.DATA)
    current = _period("", month_start, month_end)
    earlier = _period("", earlier_start, earlier_end)

    kinds = _counts(contacts, "kind", current, earlier)
    actions = _counts(
        ContactAction.objects.filter(
            contact__organisation=organisation, contact__status__in=LISTED_STATUSES
        ),
        "code",
        _period("contact__", month_start, month_end),
        _period("contact__", earlier_start, earlier_end),
    )
    tables = [
        _table("line", _("Line"), Line, _counts(contacts, "line", current, earlier)),
        _table("channel", _("Channel"), Channel, _counts(contacts, "channel", current, earlier)),
        _table(
            "caller_type",
            _("Who contacts"),
            CallerType,
            _counts(data_contacts, "caller_type", current, earlier),
        ),
        _table(
            "subject", _("Subject"), Subject, _counts(data_contacts, "subject", current, earlier)
        ),
        _table("action", _("Actions"), Action, actions),
        _table(
            "kind",
            _("Contacts without data, by kind"),
            ContactKind,
            kinds,
            leave_out=frozenset({ContactKind.DATA}),
        ),
    ]
    data_now, data_before = kinds.get(ContactKind.DATA, (0, 0))
    return LineReport(
        month_start=month_start,
        month_end=month_end,
        year_earlier_start=earlier_start,
        year_earlier_end=earlier_end,
        total=sum(count for count, _earlier in kinds.values()),
        total_year_earlier=sum(count for _current, count in kinds.values()),
        data=data_now,
        data_year_earlier=data_before,
        tables=tables,
    )


def month_report(organisation: Organisation, month: date) -> LineReport:
    """The line report of the calendar month `month` is in."""
    first, following = month_bounds(month)
    return line_report(organisation, first, following)
