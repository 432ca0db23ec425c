"""A participant registers in Cyrillic on a training's public page, in a real browser, choosing
their school from the type-ahead, and lands on their registration page.

The interface is being translated while this test is written, so it finds elements by name, id
and URL and asserts on what the participant typed and on the programme's own (Cyrillic) title.
"""

import pytest
from django.urls import reverse

from core.models import Role
from core.tests.browser import assert_accessible, sign_in_as
from core.tests.factories import InstitutionFactory, MembershipFactory
from training.models import Registration, RegistrationStatus
from training.tests.factories import PrivacyNoticeFactory, TrainingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUBMIT = "main form.registration-form button[type=submit]"


def test_participant_registers_in_cyrillic_and_the_coordinator_sees_them(
    page, browser, live_server, organisation
):
    training = TrainingFactory(organisation=organisation, slug="nis-2025")
    training.programme.title_sr = "Zdravstvene posledice trgovine ljudima"
    training.programme.save()
    PrivacyNoticeFactory(organisation=organisation)
    school = InstitutionFactory(
        organisation=organisation, name="OŠ Đura Jakšić", municipality="Niš"
    )

    page.goto(f"{live_server.url}/t/{training.slug}/")
    page.click("button[name=language][value=sr]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "sr"
    assert "Здравствене последице трговине људима" in page.locator("h1").inner_text()
    assert_accessible(page)

    page.fill("#id_first_name", "Ђорђе")
    page.fill("#id_last_name", "Јовановић")
    page.fill("#id_email", "djordje@skola.example")
    page.fill("#id_profession", "наставник")
    page.locator("#id_institution_name").press_sequentially("Ђура", delay=30)
    page.locator("[role=option]").first.click()
    assert page.input_value("#id_institution") == str(school.pk)
    assert page.is_checked("input[name=script][value=cyrillic]")
    page.check("#id_consent")
    page.click(SUBMIT)
    page.wait_for_url("**/r/*/")

    registration = Registration.objects.get()
    assert registration.institution == school
    assert registration.language == "sr"
    assert registration.status == RegistrationStatus.CONFIRMED
    assert "Ђорђе Јовановић" in page.locator("main").inner_text()
    assert_accessible(page)

    # The coordinator, in their own browser, finds them among the confirmed participants.
    coordinator = MembershipFactory(organisation=organisation, role=Role.EDUCATION_COORDINATOR)
    office = browser.new_context(locale="en").new_page()
    sign_in_as(office, live_server.url, coordinator.user.username)
    office.goto(live_server.url + reverse("training:training_detail", args=[training.pk]))
    participants = office.locator("main table", has_text="Ђорђе Јовановић")
    assert participants.count() == 1
    assert "OŠ Đura Jakšić" in participants.inner_text()
    office.context.close()
