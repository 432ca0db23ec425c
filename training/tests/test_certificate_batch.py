"""Bulk issuing: the coordinator issues every eligible participant's certificate in one run and
watches its progress; a second run issues nothing twice; a training not yet held is refused."""

import pytest
from django.core import mail
from django.urls import reverse

from core.models import Role
from training.models import BatchStatus, Certificate, CertificateBatch, TrainingStatus
from training.services import certificates as service
from training.tests.certificate_fixtures import attendee, held_training

pytestmark = pytest.mark.django_db


def issue(client, training, capture):
    with capture(execute=True):
        return client.post(reverse("training:certificates_issue", args=[training.pk]))


def test_coordinator_issues_exactly_the_eligible_certificates(
    organisation, coordinator_client, django_capture_on_commit_callbacks
):
    training = held_training(organisation)
    eligible = {attendee(training).pk for _ in range(3)}
    attendee(training, days=1)

    response = issue(coordinator_client, training, django_capture_on_commit_callbacks)

    batch = CertificateBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("training:certificate_batch", args=[batch.pk])
    assert set(Certificate.objects.values_list("registration_id", flat=True)) == eligible
    assert (batch.status, batch.done, batch.total) == (BatchStatus.FINISHED, 3, 3)
    assert batch.finished_at is not None
    assert len(mail.outbox) == 3
    assert all(message.attachments for message in mail.outbox)


def test_progress_page_shows_the_count_and_the_json_the_script_polls(
    organisation, coordinator_client, django_capture_on_commit_callbacks
):
    training = held_training(organisation)
    attendee(training)
    attendee(training)
    issue(coordinator_client, training, django_capture_on_commit_callbacks)
    batch = CertificateBatch.objects.get()
    url = reverse("training:certificate_batch", args=[batch.pk])

    page = coordinator_client.get(url).content.decode()
    progress = coordinator_client.get(url, {"format": "json"}).json()

    assert '<progress id="batch-progress" max="2" value="2">' in page
    assert "<span data-done>2</span> of <span data-total>2</span>" in page
    assert "certificate-progress.js" in page
    assert progress == {
        "status": "finished",
        "status_display": "Finished",
        "done": 2,
        "total": 2,
        "percent": 100,
    }


def test_issuing_again_creates_no_duplicates(
    organisation, coordinator_client, django_capture_on_commit_callbacks
):
    training = held_training(organisation)
    attendee(training)
    issue(coordinator_client, training, django_capture_on_commit_callbacks)

    response = issue(coordinator_client, training, django_capture_on_commit_callbacks)

    assert Certificate.objects.count() == 1
    assert CertificateBatch.objects.count() == 1
    page = coordinator_client.get(response["Location"]).content.decode()
    assert "Every eligible participant already has a certificate." in page


def test_running_a_batch_twice_issues_nothing_twice(organisation):
    training = held_training(organisation)
    attendee(training)
    attendee(training)
    batch = CertificateBatch.objects.create(organisation=organisation, training=training, total=2)

    service.run_batch(batch.pk)
    CertificateBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.RUNNING)
    service.run_batch(batch.pk)

    assert Certificate.objects.count() == 2
    batch.refresh_from_db()
    assert (batch.done, batch.total, batch.status) == (2, 2, BatchStatus.FINISHED)


def test_newly_eligible_participants_are_issued_by_a_later_run(
    organisation, coordinator_client, django_capture_on_commit_callbacks
):
    training = held_training(organisation)
    attendee(training)
    issue(coordinator_client, training, django_capture_on_commit_callbacks)
    late = attendee(training)

    issue(coordinator_client, training, django_capture_on_commit_callbacks)

    assert Certificate.objects.filter(registration=late).count() == 1
    assert Certificate.objects.count() == 2


@pytest.mark.parametrize("status", [TrainingStatus.OPEN, TrainingStatus.CLOSED])
def test_issuing_before_the_training_is_held_is_refused(
    organisation, coordinator_client, django_capture_on_commit_callbacks, status
):
    training = held_training(organisation)
    attendee(training)
    training.status = status
    training.save()

    response = issue(coordinator_client, training, django_capture_on_commit_callbacks)

    assert response["Location"] == reverse("training:certificates", args=[training.pk])
    page = coordinator_client.get(response["Location"]).content.decode()
    assert "Certificates can be issued only after the training has been held." in page
    assert not CertificateBatch.objects.exists()
    assert not Certificate.objects.exists()


def test_programme_without_certificates_is_refused(
    organisation, coordinator_client, django_capture_on_commit_callbacks
):
    training = held_training(organisation)
    attendee(training)
    training.programme.certificate_rule = "none"
    training.programme.save()

    response = issue(coordinator_client, training, django_capture_on_commit_callbacks)

    page = coordinator_client.get(response["Location"]).content.decode()
    assert "The programme of this training gives no certificates." in page
    assert not CertificateBatch.objects.exists()


def test_a_failure_keeps_what_was_issued_and_shows_the_error(organisation, monkeypatch):
    training = held_training(organisation)
    for _ in range(3):
        attendee(training)
    batch = CertificateBatch.objects.create(organisation=organisation, training=training, total=3)
    real_issue = service.issue_certificate
    calls = []

    def failing_on_the_second(registration):
        calls.append(registration)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_issue(registration)

    monkeypatch.setattr(service, "issue_certificate", failing_on_the_second)

    with pytest.raises(OSError):
        service.run_batch(batch.pk)

    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.error) == (BatchStatus.FAILED, 1, "disk full")
    assert Certificate.objects.count() == 1


def test_trainer_cannot_issue(organisation, client_as, django_capture_on_commit_callbacks):
    training = held_training(organisation)
    attendee(training)

    response = issue(client_as(Role.TRAINER), training, django_capture_on_commit_callbacks)

    assert response.status_code == 403
    assert not Certificate.objects.exists()


def test_another_organisations_batch_is_not_found(organisation, other_organisation, client_as):
    training = held_training(other_organisation)
    batch = CertificateBatch.objects.create(
        organisation=other_organisation, training=training, total=1
    )

    response = client_as(Role.EDUCATION_COORDINATOR).get(
        reverse("training:certificate_batch", args=[batch.pk]), {"format": "json"}
    )

    assert response.status_code == 404


def test_a_second_click_while_a_run_is_going_is_refused(
    organisation, coordinator_client, django_capture_on_commit_callbacks
):
    training = held_training(organisation)
    attendee(training)
    CertificateBatch.objects.create(
        organisation=organisation, training=training, total=1, status=BatchStatus.RUNNING
    )

    response = issue(coordinator_client, training, django_capture_on_commit_callbacks)

    page = coordinator_client.get(response["Location"]).content.decode()
    assert "Certificates of this training are being issued already." in page
    assert CertificateBatch.objects.count() == 1
    assert not Certificate.objects.exists()
