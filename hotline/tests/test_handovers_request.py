"""A consultant hands a recorded contact over to the case managers with a reason; the case
managers get an e-mail with a link and nothing of the contact's content."""

import pytest
from django.core import mail
from django.urls import reverse

from conftest import sign_in
from core.models import AuditEntry, Role
from core.tests.factories import MembershipFactory
from hotline.codes import HandoverStatus
from hotline.models import CaseHandover
from hotline.services.handovers import HandoverRefused, request_handover
from hotline.tests.factories import ContactFactory, DraftContactFactory
from hotline.tests.factories_children import CaseHandoverFactory

pytestmark = pytest.mark.django_db

REASON = "Ana needs shelter tonight; she agreed to meet a case manager tomorrow."


@pytest.fixture
def consultant_client(consultant, client):
    return sign_in(client, consultant)


@pytest.fixture
def contact(organisation):
    return ContactFactory(
        organisation=organisation, caller_name="Ana Marković", notes="Works 16 hours a day."
    )


def _request(client, contact, reason=REASON):
    return client.post(reverse("hotline:handover_request", args=[contact.pk]), {"reason": reason})


def test_consultant_hands_a_contact_over(consultant_client, consultant, contact):
    response = _request(consultant_client, contact)

    assert response.status_code == 302
    assert response["Location"] == reverse("hotline:contact_detail", args=[contact.pk])
    handover = CaseHandover.objects.get()
    assert (handover.status, handover.reason, handover.requested_by) == (
        HandoverStatus.REQUESTED,
        REASON,
        consultant,
    )
    audit = AuditEntry.objects.get(action="update", object_id=str(contact.pk))
    assert audit.summary == "handed over to the case managers"


def test_case_managers_get_an_email_without_content_in_their_language(
    consultant_client, organisation, other_organisation, contact
):
    english = MembershipFactory(organisation=organisation, role=Role.CASE_MANAGER).user
    serbian = MembershipFactory(organisation=organisation, role=Role.CASE_MANAGER).user
    serbian.preferred_language = "sr-latn"
    serbian.save()
    MembershipFactory(organisation=other_organisation, role=Role.CASE_MANAGER)
    MembershipFactory(organisation=organisation, role=Role.RESEARCHER)

    _request(consultant_client, contact)

    assert sorted(m.to[0] for m in mail.outbox) == sorted([english.email, serbian.email])
    handover = CaseHandover.objects.get()
    for message in mail.outbox:
        text = message.subject + message.body
        assert reverse("hotline:handover", args=[handover.pk]) in message.body
        for secret in ["Ana", "Marković", "shelter", "16 hours"]:
            assert secret not in text
    english_mail = next(m for m in mail.outbox if m.to == [english.email])
    serbian_mail = next(m for m in mail.outbox if m.to == [serbian.email])
    assert english_mail.subject == "A contact is waiting for a case manager"
    # Rendered under the recipient's language (the translation itself comes with locale/).
    assert serbian_mail.body


def test_a_second_request_is_refused(consultant_client, contact):
    CaseHandoverFactory(contact=contact)

    response = _request(consultant_client, contact, reason="Again.")

    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["This contact has already been handed over."]
    assert CaseHandover.objects.get().reason != "Again."


def test_a_declined_hand_over_may_be_requested_again(consultant, contact, member):
    manager = member(Role.CASE_MANAGER)
    declined = CaseHandoverFactory(
        contact=contact, status=HandoverStatus.DECLINED, decline_reason="No capacity this week."
    )
    declined.decided_by = manager
    declined.save()

    handover = request_handover(contact, consultant, "She asks again; the risk is higher now.")

    assert handover.pk == declined.pk
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.REQUESTED
    assert handover.reason == "She asks again; the risk is higher now."
    assert (handover.decided_by, handover.decided_at, handover.decline_reason) == (None, None, "")


def test_a_draft_cannot_be_handed_over(consultant_client, consultant, organisation):
    draft = DraftContactFactory(organisation=organisation, consultant=consultant)

    response = _request(consultant_client, draft)

    assert response.status_code == 302
    assert [str(m) for m in response.wsgi_request._messages] == [
        "Only a recorded contact can be handed over."
    ]
    assert not CaseHandover.objects.exists()


def test_the_service_refuses_a_draft(consultant, organisation):
    with pytest.raises(HandoverRefused):
        request_handover(DraftContactFactory(organisation=organisation), consultant, REASON)


@pytest.mark.parametrize("reason", ["", "   ", "x" * 2001])
def test_a_missing_or_overlong_reason_is_a_form_error(consultant_client, contact, reason):
    response = _request(consultant_client, contact, reason=reason)

    assert response.status_code == 400
    assert response.context["form"].errors["reason"]
    assert not CaseHandover.objects.exists()


def test_the_reason_is_encrypted(consultant_client, contact):
    _request(consultant_client, contact)

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT reason FROM hotline_casehandover")
        assert "shelter" not in cursor.fetchone()[0]


def test_another_organisations_contact_is_not_found(client_as, other_organisation):
    contact = ContactFactory(organisation=other_organisation)

    response = _request(client_as(Role.SOS_CONSULTANT), contact)

    assert response.status_code == 404


@pytest.mark.parametrize("role", [Role.RESEARCHER, Role.CASE_MANAGER])
def test_only_consultants_hand_over(client_as, contact, role):
    assert _request(client_as(role), contact).status_code == 403


def test_a_get_is_not_allowed(consultant_client, contact):
    response = consultant_client.get(reverse("hotline:handover_request", args=[contact.pk]))

    assert response.status_code == 405
