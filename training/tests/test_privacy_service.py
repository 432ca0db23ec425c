"""Personal data under the privacy notice: versions, erasure that keeps counts, retention."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from core.models import AuditEntry
from training.models import Certificate, Registration, RegistrationStatus
from training.services.privacy import (
    anonymise_expired_registrations,
    current_privacy_notice,
    erase_registration,
    participant_data,
    publish_privacy_notice,
)
from training.tests.factories import (
    AttendanceFactory,
    CertificateFactory,
    RegistrationFactory,
    TrainingFactory,
)

pytestmark = pytest.mark.django_db


def test_publishing_makes_the_next_version_current(organisation, other_organisation, member):
    coordinator = member("education_coordinator")
    assert current_privacy_notice(organisation) is None

    publish_privacy_notice(organisation, "Prva verzija", "First", coordinator)
    second = publish_privacy_notice(organisation, "Druga verzija", "Second", coordinator)
    publish_privacy_notice(other_organisation, "Tuđa", "Theirs", None)

    assert second.version == 2
    assert current_privacy_notice(organisation) == second
    assert (
        AuditEntry.objects.filter(object_type="training.privacynotice", actor=coordinator).count()
        == 2
    )


def past_training(organisation, days_ago):
    ended = timezone.localdate() - timedelta(days=days_ago)
    return TrainingFactory(organisation=organisation, days=[ended - timedelta(days=1), ended])


def test_erasure_of_a_held_training_keeps_counts_attendance_and_certificate_code(
    organisation, django_capture_on_commit_callbacks
):
    training = past_training(organisation, 30)
    registration = RegistrationFactory(training=training, first_name="Dragana", last_name="Perić")
    AttendanceFactory(registration=registration)
    certificate = CertificateFactory(registration=registration)
    certificate.pdf.save("x.pdf", ContentFile(b"%PDF-1.7"), save=True)
    pdf_name = certificate.pdf.name

    with django_capture_on_commit_callbacks(execute=True):
        erase_registration(registration)

    stored = Registration.objects.get(pk=registration.pk)
    assert stored.status == RegistrationStatus.CONFIRMED  # it still counts as a participant
    assert stored.anonymised_at is not None
    assert (stored.first_name, stored.last_name, stored.email, stored.phone) == ("—", "", "", "")
    assert stored.email_key == stored.name_key == ""
    assert stored.profession == registration.profession
    assert stored.institution == registration.institution
    assert stored.attendances.count() == 1
    certificate = Certificate.objects.get(pk=certificate.pk)
    assert certificate.holder_name == "—"
    assert certificate.code  # verification still answers
    assert not certificate.pdf
    assert not default_storage.exists(pdf_name)
    assert "Dragana" not in AuditEntry.objects.latest("sequence").summary


def test_erasure_before_the_training_cancels_and_promotes_the_next_person(organisation):
    training = TrainingFactory(organisation=organisation, capacity=1)
    registration = RegistrationFactory(training=training)
    waiting = RegistrationFactory(training=training, status=RegistrationStatus.WAITLISTED)

    erase_registration(registration)

    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_participant_data_lists_attendance_and_certificates(organisation):
    registration = RegistrationFactory(training=past_training(organisation, 3))
    AttendanceFactory(registration=registration)
    CertificateFactory(registration=registration)

    data = participant_data(registration)

    assert data["registration"]["last_name"] == registration.last_name
    assert data["training"]["city"] == "Novi Sad"
    assert len(data["training"]["days"]) == 2
    assert data["attendance"][0]["source"] == "roll_call"
    assert data["certificates"][0]["verification"].endswith(
        f"/verify/{registration.certificates.get().code}/"
    )


def test_retention_anonymises_only_registrations_past_the_period_and_only_once(
    organisation, settings
):
    settings.REGISTRATION_RETENTION_DAYS = 365
    old = RegistrationFactory.create_batch(3, training=past_training(organisation, 400))
    recent = RegistrationFactory(training=past_training(organisation, 100))
    upcoming = RegistrationFactory(training=TrainingFactory(organisation=organisation))

    assert anonymise_expired_registrations() == 3
    assert anonymise_expired_registrations() == 0

    assert all(Registration.objects.get(pk=r.pk).anonymised_at for r in old)
    assert Registration.objects.get(pk=recent.pk).anonymised_at is None
    assert Registration.objects.get(pk=upcoming.pk).anonymised_at is None
    assert Registration.objects.filter(status=RegistrationStatus.CONFIRMED).count() == 5


def test_retention_works_in_batches(organisation, settings, monkeypatch):
    from training.services import privacy

    monkeypatch.setattr(privacy, "BATCH_SIZE", 2)
    settings.REGISTRATION_RETENTION_DAYS = 10
    RegistrationFactory.create_batch(5, training=past_training(organisation, 20))

    assert anonymise_expired_registrations() == 5
    assert Registration.objects.filter(anonymised_at__isnull=True).count() == 0


def test_the_command_anonymises_now_and_prints_the_count(organisation, settings, capsys):
    settings.REGISTRATION_RETENTION_DAYS = 10
    RegistrationFactory.create_batch(2, training=past_training(organisation, 20))

    call_command("anonymise_registrations")

    assert "2 registrations anonymised" in capsys.readouterr().out
