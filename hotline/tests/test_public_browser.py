"""An anonymous report from a phone-sized browser reaches the consultants' queue; the consultant
replies; the reporter comes back with the reference and passphrase, reads the reply and adds
information; the consultant sees it."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from core.models import Role
from core.tests.browser import TIMEOUT_MS, assert_accessible, sign_in_with_second_factor
from core.tests.factories import MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WHAT = "Two girls from Kragujevac were promised waitress jobs and now cannot leave the motel."


def _phone(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="en", viewport={"width": 390, "height": 844})
    context.set_default_timeout(TIMEOUT_MS)
    return context, context.new_page()


def test_a_reporter_on_a_phone_and_a_consultant_talk_through_an_online_report(
    page, browser, live_server
):
    consultant = MembershipFactory(role=Role.SOS_CONSULTANT)
    organisation = consultant.organisation
    organisation.accepts_online_reports = True
    organisation.save()

    # The reporter, on a phone, fills in only what happened.
    context, phone = _phone(browser)
    phone.goto(live_server.url + reverse("hotline:public_report"))
    assert_accessible(phone)
    phone.get_by_label("What happened?").fill(WHAT)
    phone.get_by_role("button", name="Send the report").click()
    expect(phone.locator("h1")).to_have_text("Thank you. Your report has been sent.")
    reference = phone.locator("[data-reference]").inner_text()
    passphrase = phone.locator("[data-passphrase]").inner_text()
    assert len(reference) == 10 and len(passphrase) == 19
    assert_accessible(phone)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"

    # The consultant finds it in the queue and replies.
    sign_in_with_second_factor(page, live_server.url, consultant.user)
    page.goto(live_server.url + reverse("hotline:report_queue"))
    assert_accessible(page)
    page.get_by_role("link", name=reference).click()
    expect(page.locator("main")).to_contain_text(WHAT)
    page.get_by_label("Your reply").fill("Thank you. Can you tell us the motel's name?")
    page.get_by_role("button", name="Send the reply").click()
    expect(page.locator(".report-thread")).to_contain_text("Can you tell us the motel's name?")

    # The reporter comes back with the codes, reads the reply and adds information.
    phone.goto(live_server.url + reverse("hotline:report_sign_in"))
    phone.get_by_label("Reference").fill(reference.lower())
    phone.get_by_label("Passphrase").fill(passphrase)
    phone.get_by_role("button", name="Open my report").click()
    thread = phone.locator(".report-thread")
    expect(thread).to_contain_text("The organisation")
    expect(thread).to_contain_text("Can you tell us the motel's name?")
    assert_accessible(phone)
    phone.get_by_label("What else do you want to tell us?").fill(
        "It is the Motel Lipa on the Ibar highway."
    )
    phone.get_by_role("button", name="Send", exact=True).click()
    expect(phone.locator(".messages")).to_contain_text("Thank you.")
    expect(thread).to_contain_text("It is the Motel Lipa on the Ibar highway.")
    context.close()

    # The consultant sees the new information.
    page.goto(live_server.url + reverse("hotline:report_queue") + "?show=open")
    row = page.locator("tr", has_text=reference)
    expect(row.locator("strong")).to_be_visible()
    row.get_by_role("link", name=reference).click()
    expect(page.locator(".report-thread")).to_contain_text("Motel Lipa on the Ibar highway")
    assert_accessible(page)
