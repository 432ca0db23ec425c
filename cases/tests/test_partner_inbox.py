"""A partner organisation's inbox ("Referrals to us"): its users see what was referred to it —
who referred, the case code, the reason, what is referred, the date, the status and their own
feedback — and nothing else of the case; they accept, decline or complete the referral and the
case manager is told by e-mail with a link only."""

from datetime import date

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.codes import ConsentPurpose, LegalBasis, ReferralDirection, ReferralStatus
from cases.models import CaseNote, Referral
from cases.services import CaseRefused
from cases.services.consents import record_consent
from cases.services.referrals import (
    answer_referral,
    make_referral,
    send_answer_email,
    send_referral_emails,
)
from cases.tests.factories import CaseFactory, PersonFactory
from conftest import sign_in
from core.models import AuditEntry, Role
from core.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

SUMMARY = "Safe accommodation for a girl of 16, from next week."
TEAM_REASON = "Her uncle threatened her at the old shelter."
NOTE = "She told us about the flat in Novi Sad."
OTHER_SUMMARY = "Free legal aid in the civil case."


@pytest.fixture
def named_case(organisation, case):
    """The case, its person with names and aliases, a note and a second referral elsewhere."""
    person = case.person
    person.given_name, person.family_name = "Dragana", "Kostadinović"
    person.aliases = "Гага"
    person.contact_details = "+381 64 555 0101"
    person.save()
    CaseNote.objects.create(
        case=case, written_on=date(2026, 3, 4), text=NOTE, author=case.case_manager
    )
    make_referral(
        case,
        case.case_manager,
        ReferralDirection.OUTGOING,
        institution_name="Advokatska komora Beograd",
        reason_code="Other",
        shared_summary=OTHER_SUMMARY,
        sent_on=date(2026, 3, 5),
    )
    return case


@pytest.fixture
def referral(named_case, partner_organisation, partner_user):
    manager = named_case.case_manager
    consent = record_consent(
        named_case,
        manager,
        ConsentPurpose.SHARING,
        LegalBasis.CONSENT,
        date(2026, 3, 2),
        partner=partner_organisation,
    )
    made = make_referral(
        named_case,
        manager,
        ReferralDirection.OUTGOING,
        partner=partner_organisation,
        reason_code="AdditionalServicesRequired",
        reason=TEAM_REASON,
        shared_summary=SUMMARY,
        sent_on=date(2026, 3, 10),
        consent=consent,
    )
    mail.outbox.clear()  # the partner's notice; tests look at what comes next
    return made


def _detail(referral):
    return reverse("cases:incoming_detail", args=[referral.pk])


def test_the_partner_sees_the_referral_and_nothing_else_of_the_case(
    referral, partner_client, organisation
):
    response = partner_client.get(_detail(referral))

    assert response.status_code == 200
    page = response.content.decode()
    for shown in (organisation.name, referral.case.code, "Additional services required", SUMMARY):
        assert shown in page
    for hidden in (
        "Dragana",
        "Kostadinović",
        "Гага",
        "+381 64",
        NOTE,
        TEAM_REASON,
        OTHER_SUMMARY,
        "Advokatska komora",
        "Tim A",
    ):
        assert hidden not in page


def test_opening_a_referral_is_read_in_the_referring_organisations_audit_log(
    referral, partner_client, partner_user, organisation
):
    partner_client.get(_detail(referral))

    entry = AuditEntry.objects.filter(action="read", actor=partner_user).get()
    assert entry.organisation == organisation
    assert f"referral #{referral.pk} read" in entry.summary


def test_the_inbox_lists_the_referral_by_code_and_reason(referral, partner_client, organisation):
    page = partner_client.get(reverse("cases:incoming")).content.decode()

    assert referral.case.code in page
    assert organisation.name in page
    assert "Additional services required" in page
    assert SUMMARY not in page and "Dragana" not in page


def test_another_partner_organisations_user_gets_not_found(referral, member):
    elsewhere = OrganisationFactory(name="Other Shelter", slug="other-shelter")
    client = sign_in(Client(), member(Role.PARTNER, elsewhere))

    assert client.get(_detail(referral)).status_code == 404
    response = client.post(_detail(referral), {"status": "accepted"})
    assert response.status_code == 404
    assert referral.case.code not in client.get(reverse("cases:incoming")).content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


@pytest.mark.parametrize(
    "role", [Role.CASE_MANAGER, Role.ADMINISTRATOR, Role.SOS_CONSULTANT, Role.RESEARCHER]
)
def test_the_referring_organisations_other_roles_cannot_open_the_inbox(referral, client_as, role):
    client = client_as(role)

    assert client.get(reverse("cases:incoming")).status_code == 403
    assert client.get(_detail(referral)).status_code == 403


def test_the_partner_accepts_with_feedback_and_the_case_manager_is_told(
    referral, partner_client, partner_user, organisation
):
    response = partner_client.post(
        _detail(referral), {"status": "accepted", "feedback": "A room is ready on Monday."}
    )

    assert response.status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.feedback, referral.responded_by) == (
        ReferralStatus.ACCEPTED,
        "A room is ready on Monday.",
        partner_user,
    )
    assert referral.responded_at is not None
    page = partner_client.get(_detail(referral)).content.decode()
    assert "Your answer was sent to the case manager." in page
    assert "A room is ready on Monday." in page
    [message] = mail.outbox
    assert message.to == [referral.case.case_manager.email]
    assert reverse("cases:referrals", args=[referral.case_id]) in message.body
    written = AuditEntry.objects.filter(action="update", actor=partner_user).get()
    assert written.organisation == organisation
    assert "sent->accepted" in written.summary


def test_a_declined_referral_leaves_the_inbox_with_the_answer_sent(referral, partner_client):
    response = partner_client.post(
        _detail(referral), {"status": "declined", "feedback": "No room until June."}, follow=True
    )

    assert response.status_code == 200
    assert "Your answer was sent to the case manager." in response.content.decode()
    referral.refresh_from_db()
    assert (referral.status, referral.feedback) == (ReferralStatus.DECLINED, "No room until June.")
    assert partner_client.get(_detail(referral)).status_code == 404
    assert len(mail.outbox) == 1


def test_declining_needs_feedback(referral, partner_client):
    response = partner_client.post(_detail(referral), {"status": "declined", "feedback": " "})

    assert response.status_code == 400
    assert "Write a word of feedback for the case manager." in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT
    assert not mail.outbox


def test_completing_is_only_for_an_accepted_referral(referral, partner_client, partner_user):
    early = partner_client.post(_detail(referral), {"status": "completed", "feedback": "Done."})

    assert early.status_code == 400
    assert "cannot become" in early.content.decode()
    answer_referral(referral, partner_user, ReferralStatus.ACCEPTED)
    done = partner_client.post(_detail(referral), {"status": "completed", "feedback": "Done."})
    assert done.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.COMPLETED


def test_a_completed_referral_cannot_go_back_to_sent(referral, partner_client, partner_user):
    answer_referral(referral, partner_user, ReferralStatus.ACCEPTED)
    answer_referral(referral, partner_user, ReferralStatus.COMPLETED, "Done.")

    response = partner_client.post(_detail(referral), {"status": "sent"})

    assert response.status_code == 400
    with pytest.raises(CaseRefused):
        answer_referral(referral, partner_user, ReferralStatus.SENT)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.COMPLETED


def test_a_user_of_another_organisation_cannot_answer_through_the_service(referral, member):
    stranger = member(Role.PARTNER, OrganisationFactory(slug="stranger"))

    with pytest.raises(CaseRefused):
        answer_referral(referral, stranger, ReferralStatus.ACCEPTED)


def test_emails_carry_a_link_and_no_content(referral, partner_user, partner_client):
    assert send_referral_emails(referral.pk) == 1
    partner_client.post(_detail(referral), {"status": "accepted", "feedback": "Room ready."})
    assert send_answer_email(referral.pk) == 1

    assert len(mail.outbox) == 3  # the two above and the one the answer queued
    for message in mail.outbox:
        text = message.subject + message.body
        for secret in (SUMMARY, TEAM_REASON, "Dragana", "Kostadinović", "Room ready."):
            assert secret not in text
        assert referral.case.code not in text
    assert reverse("cases:incoming_detail", args=[referral.pk]) in mail.outbox[0].body


def test_the_inbox_makes_as_many_queries_with_one_or_twenty_referrals(
    organisation, partner_organisation, partner_user, partner_client
):
    manager = CaseFactory(organisation=organisation).case_manager

    def refer() -> None:
        case = CaseFactory(
            organisation=organisation,
            case_manager=manager,
            person=PersonFactory(organisation=organisation),
        )
        Referral.objects.create(
            organisation=organisation,
            case=case,
            direction=ReferralDirection.OUTGOING,
            partner=partner_organisation,
            reason_code="Other",
            shared_summary="Help.",
            sent_on=date(2026, 3, 10),
            created_by=manager,
        )

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert partner_client.get(reverse("cases:incoming")).status_code == 200
        return len(queries)

    refer()
    count()  # the first request of a session makes a few more (its set-up)
    one = count()
    for _ in range(19):
        refer()
    assert count() == one
