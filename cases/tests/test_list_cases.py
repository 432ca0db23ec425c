"""The case list: codes, statuses and who manages — never anything of the person; filtered,
paginated, in a constant number of queries; and the dashboard panel."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.codes import CaseStatus, ReferralDirection
from cases.models import Referral
from cases.services.persons import set_identity
from cases.tests.factories import CaseFactory
from core.models import Role

pytestmark = pytest.mark.django_db

LIST = reverse("cases:case_list")


def test_the_list_shows_codes_and_no_person_data(case_manager_client, case):
    set_identity(case.person, given_name="Slobodanka", family_name="Đorđević")

    response = case_manager_client.get(LIST)

    text = response.content.decode()
    assert response.status_code == 200
    assert case.code in text and "Tim A" in text and "Presumed victim" in text
    assert "Slobodanka" not in text and "Đorđević" not in text


def test_filters_narrow_the_list(case_manager_client, case, organisation):
    closed = CaseFactory(organisation=organisation, status=CaseStatus.CLOSED, code="A-2025-900")

    by_status = case_manager_client.get(LIST, {"status": CaseStatus.CLOSED}).content.decode()
    mine = case_manager_client.get(LIST, {"mine": "on"}).content.decode()
    by_year = case_manager_client.get(LIST, {"year": "2025"}).content.decode()

    assert closed.code in by_status and case.code not in by_status
    assert case.code in mine and closed.code not in mine
    assert "No cases match" in by_year


def test_a_bad_filter_is_ignored_not_a_500(case_manager_client, case):
    response = case_manager_client.get(LIST, {"status": "Nope", "year": "abc"})

    assert response.status_code == 200


def test_the_list_takes_the_same_queries_for_1_or_20_cases(case_manager_client, organisation):
    CaseFactory(organisation=organisation)
    case_manager_client.get(LIST)  # the first request of a session does more (sign-in)
    with CaptureQueriesContext(connection) as one:
        case_manager_client.get(LIST)
    CaseFactory.create_batch(19, organisation=organisation)
    with CaptureQueriesContext(connection) as twenty:
        response = case_manager_client.get(LIST)

    assert response.content.decode().count('class="case-code"') == 20
    assert len(twenty) == len(one)


def test_an_sos_consultant_sees_codes_without_links(client_as, case):
    response = client_as(Role.SOS_CONSULTANT).get(LIST)

    text = response.content.decode()
    assert case.code in text
    assert reverse("cases:case_detail", args=[case.pk]) not in text


def test_other_roles_do_not_see_the_list(client_as):
    assert client_as(Role.RESEARCHER).get(LIST).status_code == 403
    assert client_as(Role.PARTNER).get(LIST).status_code == 403


def test_the_dashboard_counts_my_open_cases(case_manager_client, case, organisation):
    CaseFactory(organisation=organisation, case_manager=case.case_manager, status="Closed")

    text = case_manager_client.get(reverse("core:dashboard")).content.decode()

    assert "1 open case of mine" in text


def test_the_dashboard_counts_referrals_waiting_for_a_partner(
    partner_client, partner_organisation, organisation, case
):
    Referral.objects.create(
        organisation=organisation,
        case=case,
        direction=ReferralDirection.OUTGOING,
        partner=partner_organisation,
        reason_code="AdditionalServicesRequired",
        sent_on=case.opened_on,
        created_by=case.case_manager,
    )

    text = partner_client.get(reverse("core:dashboard")).content.decode()

    assert "1 referral waiting for an answer" in text
    assert case.code not in text
