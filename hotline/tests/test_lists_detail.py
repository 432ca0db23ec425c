"""One contact's page: every field decrypted for the consultant, indicators and actions by name,
its follow-ups, the repeat-caller link, the cross-area sections, an audit entry, and a fixed
number of queries."""

import pytest
from django.urls import reverse

from core.models import AuditEntry, Role
from hotline.codes import Action, Channel, ContactStatus, Indicator, RiskLevel, Subject
from hotline.models import ContactAction, ContactIndicator, FollowUp, OnlineReport
from hotline.services.contacts import phone_index
from hotline.tests.factories import ContactFactory, DraftContactFactory

pytestmark = pytest.mark.django_db


def detail_url(contact) -> str:  # type: ignore[no-untyped-def]
    return reverse("hotline:contact_detail", args=[contact.pk])


@pytest.fixture
def recorded(organisation, consultant):  # type: ignore[no-untyped-def]
    contact = ContactFactory(
        organisation=organisation,
        consultant=consultant,
        caller_name="Milica Stanković",
        caller_phone="+381 63 987 6543",
        caller_phone_index=phone_index("+381 63 987 6543"),
        caller_email="milica.s@example.org",
        subject=Subject.JOB_OFFER,
        risk_level=RiskLevel.HIGH,
        notes="Ponuda za posao u Beču, pasoš zadržan.",
        duration_seconds=750,
    )
    ContactIndicator.objects.create(contact=contact, code=Indicator.WITHHOLDS_DOCUMENTS)
    ContactAction.objects.create(contact=contact, code=Action.REFERRAL_POLICE)
    return contact


def test_the_consultant_sees_every_field_decrypted(consultant_client, recorded):
    response = consultant_client.get(detail_url(recorded))

    content = response.content.decode()
    assert response.status_code == 200
    for shown in (
        "Milica Stanković",
        "+381 63 987 6543",
        "milica.s@example.org",
        "Ponuda za posao u Beču, pasoš zadržan.",
        "Checking a job offer abroad",
        "High",
        "Documents taken away",
        "Referred to the police",
        "12:30",
    ):
        assert shown in content


def test_opening_a_contact_is_audited_without_its_content(consultant_client, recorded):
    consultant_client.get(detail_url(recorded))

    entry = AuditEntry.objects.get(action="read", object_type="hotline.contact")
    assert entry.object_id == str(recorded.pk)
    assert "Milica" not in entry.summary and "987" not in entry.summary


def test_follow_ups_open_and_done_are_listed_with_a_mark_done_button(
    consultant_client, recorded, consultant
):
    FollowUp.objects.create(
        organisation=recorded.organisation,
        contact=recorded,
        description="Nazvati u petak",
        due_on="2099-01-01",
        assigned_to=consultant,
    )
    done = FollowUp.objects.create(
        organisation=recorded.organisation,
        contact=recorded,
        description="Poslati adresu centra",
        due_on="2024-01-01",
        assigned_to=consultant,
        done_by=consultant,
        done_at="2024-01-02T10:00:00+01:00",
    )

    content = consultant_client.get(detail_url(recorded)).content.decode()

    assert "Nazvati u petak" in content and "Poslati adresu centra" in content
    assert content.count(reverse("hotline:follow_up_done", args=[done.pk])) == 0
    assert content.count("Mark done") == 1


def test_repeat_callers_are_counted_and_linked(consultant_client, recorded, consultant):
    for typed in ("063/987-6543", "00381639876543"):
        ContactFactory(
            organisation=recorded.organisation,
            consultant=consultant,
            caller_phone=typed,
            caller_phone_index=phone_index(typed),
        )
    ContactFactory(organisation=recorded.organisation, consultant=consultant)

    response = consultant_client.get(detail_url(recorded))

    assert response.context["repeat_count"] == 2
    assert f"?same_as={recorded.pk}" in response.content.decode()


def test_no_repeat_link_for_a_first_contact(consultant_client, recorded):
    response = consultant_client.get(detail_url(recorded))

    assert response.context["repeat_count"] == 0
    assert "same_as" not in response.content.decode()


def test_my_own_draft_links_to_continue_recording(consultant_client, organisation, consultant):
    draft = DraftContactFactory(organisation=organisation, consultant=consultant)

    content = consultant_client.get(detail_url(draft)).content.decode()

    assert reverse("hotline:contact_edit", args=[draft.pk]) in content


def test_a_colleagues_draft_cannot_be_continued_from_here(consultant_client, organisation, member):
    draft = DraftContactFactory(organisation=organisation, consultant=member(Role.SOS_CONSULTANT))

    content = consultant_client.get(detail_url(draft)).content.decode()

    assert reverse("hotline:contact_edit", args=[draft.pk]) not in content
    assert "another consultant's draft" in content


def test_another_organisations_contact_is_not_found(consultant_client, other_organisation):
    theirs = ContactFactory(organisation=other_organisation)

    assert consultant_client.get(detail_url(theirs)).status_code == 404


def test_researchers_cannot_open_a_contact(client_as, recorded):
    assert client_as(Role.RESEARCHER).get(detail_url(recorded)).status_code == 403


@pytest.mark.parametrize("follow_ups", [0, 30])
def test_the_page_costs_a_fixed_number_of_queries(
    consultant_client, recorded, consultant, follow_ups, django_assert_max_num_queries
):
    for number in range(follow_ups):
        FollowUp.objects.create(
            organisation=recorded.organisation,
            contact=recorded,
            description=f"Zadatak {number}",
            due_on="2099-01-01",
            assigned_to=consultant,
            done_by=consultant if number % 2 else None,
            done_at="2024-01-02T10:00:00+01:00" if number % 2 else None,
        )
    consultant_client.get(detail_url(recorded))  # refreshes the session's idle clock

    with django_assert_max_num_queries(14):
        response = consultant_client.get(detail_url(recorded))

    assert len(response.context["follow_ups"]) == follow_ups


def test_an_online_report_shows_its_summary_in_the_same_few_queries(
    consultant_client, organisation, django_assert_max_num_queries
):
    contact = ContactFactory(
        organisation=organisation,
        consultant=None,
        status=ContactStatus.RECEIVED,
        channel=Channel.ONLINE_REPORT,
    )
    OnlineReport.objects.create(
        organisation=organisation,
        contact=contact,
        reference="AB12CD34",
        passphrase_hash="x",
        what_happened="Obećali su joj posao konobarice u Beču.",
        language="sr-latn",
    )
    consultant_client.get(detail_url(contact))  # refreshes the session's idle clock

    with django_assert_max_num_queries(14):
        response = consultant_client.get(detail_url(contact))

    content = response.content.decode()
    assert "AB12CD34" in content and "konobarice u Beču" in content
