"""Certificates in a real browser: after a held training the coordinator issues them, watches the
run finish, and the public verification page shows one valid and, once revoked, revoked."""

import pytest
from django.urls import reverse

from core.models import Role
from core.tests.browser import assert_accessible, sign_in_as
from core.tests.factories import MembershipFactory
from training.models import Certificate, CertificateBatch
from training.tests.certificate_fixtures import attendee, held_training

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUBMIT = "main form button[type=submit]"


def test_coordinator_issues_certificates_and_the_public_verifies_them(page, live_server):
    membership = MembershipFactory(role=Role.EDUCATION_COORDINATOR)
    training = held_training(membership.organisation)
    attendee(training, first_name="Jelena", last_name="Marković")
    attendee(training, first_name="Nikola", last_name="Ilić", script="cyrillic")
    attendee(training, days=1)
    sign_in_as(page, live_server.url, membership.user.username)

    page.goto(live_server.url + reverse("training:certificates", args=[training.pk]))
    assert_accessible(page)
    page.click("text=Issue 2 certificates")

    page.wait_for_url("**/certificate-runs/*/")
    page.wait_for_selector("[data-status=finished]")
    assert page.inner_text("[role=status]").startswith("2 of 2")
    assert page.get_attribute("#batch-progress", "value") == "2"

    jelena = Certificate.objects.get(holder_name="Jelena Marković")
    assert Certificate.objects.filter(holder_name="Никола Илић").exists()
    page.goto(live_server.url + reverse("training:verify_form"))
    page.fill("input[name=code]", jelena.code.lower())
    page.click(SUBMIT)
    page.wait_for_url(f"**/verify/{jelena.code}/")
    assert "This certificate is valid." in page.inner_text("main")
    assert "Jelena Marković" in page.inner_text("main")
    assert_accessible(page)

    page.goto(live_server.url + reverse("training:certificates", args=[training.pk]))
    page.fill(f"#reason-{jelena.pk}", "Issued to the wrong person")
    page.click(f"#reason-{jelena.pk} ~ button")
    page.wait_for_selector(".message.success")

    page.goto(live_server.url + reverse("training:verify", args=[jelena.code]))
    text = page.inner_text("main")
    assert "REVOKED on" in text
    assert "Issued to the wrong person" in text
    assert_accessible(page)


def test_progress_page_follows_a_running_batch(page, live_server):
    membership = MembershipFactory(role=Role.EDUCATION_COORDINATOR)
    training = held_training(membership.organisation)
    batch = CertificateBatch.objects.create(
        organisation=membership.organisation, training=training, total=60, done=12, status="running"
    )
    sign_in_as(page, live_server.url, membership.user.username)

    page.goto(live_server.url + reverse("training:certificate_batch", args=[batch.pk]))
    assert page.inner_text("[role=status]").startswith("12 of 60")
    assert_accessible(page)
    CertificateBatch.objects.filter(pk=batch.pk).update(done=60, status="finished")

    page.wait_for_selector("[data-status=finished]")
    assert page.inner_text("[role=status]").startswith("60 of 60")
    assert page.get_attribute("#batch-progress", "value") == "60"
