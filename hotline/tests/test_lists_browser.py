"""In a real browser: a consultant filters the contact list by month and subject, opens a
contact, adds a follow-up, finds it under "My follow-ups" and marks it done. The list, the
contact, the follow-ups and the line report pass axe-core."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from core.models import Role
from core.tests.browser import assert_accessible, sign_in_with_second_factor
from core.tests.factories import MembershipFactory, TOTPDeviceFactory
from hotline.codes import Subject
from hotline.models import FollowUp
from hotline.tests.factories import ContactFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_consultant_finds_a_contact_and_follows_it_up(page, live_server):
    membership = MembershipFactory(role=Role.SOS_CONSULTANT)
    consultant, organisation = membership.user, membership.organisation
    TOTPDeviceFactory(user=consultant)
    wanted = ContactFactory(
        organisation=organisation,
        consultant=consultant,
        subject=Subject.JOB_OFFER,
        started_at=timezone.make_aware(datetime(2025, 3, 14, 10, 30)),
        notes="Ponuda za rad na farmi u Holandiji.",
    )
    ContactFactory(
        organisation=organisation,
        consultant=consultant,
        subject=Subject.INFORMATION,
        started_at=timezone.make_aware(datetime(2025, 3, 15, 9, 0)),
    )
    ContactFactory(
        organisation=organisation,
        consultant=consultant,
        subject=Subject.JOB_OFFER,
        started_at=timezone.make_aware(datetime(2025, 4, 2, 9, 0)),
    )
    sign_in_with_second_factor(page, live_server.url, consultant)

    page.goto(live_server.url + reverse("hotline:contact_list"))
    assert_accessible(page)
    page.get_by_label("Month").fill("2025-03")
    page.get_by_label("Subject").select_option(Subject.JOB_OFFER)
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("table.contacts tbody tr")
    expect(rows).to_have_count(1)
    expect(page.get_by_text("1 contact", exact=True)).to_be_visible()

    rows.get_by_role("link").click()
    expect(page.get_by_role("heading", name=f"Contact #{wanted.pk}")).to_be_visible()
    expect(page.get_by_text("Ponuda za rad na farmi u Holandiji.")).to_be_visible()
    assert_accessible(page)
    due = timezone.localdate() + timedelta(days=1)
    page.get_by_label("Task").fill("Provjeriti agenciju u registru APR")
    page.get_by_label("Due").fill(due.isoformat())
    page.get_by_role("button", name="Add follow-up").click()
    expect(page.get_by_text("Follow-up added.")).to_be_visible()

    page.goto(live_server.url + reverse("hotline:follow_ups"))
    expect(
        page.get_by_role("cell", name="Provjeriti agenciju u registru APR", exact=True)
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Mark done").click()
    expect(page.get_by_text("Follow-up marked done.")).to_be_visible()
    expect(page.get_by_text("No open follow-ups.")).to_be_visible()
    follow_up = FollowUp.objects.get()
    assert follow_up.done_by == consultant and follow_up.contact == wanted

    page.goto(live_server.url + reverse("hotline:line_report") + "?month=2025-03")
    expect(page.get_by_role("heading", name="Line report: March 2025")).to_be_visible()
    assert_accessible(page)
