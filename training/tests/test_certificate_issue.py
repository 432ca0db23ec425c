"""Issuing one certificate: the snapshot in the participant's script, the PDF, the e-mail with the
PDF attached, the audit entry; issuing twice gives the same certificate."""

import re

import pytest
from django.core import mail

from core.models import AuditEntry
from training.models import Certificate, TrainingStatus
from training.services.certificates import (
    CertificatesRefused,
    certificate_pdf_bytes,
    issue_certificate,
)
from training.tests.certificate_fixtures import attendee, held_training

pytestmark = pytest.mark.django_db


def test_certificate_keeps_holder_programme_dates_and_accreditation(organisation):
    training = held_training(organisation, city="Novi Sad")
    registration = attendee(training, first_name="Jelena", last_name="Đorđević")

    certificate = issue_certificate(registration)

    accreditation = training.accreditation
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{10}", certificate.code)
    assert certificate.holder_name == "Jelena Đorđević"
    assert certificate.programme_title == training.programme.title_sr
    assert certificate.city == "Novi Sad"
    assert (certificate.starts_on, certificate.ends_on) == (training.starts_on, training.ends_on)
    assert accreditation.decision_number in certificate.accreditation_text
    assert accreditation.body.name_sr in certificate.accreditation_text
    assert certificate.cpd_points == accreditation.cpd_points
    assert certificate.is_valid


def test_cyrillic_participant_gets_a_cyrillic_certificate(organisation):
    training = held_training(organisation, city="Niš")
    registration = attendee(
        training, first_name="Ljiljana", last_name="Petrović", script="cyrillic"
    )

    certificate = issue_certificate(registration)

    assert certificate.holder_name == "Љиљана Петровић"
    assert certificate.city == "Ниш"
    assert certificate.script == "cyrillic"


def test_latin_participant_who_typed_cyrillic_gets_latin(organisation):
    registration = attendee(held_training(organisation), first_name="Марко", last_name="Илић")

    assert issue_certificate(registration).holder_name == "Marko Ilić"


def test_certificate_pdf_is_stored(organisation):
    certificate = issue_certificate(attendee(held_training(organisation)))

    assert certificate.pdf.name == f"certificates/{organisation.pk}/{certificate.code}.pdf"
    assert certificate_pdf_bytes(certificate).startswith(b"%PDF")


def test_missing_pdf_file_is_rendered_again(organisation):
    certificate = issue_certificate(attendee(held_training(organisation)))
    certificate.pdf.storage.delete(certificate.pdf.name)

    assert certificate_pdf_bytes(certificate).startswith(b"%PDF")
    assert certificate.pdf.storage.exists(certificate.pdf.name)


def test_participant_receives_the_pdf_by_email_in_their_language(
    organisation, django_capture_on_commit_callbacks
):
    registration = attendee(held_training(organisation), language="en", email="jelena@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue_certificate(registration)

    [message] = mail.outbox
    assert message.to == ["jelena@example.org"]
    assert "Your certificate" in message.subject
    assert certificate.code in message.body
    assert f"/verify/{certificate.code}/" in message.body
    [(filename, content, mimetype)] = message.attachments
    assert filename == f"certificate-{certificate.code}.pdf"
    assert mimetype == "application/pdf"
    assert content.startswith(b"%PDF")
    certificate.refresh_from_db()
    assert certificate.emailed_at is not None


def test_no_email_before_the_transaction_commits(organisation):
    issue_certificate(attendee(held_training(organisation)))

    assert mail.outbox == []


def test_issuing_twice_returns_the_same_certificate(organisation):
    registration = attendee(held_training(organisation))

    first = issue_certificate(registration)
    second = issue_certificate(registration)

    assert first.pk == second.pk
    assert Certificate.objects.count() == 1


def test_a_revoked_certificate_can_be_followed_by_a_new_one(organisation):
    registration = attendee(held_training(organisation))
    first = issue_certificate(registration)
    Certificate.objects.filter(pk=first.pk).update(
        revoked_reason="typo", revoked_at=first.issued_at
    )

    second = issue_certificate(registration)

    assert second.pk != first.pk
    assert second.code != first.code


def test_certificates_of_a_training_not_yet_held_are_refused(organisation):
    training = held_training(organisation)
    training.status = TrainingStatus.CLOSED
    training.save()

    with pytest.raises(CertificatesRefused, match="after the training has been held"):
        issue_certificate(attendee(training))

    assert not Certificate.objects.exists()


def test_audit_entry_names_nobody(organisation):
    registration = attendee(held_training(organisation), last_name="Stanković")

    certificate = issue_certificate(registration)

    entry = AuditEntry.objects.get(
        object_type="training.certificate", object_id=str(certificate.pk)
    )
    assert entry.action == "create"
    assert "Stanković" not in entry.summary
