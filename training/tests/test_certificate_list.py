"""The certificates page of a training: how many are eligible, what was issued, the button that
issues the rest, and the latest run."""

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import Role
from training.models import CertificateBatch, TrainingStatus
from training.services.certificates import issue_certificate
from training.tests.certificate_fixtures import attendee, held_training
from training.tests.factories import CertificateFactory

pytestmark = pytest.mark.django_db


def page_of(client, training):
    return client.get(reverse("training:certificates", args=[training.pk]))


def test_coordinator_sees_eligible_count_and_issue_button(organisation, coordinator_client):
    training = held_training(organisation)
    for _ in range(3):
        attendee(training)
    attendee(training, days=1)

    content = page_of(coordinator_client, training).content.decode()

    assert "Attended every day" in content
    assert "<dt>Eligible participants</dt><dd>3</dd>" in content
    assert "Issue 3 certificates" in content


def test_issued_certificates_are_listed_with_code_and_status(organisation, coordinator_client):
    training = held_training(organisation)
    valid = issue_certificate(attendee(training, first_name="Jelena", last_name="Ilić"))
    revoked = CertificateFactory(
        registration=attendee(training),
        revoked_at=timezone.now(),
        revoked_reason="Issued by mistake",
    )

    content = page_of(coordinator_client, training).content.decode()

    assert "Jelena Ilić" in content
    assert valid.code in content
    assert reverse("training:certificate_pdf", args=[valid.pk]) in content
    assert reverse("training:certificate_revoke", args=[valid.pk]) in content
    assert "Issued by mistake" in content
    assert reverse("training:certificate_revoke", args=[revoked.pk]) not in content
    # The holder of the revoked one may be issued a new certificate.
    assert "Issue 1 certificate" in content


def test_training_not_held_yet_explains_when_certificates_come(organisation, coordinator_client):
    training = held_training(organisation)
    attendee(training)
    training.status = TrainingStatus.CLOSED
    training.save()

    content = page_of(coordinator_client, training).content.decode()

    assert "Certificates can be issued only after the training has been held" in content
    assert reverse("training:certificates_issue", args=[training.pk]) not in content


def test_latest_run_is_shown_with_its_progress(organisation, coordinator_client):
    training = held_training(organisation)
    batch = CertificateBatch.objects.create(
        organisation=organisation, training=training, total=60, done=12, status="running"
    )

    content = page_of(coordinator_client, training).content.decode()

    assert "12 of 60" in content
    assert reverse("training:certificate_batch", args=[batch.pk]) in content


def test_trainer_sees_the_list_without_issue_or_revoke(organisation, client_as):
    training = held_training(organisation)
    attendee(training)
    certificate = CertificateFactory(registration=attendee(training))

    content = page_of(client_as(Role.TRAINER), training).content.decode()

    assert certificate.code in content
    assert reverse("training:certificates_issue", args=[training.pk]) not in content
    assert reverse("training:certificate_revoke", args=[certificate.pk]) not in content


def test_another_organisations_training_is_not_found(other_organisation, coordinator_client):
    training = held_training(other_organisation)

    assert page_of(coordinator_client, training).status_code == 404


@pytest.mark.parametrize("participants", [2, 20])
def test_page_queries_do_not_grow_with_participants(
    organisation, coordinator_client, django_assert_max_num_queries, participants
):
    training = held_training(organisation)
    for _ in range(participants):
        CertificateFactory(registration=attendee(training))
    CertificateBatch.objects.create(organisation=organisation, training=training, total=1)

    with django_assert_max_num_queries(11):
        response = page_of(coordinator_client, training)

    assert response.status_code == 200
