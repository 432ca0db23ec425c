"""A case manager opens a case from a hand-over (the organisation's next pseudonymous case code,
A-<year>-001, -002, …) or declines it with a reason; a hand-over is decided once."""

from unittest import mock

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from conftest import sign_in
from core.models import AuditEntry, Role
from hotline.codes import Action, HandoverStatus
from hotline.models import CaseHandover, ContactAction
from hotline.services import handovers as service
from hotline.services.handovers import (
    HandoverRefused,
    accept_handover,
    decline_handover,
    next_case_code,
)
from hotline.tests.factories_children import CaseHandoverFactory

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


@pytest.fixture
def case_manager(member):
    return member(Role.CASE_MANAGER)


@pytest.fixture
def manager_client(case_manager, client):
    return sign_in(client, case_manager)


def _decide(client, handover, **data):
    return client.post(reverse("hotline:handover_decide", args=[handover.pk]), data, follow=True)


def test_accepting_opens_case_001_and_shows_the_code(manager_client, case_manager, organisation):
    handover = CaseHandoverFactory(contact__organisation=organisation)

    response = _decide(manager_client, handover, decision="accept")

    handover.refresh_from_db()
    assert handover.case_code == f"A-{YEAR}-001"
    assert (handover.status, handover.decided_by) == (HandoverStatus.ACCEPTED, case_manager)
    assert handover.decided_at is not None
    page = response.content.decode()
    assert f"Case A-{YEAR}-001 opened." in page
    assert f"<strong>A-{YEAR}-001</strong>" in page
    assert "module" not in page


def test_case_codes_follow_each_other_within_an_organisation(organisation, case_manager):
    first, second = CaseHandoverFactory.create_batch(2, contact__organisation=organisation)

    assert accept_handover(first, case_manager).case_code == f"A-{YEAR}-001"
    assert accept_handover(second, case_manager).case_code == f"A-{YEAR}-002"


def test_case_codes_are_independent_across_organisations(
    organisation, other_organisation, case_manager, member
):
    ours = CaseHandoverFactory(contact__organisation=organisation)
    theirs = CaseHandoverFactory(contact__organisation=other_organisation)
    their_manager = member(Role.CASE_MANAGER, other_organisation)

    assert accept_handover(ours, case_manager).case_code == f"A-{YEAR}-001"
    assert accept_handover(theirs, their_manager).case_code == f"A-{YEAR}-001"


def test_the_sequence_starts_again_each_year_and_passes_999(organisation):
    CaseHandoverFactory(contact__organisation=organisation, case_code="A-2025-041")
    CaseHandoverFactory(contact__organisation=organisation, case_code="A-2026-999")
    CaseHandoverFactory(contact__organisation=organisation, case_code="A-2026-1000")

    assert next_case_code(organisation, 2024) == "A-2024-001"
    assert next_case_code(organisation, 2025) == "A-2025-042"
    assert next_case_code(organisation, 2026) == "A-2026-1001"


def test_accepting_adds_case_opened_to_the_contacts_actions_once(organisation, case_manager):
    handover = CaseHandoverFactory(contact__organisation=organisation)
    ContactAction.objects.create(contact=handover.contact, code=Action.INFORMATION_GIVEN)

    accept_handover(handover, case_manager)

    assert sorted(handover.contact.actions.values_list("code", flat=True)) == [
        "case_opened",
        "information_given",
    ]


def test_accepting_is_audited_on_the_contact(organisation, case_manager):
    handover = CaseHandoverFactory(contact__organisation=organisation)

    accept_handover(handover, case_manager)

    entry = AuditEntry.objects.get(action="update")
    assert (entry.object_type, entry.object_id, entry.summary) == (
        "hotline.contact",
        str(handover.contact.pk),
        f"case opened A-{YEAR}-001",
    )


def test_a_second_acceptance_is_refused(manager_client, organisation, case_manager):
    handover = CaseHandoverFactory(contact__organisation=organisation)
    accept_handover(handover, case_manager)

    response = _decide(manager_client, handover, decision="accept")

    assert "This hand-over has already been decided." in response.content.decode()
    assert CaseHandover.objects.get().case_code == f"A-{YEAR}-001"
    with pytest.raises(HandoverRefused):
        accept_handover(handover, case_manager)


def test_a_clash_of_case_codes_is_retried_once(organisation, case_manager):
    CaseHandoverFactory(contact__organisation=organisation, case_code=f"A-{YEAR}-001")
    handover = CaseHandoverFactory(contact__organisation=organisation)
    stale = iter([f"A-{YEAR}-001"])  # the first attempt computes a code someone just took
    real = service.next_case_code

    with mock.patch.object(
        service, "next_case_code", side_effect=lambda *a: next(stale, None) or real(*a)
    ):
        accepted = accept_handover(handover, case_manager)

    assert accepted.case_code == f"A-{YEAR}-002"


def test_a_second_clash_is_refused_with_a_message(organisation, case_manager):
    handover = CaseHandoverFactory(contact__organisation=organisation)

    with (
        mock.patch.object(service, "_accept", side_effect=IntegrityError),
        pytest.raises(HandoverRefused),
    ):
        accept_handover(handover, case_manager)


def test_declining_needs_a_reason(manager_client, organisation):
    handover = CaseHandoverFactory(contact__organisation=organisation)

    response = manager_client.post(
        reverse("hotline:handover_decide", args=[handover.pk]),
        {"decision": "decline", "decline_reason": " "},
    )

    assert response.status_code == 400
    assert response.context["form"].errors["decline_reason"]
    assert CaseHandover.objects.get().status == HandoverStatus.REQUESTED


def test_declining_keeps_the_reason_encrypted(manager_client, case_manager, organisation):
    handover = CaseHandoverFactory(contact__organisation=organisation)

    response = _decide(
        manager_client, handover, decision="decline", decline_reason="Not our region; Niš NGO."
    )

    handover.refresh_from_db()
    assert (handover.status, handover.decided_by) == (HandoverStatus.DECLINED, case_manager)
    assert handover.decline_reason == "Not our region; Niš NGO."
    assert handover.case_code == ""
    assert "Not our region" in response.content.decode()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT decline_reason FROM hotline_casehandover")
        assert "Not our region" not in cursor.fetchone()[0]
    assert not AuditEntry.objects.filter(summary__icontains="region").exists()


def test_a_declined_hand_over_cannot_be_accepted(organisation, case_manager):
    handover = CaseHandoverFactory(contact__organisation=organisation)
    decline_handover(handover, case_manager, "No capacity.")

    with pytest.raises(HandoverRefused):
        accept_handover(handover, case_manager)


def test_a_missing_decision_is_a_form_error(manager_client, organisation):
    handover = CaseHandoverFactory(contact__organisation=organisation)

    response = manager_client.post(reverse("hotline:handover_decide", args=[handover.pk]), {})

    assert response.status_code == 400
    assert "Choose whether to open a case or decline." in response.content.decode()


def test_another_organisations_hand_over_is_not_found(client_as, other_organisation):
    handover = CaseHandoverFactory(contact__organisation=other_organisation)

    response = client_as(Role.CASE_MANAGER).post(
        reverse("hotline:handover_decide", args=[handover.pk]), {"decision": "accept"}
    )

    assert response.status_code == 404
    assert CaseHandover.objects.get().status == HandoverStatus.REQUESTED


@pytest.mark.parametrize("role", [Role.SOS_CONSULTANT, Role.RESEARCHER])
def test_only_case_managers_decide(client_as, organisation, role):
    handover = CaseHandoverFactory(contact__organisation=organisation)

    response = client_as(role).post(
        reverse("hotline:handover_decide", args=[handover.pk]), {"decision": "accept"}
    )

    assert response.status_code == 403
