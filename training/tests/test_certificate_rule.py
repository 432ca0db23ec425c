"""The coordinator chooses on the programme form who receives a certificate of its trainings."""

import pytest
from django.urls import reverse

from catalogue.models import CertificateRule, Programme
from catalogue.tests.factories import ProgrammeFactory
from catalogue.tests.test_programme_form import VALID

pytestmark = pytest.mark.django_db


def test_coordinator_sets_the_certificate_rule(organisation, coordinator_client):
    programme = ProgrammeFactory(organisation=organisation)

    coordinator_client.post(
        reverse("catalogue:programme_edit", args=[programme.pk]),
        {**VALID, "certificate_rule": CertificateRule.HALF_THE_DAYS},
    )

    programme.refresh_from_db()
    assert programme.certificate_rule == CertificateRule.HALF_THE_DAYS
    detail = coordinator_client.get(reverse("catalogue:programme_detail", args=[programme.pk]))
    assert "Attended at least half of the days" in detail.content.decode()


def test_a_form_without_the_rule_keeps_the_programmes_rule(organisation, coordinator_client):
    programme = ProgrammeFactory(
        organisation=organisation, certificate_rule=CertificateRule.ANY_DAY
    )

    coordinator_client.post(reverse("catalogue:programme_edit", args=[programme.pk]), VALID)

    assert Programme.objects.get(pk=programme.pk).certificate_rule == CertificateRule.ANY_DAY


def test_an_unknown_rule_is_refused(organisation, coordinator_client):
    programme = ProgrammeFactory(organisation=organisation)

    response = coordinator_client.post(
        reverse("catalogue:programme_edit", args=[programme.pk]),
        {**VALID, "certificate_rule": "whenever"},
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert Programme.objects.get(pk=programme.pk).certificate_rule == CertificateRule.ALL_DAYS
