"""In a real browser: a coordinator goes from the training page to its learning hub, opens the
report, switches it to Serbian Cyrillic and finds the PDF link; both screens, and a demo report
with every section, pass axe-core."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from core.models import Role, User
from core.tests.browser import assert_accessible, sign_in_as
from core.tests.factories import PASSWORD, MembershipFactory, PersonFactory
from learning.demo import TRAININGS_2023
from training.models import Training
from training.tests.factories import AttendanceFactory, RegistrationFactory, TrainingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_opens_the_hub_and_reads_the_report_in_cyrillic(page, live_server):
    membership = MembershipFactory(role=Role.EDUCATION_COORDINATOR)
    training = TrainingFactory(organisation=membership.organisation, city="Čačak")
    training.trainers.add(PersonFactory(organisation=membership.organisation))
    for _number in range(3):
        AttendanceFactory(registration=RegistrationFactory(training=training))

    sign_in_as(page, live_server.url, membership.user.username)
    page.goto(live_server.url + reverse("training:training_detail", args=[training.pk]))
    page.get_by_role("link", name="Learning in the room").click()
    page.wait_for_url(f"**/trainings/{training.pk}/learning/")
    assert_accessible(page)

    page.get_by_role("link", name="Open the report").click()
    page.wait_for_url(f"**/trainings/{training.pk}/report/")
    page.select_option("#id_language", "sr")
    page.get_by_role("button", name="Show the report").click()
    page.wait_for_url("**/report/?language=sr")

    assert page.locator("html").get_attribute("lang") == "sr"
    assert "Чачак" in page.locator("main").inner_text()
    pdf = page.locator(
        f"a[href='{reverse('learning:training_report_pdf', args=[training.pk])}?language=sr']"
    )
    assert pdf.count() == 1
    assert_accessible(page)


def test_the_report_of_a_demo_training_with_every_section_is_accessible(page, live_server):
    call_command("seed_demo", stdout=StringIO())
    coordinator = User.objects.get(username="coordinator")
    coordinator.set_password(PASSWORD)
    coordinator.save(update_fields=["password"])
    training = Training.objects.get(slug=TRAININGS_2023[2])

    sign_in_as(page, live_server.url, "coordinator")
    page.goto(
        live_server.url + reverse("learning:training_report", args=[training.pk]) + "?language=sr"
    )

    assert page.locator(".report-part").count() == 4
    assert_accessible(page)
