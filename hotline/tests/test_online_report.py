"""One online report on the consultants' side: reading it (audited, marks it read), replying to
the reporter, and taking it to record as a contact."""

import json

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import sign_in
from core.models import AuditAction, AuditEntry, Role
from hotline.codes import Channel, ContactStatus
from hotline.models import OnlineReport, ReportMessage
from hotline.services.online_reports import add_reporter_message
from hotline.tests.factories_online import send_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultant_client(client, consultant):
    return sign_in(client, consultant)


@pytest.fixture
def report(organisation):
    report, _ = send_report(
        organisation, name="Milica", phone="064 123 4567", email="milica@example.org"
    )
    return report


def url(report, name="hotline:online_report") -> str:
    return reverse(name, args=[report.pk])


def test_the_report_page_shows_what_was_reported_and_how_to_reach_the_reporter(
    consultant_client, report
):
    page = consultant_client.get(url(report)).content.decode()

    assert "flat above the bakery" in page
    assert "last Friday night" in page
    assert "064 123 4567" in page
    assert "milica@example.org" in page
    assert "Process as a contact" in page


def test_opening_the_report_is_audited_and_marks_new_information_read(
    consultant_client, consultant, report
):
    add_reporter_message(report, "More: the car is grey.")

    page = consultant_client.get(url(report)).content.decode()

    assert "More: the car is grey." in page
    report.refresh_from_db()
    assert report.unread_since is None
    entry = AuditEntry.objects.filter(action=AuditAction.READ).get()
    assert entry.actor_id == consultant.pk
    assert (entry.object_type, entry.object_id) == ("hotline.contact", str(report.contact_id))
    assert "grey" not in entry.summary


def test_the_report_page_runs_a_fixed_number_of_queries(
    consultant_client, report, django_assert_max_num_queries
):
    add_reporter_message(report, "Addition")
    with django_assert_max_num_queries(16) as few:
        consultant_client.get(url(report))
    for number in range(10):
        add_reporter_message(report, f"Addition {number}")

    with django_assert_max_num_queries(len(few.captured_queries)):
        consultant_client.get(url(report))


def test_another_organisations_consultant_gets_404(client_as, other_organisation, report):
    outsider = client_as(Role.SOS_CONSULTANT, other_organisation)

    assert outsider.get(url(report)).status_code == 404
    assert outsider.post(url(report, "hotline:report_reply"), {"body": "Hi"}).status_code == 404
    assert outsider.post(url(report, "hotline:report_process")).status_code == 404
    assert not ReportMessage.objects.exists()
    report.contact.refresh_from_db()
    assert report.contact.status == ContactStatus.RECEIVED


def test_a_researcher_cannot_open_a_report(client_as, report):
    assert client_as(Role.RESEARCHER).get(url(report)).status_code == 403


def test_a_reply_is_kept_audited_and_shown_to_the_reporter(
    consultant_client, consultant, report, client
):
    response = consultant_client.post(
        url(report, "hotline:report_reply"), {"body": "Please call us on 0800 200 000."}
    )

    assert response.status_code == 302
    assert response["Location"] == url(report)
    reply = ReportMessage.objects.get()
    assert (reply.from_reporter, reply.author) == (False, consultant)
    entry = AuditEntry.objects.filter(action=AuditAction.UPDATE).get()
    assert entry.actor_id == consultant.pk
    assert "0800" not in entry.summary
    assert "Please call us on 0800 200 000." in consultant_client.get(url(report)).content.decode()


def test_an_empty_reply_is_refused_with_a_message(consultant_client, report):
    response = consultant_client.post(url(report, "hotline:report_reply"), {"body": ""})

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not ReportMessage.objects.exists()


def test_processing_makes_the_contact_a_draft_of_the_consultant_to_record(
    consultant_client, consultant, report
):
    response = consultant_client.post(url(report, "hotline:report_process"))

    contact = report.contact
    assert response.status_code == 302
    assert response["Location"] == reverse("hotline:contact_edit", args=[contact.pk])
    contact.refresh_from_db()
    assert contact.status == ContactStatus.DRAFT
    assert contact.consultant == consultant
    assert contact.started_at == report.contact.started_at
    draft = json.loads(contact.draft_data)
    assert draft["channel"] == Channel.ONLINE_REPORT
    assert draft["caller_phone"] == "064 123 4567"
    assert draft["started_at"] == timezone.localtime(contact.started_at).strftime("%Y-%m-%dT%H:%M")
    entry = AuditEntry.objects.filter(action=AuditAction.UPDATE).get()
    assert entry.actor_id == consultant.pk


def test_a_report_taken_by_one_consultant_is_refused_to_another(consultant_client, member, report):
    colleague = member(Role.SOS_CONSULTANT)
    sign_in(Client(), colleague).post(url(report, "hotline:report_process"))

    response = consultant_client.post(url(report, "hotline:report_process"), follow=True)

    assert "Another consultant is already processing this report." in response.content.decode()
    report.contact.refresh_from_db()
    assert report.contact.consultant == colleague


def test_processing_twice_by_the_same_consultant_carries_on(consultant_client, report):
    consultant_client.post(url(report, "hotline:report_process"))

    response = consultant_client.post(url(report, "hotline:report_process"))

    assert response["Location"] == reverse("hotline:contact_edit", args=[report.contact_id])


def test_a_processed_report_no_longer_offers_the_process_button(consultant_client, report):
    consultant_client.post(url(report, "hotline:report_process"))

    page = consultant_client.get(url(report)).content.decode()

    assert "Process as a contact" not in page
    assert "Continue recording the contact" in page


def test_the_summary_partial_shows_the_report_and_links_to_it(report):
    add_reporter_message(report, "One more thing")
    report = OnlineReport.objects.get(pk=report.pk)

    html = render_to_string("hotline/includes/online_report_summary.html", {"report": report})

    assert "flat above the bakery" in html
    assert "last Friday night" in html
    assert "1 message" in html
    assert url(report) in html


def test_a_recorded_report_cannot_be_taken_again(consultant_client, report):
    report.contact.status = ContactStatus.RECORDED
    report.contact.save()

    response = consultant_client.post(url(report, "hotline:report_process"), follow=True)

    assert "This report has already been recorded as a contact." in response.content.decode()


def test_the_taken_report_opens_in_the_contact_form_with_its_summary(consultant_client, report):
    response = consultant_client.post(url(report, "hotline:report_process"), follow=True)

    page = response.content.decode()
    assert response.status_code == 200
    assert f"Online report {report.reference}" in page
    assert "flat above the bakery" in page
