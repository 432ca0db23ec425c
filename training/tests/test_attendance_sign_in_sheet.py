"""The printable sign-in sheet of a day: the paper fallback for roll call, in the reader's
language, with a numbered row per confirmed participant (by last name) and rows for walk-ins."""

from datetime import date

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.models import Role
from training.tests.factories import RegistrationFactory, TrainingFactory
from training.views.attendance import BLANK_SHEET_ROWS, sign_in_sheet_context

pytestmark = pytest.mark.django_db


@pytest.fixture
def day(organisation):
    training = TrainingFactory(
        organisation=organisation, city="Niš", venue="Dom omladine", days=[date(2026, 3, 14)]
    )
    RegistrationFactory(training=training, first_name="Zoran", last_name="Živković")
    RegistrationFactory(training=training, first_name="Ana", last_name="Antić")
    RegistrationFactory(training=training, first_name="Otkazan", status="cancelled")
    return training.days.get()


def test_the_sheet_lists_confirmed_participants_by_last_name_with_blank_rows(day):
    html = render_to_string(
        "training/attendance/sign_in_sheet_pdf.html", sign_in_sheet_context(day)
    )

    assert html.index("Antić Ana") < html.index("Živković Zoran")
    assert "Otkazan" not in html
    assert "Demo NGO" in html
    assert "Niš, Dom omladine" in html
    assert "14" in html and "2026" in html
    assert html.count('<td class="signature"></td>') == 2 + BLANK_SHEET_ROWS
    assert f'<td class="number">{2 + BLANK_SHEET_ROWS}.</td>' in html


def test_the_sheet_is_in_the_readers_language(day):
    with translation.override("sr"):
        html = render_to_string(
            "training/attendance/sign_in_sheet_pdf.html", sign_in_sheet_context(day)
        )

    assert 'lang="sr"' in html


def test_the_view_answers_a_pdf_with_an_ascii_file_name(client_as, day):
    response = client_as(Role.TRAINER).get(reverse("training:sign_in_sheet", args=[day.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    disposition = response["Content-Disposition"]
    assert disposition.isascii()
    assert f"sign-in-sheet-{day.training.slug}-2026-03-14.pdf" in disposition


def test_another_organisations_sheet_is_not_found(client_as, other_organisation, day):
    outsider = client_as(Role.EDUCATION_COORDINATOR, other_organisation)

    assert outsider.get(reverse("training:sign_in_sheet", args=[day.pk])).status_code == 404
