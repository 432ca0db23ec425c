"""The whole way of a person through direct assistance, in a real browser, as issue 6 asks: a
case manager opens the case from a contact the SOS line handed over, records a needs
assessment, a support plan and a service, and refers the person to a partner organisation,
whose user accepts the referral in a second browser context."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from cases.codes import NeedDomain, ReferralStatus
from cases.models import Case
from cases.tests.factories import TeamFactory
from core.tests.browser import TIMEOUT_MS, assert_accessible, sign_in_with_second_factor
from hotline.tests.factories_children import CaseHandoverFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_from_a_hotline_contact_to_a_referral_a_partner_accepts(
    page, browser, live_server, organisation, case_manager, partner_organisation, partner_user
):
    url = live_server.url
    today = timezone.localdate().isoformat()
    TeamFactory(organisation=organisation, name="Tim A").members.add(case_manager)
    handover = CaseHandoverFactory(contact__organisation=organisation)
    sign_in_with_second_factor(page, url, case_manager)

    # The hand-over from the line: accept it, then open the case file under its code.
    page.goto(url + reverse("hotline:handover", args=[handover.pk]))
    page.get_by_role("button", name="Open a case").click()
    page.get_by_role("link", name="Open the case file").click()
    page.fill("#id_given_name", "Ана")
    page.fill("#id_family_name", "Марковић")
    page.fill("#id_year_of_birth", "2010")
    page.select_option("#id_gender", "Feminine")
    page.get_by_role("button", name="Open the case", exact=True).click()
    page.wait_for_url("**/cases/*/")
    case = Case.objects.get(handover=handover)
    expect(page.locator(".case-code-line .case-code")).to_have_text(case.code)
    assert case.is_minor and case.code.startswith("A-")
    assert_accessible(page)

    # Needs, a plan and a service.
    page.goto(url + reverse("cases:needs_new", args=[case.pk]))
    page.fill("#id_assessed_on", today)
    for domain in NeedDomain.values:
        page.check(f"#id_rating_{domain}_{3 if domain == 'accommodation' else 1}")
    page.get_by_role("button", name="Record the assessment").click()
    expect(page.get_by_text("The needs assessment was recorded.")).to_be_visible()

    page.goto(url + reverse("cases:plan_new", args=[case.pk]))
    page.select_option("#id_goals-0-domain", "accommodation")
    page.fill("#id_goals-0-goal", "A safe place to live")
    page.get_by_role("button", name="Record the plan").click()
    expect(page.get_by_text("The support plan was recorded.")).to_be_visible()

    page.goto(url + reverse("cases:services", args=[case.pk]))
    page.select_option("#id_kind", "psychological")
    page.fill("#id_delivered_on", today)
    page.get_by_role("button", name="Record the service").click()
    expect(page.get_by_text("The service was recorded.")).to_be_visible()

    # Consent to share with the partner, then the referral.
    page.goto(url + reverse("cases:consents", args=[case.pk]))
    page.select_option("#id_purpose", "sharing")
    page.select_option("#id_partner", str(partner_organisation.pk))
    page.select_option("#id_legal_basis", "consent")
    page.fill("#id_given_on", today)
    page.get_by_role("button", name="Record the consent").click()
    page.goto(url + reverse("cases:referrals", args=[case.pk]))
    page.select_option("#id_direction", "outgoing")
    page.select_option("#id_partner", str(partner_organisation.pk))
    page.select_option("#id_consent", index=1)
    page.select_option("#id_reason_code", "AdditionalServicesRequired")
    page.fill("#id_shared_summary", "Shelter for a girl of 16.")
    page.fill("#id_sent_on", today)
    page.get_by_role("button", name="Record the referral").click()
    expect(page.get_by_text("The referral was recorded.")).to_be_visible()

    # The partner organisation's user, in a browser of their own, accepts it.
    context = browser.new_context(locale="en")
    context.set_default_timeout(TIMEOUT_MS)
    partner_page = context.new_page()
    sign_in_with_second_factor(partner_page, url, partner_user)
    partner_page.get_by_role("link", name="Referrals to us").click()
    partner_page.locator("table.incoming-referrals tbody a").first.click()
    expect(partner_page.get_by_text("Shelter for a girl of 16.")).to_be_visible()
    expect(partner_page.get_by_text("Марковић")).to_have_count(0)
    partner_page.fill("#id_feedback", "A room is ready.")
    partner_page.get_by_role("button", name="Accept").click()
    expect(partner_page.get_by_text("Your answer was sent to the case manager.")).to_be_visible()
    context.close()

    # The timeline shows it all.
    page.goto(url + reverse("cases:timeline", args=[case.pk]))
    timeline = page.locator("ol.timeline")
    for text in ("Needs assessment", "Support plan agreed", "Psychological support", "Case opened"):
        expect(timeline).to_contain_text(text)
    assert case.referrals.get().status == ReferralStatus.ACCEPTED
    assert_accessible(page)
