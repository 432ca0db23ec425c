"""What callers, reporters and children's families tell the line never reaches the database in
clear text: values typed into the real forms (contact, draft, follow-up, online report and its
thread, missing-child report, hand-over) are absent from a PostgreSQL dump (or the SQLite file),
the audit log and the mail outbox."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection  # noqa: F401  (read by the skipif conditions)
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEntry, Role
from core.tests.test_canary import postgresql_dump, sqlite_file_bytes
from hotline.codes import ContactStatus
from hotline.models import Contact, OnlineReport
from hotline.services.contacts import start_contact

pytestmark = pytest.mark.django_db(transaction=True)

SECRETS = {
    "caller_name": "Dragoslava Канаринац",
    "caller_phone": "+381 64 555 0173",
    "caller_email": "kanarinac.secret@example.org",
    "notes": "Canary note: the agency in Novi Pazar keeps passports",
    "follow_up": "Canary task: call back Dragoslava",
    "draft_notes": "Canary draft: still talking about the bus station",
    "report_what": "Canary report: girls locked in the flat above the bakery",
    "report_where": "Canary street 17, Kraljevo",
    "report_when": "Canary Friday night",
    "report_more": "Canary addition: a black van came again",
    "reply": "Canary reply: thank you, we informed the centre",
    "child_name": "Милица Канаринка",
    "police_number": "KU-CANARY-4471",
    "handover_reason": "Canary reason: needs shelter tonight",
}
PHONE_DIGITS = "645550173"


@pytest.fixture
def typed_through_the_ui(client_as, organisation):
    consultant_client = client_as(Role.SOS_CONSULTANT)
    consultant = consultant_client.session["_auth_user_id"]
    now = timezone.localtime()

    # A call recorded on the contact screen, with a follow-up.
    contact = start_contact(organisation, _user(consultant))
    response = consultant_client.post(
        reverse("hotline:contact_edit", args=[contact.pk]),
        {
            "line": "116000",
            "channel": "phone",
            "started_at": now.strftime("%Y-%m-%dT%H:%M"),
            "duration": "7:15",
            "caller_type": "family_member",
            "caller_name": SECRETS["caller_name"],
            "caller_phone": SECRETS["caller_phone"],
            "caller_email": SECRETS["caller_email"],
            "subject": "missing_child",
            "indicators": ["WithholdsDocuments"],
            "risk_level": "high",
            "actions": ["referral_police"],
            "notes": SECRETS["notes"],
            "follow_up_description": SECRETS["follow_up"],
            "follow_up_due": (now.date() + timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 302, response.content
    # A draft still being typed.
    draft = start_contact(organisation, _user(consultant))
    saved = consultant_client.post(
        reverse("hotline:contact_draft", args=[draft.pk]),
        {"notes": SECRETS["draft_notes"], "caller_phone": SECRETS["caller_phone"]},
    )
    assert saved.status_code == 200
    # The missing-child report on the call.
    response = consultant_client.post(
        reverse("hotline:missing_child_new", args=[contact.pk]),
        {
            "child_name": SECRETS["child_name"],
            "child_gender": "Feminine",
            "child_age": "13",
            "last_seen_on": (now.date() - timedelta(days=1)).isoformat(),
            "last_seen_place": "Kraljevo",
            "circumstances": "runaway",
            "police_report_number": SECRETS["police_number"],
        },
    )
    assert response.status_code == 302, response.content
    # A hand-over to the case managers.
    response = consultant_client.post(
        reverse("hotline:handover_request", args=[contact.pk]),
        {"reason": SECRETS["handover_reason"]},
    )
    assert response.status_code == 302, response.content

    # An anonymous online report, information added later, and the organisation's reply.
    organisation.accepts_online_reports = True
    organisation.save(update_fields=["accepts_online_reports"])
    reporter = consultant_client.__class__()
    response = reporter.post(
        reverse("hotline:public_report"),
        {
            "what_happened": SECRETS["report_what"],
            "where": SECRETS["report_where"],
            "when": SECRETS["report_when"],
        },
    )
    assert response.status_code == 302, response.content
    report = OnlineReport.objects.get()
    sent = reporter.get(response["Location"])
    passphrase = sent.context["passphrase"]
    signed_in = reporter.post(
        reverse("hotline:report_sign_in"),
        {"reference": report.reference, "passphrase": passphrase},
    )
    assert signed_in.status_code == 302
    added = reporter.post(
        reverse("hotline:report_thread", args=[report.reference]), {"body": SECRETS["report_more"]}
    )
    assert added.status_code == 302
    replied = consultant_client.post(
        reverse("hotline:report_reply", args=[report.pk]), {"body": SECRETS["reply"]}
    )
    assert replied.status_code == 302
    return contact


def _user(pk):
    from core.models import User

    return User.objects.get(pk=pk)


def _assert_no_secret_in(content: bytes) -> None:
    found = [name for name, value in SECRETS.items() if value.encode() in content]
    assert found == []
    assert PHONE_DIGITS.encode() not in content.replace(b" ", b"")


def test_everything_typed_reads_back_for_the_consultant(typed_through_the_ui):
    contact = Contact.objects.get(pk=typed_through_the_ui.pk)
    assert contact.status == ContactStatus.RECORDED
    assert contact.caller_name == SECRETS["caller_name"]
    assert contact.notes == SECRETS["notes"]
    assert contact.missing_child.child_name == SECRETS["child_name"]
    assert contact.handover.reason == SECRETS["handover_reason"]


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgresql_dump_holds_nothing_typed_in_clear(typed_through_the_ui):
    dump = postgresql_dump()
    assert b"Kraljevo" in dump  # the place last seen is a clear column: the scan does find text
    _assert_no_secret_in(dump)


@pytest.mark.skipif("connection.vendor != 'sqlite'")
def test_sqlite_database_files_hold_nothing_typed_in_clear(typed_through_the_ui):
    content = sqlite_file_bytes()
    assert b"Kraljevo" in content
    _assert_no_secret_in(content)


def test_audit_log_and_mail_hold_nothing_typed(typed_through_the_ui):
    summaries = " ".join(AuditEntry.objects.values_list("summary", flat=True))
    _assert_no_secret_in(summaries.encode())
    assert AuditEntry.objects.filter(object_id=str(typed_through_the_ui.pk)).count() >= 4
    assert mail.outbox, "consultants and case managers are told something arrived"
    for message in mail.outbox:
        _assert_no_secret_in((message.subject + message.body).encode())
