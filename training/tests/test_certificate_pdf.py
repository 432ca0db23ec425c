"""Downloading a certificate's PDF: staff from the certificates page, the participant from the
link in their e-mails."""

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import Role
from training.services.certificates import issue_certificate
from training.tests.certificate_fixtures import attendee, held_training
from training.tests.factories import CertificateFactory
from training.tokens import registration_token

pytestmark = pytest.mark.django_db


def participant_link(registration):
    return reverse("training:registration_certificate", args=[registration_token(registration.pk)])


@pytest.mark.parametrize("role", [Role.EDUCATION_COORDINATOR, Role.TRAINER])
def test_staff_download_the_pdf(organisation, client_as, role):
    certificate = issue_certificate(attendee(held_training(organisation)))

    response = client_as(role).get(reverse("training:certificate_pdf", args=[certificate.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert certificate.code in response["Content-Disposition"]


def test_another_organisations_certificate_pdf_is_not_found(other_organisation, coordinator_client):
    certificate = CertificateFactory(registration=attendee(held_training(other_organisation)))

    response = coordinator_client.get(reverse("training:certificate_pdf", args=[certificate.pk]))

    assert response.status_code == 404


def test_participant_downloads_their_certificate(organisation, client):
    registration = attendee(held_training(organisation))
    issue_certificate(registration)

    response = client.get(participant_link(registration))

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_participant_without_a_certificate_gets_a_clear_page(organisation, client):
    registration = attendee(held_training(organisation), days=1)

    response = client.get(participant_link(registration))

    assert response.status_code == 404
    assert "There is no valid certificate for this link." in response.content.decode()


def test_revoked_certificate_is_not_downloadable_by_the_participant(organisation, client):
    registration = attendee(held_training(organisation))
    CertificateFactory(registration=registration, revoked_at=timezone.now(), revoked_reason="x")

    assert client.get(participant_link(registration)).status_code == 404


def test_tampered_link_is_not_found(organisation, client):
    registration = attendee(held_training(organisation))
    issue_certificate(registration)
    token = registration_token(registration.pk)

    response = client.get(reverse("training:registration_certificate", args=[token[:-2] + "xx"]))

    assert response.status_code == 404
