"""The monthly line report: figures equal to counts made independently from the contacts, the same
month a year earlier beside them, XLSX and CSV downloads with translated headers, a bad month
shown as a message, researchers allowed (aggregates only) and a fixed number of queries."""

import csv
import io
import random
from collections import Counter
from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from openpyxl import load_workbook

from core.models import AuditEntry, Role
from hotline.codes import (
    Action,
    CallerType,
    Channel,
    ContactKind,
    ContactStatus,
    Line,
    Subject,
)
from hotline.models import ContactAction
from hotline.queries.report import last_full_month, line_report
from hotline.tests.factories import ContactFactory, DraftContactFactory

pytestmark = pytest.mark.django_db

URL = reverse("hotline:line_report")


def local(*args: int) -> datetime:
    return timezone.make_aware(datetime(*args))


def make_month(organisation, consultant, year: int, seed: int, how_many: int):  # type: ignore[no-untyped-def]
    """Contacts spread over March of `year` (first and last minute included), with actions."""
    rng = random.Random(seed)
    made = []
    for index in range(how_many):
        kind = rng.choice([ContactKind.DATA] * 3 + list(ContactKind)[1:])
        data = kind == ContactKind.DATA
        started = (
            [local(year, 3, 1, 0, 0), local(year, 3, 31, 23, 59)][index]
            if index < 2
            else (local(year, 3, rng.randint(1, 31), rng.randint(0, 23), rng.randint(0, 59)))
        )
        contact = ContactFactory(
            organisation=organisation,
            consultant=consultant,
            kind=kind,
            line=rng.choice(Line.values),
            channel=rng.choice(Channel.values),
            caller_type=rng.choice([*CallerType.values, ""]) if data else "",
            subject=rng.choice(Subject.values) if data else "",
            status=rng.choice([ContactStatus.RECORDED] * 4 + [ContactStatus.RECEIVED]),
            started_at=started,
        )
        actions = rng.sample(Action.values, rng.randint(0, 3)) if data else []
        ContactAction.objects.bulk_create(ContactAction(contact=contact, code=a) for a in actions)
        contact.action_codes = actions
        made.append(contact)
    return made


@pytest.fixture
def march(organisation, other_organisation, consultant):  # type: ignore[no-untyped-def]
    this_year = make_month(organisation, consultant, 2025, seed=1, how_many=40)
    year_earlier = make_month(organisation, consultant, 2024, seed=2, how_many=25)
    # Outside the month, a draft, and another organisation's contact: never counted.
    ContactFactory(organisation=organisation, consultant=consultant, started_at=local(2025, 4, 1))
    ContactFactory(
        organisation=organisation, consultant=consultant, started_at=local(2025, 2, 28, 23, 59)
    )
    DraftContactFactory(organisation=organisation, started_at=local(2025, 3, 10, 12, 0))
    ContactFactory(organisation=other_organisation, started_at=local(2025, 3, 10, 12, 0))
    return this_year, year_earlier


def counted(contacts, attribute: str, data_only: bool = False) -> Counter:  # type: ignore[no-untyped-def]
    return Counter(
        getattr(c, attribute) for c in contacts if not data_only or c.kind == ContactKind.DATA
    )


def figures(table) -> dict[str, tuple[int, int]]:  # type: ignore[no-untyped-def]
    return {
        row.code: (row.count, row.year_earlier)
        for row in table.rows
        if row.count or row.year_earlier
    }


def expected(now: Counter, before: Counter) -> dict[str, tuple[int, int]]:
    return {code: (now[code], before[code]) for code in set(now) | set(before)}


def test_figures_equal_counts_made_from_the_contacts(organisation, march):
    this_year, year_earlier = march

    report = line_report(organisation, date(2025, 3, 1), date(2025, 4, 1))

    assert report.total == len(this_year) and report.total_year_earlier == len(year_earlier)
    data_now = [c for c in this_year if c.kind == ContactKind.DATA]
    assert report.data == len(data_now)
    assert report.non_data == len(this_year) - len(data_now)
    for key, attribute, data_only in (
        ("line", "line", False),
        ("channel", "channel", False),
        ("caller_type", "caller_type", True),
        ("subject", "subject", True),
    ):
        assert figures(report.table(key)) == expected(
            counted(this_year, attribute, data_only), counted(year_earlier, attribute, data_only)
        ), key
    kinds = expected(counted(this_year, "kind"), counted(year_earlier, "kind"))
    kinds.pop(ContactKind.DATA, None)
    assert figures(report.table("kind")) == kinds
    actions_now = Counter(a for c in this_year for a in c.action_codes)
    actions_before = Counter(a for c in year_earlier for a in c.action_codes)
    assert figures(report.table("action")) == expected(actions_now, actions_before)


def test_every_code_is_listed_even_at_zero_and_blanks_are_named(organisation, consultant):
    ContactFactory(
        organisation=organisation,
        consultant=consultant,
        caller_type="",
        started_at=local(2025, 3, 5),
    )

    report = line_report(organisation, date(2025, 3, 1), date(2025, 4, 1))

    rows = report.table("caller_type").rows
    assert [r.code for r in rows] == [*CallerType.values, ""]
    assert rows[-1].label == "Not recorded" and rows[-1].count == 1
    assert [r.code for r in report.table("kind").rows] == [
        k for k in ContactKind.values if k != ContactKind.DATA
    ]


def test_the_page_shows_the_chosen_month_beside_a_year_earlier(consultant_client, march):
    response = consultant_client.get(URL, {"month": "2025-03"})

    content = response.content.decode()
    assert response.status_code == 200
    assert response.context["report"].month_start == date(2025, 3, 1)
    assert "March 2025" in content and "March 2024" in content
    assert '<svg class="chart"' in content


def test_the_default_is_the_last_full_month(consultant_client):
    response = consultant_client.get(URL)

    assert response.context["report"].month_start == last_full_month(timezone.localdate())


@pytest.mark.parametrize("bad", ["2025-13", "March", "2025-3-1", "0000-01"])
def test_a_bad_month_shows_the_default_with_a_message(consultant_client, bad):
    response = consultant_client.get(URL, {"month": bad})

    assert response.status_code == 200
    assert response.context["report"].month_start == last_full_month(timezone.localdate())
    assert "is not a month" in response.content.decode()


def test_last_full_month_crosses_the_year():
    assert last_full_month(date(2025, 1, 15)) == date(2024, 12, 1)
    assert last_full_month(date(2025, 3, 31)) == date(2025, 2, 1)


def _xlsx_rows(response):  # type: ignore[no-untyped-def]
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def test_xlsx_has_the_figures_and_headers_in_serbian_latin(consultant_client, march):
    this_year, year_earlier = march
    consultant_client.cookies["django_language"] = "sr-latn"

    response = consultant_client.get(URL, {"month": "2025-03", "format": "xlsx"})

    assert response["Content-Disposition"] == 'attachment; filename="line-report-2025-03.xlsx"'
    header, *rows = _xlsx_rows(response)
    with translation.override("sr-latn"):
        assert header == [
            gettext("Table"),
            gettext("Category"),
            date_format(date(2025, 3, 1), "YEAR_MONTH_FORMAT"),
            date_format(date(2024, 3, 1), "YEAR_MONTH_FORMAT"),
        ]
        assert rows[0] == [gettext("Totals"), gettext("All contacts"), 40, 25]
        line_title = gettext("Line")
        sos = str(Line.SOS.label)
    assert header[2] != "March 2025"  # the month is named in Serbian
    sos_row = next(r for r in rows if r[0] == line_title and r[1] == sos)
    assert sos_row[2:] == [
        sum(c.line == Line.SOS for c in this_year),
        sum(c.line == Line.SOS for c in year_earlier),
    ]
    entry = AuditEntry.objects.get(action="export")
    assert entry.object_type == "hotline.contact" and "2025-03" in entry.summary


def test_csv_download(consultant_client, march):
    response = consultant_client.get(URL, {"month": "2025-03", "format": "csv"})

    text = response.content.decode("utf-8")
    header, totals, *_rest = list(csv.reader(io.StringIO(text[1:])))
    assert header == ["Table", "Category", "March 2025", "March 2024"]
    assert totals == ["Totals", "All contacts", "40", "25"]


def test_researchers_may_see_and_download_the_report(client_as, march):
    researcher = client_as(Role.RESEARCHER)

    page = researcher.get(URL, {"month": "2025-03"})
    download = researcher.get(URL, {"month": "2025-03", "format": "xlsx"})

    assert page.status_code == 200 and download.status_code == 200
    assert "Milica" not in page.content.decode()


def test_other_roles_cannot(client_as):
    assert client_as(Role.CASE_MANAGER).get(URL).status_code == 403
    assert client_as(Role.EDUCATION_COORDINATOR).get(URL).status_code == 403


@pytest.mark.parametrize("how_many", [1, 50])
def test_the_report_costs_a_fixed_number_of_queries(
    consultant_client, organisation, consultant, how_many, django_assert_max_num_queries
):
    make_month(organisation, consultant, 2025, seed=3, how_many=how_many)
    consultant_client.get(URL)  # refreshes the session's idle clock

    with django_assert_max_num_queries(10):
        consultant_client.get(URL, {"month": "2025-03"})
