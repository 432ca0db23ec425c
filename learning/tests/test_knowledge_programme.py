"""The programme form's "certificate needs a passed post-test" box."""

from django.urls import reverse

from catalogue.models import CertificateRule
from catalogue.tests.factories import ProgrammeFactory
from catalogue.tests.test_programme_form import VALID


def test_coordinator_ticks_the_post_test_requirement(coordinator_client, organisation):
    programme = ProgrammeFactory(organisation=organisation)
    url = reverse("catalogue:programme_edit", args=[programme.pk])
    data = {**VALID, "certificate_rule": CertificateRule.ALL_DAYS}
    coordinator_client.post(url, {**data, "certificate_needs_post_test": "on"})
    programme.refresh_from_db()
    assert programme.certificate_needs_post_test
    page = coordinator_client.get(reverse("catalogue:programme_detail", args=[programme.pk]))
    assert "and a passed post-test" in page.content.decode()
    coordinator_client.post(url, data)  # the form as shown today: an unticked box is absent
    programme.refresh_from_db()
    assert not programme.certificate_needs_post_test


def test_a_form_without_the_rule_keeps_the_requirement(coordinator_client, organisation):
    programme = ProgrammeFactory(organisation=organisation, certificate_needs_post_test=True)
    response = coordinator_client.post(
        reverse("catalogue:programme_edit", args=[programme.pk]), VALID
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.certificate_needs_post_test
