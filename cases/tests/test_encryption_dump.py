"""Nothing said about an assisted person reaches the database in clear text: a distinctive value
in every encrypted column of the cases app (names in both scripts, date of birth, contacts,
documents, every note and text) and a document's bytes are absent from a PostgreSQL dump (or the
SQLite file and its WAL) and from the audit log, while the case team reads them back."""

import base64
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.db import connection  # noqa: F401  (read by the skipif conditions)
from django.urls import reverse
from django.utils import timezone

from cases.models import (
    DOCUMENT_CONTEXT,
    Case,
    CaseDocument,
    CaseNote,
    CourtProceeding,
    GlassBreak,
    Hearing,
    IdentificationDecision,
    NameKey,
    Need,
    Person,
    PlanGoal,
    Referral,
    Service,
    SupportPlan,
)
from cases.services.persons import set_identity
from cases.tests.test_rights_export import fill_case
from core.crypto import EncryptedTextField, decrypt_bytes
from core.models import AuditEntry
from core.tests.test_canary import postgresql_dump, sqlite_file_bytes

pytestmark = pytest.mark.django_db(transaction=True)

IDENTITY = {
    "given_name": "Ђурђица",
    "family_name": "Ђорђевић",
    "aliases": "Đurđica Đorđević\nDjurdjica Djordjevic",
    "contact_details": "+381 63 777 0419, djurdjica.canary@example.org",
    "identity_documents": "Pasoš 014472297, lična karta 009931177",
}
DATE_OF_BIRTH = date(2008, 11, 23)
TEXTS = {
    "closure_note": "Canary closing: moved back to Leskovac with her aunt",
    "identification_note": "Canary decision: the Centre heard her on Tuesday",
    "need_note": "Canary need: afraid of the man from the car wash",
    "person_view": "Canary view: I want to finish the hairdressing course",
    "goal": "Canary goal: a safe flat before winter",
    "activities": "Canary activities: visit the landlord in Niš",
    "service_note": "Canary service: two sessions about the nightmares",
    "referral_reason": "Canary referral: needs a gynaecologist urgently",
    "shared_summary": "Canary summary shared with the shelter",
    "feedback": "Canary feedback: admitted to the shelter on Monday",
    "court_case_number": "KTI-CANARY-118/26",
    "proceeding_note": "Canary proceedings: the defendant's lawyer asked for delay",
    "hearing_note": "Canary hearing: she testified behind a screen",
    "note": "Canary note: Ђурђица called from a new number",
    "document_title": "Canary scan of the passport",
    "document_file_name": "canary-pasos-djordjevic.pdf",
    "glass_reason": "Canary emergency: police at the door at night",
}
DOCUMENT = "%PDF-1.4 Canary document bytes: Ђорђевић Đurđica 014472297".encode()
CONTROL = "Control-Провајдер-5521"  # a clear column: proves the scan finds clear text
SECRETS = [
    *IDENTITY.values(),
    *IDENTITY["aliases"].splitlines(),
    DATE_OF_BIRTH.isoformat(),
    *TEXTS.values(),
    *("Ђурђица", "Ђорђевић", "Đorđević", "Djordjevic", "014472297"),
]
PHONE_DIGITS = "637770419"
# Every encrypted column of the cases app, and where the fixture writes its value.
WRITTEN = {
    (Person, "given_name"),
    (Person, "family_name"),
    (Person, "aliases"),
    (Person, "date_of_birth"),
    (Person, "contact_details"),
    (Person, "identity_documents"),
    (Case, "closure_note"),
    (GlassBreak, "reason"),
    (IdentificationDecision, "note"),
    (Need, "note"),
    (SupportPlan, "person_view"),
    (PlanGoal, "goal"),
    (PlanGoal, "activities"),
    (Service, "note"),
    (Referral, "reason"),
    (Referral, "shared_summary"),
    (Referral, "feedback"),
    (CourtProceeding, "case_number"),
    (CourtProceeding, "note"),
    (Hearing, "note"),
    (CaseNote, "text"),
    (CaseDocument, "title"),
    (CaseDocument, "file_name"),
}


@pytest.fixture
def written(case, case_manager, case_manager_client):  # type: ignore[no-untyped-def]
    set_identity(case.person, date_of_birth=DATE_OF_BIRTH, **IDENTITY)
    fill_case(case, case_manager, TEXTS, document=DOCUMENT)
    Service.objects.filter(case=case).update(provider=CONTROL)
    GlassBreak.objects.filter(case=case).update(expires_at=timezone.now() - timedelta(hours=2))
    # The team reads and exports the case: the audit log gets its entries.
    assert case_manager_client.get(reverse("cases:rights", args=[case.pk])).status_code == 200
    exported = case_manager_client.get(reverse("cases:rights_export", args=[case.pk]))
    assert exported.status_code == 200
    return case


def _assert_no_secret_in(content: bytes) -> None:
    found = [value for value in SECRETS if value.encode() in content]
    assert found == []
    assert PHONE_DIGITS.encode() not in content.replace(b" ", b"")
    assert DOCUMENT not in content
    assert DOCUMENT.hex().encode() not in content.lower()  # bytea in a dump is hex
    assert base64.b64encode(DOCUMENT) not in content


def test_every_encrypted_column_of_the_cases_app_is_written_by_this_test():
    encrypted = {
        (model, field.name)
        for model in apps.get_app_config("cases").get_models()
        for field in model._meta.get_fields()
        if isinstance(field, EncryptedTextField)
    }
    assert encrypted == WRITTEN


def test_the_case_team_reads_everything_back(written):
    person = Person.objects.get(pk=written.person_id)
    assert (person.given_name, person.family_name) == ("Ђурђица", "Ђорђевић")
    assert person.date_of_birth == DATE_OF_BIRTH.isoformat()
    assert CaseNote.objects.get().text == TEXTS["note"]
    assert NameKey.objects.filter(person=person).count() >= 4
    assert decrypt_bytes(bytes(CaseDocument.objects.get().content), DOCUMENT_CONTEXT) == DOCUMENT


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgresql_dump_holds_no_identity_note_or_document_in_clear(written):
    dump = postgresql_dump()
    assert CONTROL.encode() in dump
    _assert_no_secret_in(dump)


@pytest.mark.skipif("connection.vendor != 'sqlite'")
def test_sqlite_database_files_hold_no_identity_note_or_document_in_clear(written):
    content = sqlite_file_bytes()
    assert CONTROL.encode() in content
    _assert_no_secret_in(content)


def test_audit_log_holds_no_identity_or_note(written):
    entries = list(AuditEntry.objects.values_list("summary", "actor_name", "object_id"))
    assert len(entries) >= 3
    _assert_no_secret_in(" ".join(" ".join(entry) for entry in entries).encode())
