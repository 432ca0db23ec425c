"""The contact screen filled in while talking: it is saved as a draft as the consultant types,
records the contact when complete, and keeps everything typed when it is not."""

import json
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import sign_in
from core.models import AuditAction, AuditEntry
from hotline.codes import ContactStatus
from hotline.models import Contact, FollowUp, OnlineReport
from hotline.services.contacts import draft_form_data, phone_index, save_draft
from hotline.tests.factories import ContactFactory, DraftContactFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(consultant):  # type: ignore[no-untyped-def]
    return sign_in(Client(), consultant)


@pytest.fixture
def draft(organisation, consultant):  # type: ignore[no-untyped-def]
    return DraftContactFactory(
        organisation=organisation,
        consultant=consultant,
        started_at=timezone.now() - timedelta(minutes=3, seconds=5),
    )


def edit_url(contact):  # type: ignore[no-untyped-def]
    return reverse("hotline:contact_edit", args=[contact.pk])


def draft_url(contact):  # type: ignore[no-untyped-def]
    return reverse("hotline:contact_draft", args=[contact.pk])


def complete(**overrides):  # type: ignore[no-untyped-def]
    data = {
        "line": "sos",
        "channel": "phone",
        "started_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M:%S"),
        "duration": "4:10",
        "caller_type": "family_member",
        "caller_phone": "064 555 1234",
        "subject": "job_offer",
        "indicators": ["FalsePromises"],
        "actions": ["information_given"],
        "notes": "Her sister was offered work in a hotel in Vienna.",
        "follow_up_description": "Send the checklist",
        "follow_up_due": (timezone.localdate() + timedelta(days=2)).isoformat(),
    }
    data.update(overrides)
    return data


def test_a_fresh_draft_shows_the_form_with_the_timer_running_from_its_start(client, draft):
    response = client.get(edit_url(draft))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-timer="on"' in page
    minutes, seconds = re.search(r'name="duration" value="(\d+):(\d\d)"', page).groups()
    assert 185 <= int(minutes) * 60 + int(seconds) < 215
    for legend in ("Line and time", "Who contacts", "Subject", "Indicators", "Risk and actions"):
        assert f"<legend>{legend}</legend>" in page
    assert 'accesskey="s"' in page
    assert "Discard draft" in page


def test_the_edit_page_shows_what_the_draft_holds(client, draft, consultant):
    save_draft(
        draft,
        consultant,
        {"caller_name": "Ivana", "indicators": ["DebtBondage"], "duration": "abc"},
    )

    page = client.get(edit_url(draft)).content.decode()

    assert 'value="Ivana"' in page
    assert re.search(
        r'<input type="checkbox" name="indicators" value="DebtBondage"[^>]* checked', page
    )
    assert not re.search(r'value="PhysicalThreats"[^>]* checked', page)


def test_opening_a_draft_with_content_is_audited(client, draft, consultant):
    save_draft(draft, consultant, {"notes": "something"})

    client.get(edit_url(draft))

    assert AuditEntry.objects.filter(
        object_id=str(draft.pk), action=AuditAction.READ, summary="contact draft opened"
    ).exists()


def test_recording_a_complete_contact_lands_on_its_page(client, draft):
    response = client.post(edit_url(draft), complete())

    assert response.status_code == 302
    assert response["Location"] == reverse("hotline:contact_detail", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.status == ContactStatus.RECORDED
    assert draft.duration_seconds == 250
    assert draft.notes == "Her sister was offered work in a hotel in Vienna."
    assert list(draft.indicators.values_list("code", flat=True)) == ["FalsePromises"]
    assert FollowUp.objects.get(contact=draft).description == "Send the checklist"


def test_an_incomplete_contact_shows_the_errors_and_keeps_everything_typed(client, draft):
    response = client.post(
        edit_url(draft),
        complete(subject="", caller_email="not-an-address", duration="soon"),
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter the duration as minutes:seconds" in page
    assert "Enter a valid email address" in page
    assert 'value="not-an-address"' in page
    draft.refresh_from_db()
    assert draft.status == ContactStatus.DRAFT
    saved = draft_form_data(draft)
    assert saved["caller_email"] == "not-an-address"
    assert saved["duration"] == "soon"
    assert saved["indicators"] == ["FalsePromises"]


def test_a_recorded_contact_is_not_edited_here(client, organisation, consultant):
    recorded = ContactFactory(organisation=organisation, consultant=consultant)

    response = client.get(edit_url(recorded))
    posted = client.post(edit_url(recorded), complete())

    detail = reverse("hotline:contact_detail", args=[recorded.pk])
    assert (response.status_code, response["Location"]) == (302, detail)
    assert (posted.status_code, posted["Location"]) == (302, detail)
    recorded.refresh_from_db()
    assert recorded.notes == "Asked how to check an agency offering work in Germany."


def test_another_consultants_draft_is_forbidden_with_a_message(client, organisation):
    theirs = DraftContactFactory(organisation=organisation)

    response = client.get(edit_url(theirs))
    posted = client.post(edit_url(theirs), complete())

    assert response.status_code == 403
    assert "This draft belongs to another consultant." in response.content.decode()
    assert posted.status_code == 403
    theirs.refresh_from_db()
    assert theirs.status == ContactStatus.DRAFT


def test_another_organisations_draft_is_not_found(client, other_organisation):
    elsewhere = DraftContactFactory(organisation=other_organisation)

    assert client.get(edit_url(elsewhere)).status_code == 404
    assert client.post(draft_url(elsewhere), {"notes": "x"}).status_code == 404
    assert client.post(reverse("hotline:contact_discard", args=[elsewhere.pk])).status_code == 404


def test_the_edit_page_runs_a_fixed_number_of_queries(
    client, draft, consultant, organisation, django_assert_max_num_queries
):
    save_draft(draft, consultant, {"caller_phone": "064 555 1234", "notes": "x"})
    ContactFactory.create_batch(
        5, organisation=organisation, caller_phone_index=phone_index("064 555 1234")
    )

    with django_assert_max_num_queries(16):
        response = client.get(edit_url(draft))
    assert response.status_code == 200


def test_the_edit_page_shows_the_earlier_contacts_hint(client, draft, consultant, organisation):
    ContactFactory.create_batch(
        3, organisation=organisation, caller_phone_index=phone_index("+381 64 555 1234")
    )
    save_draft(draft, consultant, {"caller_phone": "064/555-1234"})

    page = client.get(edit_url(draft)).content.decode()

    assert "3 earlier contacts from this number or address" in page
    assert f'href="/hotline/contacts/?same_as={draft.pk}"' in page


def test_an_online_report_contact_shows_the_report(client, organisation):
    contact = DraftContactFactory(
        organisation=organisation, consultant=None, channel="online_report", status="received"
    )
    OnlineReport.objects.create(
        organisation=organisation,
        contact=contact,
        reference="R-TEST-1",
        passphrase_hash="x",
        what_happened="A girl is kept in a flat.",
        language="en",
    )

    response = client.get(edit_url(contact))

    assert response.status_code == 200
    assert 'data-timer="off"' in response.content.decode()
    assert AuditEntry.objects.filter(object_id=str(contact.pk), action=AuditAction.READ)


# --- Autosave (the JSON endpoint the page's script calls) ----------------------------------------


def test_autosave_keeps_any_value_and_answers_when_it_was_saved(client, draft):
    response = client.post(
        draft_url(draft),
        {"caller_name": "Zorana", "duration": "?", "indicators": ["DebtBondage", "x"]},
        HTTP_ACCEPT="application/json",
    )

    body = response.json()
    assert response.status_code == 200
    assert body["saved_at"]
    assert body["saved_text"].startswith("Saved at ")
    assert body["earlier_contacts"] == 0
    assert body["earlier_url"] == f"/hotline/contacts/?same_as={draft.pk}"
    draft.refresh_from_db()
    assert draft_form_data(draft) == {
        "caller_name": "Zorana",
        "duration": "?",
        "indicators": ["DebtBondage", "x"],
        "actions": [],
    }


def test_autosave_counts_earlier_contacts_from_the_same_number(client, draft, organisation):
    ContactFactory(organisation=organisation, caller_phone_index=phone_index("+381 64 1234567"))

    body = client.post(draft_url(draft), {"caller_phone": "064 123 4567"}).json()

    assert body["earlier_contacts"] == 1
    assert body["earlier_text"] == "1 earlier contact from this number or address"


def test_autosave_ignores_fields_the_form_does_not_have(client, draft):
    client.post(draft_url(draft), {"notes": "n", "is_admin": "1"})

    draft.refresh_from_db()
    assert "is_admin" not in draft_form_data(draft)


def test_autosave_of_a_recorded_contact_is_refused_in_json(client, organisation, consultant):
    recorded = ContactFactory(organisation=organisation, consultant=consultant)

    response = client.post(draft_url(recorded), {"notes": "late"})

    assert response.status_code == 409
    assert response.json() == {"error": "This contact has already been recorded."}


def test_autosave_of_another_consultants_draft_is_forbidden_in_json(client, organisation):
    theirs = DraftContactFactory(organisation=organisation)

    response = client.post(draft_url(theirs), {"notes": "mine now"})

    assert response.status_code == 403
    assert "another consultant" in response.json()["error"]
    theirs.refresh_from_db()
    assert theirs.draft_data == ""


def test_autosave_needs_a_post(client, draft):
    assert client.get(draft_url(draft)).status_code == 405


def test_autosave_checks_the_csrf_token(consultant, draft):
    strict = sign_in(Client(enforce_csrf_checks=True), consultant)

    response = strict.post(draft_url(draft), {"notes": "x"})

    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.draft_data == ""


def test_autosave_accepts_the_csrf_header(consultant, draft):
    strict = sign_in(Client(enforce_csrf_checks=True), consultant)
    strict.get(edit_url(draft))
    token = strict.cookies["csrftoken"].value

    response = strict.post(draft_url(draft), {"notes": "x"}, HTTP_X_CSRFTOKEN=token)

    assert response.status_code == 200


# --- Discard ------------------------------------------------------------------------------------


def test_discarding_my_draft_deletes_it_and_returns_to_the_shift(client, draft):
    response = client.post(reverse("hotline:contact_discard", args=[draft.pk]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("hotline:index")
    assert "The draft is discarded." in response.content.decode()
    assert not Contact.objects.filter(pk=draft.pk).exists()


def test_a_recorded_contact_cannot_be_discarded(client, organisation, consultant):
    recorded = ContactFactory(organisation=organisation, consultant=consultant)

    response = client.post(reverse("hotline:contact_discard", args=[recorded.pk]), follow=True)

    assert "already been recorded" in response.content.decode()
    assert Contact.objects.filter(pk=recorded.pk).exists()


def test_another_consultants_draft_cannot_be_discarded(client, organisation):
    theirs = DraftContactFactory(organisation=organisation)

    response = client.post(reverse("hotline:contact_discard", args=[theirs.pk]))

    assert response.status_code == 403
    assert Contact.objects.filter(pk=theirs.pk).exists()


def test_draft_data_never_reaches_the_audit_log(client, draft):
    client.post(draft_url(draft), {"caller_name": "Dragana Nikolić", "notes": "secret"})

    summaries = json.dumps(list(AuditEntry.objects.values_list("summary", flat=True)))
    assert "Dragana" not in summaries
    assert "secret" not in summaries


def test_an_absurd_contact_number_is_not_found(client):
    assert client.get("/hotline/contacts/" + "9" * 30 + "/edit/").status_code == 404
    assert client.post("/hotline/contacts/" + "9" * 30 + "/draft/", {}).status_code == 404
