"""Scanned decisions are served only to staff of the organisation that holds them."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from catalogue.tests.factories import AccreditationFactory
from core.models import Role

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def accreditation(organisation):
    accreditation = AccreditationFactory(programme__organisation=organisation)
    accreditation.decision_file.save("decision.pdf", ContentFile(PDF))
    return accreditation


def url(accreditation) -> str:
    return reverse("catalogue:accreditation_file", args=[accreditation.pk])


def test_staff_of_the_organisation_can_open_the_scanned_decision(client_as, accreditation):
    response = client_as(Role.TRAINER).get(url(accreditation))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    assert "no-store" in response["Cache-Control"]


def test_staff_of_another_organisation_get_404(client_as, accreditation, other_organisation):
    response = client_as(Role.EDUCATION_COORDINATOR, other_organisation).get(url(accreditation))

    assert response.status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in(client, accreditation):
    response = client.get(url(accreditation))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))


def test_role_without_catalogue_access_is_refused(client_as, accreditation):
    assert client_as(Role.RESEARCHER).get(url(accreditation)).status_code == 403


def test_accreditation_without_a_file_is_404(coordinator_client, organisation):
    bare = AccreditationFactory(programme__organisation=organisation)

    assert coordinator_client.get(url(bare)).status_code == 404


def test_the_file_is_not_reachable_as_public_media(client, accreditation):
    assert client.get("/media/" + accreditation.decision_file.name).status_code == 404
