"""The case's "Data rights" tab: what the export holds, how long the case is kept, and the
erasure form (only once every case of the person is closed)."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cases.models import GlassBreak
from cases.services.rights import anonymise_person
from cases.tests.test_rights_export import close, fill_case
from conftest import sign_in
from core.models import Role

pytestmark = pytest.mark.django_db


def _page(client, case) -> str:  # type: ignore[no-untyped-def]
    response = client.get(reverse("cases:rights", args=[case.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_an_open_case_says_when_the_retention_date_is_set_and_offers_no_erasure(
    case, case_manager_client
):
    page = _page(case_manager_client, case)

    assert "Set when the case is closed: 10 years after closing." in page
    assert "Download all data of the person" in page
    assert f"Still open: {case.code}." in page
    assert 'name="code"' not in page


def test_a_closed_case_shows_its_retention_date_and_the_erasure_form(case, case_manager_client):
    close(case, on=date(2026, 6, 1), retain_until=date(2036, 6, 1))

    page = _page(case_manager_client, case)

    assert "June 1, 2036" in page
    assert 'name="code"' in page
    assert "Erase the person&#x27;s data" in page or "Erase the person's data" in page


def test_an_anonymised_person_is_shown_as_erased(case, case_manager, case_manager_client):
    close(case)
    anonymise_person(case.person, case_manager, None)

    page = _page(case_manager_client, case)

    assert "only codes for the statistics are kept" in page
    assert 'name="code"' not in page


def test_an_emergency_access_sees_the_explanation_but_no_buttons(case, member):
    stranger = member(Role.CASE_MANAGER)
    GlassBreak.objects.create(
        organisation=case.organisation,
        case=case,
        user=stranger,
        reason="danger",
        expires_at=timezone.now() + timedelta(hours=1),
    )
    close(case)
    page = _page(sign_in(Client(), stranger), case)

    assert "Only the case team may export or erase" in page
    assert "Download all data of the person" not in page
    assert 'name="code"' not in page


def test_the_page_takes_the_same_number_of_queries_with_more_records(
    case, case_manager, case_manager_client, django_assert_max_num_queries
):
    fill_case(case, case_manager)
    with django_assert_max_num_queries(25) as few:
        _page(case_manager_client, case)
    for _ in range(10):
        fill_case(case, case_manager)
    with django_assert_max_num_queries(len(few)):
        _page(case_manager_client, case)
