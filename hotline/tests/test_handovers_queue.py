"""The case managers' queue of hand-overs and one hand-over with the contact's intake."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import sign_in
from core.models import AuditEntry, Role
from hotline.codes import HandoverStatus, RiskLevel, Subject
from hotline.models import ContactAction, ContactIndicator
from hotline.tests.factories_children import CaseHandoverFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("hotline:handovers")


@pytest.fixture
def case_manager(member):
    return member(Role.CASE_MANAGER)


@pytest.fixture
def manager_client(case_manager, client):
    return sign_in(client, case_manager)


def _at(handover, *, requested_days_ago, decided_days_ago=None):
    now = timezone.now()
    handover.requested_at = now - timedelta(days=requested_days_ago)
    if decided_days_ago is not None:
        handover.decided_at = now - timedelta(days=decided_days_ago)
    handover.save()
    return handover


def test_waiting_hand_overs_come_first_oldest_first_then_recent_decisions(
    manager_client, organisation
):
    make = CaseHandoverFactory
    org = {"contact__organisation": organisation}
    old_decision = _at(
        make(**org, status=HandoverStatus.DECLINED), requested_days_ago=9, decided_days_ago=8
    )
    new_decision = _at(
        make(**org, status=HandoverStatus.ACCEPTED, case_code="A-2026-001"),
        requested_days_ago=7,
        decided_days_ago=1,
    )
    waiting_new = _at(make(**org), requested_days_ago=0)
    waiting_old = _at(make(**org), requested_days_ago=3)

    response = manager_client.get(QUEUE)

    assert list(response.context["page"]) == [waiting_old, waiting_new, new_decision, old_decision]
    assert "A-2026-001" in response.content.decode()


def test_the_queue_shows_no_content_of_the_contact(manager_client, organisation):
    CaseHandoverFactory(
        contact__organisation=organisation,
        contact__caller_name="Ana Marković",
        contact__subject=Subject.HELP_REQUEST,
        contact__risk_level=RiskLevel.HIGH,
    )

    page = manager_client.get(QUEUE).content.decode()

    assert "Request for help" in page
    assert "High" in page
    assert "Marković" not in page
    assert "shelter" not in page


def test_the_queue_lists_only_the_organisations_hand_overs(manager_client, other_organisation):
    CaseHandoverFactory(contact__organisation=other_organisation)

    assert list(manager_client.get(QUEUE).context["page"]) == []


def test_the_query_count_does_not_grow_with_the_queue(
    manager_client, organisation, django_assert_max_num_queries
):
    CaseHandoverFactory(contact__organisation=organisation)
    with django_assert_max_num_queries(12) as few:
        manager_client.get(QUEUE)
    CaseHandoverFactory.create_batch(12, contact__organisation=organisation)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = manager_client.get(QUEUE)

    assert len(response.context["page"]) == 13


def test_the_hand_over_shows_the_reason_and_the_intake(manager_client, organisation):
    handover = CaseHandoverFactory(
        contact__organisation=organisation,
        contact__caller_name="Ana Marković",
        contact__caller_phone="064 123 4567",
        contact__caller_email="ana@example.org",
        contact__caller_place="Kragujevac",
        contact__caller_age_band="18-24",
        contact__caller_citizenship="RS",
        contact__caller_gender="Feminine",
        contact__subject=Subject.HELP_REQUEST,
        contact__risk_level=RiskLevel.HIGH,
    )
    ContactIndicator.objects.create(contact=handover.contact, code="DebtBondage")
    ContactAction.objects.create(contact=handover.contact, code="referral_police")

    page = manager_client.get(reverse("hotline:handover", args=[handover.pk])).content.decode()

    for shown in [
        "She asks for shelter and legal help",
        "Ana Marković",
        "064 123 4567",
        "ana@example.org",
        "Kragujevac",
        "18–24",
        "Serbia",
        "Female",
        "Request for help",
        "High",
        "Debt bondage",
        "Referred to the police",
        "Asked how to check an agency",
    ]:
        assert shown in page, shown
    assert 'value="accept"' in page


def test_opening_a_hand_over_is_an_audited_read_of_the_contact(manager_client, organisation):
    handover = CaseHandoverFactory(contact__organisation=organisation)

    manager_client.get(reverse("hotline:handover", args=[handover.pk]))

    entry = AuditEntry.objects.get(action="read")
    assert (entry.object_type, entry.object_id, entry.summary) == (
        "hotline.contact",
        str(handover.contact.pk),
        f"hand-over #{handover.pk}",
    )


def test_the_hand_over_page_runs_a_fixed_number_of_queries(
    manager_client, organisation, django_assert_max_num_queries
):
    handover = CaseHandoverFactory(contact__organisation=organisation)
    for code in ["DebtBondage", "FalsePromises", "Poverty"]:
        ContactIndicator.objects.create(contact=handover.contact, code=code)

    with django_assert_max_num_queries(16):
        manager_client.get(reverse("hotline:handover", args=[handover.pk]))


def test_a_decided_hand_over_offers_no_decision(manager_client, organisation):
    handover = CaseHandoverFactory(
        contact__organisation=organisation, status=HandoverStatus.ACCEPTED, case_code="A-2026-017"
    )

    page = manager_client.get(reverse("hotline:handover", args=[handover.pk])).content.decode()

    assert "A-2026-017" in page
    assert 'value="accept"' not in page


def test_another_organisations_hand_over_is_not_found(client_as, other_organisation):
    handover = CaseHandoverFactory(contact__organisation=other_organisation)

    response = client_as(Role.CASE_MANAGER).get(reverse("hotline:handover", args=[handover.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize("role", [Role.RESEARCHER, Role.SOS_CONSULTANT, Role.ADMINISTRATOR])
def test_the_queue_and_the_hand_over_are_for_case_managers(client_as, organisation, role):
    handover = CaseHandoverFactory(contact__organisation=organisation)
    client = client_as(role)

    assert client.get(QUEUE).status_code == 403
    assert client.get(reverse("hotline:handover", args=[handover.pk])).status_code == 403
