"""Notes and documents on the timeline: a note is encrypted text; a document is stored as
encrypted bytes, refused unless it is a PDF, image, DOCX, ODT or text file of at most 10 MB,
and given back exactly, as an audited export."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from cases.codes import CaseStatus
from cases.models import CaseDocument, CaseNote
from cases.services import assistance
from cases.services.assistance import upload_document
from cases.tests.factories import CaseFactory
from core.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _upload(client, case, name="rešenje.pdf", data=PDF, title="Rešenje o identifikaciji"):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("cases:document_upload", args=[case.pk]),
        {"title": title, "file": SimpleUploadedFile(name, data)},
    )


def _odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def test_a_note_is_added_and_stored_encrypted(case_manager_client, case):
    response = case_manager_client.post(
        reverse("cases:note_add", args=[case.pk]),
        {"written_on": TODAY.isoformat(), "text": "Called her mother in Niš."},
        follow=True,
    )

    assert "Called her mother in Niš." in response.content.decode()
    assert CaseNote.objects.get().text == "Called her mother in Niš."
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM cases_casenote")
        assert "mother" not in cursor.fetchone()[0]


@pytest.mark.parametrize(
    "data, message",
    [
        ({"written_on": TODAY.isoformat(), "text": ""}, "Write the note."),
        ({"written_on": (TODAY + timedelta(days=1)).isoformat(), "text": "x"}, "in the future"),
        ({"written_on": "2026-03-01", "text": "x"}, "before the case was opened"),
    ],
)
def test_a_bad_note_is_refused(case_manager_client, case, data, message):
    response = case_manager_client.post(reverse("cases:note_add", args=[case.pk]), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CaseNote.objects.exists()


def test_a_pdf_is_stored_encrypted_and_downloaded_exactly(case_manager_client, case):
    assert _upload(case_manager_client, case).status_code == 302

    document = CaseDocument.objects.get()
    assert (document.file_name, document.content_type, document.size) == (
        "rešenje.pdf",
        "application/pdf",
        len(PDF),
    )
    assert b"%PDF" not in bytes(document.content) and b"Catalog" not in bytes(document.content)

    response = case_manager_client.get(
        reverse("cases:document_download", args=[case.pk, document.pk])
    )
    assert response.status_code == 200
    assert response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == ("attachment; filename*=utf-8''re%C5%A1enje.pdf")
    assert AuditEntry.objects.filter(
        action=AuditAction.EXPORT, summary__endswith=f"document #{document.pk} downloaded"
    ).exists()


@pytest.mark.parametrize(
    "name, data",
    [
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"),
        ("scan.PNG", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        ("statement.docx", b"PK\x03\x04" + b"\x00" * 40),
        ("statement.odt", _odt()),
        ("notes.txt", "Ђорђевић, sastanak u 10h\n".encode()),
    ],
)
def test_allowed_types_are_accepted(case_manager_client, case, name, data):
    assert _upload(case_manager_client, case, name=name, data=data).status_code == 302
    assert CaseDocument.objects.get().file_name == name


@pytest.mark.parametrize(
    "name, data",
    [
        ("virus.exe", b"MZ\x90\x00"),
        ("virus.pdf", b"MZ\x90\x00"),  # the extension lies
        ("page.html", b"<html><script>alert(1)</script>"),
        ("fake.odt", b"PK\x03\x04" + b"\x00" * 80),  # a zip, but not an ODT
        ("binary.txt", b"abc\x00\x01\x02"),
        ("no-extension", PDF),
    ],
)
def test_other_types_are_refused(case_manager_client, case, name, data):
    response = _upload(case_manager_client, case, name=name, data=data)

    assert response.status_code == 400
    assert "Only PDF, JPEG, PNG, DOCX, ODT and TXT files" in response.content.decode()
    assert not CaseDocument.objects.exists()


def test_a_file_over_the_limit_is_refused(case_manager_client, case, monkeypatch):
    monkeypatch.setattr(assistance, "MAX_DOCUMENT_BYTES", 64)

    response = _upload(case_manager_client, case, data=PDF + b" " * 64)

    assert response.status_code == 400
    assert "The file is larger than" in response.content.decode()
    assert not CaseDocument.objects.exists()


def test_an_upload_without_a_file_or_title_is_refused(case_manager_client, case):
    response = case_manager_client.post(reverse("cases:document_upload", args=[case.pk]), {})

    assert response.status_code == 400
    assert "Choose a file." in response.content.decode()
    assert not CaseDocument.objects.exists()


def test_nothing_is_added_to_a_closed_case(case_manager_client, case):
    case.status = CaseStatus.CLOSED
    case.save()

    _upload(case_manager_client, case)
    case_manager_client.post(
        reverse("cases:note_add", args=[case.pk]), {"written_on": TODAY.isoformat(), "text": "x"}
    )

    assert not CaseDocument.objects.exists() and not CaseNote.objects.exists()


def test_a_document_of_another_case_is_not_found(
    case_manager_client, case, case_manager, organisation
):
    other = CaseFactory(organisation=organisation, case_manager=case_manager)
    theirs = upload_document(other, case_manager, "Pasoš", "pasos.pdf", PDF)

    response = case_manager_client.get(
        reverse("cases:document_download", args=[case.pk, theirs.pk])
    )

    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()
