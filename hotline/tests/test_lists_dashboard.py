"""The SOS line panel on the dashboard: my follow-ups due, my drafts, online reports waiting and
missing-child reports not closed, in a fixed number of queries; only for SOS consultants."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.access import capabilities_of
from core.models import Role
from hotline.codes import Circumstance, ContactStatus, Gender, MissingChildStatus
from hotline.dashboard import dashboard_panels
from hotline.models import FollowUp, MissingChildReport
from hotline.tests.factories import ContactFactory, DraftContactFactory

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("core:dashboard")


def line_panel(response):  # type: ignore[no-untyped-def]
    return next(p for p in response.context["panels"] if p["template"] == "hotline/panel_line.html")


def missing_child(contact, status):  # type: ignore[no-untyped-def]
    return MissingChildReport.objects.create(
        organisation=contact.organisation,
        contact=contact,
        child_name="Dete",
        child_gender=Gender.UNKNOWN,
        last_seen_on=date(2025, 3, 1),
        last_seen_place="Niš",
        circumstances=Circumstance.RUNAWAY,
        status=status,
    )


def test_the_panel_counts_what_waits_for_the_consultant(
    consultant_client, organisation, other_organisation, consultant, member
):
    colleague = member(Role.SOS_CONSULTANT)
    contact = ContactFactory(organisation=organisation, consultant=consultant)
    today = timezone.localdate()
    for due, assignee, done in (
        (today, consultant, None),
        (today - timedelta(days=4), consultant, None),
        (today + timedelta(days=1), consultant, None),  # not yet due
        (today, colleague, None),  # someone else's
        (today, consultant, timezone.now()),  # done
    ):
        FollowUp.objects.create(
            organisation=organisation,
            contact=contact,
            description="Nazvati",
            due_on=due,
            assigned_to=assignee,
            done_at=done,
        )
    DraftContactFactory.create_batch(2, organisation=organisation, consultant=consultant)
    DraftContactFactory(organisation=organisation, consultant=colleague)
    ContactFactory.create_batch(3, organisation=organisation, status=ContactStatus.RECEIVED)
    ContactFactory(organisation=other_organisation, status=ContactStatus.RECEIVED)
    missing_child(ContactFactory(organisation=organisation), MissingChildStatus.SEARCHING)
    missing_child(ContactFactory(organisation=organisation), MissingChildStatus.CLOSED)

    response = consultant_client.get(DASHBOARD)

    panel = line_panel(response)
    assert (panel["follow_ups_due"], panel["drafts"], panel["received"]) == (2, 2, 3)
    assert panel["missing_children"] == 1
    content = response.content.decode()
    assert "2 of my follow-ups are due today or overdue" in content
    assert reverse("hotline:drafts") in content and reverse("hotline:report_queue") in content
    assert reverse("hotline:missing_children") in content


def test_the_panel_costs_four_queries_whatever_the_data(consultant, rf):

    request = rf.get(DASHBOARD)
    request.user = consultant
    request.organisation = consultant.memberships.get().organisation
    request.capabilities = capabilities_of([Role.SOS_CONSULTANT])

    with CaptureQueriesContext(connection) as queries:
        dashboard_panels(request)

    assert len(queries) == 4


@pytest.mark.parametrize("role", [Role.RESEARCHER, Role.CASE_MANAGER, Role.EDUCATION_COORDINATOR])
def test_other_roles_get_no_line_panel(client_as, role):
    response = client_as(role).get(DASHBOARD)

    assert all(p["template"] != "hotline/panel_line.html" for p in response.context["panels"])
