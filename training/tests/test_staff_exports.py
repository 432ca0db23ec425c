"""Participant and attendance exports as XLSX and CSV: translated headers, Cyrillic intact, and
formula-looking cells neutralised so a spreadsheet never runs them; each export is audited."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from core.exports import neutralised, table_response
from core.models import AuditEntry
from training.tests.factories import AttendanceFactory, RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def training(organisation):
    return TrainingFactory(organisation=organisation, slug="obuka-nis")


def _csv_rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def _xlsx_rows(response):
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


@pytest.mark.parametrize(
    "value",
    [
        '=HYPERLINK("http://evil.example","klik")',
        "+381641234567",
        "-1+2",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
    ],
)
def test_a_cell_a_spreadsheet_would_evaluate_gets_a_leading_quote(value):
    assert neutralised(value) == "'" + value


def test_ordinary_values_are_left_alone():
    assert [neutralised(v) for v in ["Јована", "a=b", -3, 2.5, None]] == [
        "Јована",
        "a=b",
        -3,
        2.5,
        None,
    ]


def test_the_hyperlink_formula_is_neutralised_in_both_formats():
    hyperlink = '=HYPERLINK("http://evil.example","klik")'
    for fmt, read in (("csv", _csv_rows), ("xlsx", _xlsx_rows)):
        response = table_response(
            fmt, filename="Učesnici: test", headers=["Ime"], rows=[[hyperlink]]
        )
        assert read(response)[1] == ["'" + hyperlink]
        assert response["Content-Disposition"] == f'attachment; filename="Ucesnici-test.{fmt}"'


def test_participants_csv_lists_confirmed_and_waitlisted_with_cyrillic_intact(
    coordinator_client, training
):
    RegistrationFactory(
        training=training, first_name="Јована", last_name="Петровић", phone="+381 64 111"
    )
    RegistrationFactory(training=training, status="waitlisted", first_name="Čeka")
    RegistrationFactory(training=training, status="cancelled", first_name="Otkazala")

    response = coordinator_client.get(
        reverse("training:participants_export", args=[training.pk, "csv"])
    )

    assert response["Content-Disposition"] == 'attachment; filename="participants-obuka-nis.csv"'
    header, *rows = _csv_rows(response)
    assert header[:3] == ["Status", "First name", "Last name"]
    assert [(r[0], r[1]) for r in rows] == [("Confirmed", "Јована"), ("Waitlisted", "Čeka")]
    assert rows[0][8] == "'+381 64 111"
    entry = AuditEntry.objects.get(action="export")
    assert (entry.object_type, entry.object_id) == ("training.training", str(training.pk))


def test_participants_xlsx_header_row_is_in_the_users_language(coordinator_client, training):
    RegistrationFactory(training=training, first_name="Ana")
    coordinator_client.cookies["django_language"] = "sr"

    response = coordinator_client.get(
        reverse("training:participants_export", args=[training.pk, "xlsx"])
    )

    header, row = _xlsx_rows(response)
    with translation.override("sr"):
        assert header[:3] == [gettext("Status"), gettext("First name"), gettext("Last name")]
    assert row[1] == "Ana"


def test_attendance_has_a_column_per_day_with_marks_and_a_total(coordinator_client, training):
    first, second = training.days.all()
    both = RegistrationFactory(training=training, first_name="Oba", last_name="A")
    one = RegistrationFactory(training=training, first_name="Jedan", last_name="B")
    AttendanceFactory(registration=both, day=first)
    AttendanceFactory(registration=both, day=second)
    AttendanceFactory(registration=one, day=second)

    response = coordinator_client.get(
        reverse("training:attendance_export", args=[training.pk, "xlsx"])
    )

    header, *rows = _xlsx_rows(response)
    assert header[3:] == [f"{first.date:%d.%m.%Y}", f"{second.date:%d.%m.%Y}", "Days attended"]
    assert [r[3:] for r in rows] == [["✓", "✓", 2], [None, "✓", 1]]
    assert AuditEntry.objects.filter(action="export", summary__startswith="attendance").exists()


def test_an_unknown_format_is_not_found_and_not_audited(coordinator_client, training):
    response = coordinator_client.get(
        reverse("training:participants_export", args=[training.pk, "pdf"])
    )

    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action="export").exists()


def test_another_organisations_participants_cannot_be_exported(
    coordinator_client, other_organisation
):
    training = TrainingFactory(organisation=other_organisation)
    RegistrationFactory(training=training)

    response = coordinator_client.get(
        reverse("training:participants_export", args=[training.pk, "csv"])
    )

    assert response.status_code == 404
