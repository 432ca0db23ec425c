"""In a real browser: a consultant hands a recorded contact over from its page and a case manager
opens the case from the queue and sees its code; a consultant opens a missing-child report on a
116 000 contact and follows it to "found". Every screen of these flows passes axe-core."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from core.models import Role
from core.tests.browser import TIMEOUT_MS, assert_accessible, sign_in_with_second_factor
from core.tests.factories import MembershipFactory
from hotline.codes import HandoverStatus, Line, MissingChildStatus
from hotline.models import CaseHandover, MissingChildReport
from hotline.tests.factories import ContactFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def consultant(db):  # type: ignore[no-untyped-def]
    return MembershipFactory(role=Role.SOS_CONSULTANT).user


def test_a_contact_is_handed_over_and_a_case_manager_opens_the_case(
    page, browser, live_server, consultant
):
    organisation = consultant.memberships.get().organisation
    contact = ContactFactory(organisation=organisation, consultant=consultant)
    case_manager = MembershipFactory(organisation=organisation, role=Role.CASE_MANAGER).user

    sign_in_with_second_factor(page, live_server.url, consultant)
    page.goto(live_server.url + reverse("hotline:contact_detail", args=[contact.pk]))
    page.fill("#id_handover_reason", "Needs shelter and legal aid; agreed to meet tomorrow.")
    page.get_by_role("button", name="Hand over to a case manager").click()
    expect(page.get_by_text("The contact was handed over to the case managers.")).to_be_visible()
    expect(page.get_by_text("waiting for a case manager since")).to_be_visible()

    context = browser.new_context(locale="en")
    context.set_default_timeout(TIMEOUT_MS)
    manager_page = context.new_page()
    sign_in_with_second_factor(manager_page, live_server.url, case_manager)
    manager_page.goto(live_server.url + reverse("hotline:handovers"))
    assert_accessible(manager_page)
    manager_page.locator("table.handovers tbody a").first.click()
    expect(manager_page.get_by_text("Needs shelter and legal aid")).to_be_visible()
    assert_accessible(manager_page)
    manager_page.get_by_role("button", name="Open a case").click()

    code = f"A-{timezone.localdate().year}-001"
    expect(manager_page.get_by_text(f"Case {code} opened.")).to_be_visible()
    expect(manager_page.locator(".case-code-large")).to_have_text(code)
    assert_accessible(manager_page)
    context.close()
    handover = CaseHandover.objects.get()
    assert (handover.status, handover.case_code) == (HandoverStatus.ACCEPTED, code)


def test_a_missing_child_is_reported_searched_for_and_found(page, live_server, consultant):
    organisation = consultant.memberships.get().organisation
    contact = ContactFactory(
        organisation=organisation, consultant=consultant, line=Line.MISSING_CHILDREN, subject=""
    )
    today = timezone.localdate()

    sign_in_with_second_factor(page, live_server.url, consultant)
    page.goto(live_server.url + reverse("hotline:contact_detail", args=[contact.pk]))
    page.get_by_role("link", name="Add missing-child report").click()
    page.wait_for_url("**/missing-child/")
    assert_accessible(page)
    page.fill("#id_child_name", "Luka Stanković")
    page.select_option("#id_child_gender", "Masculine")
    page.fill("#id_child_age", "12")
    page.fill("#id_last_seen_on", (today - timedelta(days=2)).isoformat())
    page.fill("#id_last_seen_place", "Zrenjanin, city park")
    page.select_option("#id_circumstances", "runaway")
    page.check("#id_national_alert")
    page.get_by_role("button", name="Open the missing-child report").click()
    page.wait_for_url("**/missing-children/*/")
    expect(page.get_by_text("Luka Stanković")).to_be_visible()
    assert_accessible(page)

    page.select_option("#id_status", "searching")
    page.fill("#id_happened_on", (today - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Record this step").click()
    expect(page.get_by_text("The report is now “Searching”.")).to_be_visible()

    page.select_option("#id_status", "found")
    page.fill("#id_happened_on", today.isoformat())
    page.select_option("#id_found_condition", "unharmed")
    page.fill("#id_note", "Found at his aunt's in Kikinda.")
    page.get_by_role("button", name="Record this step").click()
    expect(page.get_by_text("The report is now “Found”.")).to_be_visible()
    expect(page.locator(".missing-child-timeline li")).to_have_count(3)
    assert_accessible(page)

    report = MissingChildReport.objects.get()
    assert (report.status, report.found_on, report.found_condition) == (
        MissingChildStatus.FOUND,
        today,
        "unharmed",
    )
