"""In a real browser: a case manager records, on the pages of their case, that the Centre
identified the person, two forms of exploitation (sexual in Serbia; labour in construction in
Germany, with the means of control), a trafficker and court proceedings with a testimony date.
Every page passes axe-core."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from cases.codes import TraffickingStatus
from cases.models import Exploitation, Hearing
from cases.tests.factories import CaseFactory, TeamFactory
from core.models import Role
from core.tests.browser import assert_accessible, sign_in_with_second_factor
from core.tests.factories import MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_case_manager_records_identification_exploitation_traffickers_and_court(
    page, live_server
):
    case_manager = MembershipFactory(role=Role.CASE_MANAGER).user
    organisation = case_manager.memberships.get().organisation
    team = TeamFactory(organisation=organisation, name="Tim A")
    team.members.add(case_manager)
    case = CaseFactory(organisation=organisation, case_manager=case_manager, team=team)
    today = timezone.localdate()
    testimony_on = today + timedelta(days=45)

    def visit(name: str) -> None:
        page.goto(live_server.url + reverse(f"cases:{name}", args=[case.pk]))
        assert_accessible(page)

    sign_in_with_second_factor(page, live_server.url, case_manager)

    visit("identification")
    page.select_option("#id_status", TraffickingStatus.IDENTIFIED)
    expect(page.locator("#id_decided_by")).to_have_value("NonPoliceGovernmentalOrganization")
    page.fill("#id_decided_on", today.isoformat())
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("The identification decision was recorded.")).to_be_visible()
    expect(page.locator("table.identifications tbody tr")).to_have_count(1)
    expect(page.locator(".case-header")).to_contain_text("Identified victim")
    assert_accessible(page)

    visit("exploitation")
    page.select_option("#id_form", "SexualExploitation")
    page.select_option("#id_recruitment_country", "RS")
    page.select_option("#id_exploitation_country", "RS")
    page.fill("#id_exploitation_place", "Novi Sad")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text("The form of exploitation was recorded.")).to_be_visible()

    page.select_option("#id_form", "ForcedLabour")
    page.select_option("#id_labour_sector", "F_Construction")
    page.select_option("#id_recruitment_country", "RS")
    page.select_option("#id_exploitation_country", "DE")
    page.fill("#id_started_on", (today - timedelta(days=200)).isoformat())
    page.fill("#id_ended_on", (today - timedelta(days=30)).isoformat())
    page.check("input[name=means_of_control][value=WithholdsDocuments]")
    page.check("input[name=means_of_control][value=DebtBondage]")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text("The form of exploitation was recorded.")).to_be_visible()
    sexual, labour = page.locator("article.exploitation").all()
    expect(sexual).to_contain_text("Sexual exploitation")
    expect(sexual).to_contain_text("Internal")
    expect(labour).to_contain_text("Labour exploitation · Construction")
    expect(labour).to_contain_text("Transnational")
    expect(labour).to_contain_text("Debt bondage, Documents taken away")
    assert_accessible(page)

    visit("traffickers")
    page.select_option("#id_gender", "Masculine")
    page.select_option("#id_age_band", "35-49")
    page.select_option("#id_citizenship", "RS")
    page.select_option("#id_relation", "employer")
    page.select_option("#id_role", "RecruiterOrIntermediary")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text("The trafficker was recorded.")).to_be_visible()
    row = page.locator("table.traffickers tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Recruiter or intermediary")
    expect(row).to_contain_text("Employer")
    assert_accessible(page)

    visit("court")
    page.fill("#id_court", "Viši sud u Beogradu")
    page.fill("#id_case_number", "K-PO1 12/2026")
    page.select_option("#id_role", "injured_party_witness")
    page.check("input[name=protective_measures][value=video_link]")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text("The court proceedings were recorded.")).to_be_visible()
    page.get_by_role("link", name="Edit and add hearings").click()
    page.wait_for_url("**/court/*/")
    assert_accessible(page)
    page.fill("#id_hearing-held_on", testimony_on.isoformat())
    page.select_option("#id_hearing-kind", "testimony")
    page.get_by_role("button", name="Add the date").click()
    expect(page.get_by_text("The date was recorded.")).to_be_visible()
    expect(page.locator("table.hearings tbody tr")).to_contain_text("Testimony")
    assert_accessible(page)
    visit("court")
    proceeding = page.locator("article.proceeding")
    expect(proceeding).to_contain_text("Viši sud u Beogradu · K-PO1 12/2026")
    expect(proceeding).to_contain_text("Testimony by video link")
    expect(proceeding.locator(f'time[datetime="{testimony_on.isoformat()}"]')).to_be_visible()

    labour_record = Exploitation.objects.get(form="ForcedLabour")
    assert labour_record.is_transnational
    assert sorted(labour_record.means_of_control) == ["DebtBondage", "WithholdsDocuments"]
    assert Hearing.objects.get().held_on == testimony_on
