"""The reporter's thread: what they sent, the organisation's replies (never a consultant's
name), adding information, and leaving the report on a shared phone."""

import pytest
from django.core import mail
from django.urls import reverse

from core.models import AuditAction, AuditEntry
from hotline.models import ReportMessage
from hotline.services.online_reports import reply_to_report
from hotline.tests.factories import consultant_of
from hotline.tests.factories_online import REPORT, send_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultant(organisation):
    user = consultant_of(organisation)
    user.first_name, user.last_name = "Jelena", "Petrović"
    user.save()
    return user


@pytest.fixture
def report(organisation, consultant):
    report, _ = send_report(organisation)
    mail.outbox.clear()
    return report


@pytest.fixture
def reporter(client, report):
    session = client.session
    session[f"hotline.report.grant.{report.reference}"] = report.pk
    session.save()
    return client


def url(report) -> str:
    return reverse("hotline:report_thread", args=[report.reference])


def test_the_reporter_sees_what_they_sent(reporter, report):
    page = reporter.get(url(report)).content.decode()

    assert "flat above the bakery" in page
    assert REPORT["where"] in page
    assert "last Friday night" in page
    assert "No messages yet" in page


def test_replies_are_signed_by_the_organisation_never_the_consultant(reporter, report, consultant):
    reply_to_report(report, consultant, "Thank you, we are looking into it.")

    page = reporter.get(url(report)).content.decode()

    assert "Thank you, we are looking into it." in page
    assert "The organisation" in page
    assert "Jelena" not in page
    assert consultant.username not in page


def test_added_information_is_kept_marked_unread_and_announced(reporter, report, consultant):
    response = reporter.post(url(report), {"body": "The car is a grey Golf, BG 123-XY."})

    assert response.status_code == 302
    message = ReportMessage.objects.get()
    assert message.from_reporter
    assert message.author is None
    assert message.body == "The car is a grey Golf, BG 123-XY."
    report.refresh_from_db()
    assert report.unread_since == message.created_at
    assert [m.to for m in mail.outbox] == [[consultant.email]]
    assert "New information" in mail.outbox[0].subject
    assert "Golf" not in mail.outbox[0].body
    entry = AuditEntry.objects.filter(action=AuditAction.UPDATE).get()
    assert entry.actor_id is None
    assert entry.ip_address is None
    page = reporter.get(url(report)).content.decode()
    assert "The car is a grey Golf" in page
    assert "You" in page


def test_later_information_keeps_the_first_unread_time(reporter, report):
    reporter.post(url(report), {"body": "First addition"})
    report.refresh_from_db()
    first = report.unread_since

    reporter.post(url(report), {"body": "Second addition"})

    report.refresh_from_db()
    assert report.unread_since == first


def test_empty_information_is_refused_with_a_message(reporter, report):
    response = reporter.post(url(report), {"body": "  "})

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not ReportMessage.objects.exists()


def test_information_with_a_nul_character_is_refused(reporter, report):
    response = reporter.post(url(report), {"body": "a\x00b"})

    assert response.status_code == 400
    assert "Null characters are not allowed." in response.content.decode()


def test_signing_out_forgets_the_grant(reporter, report):
    response = reporter.post(url(report), {"sign_out": "1"})

    assert response.status_code == 302
    assert response["Location"] == reverse("hotline:report_sign_in")
    assert reporter.get(url(report)).status_code == 302
