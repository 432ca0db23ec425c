"""Revoking a certificate: a reason is required, the verification page then says it is revoked."""

import pytest
from django.urls import reverse

from core.models import AuditEntry, Role
from training.models import Certificate
from training.tests.certificate_fixtures import attendee, held_training
from training.tests.factories import CertificateFactory

pytestmark = pytest.mark.django_db


def revoke(client, certificate, reason):
    return client.post(
        reverse("training:certificate_revoke", args=[certificate.pk]), {"reason": reason}
    )


def test_coordinator_revokes_with_a_reason(organisation, coordinator_client):
    certificate = CertificateFactory(registration=attendee(held_training(organisation)))

    response = revoke(coordinator_client, certificate, "  Issued to the wrong person  ")

    training = certificate.registration.training
    assert response["Location"] == reverse("training:certificates", args=[training.pk])
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None
    assert certificate.revoked_reason == "Issued to the wrong person"
    entry = AuditEntry.objects.get(object_type="training.certificate", action="update")
    assert entry.summary == "certificate revoked"
    assert f"Certificate {certificate.code} was revoked." in (
        coordinator_client.get(response["Location"]).content.decode()
    )


@pytest.mark.parametrize("reason", ["", "   "])
def test_revoking_without_a_reason_is_refused(organisation, coordinator_client, reason):
    certificate = CertificateFactory(registration=attendee(held_training(organisation)))

    response = revoke(coordinator_client, certificate, reason)

    assert response.status_code == 400
    assert "Give the reason for revoking the certificate." in response.content.decode()
    assert f'id="reason-{certificate.pk}-error"' in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
    assert not AuditEntry.objects.filter(object_type="training.certificate").exists()


def test_revoking_twice_says_it_was_revoked_already(organisation, coordinator_client):
    certificate = CertificateFactory(registration=attendee(held_training(organisation)))
    revoke(coordinator_client, certificate, "Typo in the name")

    response = revoke(coordinator_client, certificate, "Another reason")

    content = coordinator_client.get(response["Location"]).content.decode()
    assert "This certificate was revoked already." in content
    assert Certificate.objects.get().revoked_reason == "Typo in the name"


def test_trainer_cannot_revoke(organisation, client_as):
    certificate = CertificateFactory(registration=attendee(held_training(organisation)))

    response = revoke(client_as(Role.TRAINER), certificate, "No")

    assert response.status_code == 403
    assert Certificate.objects.get().revoked_at is None


def test_another_organisations_certificate_is_not_found(other_organisation, coordinator_client):
    certificate = CertificateFactory(registration=attendee(held_training(other_organisation)))

    response = revoke(coordinator_client, certificate, "Not ours")

    assert response.status_code == 404
    assert Certificate.objects.get().revoked_at is None
