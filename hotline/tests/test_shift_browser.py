"""In a real browser: a consultant records a call with the keyboard alone, a reload mid-call
keeps the draft, and a known number shows its earlier contacts while it is typed."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from core.models import Role
from core.tests.browser import assert_accessible, sign_in_with_second_factor
from core.tests.factories import MembershipFactory
from hotline.codes import ContactStatus
from hotline.models import Contact
from hotline.services.contacts import draft_form_data, phone_index, start_contact
from hotline.tests.factories import ContactFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_TABS = 80


def tab_to(page, selector: str) -> None:  # type: ignore[no-untyped-def]
    """Press Tab until the element is focused, as someone without a mouse would."""
    for _ in range(MAX_TABS):
        if page.evaluate("(s) => document.activeElement === document.querySelector(s)", selector):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"{selector} cannot be reached with the Tab key")


@pytest.fixture
def consultant(db):  # type: ignore[no-untyped-def]
    return MembershipFactory(role=Role.SOS_CONSULTANT).user


def test_consultant_records_a_call_with_the_keyboard_alone(page, live_server, consultant):
    sign_in_with_second_factor(page, live_server.url, consultant)
    page.goto(live_server.url + reverse("hotline:index"))
    assert_accessible(page)

    tab_to(page, "form[action$='/contacts/new/'] button.shift-start")  # the SOS line's
    page.keyboard.press("Enter")
    page.wait_for_url("**/contacts/*/edit/")
    assert_accessible(page)
    # The screen opens on "who contacts": line, channel and the timer are set already.
    assert page.evaluate("document.activeElement.id") == "id_caller_type"
    page.keyboard.type("Victim")
    tab_to(page, "#id_caller_place")
    page.keyboard.type("Novi Sad")
    page.keyboard.press("Enter")  # must not record a half-filled contact
    tab_to(page, "#id_subject")
    page.keyboard.type("Suspected")
    tab_to(page, "input[name=indicators][value=DebtBondage]")
    page.keyboard.press("Space")
    tab_to(page, "input[name=actions][value=referral_police]")
    page.keyboard.press("Space")
    tab_to(page, "#id_notes")
    page.keyboard.type("Calls from a bus station.")
    page.keyboard.press("Enter")
    page.keyboard.type("Her passport was taken.")
    tab_to(page, "#contact-form button[type=submit]")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/hotline/contacts/\d+/$"))
    contact = Contact.objects.get()
    assert page.url.endswith(reverse("hotline:contact_detail", args=[contact.pk]))
    assert contact.status == ContactStatus.RECORDED
    assert (contact.caller_type, contact.caller_place, contact.subject) == (
        "victim",
        "Novi Sad",
        "suspected_trafficking",
    )
    assert list(contact.indicators.values_list("code", flat=True)) == ["DebtBondage"]
    assert list(contact.actions.values_list("code", flat=True)) == ["referral_police"]
    assert (
        contact.notes.replace("\r\n", "\n") == "Calls from a bus station.\nHer passport was taken."
    )
    assert contact.duration_seconds >= 0


def test_reloading_mid_call_keeps_the_draft(page, live_server, consultant):
    organisation = consultant.memberships.first().organisation
    draft = start_contact(organisation, consultant)
    sign_in_with_second_factor(page, live_server.url, consultant)
    edit = live_server.url + reverse("hotline:contact_edit", args=[draft.pk])
    page.goto(edit)
    timer_start = page.input_value("#id_duration")
    expect(page.locator("#id_duration")).not_to_have_value(timer_start)  # the timer runs

    page.fill("#id_caller_name", "Milica Jovanović")
    page.check("input[name=indicators][value=WithholdsDocuments]")
    page.fill("#id_notes", "Wants to go home.")
    expect(page.locator("#draft-status")).to_contain_text("Saved at")
    page.reload()

    assert page.input_value("#id_caller_name") == "Milica Jovanović"
    assert page.input_value("#id_notes") == "Wants to go home."
    assert page.is_checked("input[name=indicators][value=WithholdsDocuments]")
    draft.refresh_from_db()
    assert draft_form_data(draft)["caller_name"] == "Milica Jovanović"

    page.goto(live_server.url + reverse("hotline:index"))
    expect(
        page.locator(f"a[href='{reverse('hotline:contact_edit', args=[draft.pk])}']")
    ).to_be_visible()


def test_a_known_number_shows_its_earlier_contacts(page, live_server, consultant):
    organisation = consultant.memberships.first().organisation
    ContactFactory(
        organisation=organisation,
        caller_phone="+381 64 1234567",
        caller_phone_index=phone_index("+381 64 1234567"),
    )
    draft = start_contact(organisation, consultant)
    sign_in_with_second_factor(page, live_server.url, consultant)
    page.goto(live_server.url + reverse("hotline:contact_edit", args=[draft.pk]))

    page.locator("#id_caller_phone").press_sequentially("064 123 4567")

    hint = page.locator("#earlier-contacts a")
    expect(hint).to_contain_text("1 earlier contact from this number or address")
    assert hint.get_attribute("href") == f"/hotline/contacts/?same_as={draft.pk}"
    assert hint.get_attribute("target") == "_blank"
    assert_accessible(page)
