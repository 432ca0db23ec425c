"""The shift's home screen: start a contact on a line, count a non-data contact with one
button, and find my unfinished drafts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import sign_in
from core.models import Role
from hotline.codes import ContactKind, ContactStatus
from hotline.models import Contact
from hotline.tests.factories import ContactFactory, DraftContactFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("hotline:index")
START = reverse("hotline:contact_start")
QUICK = reverse("hotline:quick_contact")


@pytest.fixture
def client(consultant):  # type: ignore[no-untyped-def]
    from django.test import Client

    return sign_in(Client(), consultant)


def test_index_offers_a_start_button_and_quick_buttons_for_each_line(client):
    page = client.get(INDEX).content.decode()

    assert "New contact on the SOS line" in page
    assert "New contact on 116 000" in page
    for label in ("Silent", "Hang-up", "Wrong number", "Test", "Abusive"):
        assert f">{label}<" in page
    assert f'formaction="{QUICK}"' in page


def test_index_links_to_the_other_hotline_pages(client):
    page = client.get(INDEX).content.decode()

    for name in ("contact_list", "follow_ups", "report_queue", "line_report", "missing_children"):
        assert f'href="{reverse(f"hotline:{name}")}"' in page


def test_start_opens_a_draft_on_the_chosen_line_and_channel(client, consultant):
    response = client.post(START, {"line": "116000", "channel": "chat"})

    contact = Contact.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("hotline:contact_edit", args=[contact.pk])
    assert (contact.line, contact.channel, contact.status) == ("116000", "chat", "draft")
    assert contact.consultant == consultant


def test_start_without_a_channel_means_phone(client):
    client.post(START, {"line": "sos"})

    assert Contact.objects.get().channel == "phone"


def test_start_on_an_unknown_line_is_refused_with_a_message(client):
    response = client.post(START, {"line": "999", "channel": "phone"})

    assert response.status_code == 400
    assert "Choose a line and a channel" in response.content.decode()
    assert not Contact.objects.exists()


def test_quick_button_counts_the_contact_and_says_so(client, consultant):
    response = client.post(
        QUICK, {"line": "sos", "channel": "phone", "kind": "silent"}, follow=True
    )

    contact = Contact.objects.get()
    assert (contact.kind, contact.status, contact.consultant) == (
        ContactKind.SILENT,
        ContactStatus.RECORDED,
        consultant,
    )
    assert "Counted: silent contact on the SOS line." in response.content.decode()


def test_quick_button_on_116000_counts_there(client):
    client.post(QUICK, {"line": "116000", "channel": "sms", "kind": "wrong_number"})

    assert Contact.objects.get().line == "116000"


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"line": "sos", "channel": "phone", "kind": "data"},
        {"line": "sos", "channel": "phone", "kind": "nonsense"},
        {"line": "sos", "channel": "fax", "kind": "silent"},
        {"line": "sos", "channel": "phone", "kind": "silent", "draft": "abc"},
    ],
)
def test_bad_quick_buttons_are_refused_with_a_message(client, data):
    response = client.post(QUICK, data)

    assert response.status_code == 400
    assert 'class="message error"' in response.content.decode()
    assert not Contact.objects.exists()


def test_quick_button_turns_my_draft_into_the_quick_contact(client, consultant, organisation):
    draft = DraftContactFactory(organisation=organisation, consultant=consultant)

    client.post(
        QUICK, {"line": "sos", "channel": "phone", "kind": "abusive", "draft": str(draft.pk)}
    )

    draft.refresh_from_db()
    assert (draft.kind, draft.status) == ("abusive", "recorded")


def test_quick_button_on_a_recorded_contact_is_refused(client, consultant, organisation):
    recorded = ContactFactory(organisation=organisation, consultant=consultant)

    response = client.post(
        QUICK, {"line": "sos", "channel": "phone", "kind": "test", "draft": str(recorded.pk)}
    )

    assert response.status_code == 400
    recorded.refresh_from_db()
    assert recorded.kind == "data"


def test_quick_button_on_another_consultants_draft_is_forbidden(client, organisation):
    theirs = DraftContactFactory(organisation=organisation)

    response = client.post(
        QUICK, {"line": "sos", "channel": "phone", "kind": "test", "draft": str(theirs.pk)}
    )

    assert response.status_code == 403
    assert "belongs to another consultant" in response.content.decode()


def test_quick_button_on_another_organisations_draft_is_not_found(client, other_organisation):
    elsewhere = DraftContactFactory(organisation=other_organisation)

    response = client.post(
        QUICK, {"line": "sos", "channel": "phone", "kind": "test", "draft": str(elsewhere.pk)}
    )

    assert response.status_code == 404


def test_my_drafts_are_listed_newest_first_and_not_the_others(client, consultant, organisation):
    now = timezone.now()
    older = DraftContactFactory(
        organisation=organisation, consultant=consultant, started_at=now - timedelta(days=3)
    )
    newer = DraftContactFactory(organisation=organisation, consultant=consultant, started_at=now)
    theirs = DraftContactFactory(organisation=organisation)
    ContactFactory(organisation=organisation, consultant=consultant)  # recorded: not a draft

    page = client.get(INDEX).content.decode()

    newer_link = reverse("hotline:contact_edit", args=[newer.pk])
    older_link = reverse("hotline:contact_edit", args=[older.pk])
    assert page.index(newer_link) < page.index(older_link)
    assert reverse("hotline:contact_edit", args=[theirs.pk]) not in page


def test_index_shows_twenty_drafts_and_links_to_all(client, consultant, organisation):
    DraftContactFactory.create_batch(21, organisation=organisation, consultant=consultant)

    page = client.get(INDEX).content.decode()

    assert page.count("/edit/") == 20
    assert f'href="{reverse("hotline:drafts")}"' in page


def test_index_counts_my_contacts_today(client, consultant, organisation):
    ContactFactory.create_batch(2, organisation=organisation, consultant=consultant)
    ContactFactory(organisation=organisation, consultant=consultant, line="116000")
    ContactFactory(
        organisation=organisation,
        consultant=consultant,
        started_at=timezone.now() - timedelta(days=2),
    )
    ContactFactory(organisation=organisation)  # a colleague's
    DraftContactFactory(organisation=organisation, consultant=consultant)

    page = client.get(INDEX).content.decode()

    assert "Today you recorded 3 contacts (SOS line: 2, 116 000: 1)." in page


def test_index_runs_the_same_number_of_queries_with_many_drafts(
    client, consultant, organisation, django_assert_max_num_queries
):
    DraftContactFactory.create_batch(30, organisation=organisation, consultant=consultant)
    ContactFactory.create_batch(5, organisation=organisation, consultant=consultant)

    with django_assert_max_num_queries(9):
        response = client.get(INDEX)
    assert response.status_code == 200


def test_drafts_page_paginates_my_drafts(client, consultant, organisation):
    DraftContactFactory.create_batch(30, organisation=organisation, consultant=consultant)

    first = client.get(reverse("hotline:drafts")).content.decode()
    second = client.get(reverse("hotline:drafts"), {"page": "2"}).content.decode()

    assert first.count("/edit/") == 25
    assert second.count("/edit/") == 5
    assert "Page 1 of 2" in first


def test_drafts_page_survives_a_bad_page_number(client):
    assert client.get(reverse("hotline:drafts"), {"page": "x'"}).status_code == 200


def test_shift_pages_are_closed_to_a_researcher(client_as):
    researcher = client_as(Role.RESEARCHER)

    assert researcher.get(INDEX).status_code == 403
    assert (
        researcher.post(QUICK, {"line": "sos", "channel": "phone", "kind": "test"}).status_code
        == 403
    )


def test_quick_button_with_an_absurd_draft_number_is_not_a_server_error(client):
    response = client.post(
        QUICK, {"line": "sos", "channel": "phone", "kind": "test", "draft": "9" * 30}
    )

    assert response.status_code in (400, 404)
    assert not Contact.objects.exists()
