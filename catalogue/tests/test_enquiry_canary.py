"""Canary through the UI: what a visitor types into the enquiry form is nowhere in clear text —
not in the database file (or a PostgreSQL dump), the audit log, or the e-mail sent about it."""

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse

from catalogue.models import Enquiry
from catalogue.tests.factories import ProgrammeFactory
from core.models import AuditEntry, Role
from core.tests.factories import MembershipFactory
from core.tests.test_canary import postgresql_dump, sqlite_file_bytes

CANARIES = {
    "contact_name": "Канари Ђурђевић-5501",
    "contact_email": "canary-5501@school.example",
    "contact_phone": "+381 11 5501 5501",
    "message": "Canary message 5501: please call after school.",
}

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def submitted(client, organisation) -> Enquiry:
    MembershipFactory(organisation=organisation, role=Role.EDUCATION_COORDINATOR)
    programme = ProgrammeFactory(organisation=organisation)
    form = {
        "institution_name": "OŠ Canary",
        "institution_type": "primary_school",
        "municipality": "Beograd",
        **CANARIES,
    }
    response = client.post(reverse("catalogue:public_detail", args=[programme.slug]), form)
    assert response.status_code == 302
    return Enquiry.objects.get()


def test_the_coordinator_reads_back_what_the_visitor_typed(submitted):
    assert submitted.contact_name == CANARIES["contact_name"]
    assert submitted.message == CANARIES["message"]


def test_no_typed_detail_is_in_the_database_in_clear_text(submitted):
    stored = sqlite_file_bytes() if connection.vendor == "sqlite" else postgresql_dump()

    assert "OŠ Canary".encode() in stored  # a clear column is found: the scan would see a leak
    for value in CANARIES.values():
        assert value.encode() not in stored


def test_no_typed_detail_is_in_the_audit_log_or_the_mail(submitted):
    audit = " ".join(
        " ".join(row)
        for row in AuditEntry.objects.values_list("summary", "object_type", "actor_name")
    )
    sent = " ".join(f"{m.subject} {m.body}" for m in mail.outbox)

    assert mail.outbox
    for value in CANARIES.values():
        assert value not in audit
        assert value not in sent
