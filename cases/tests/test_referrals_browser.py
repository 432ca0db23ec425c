"""In a real browser, two people in two browser contexts: a case manager records the person's
consent to share with a partner organisation and refers the case to it; the partner
organisation's user opens "Referrals to us" and accepts with feedback; the case manager sees the
answer. Every screen passes axe-core."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from cases.codes import ReferralStatus
from cases.models import Referral
from core.tests.browser import TIMEOUT_MS, assert_accessible, sign_in_with_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUMMARY = "Safe accommodation for a girl of 16, from next week."
FEEDBACK = "A room is ready on Monday; we will call the case manager."


def test_a_case_is_referred_to_a_partner_who_accepts_it(
    page, browser, live_server, case, case_manager, partner_organisation, partner_user
):
    today = timezone.localdate().isoformat()
    sign_in_with_second_factor(page, live_server.url, case_manager)

    page.goto(live_server.url + reverse("cases:consents", args=[case.pk]))
    assert_accessible(page)
    page.select_option("#id_purpose", "sharing")
    page.select_option("#id_partner", str(partner_organisation.pk))
    page.select_option("#id_legal_basis", "consent")
    page.fill("#id_given_on", today)
    page.get_by_role("button", name="Record the consent").click()
    expect(page.get_by_text("The consent was recorded.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Referrals", exact=True).click()
    page.wait_for_url("**/referrals/")
    assert_accessible(page)
    page.select_option("#id_direction", "outgoing")
    page.select_option("#id_partner", str(partner_organisation.pk))
    page.select_option("#id_consent", index=1)
    page.select_option("#id_reason_code", "AdditionalServicesRequired")
    page.fill("#id_shared_summary", SUMMARY)
    page.fill("#id_sent_on", today)
    page.get_by_role("button", name="Record the referral").click()
    expect(page.get_by_text("The referral was recorded.")).to_be_visible()
    expect(page.locator("table.referrals tbody")).to_contain_text("Sent")
    assert_accessible(page)

    context = browser.new_context(locale="en")
    context.set_default_timeout(TIMEOUT_MS)
    partner_page = context.new_page()
    sign_in_with_second_factor(partner_page, live_server.url, partner_user)
    partner_page.get_by_role("link", name="Referrals to us").click()
    partner_page.wait_for_url("**/referrals/")
    expect(partner_page.locator("table.incoming-referrals")).to_contain_text(case.code)
    assert_accessible(partner_page)
    partner_page.locator("table.incoming-referrals tbody a").first.click()
    expect(partner_page.get_by_text(SUMMARY)).to_be_visible()
    assert_accessible(partner_page)
    partner_page.fill("#id_feedback", FEEDBACK)
    partner_page.get_by_role("button", name="Accept").click()
    expect(partner_page.get_by_text("Your answer was sent to the case manager.")).to_be_visible()
    assert_accessible(partner_page)
    context.close()

    page.reload()
    row = page.locator("table.referrals tbody tr").first
    expect(row).to_contain_text("Accepted")
    expect(row).to_contain_text(FEEDBACK)
    assert_accessible(page)
    assert Referral.objects.get().status == ReferralStatus.ACCEPTED
