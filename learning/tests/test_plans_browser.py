"""In real browsers: a group fills its action plan on one phone through its link (two activities
and a workshop request); the coordinator finds
the request in the overview and marks it done with the date. Both screens pass axe-core."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from core.models import Role
from core.tests.browser import TIMEOUT_MS, assert_accessible, sign_in_as
from core.tests.factories import MembershipFactory
from learning.models.plans import PlanActivity, WorkshopRequest
from learning.tests.factories_plans import PlanCollectionFactory, PlanGroupFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_group_writes_its_plan_and_the_coordinator_records_the_workshop(
    page, browser, live_server
):
    membership = MembershipFactory(role=Role.EDUCATION_COORDINATOR)
    group = PlanGroupFactory(training__organisation=membership.organisation, name="Grupa Čačak")
    PlanCollectionFactory(training=group.training, is_open=True)
    school = group.institutions.get()

    context = browser.new_context(locale="en", viewport={"width": 390, "height": 844})
    context.set_default_timeout(TIMEOUT_MS)
    phone = context.new_page()
    phone.goto(live_server.url + reverse("learning:plan_public", kwargs={"token": group.token}))
    assert_accessible(phone)
    phone.fill("#id_activities-0-what", "Čas o vrbovanju preko interneta")
    phone.fill("#id_activities-0-audience", "učenici 7. razreda")
    phone.fill("#id_activities-0-lead", "pedagoškinja Jelena")
    phone.fill("#id_activities-0-when", "03/2027")
    phone.fill("#id_activities-1-what", "Roditeljski sastanak")
    phone.fill("#id_activities-1-audience", "roditelji")
    phone.fill("#id_activities-1-lead", "odeljenjske starešine")
    phone.fill("#id_activities-1-when", "posle zimskog raspusta")
    phone.select_option("#id_requests-0-institution", str(school.pk))
    phone.fill("#id_requests-0-topic", "Bezbednost na internetu")
    phone.fill("#id_requests-0-audience", "nastavnici")
    phone.fill("#id_requests-0-preferred_period", "april 2027")
    phone.fill("#id_requests-0-expected_participants", "25")
    phone.get_by_role("button", name="Save the plan").click()
    expect(phone.get_by_text("Your plan was saved.")).to_be_visible()
    assert_accessible(phone)
    context.close()
    assert PlanActivity.objects.filter(group=group).count() == 2
    workshop = WorkshopRequest.objects.get()

    sign_in_as(page, live_server.url, membership.user.username)
    page.goto(live_server.url + reverse("learning:plans_overview"))
    expect(page.get_by_role("cell", name="Bezbednost na internetu", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Record follow-up").click()
    page.select_option("#id_status", "done")
    page.fill("#id_held_on", "2027-04-15")
    page.get_by_role("button", name="Save the follow-up").click()
    expect(page.locator("td.request-status")).to_contain_text("Done")
    assert_accessible(page)

    workshop.refresh_from_db()
    assert workshop.status == "done"
    assert workshop.held_on.isoformat() == "2027-04-15"
