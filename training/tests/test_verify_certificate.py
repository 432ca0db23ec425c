"""The public verification page: anyone types a code and learns whether the certificate is valid,
revoked (with the reason), or unknown."""

import pytest
from django.urls import reverse
from django.utils import timezone

from training.services.certificates import issue_certificate
from training.services.privacy import erase_registration
from training.tests.certificate_fixtures import attendee, held_training
from training.tests.factories import CertificateFactory

pytestmark = pytest.mark.django_db


def verify(client, code):
    return client.get(reverse("training:verify", args=[code]))


def test_valid_certificate_shows_what_it_certifies(organisation, client):
    training = held_training(organisation, city="Beograd")
    certificate = issue_certificate(attendee(training, first_name="Ana", last_name="Lazić"))

    response = verify(client, certificate.code)

    content = response.content.decode()
    assert response.status_code == 200
    assert "This certificate is valid." in content
    assert "Ana Lazić" in content
    assert training.programme.title_sr in content
    assert "Beograd" in content
    assert training.accreditation.decision_number in content
    assert "<dd>16</dd>" in content  # CPD points
    assert '<meta name="robots" content="noindex">' in content
    assert response["X-Robots-Tag"] == "noindex"


def test_revoked_certificate_says_so_with_the_reason(organisation, client):
    certificate = CertificateFactory(
        registration=attendee(held_training(organisation)),
        revoked_at=timezone.now(),
        revoked_reason="Issued by mistake",
    )

    content = verify(client, certificate.code).content.decode()

    assert "REVOKED on" in content
    assert "Issued by mistake" in content
    assert "This certificate is valid." not in content


def test_unknown_code_is_a_clear_not_found(client):
    response = verify(client, "ZZZZZZZZZZ")

    assert response.status_code == 404
    assert "No certificate with this code" in response.content.decode()


def test_typed_code_is_normalised(organisation, client):
    certificate = issue_certificate(attendee(held_training(organisation)))
    typed = f" {certificate.code[:5].lower()} {certificate.code[5:]} "

    response = client.get(reverse("training:verify_form"), {"code": typed})

    assert response["Location"] == reverse("training:verify", args=[certificate.code])


def test_lower_case_code_in_the_address_is_redirected(organisation, client):
    certificate = issue_certificate(attendee(held_training(organisation)))

    response = verify(client, certificate.code.lower())

    assert response["Location"] == reverse("training:verify", args=[certificate.code])


def test_empty_code_asks_for_one(client):
    response = client.get(reverse("training:verify_form"), {"code": "  - "})

    assert response.status_code == 400
    assert "Type the code printed on the certificate." in response.content.decode()


def test_form_page_without_a_code(client):
    response = client.get(reverse("training:verify_form"))

    assert response.status_code == 200
    assert 'name="code"' in response.content.decode()


def test_erased_holder_is_not_shown_but_validity_is(organisation, client):
    registration = attendee(held_training(organisation), first_name="Ana", last_name="Lazić")
    certificate = issue_certificate(registration)
    erase_registration(registration)

    content = verify(client, certificate.code).content.decode()

    assert "This certificate is valid." in content
    assert "Lazić" not in content
    assert "<dt>Holder</dt><dd>—</dd>" in content
