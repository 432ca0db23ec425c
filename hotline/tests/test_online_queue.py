"""The consultants' queue of online reports: newest first, what needs attention, no content."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import Role
from hotline.codes import ContactStatus
from hotline.models import OnlineReport
from hotline.tests.factories_online import send_report

pytestmark = pytest.mark.django_db

URL = reverse("hotline:report_queue")


@pytest.fixture
def consultant_client(client_as):
    return client_as(Role.SOS_CONSULTANT)


def test_the_queue_lists_reports_newest_first_without_their_content(
    consultant_client, organisation
):
    older, _ = send_report(organisation)
    OnlineReport.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=1))
    newer, _ = send_report(organisation, what_happened="Something else entirely")

    response = consultant_client.get(URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert page.index(newer.reference) < page.index(older.reference)
    assert reverse("hotline:online_report", args=[newer.pk]) in page
    assert "Received, not yet processed" in page
    assert "bakery" not in page
    assert "Something else" not in page
    assert "2 online reports" in page


def test_the_queue_shows_only_the_organisations_reports(consultant_client, other_organisation):
    theirs, _ = send_report(other_organisation)

    page = consultant_client.get(URL).content.decode()

    assert theirs.reference not in page


def test_needing_attention_shows_unprocessed_and_unread_reports(consultant_client, organisation):
    received, _ = send_report(organisation)
    quiet, _ = send_report(organisation)
    unread, _ = send_report(organisation)
    quiet.contact.status = unread.contact.status = ContactStatus.RECORDED
    quiet.contact.save()
    unread.contact.save()
    OnlineReport.objects.filter(pk=unread.pk).update(unread_since=timezone.now())

    page = consultant_client.get(URL, {"show": "open"}).content.decode()

    assert received.reference in page
    assert unread.reference in page
    assert quiet.reference not in page


def test_the_queue_runs_the_same_queries_for_many_reports(
    consultant_client, organisation, django_assert_max_num_queries
):
    for _ in range(3):
        send_report(organisation)
    with django_assert_max_num_queries(10) as few:
        consultant_client.get(URL)
    for _ in range(30):
        send_report(organisation)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = consultant_client.get(URL)

    assert "33 online reports" in response.content.decode()


@pytest.mark.parametrize("role", [Role.RESEARCHER, Role.CASE_MANAGER, Role.ADMINISTRATOR])
def test_roles_that_do_not_record_contacts_cannot_open_the_queue(client_as, role):
    assert client_as(role).get(URL).status_code == 403
