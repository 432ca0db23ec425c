"""The anonymous online report form at /report/: which organisation it goes to, what it keeps
(encrypted, nothing identifying required), who is told, and how it refuses spam and bad input."""

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse

from core.models import AuditAction, AuditEntry
from core.tests.factories import OrganisationFactory
from hotline.codes import Channel, ContactKind, ContactStatus, Line
from hotline.models import Contact, OnlineReport
from hotline.services.contacts import email_index, phone_index
from hotline.tests.factories import consultant_of

pytestmark = pytest.mark.django_db

URL = reverse("hotline:public_report")
WHAT = "A boy of about twelve sells flowers at the crossroads every night until 3 a.m."


@pytest.fixture
def hotline_org(organisation):
    organisation.accepts_online_reports = True
    organisation.save()
    return organisation


def test_the_only_organisation_taking_reports_gets_the_form_with_the_anonymity_note(
    client, hotline_org
):
    response = client.get(URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Demo NGO" in page
    assert 'name="what_happened"' in page
    assert "You can stay anonymous" in page
    assert "How can we reach you? (optional)" in page


def test_without_an_organisation_taking_reports_the_page_says_so(client, organisation):
    response = client.get(URL)

    assert response.status_code == 200
    assert "Online reports are not accepted here at the moment" in response.content.decode()
    assert 'name="what_happened"' not in response.content.decode()


def test_with_several_organisations_the_reporter_chooses_one(client, hotline_org):
    OrganisationFactory(name="Astra", slug="astra", accepts_online_reports=True)
    OrganisationFactory(name="Not taking reports", slug="closed")

    page = client.get(URL).content.decode()

    assert reverse("hotline:public_report_to", args=["astra"]) in page
    assert reverse("hotline:public_report_to", args=["demo"]) in page
    assert "Not taking reports" not in page
    chosen = client.get(reverse("hotline:public_report_to", args=["astra"]))
    assert chosen.status_code == 200
    assert 'name="what_happened"' in chosen.content.decode()


def test_an_organisation_not_taking_reports_or_unknown_has_no_form(client, organisation):
    assert client.get(reverse("hotline:public_report_to", args=["demo"])).status_code == 404
    assert client.get(reverse("hotline:public_report_to", args=["nobody"])).status_code == 404


def test_a_report_with_only_what_happened_lands_in_the_queue_as_a_received_contact(
    client, hotline_org
):
    response = client.post(URL, {"what_happened": WHAT})

    report = OnlineReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("hotline:report_sent", args=[report.reference])
    contact = report.contact
    assert contact.organisation == hotline_org
    assert (contact.status, contact.channel, contact.line, contact.kind) == (
        ContactStatus.RECEIVED,
        Channel.ONLINE_REPORT,
        Line.SOS,
        ContactKind.DATA,
    )
    assert contact.consultant is None
    assert contact.caller_name == contact.caller_phone == contact.caller_email == ""
    assert contact.caller_phone_index == contact.caller_email_index == ""
    assert contact.notes == ""
    assert report.what_happened == WHAT
    assert report.language == "en"
    assert len(report.reference) == 10


def test_what_the_reporter_wrote_is_stored_encrypted(client, hotline_org):
    client.post(
        URL,
        {
            "what_happened": WHAT,
            "where": "Knez Mihailova",
            "when": "every night",
            "name": "Milica Jovanović",
            "phone": "+381 64 123 4567",
            "email": "milica@example.org",
        },
    )

    report = OnlineReport.objects.get()
    with connection.cursor() as cursor:
        cursor.execute(
            'SELECT what_happened, "where", "when" FROM hotline_onlinereport WHERE id = %s',
            [report.pk],
        )
        raw_report = " ".join(cursor.fetchone())
        cursor.execute(
            "SELECT caller_name, caller_phone, caller_email FROM hotline_contact WHERE id = %s",
            [report.contact_id],
        )
        raw_contact = " ".join(cursor.fetchone())
    for secret in ("flowers", "Knez Mihailova", "every night"):
        assert secret not in raw_report
    for secret in ("Milica", "123 4567", "milica@example.org"):
        assert secret not in raw_contact
    contact = Contact.objects.get()
    assert contact.caller_name == "Milica Jovanović"
    assert contact.caller_phone_index == phone_index("064 123 4567")
    assert contact.caller_email_index == email_index("MILICA@example.org")


def test_consultants_are_told_by_email_without_the_content(client, hotline_org, other_organisation):
    consultants = [consultant_of(hotline_org), consultant_of(hotline_org)]
    consultant_of(other_organisation)

    client.post(URL, {"what_happened": WHAT, "name": "Milica", "phone": "0641234567"})

    report = OnlineReport.objects.get()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(c.email for c in consultants)
    message = mail.outbox[0]
    assert report.reference in message.subject
    assert reverse("hotline:online_report", args=[report.pk]) in message.body
    for secret in ("flowers", "Milica", "0641234567"):
        assert secret not in message.subject + message.body


def test_the_report_is_audited_without_actor_or_address(client, hotline_org):
    client.post(URL, {"what_happened": WHAT}, REMOTE_ADDR="203.0.113.9")

    entry = AuditEntry.objects.get(action=AuditAction.CREATE)
    contact = Contact.objects.get()
    assert (entry.object_type, entry.object_id) == ("hotline.contact", str(contact.pk))
    assert entry.actor_id is None
    assert entry.ip_address is None
    assert "flowers" not in entry.summary


def test_the_report_keeps_the_language_of_the_page(client, hotline_org):
    client.cookies["django_language"] = "sr-latn"

    client.post(URL, {"what_happened": WHAT})

    assert OnlineReport.objects.get().language == "sr-latn"


def test_a_filled_honeypot_pretends_success_and_keeps_nothing(client, hotline_org):
    consultant_of(hotline_org)

    response = client.post(URL, {"what_happened": WHAT, "website": "http://spam.example"})

    assert response.status_code == 302
    assert response["Location"].startswith("/report/sent/")
    assert not OnlineReport.objects.exists()
    assert not Contact.objects.exists()
    assert mail.outbox == []


def test_the_honeypot_is_hidden_from_people_and_assistive_technology(client, hotline_org):
    page = client.get(URL).content.decode()

    assert '<div class="honeypot" aria-hidden="true">' in page
    assert 'name="website" id="id_website" tabindex="-1"' in page


def test_a_report_without_what_happened_is_refused_with_a_message(client, hotline_org):
    response = client.post(URL, {"where": "Niš"})

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not OnlineReport.objects.exists()


@pytest.mark.parametrize("field", ["what_happened", "where", "when", "name", "phone", "email"])
def test_a_nul_character_in_any_field_is_refused_with_a_message(client, hotline_org, field):
    data = {"what_happened": WHAT, field: "before\x00after"}

    response = client.post(URL, data)

    assert response.status_code == 400
    assert "Null characters are not allowed." in response.content.decode()
    assert not OnlineReport.objects.exists()


def test_too_long_a_report_is_refused_with_a_message(client, hotline_org):
    response = client.post(URL, {"what_happened": "x" * 10_001})

    assert response.status_code == 400
    assert "Ensure this value has at most 10000 characters" in response.content.decode()


def test_a_bad_phone_or_email_is_refused_with_a_message(client, hotline_org):
    response = client.post(URL, {"what_happened": WHAT, "phone": "call me", "email": "nope"})

    page = response.content.decode()
    assert response.status_code == 400
    assert "A phone number has only digits" in page
    assert "Enter a valid email address." in page


def test_an_address_over_the_hourly_limit_gets_429_and_its_text_back(client, hotline_org, settings):
    settings.ONLINE_REPORT_RATE_PER_HOUR = 2
    for _ in range(2):
        client.post(URL, {"what_happened": WHAT})

    response = client.post(URL, {"what_happened": "Third report in an hour"})

    page = response.content.decode()
    assert response.status_code == 429
    assert "Several reports were sent from your connection in the last hour" in page
    assert "Third report in an hour" in page
    assert OnlineReport.objects.count() == 2


def test_the_limit_counts_each_address_separately(client, hotline_org, settings):
    settings.ONLINE_REPORT_RATE_PER_HOUR = 1
    client.post(URL, {"what_happened": WHAT}, REMOTE_ADDR="203.0.113.1")

    response = client.post(URL, {"what_happened": WHAT}, REMOTE_ADDR="203.0.113.2")

    assert response.status_code == 302
    assert OnlineReport.objects.count() == 2


def test_the_rate_limit_does_not_keep_the_address_in_clear(client, hotline_org):
    from django.core.cache import caches

    client.post(URL, {"what_happened": WHAT}, REMOTE_ADDR="203.0.113.77")

    keys = list(caches["ratelimit"]._cache.keys())  # type: ignore[attr-defined]
    assert keys
    assert not any("203.0.113.77" in key for key in keys)
