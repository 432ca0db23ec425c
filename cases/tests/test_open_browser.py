"""In a real browser: a case manager opens the case of an accepted hand-over, types a name that
an existing person has in the other script, sees the similar-person warning as they type, opens
the new case for that person and lands on the overview under the hand-over's code. Every screen
passes axe-core."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cases.models import Case, Person
from cases.services.persons import set_identity
from cases.tests.factories import CaseFactory, PersonFactory, TeamFactory
from core.models import Role
from core.tests.browser import assert_accessible, sign_in_with_second_factor
from core.tests.factories import MembershipFactory
from hotline.tests.factories_children import CaseHandoverFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_case_is_opened_from_a_handover_after_the_duplicate_check(page, live_server):
    case_manager = MembershipFactory(role=Role.CASE_MANAGER).user
    organisation = case_manager.memberships.get().organisation
    team = TeamFactory(organisation=organisation, name="Tim Beograd")
    team.members.add(case_manager)
    known = PersonFactory.build(organisation=organisation, year_of_birth=2008)
    set_identity(known, given_name="Слободанка", family_name="Ђорђевић")
    CaseFactory(organisation=organisation, person=known, code="A-2024-015")
    handover = CaseHandoverFactory(
        contact__organisation=organisation, status="accepted", case_code="A-2026-042"
    )

    sign_in_with_second_factor(page, live_server.url, case_manager)
    page.goto(live_server.url + reverse("hotline:handover", args=[handover.pk]))
    page.get_by_role("link", name="Open the case file").click()
    page.wait_for_url("**/cases/from-handover/*/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Open case A-2026-042")
    assert_accessible(page)

    page.fill("#id_given_name", "Slobodanka")
    page.fill("#id_family_name", "Djordjevic")
    page.fill("#id_year_of_birth", "2009")
    expect(page.get_by_text("Similar persons found")).to_be_visible()
    expect(page.locator("#duplicates-region")).to_contain_text("A-2024-015")
    expect(page.locator("#duplicates-region")).to_contain_text("Same name")
    assert_accessible(page)

    page.get_by_label("Open a new case for this person").check()
    page.select_option("#id_gender", "Feminine")
    page.get_by_role("button", name="Open the case", exact=True).click()

    page.wait_for_url("**/cases/*/")
    expect(page.get_by_text("Case A-2026-042 opened.")).to_be_visible()
    expect(page.locator(".case-code-line .case-code")).to_have_text("A-2026-042")
    expect(page.get_by_text("Слободанка")).to_be_visible()
    assert_accessible(page)
    case = Case.objects.get(code="A-2026-042")
    assert (case.person, case.handover, case.team) == (known, handover, team)
    assert Person.objects.count() == 1


def test_without_javascript_the_check_button_shows_the_similar_persons(browser, live_server):
    case_manager = MembershipFactory(role=Role.CASE_MANAGER).user
    organisation = case_manager.memberships.get().organisation
    known = PersonFactory.build(organisation=organisation, year_of_birth=2008)
    set_identity(known, given_name="Marija", family_name="Jovanović")
    CaseFactory(organisation=organisation, person=known, code="A-2024-016")
    context = browser.new_context(locale="en", java_script_enabled=False)
    page = context.new_page()

    sign_in_with_second_factor(page, live_server.url, case_manager)
    page.goto(live_server.url + reverse("cases:case_new"))
    page.fill("#id_given_name", "Maria")
    page.fill("#id_family_name", "Jovanovich")
    page.get_by_role("button", name="Check for similar persons").click()

    expect(page.locator("#duplicates-region")).to_contain_text("A-2024-016")
    expect(page.locator("#id_family_name")).to_have_value("Jovanovich")
    context.close()
