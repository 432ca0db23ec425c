"""QR check-in in real browsers: the trainer's projector screen shows the rotating code, two
participants on their own phones check in (one opened the link from her e-mail first, the other
scanned first and confirms from his registration page), and the projector's count follows."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from core.models import Role
from core.tests.browser import TIMEOUT_MS, assert_accessible, sign_in_as
from core.tests.factories import MembershipFactory
from training.models import Attendance
from training.tests.factories import RegistrationFactory, TrainingFactory
from training.tokens import registration_token
from training.views import attendance as attendance_views

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _phone(browser):
    context = browser.new_context(locale="en", viewport={"width": 390, "height": 844})
    context.set_default_timeout(TIMEOUT_MS)
    return context, context.new_page()


def test_participants_check_in_from_their_phones_and_the_projector_count_follows(
    page, browser, live_server, settings, monkeypatch
):
    settings.SITE_URL = live_server.url
    monkeypatch.setattr(attendance_views, "SCREEN_REFRESH_SECONDS", 1)
    trainer = MembershipFactory(role=Role.TRAINER)
    training = TrainingFactory(organisation=trainer.organisation, days=[timezone.localdate()])
    day = training.days.get()
    jelena = RegistrationFactory(training=training, first_name="Jelena")
    marko = RegistrationFactory(training=training, first_name="Marko")

    sign_in_as(page, live_server.url, trainer.user.username)
    page.goto(live_server.url + reverse("training:check_in_screen", args=[day.pk]))
    screen = page.locator("[data-check-in-screen]")
    summary = page.locator("[data-check-in-summary]")
    expect(summary).to_have_text("0 of 2 participants checked in")
    assert_accessible(page)
    check_in_url = screen.get_attribute("data-check-in-url")
    assert check_in_url == page.locator("[data-check-in-link]").inner_text()

    # Jelena opened the link from her confirmation e-mail on this phone, then scans the code.
    context, phone = _phone(browser)
    phone.goto(
        live_server.url + reverse("training:registration", args=[registration_token(jelena.pk)])
    )
    phone.goto(check_in_url)
    assert_accessible(phone)
    phone.get_by_role("button", name="Confirm: I am Jelena").click()
    expect(phone.locator("main")).to_contain_text("You are checked in for")
    assert_accessible(phone)
    context.close()

    expect(summary).to_have_text("1 of 2 participants checked in", timeout=3 * TIMEOUT_MS)

    # Marko scans first; the page tells him to open his link, where he confirms.
    context, phone = _phone(browser)
    phone.goto(page.locator("[data-check-in-link]").get_attribute("href"))
    expect(phone.locator("main")).to_contain_text("Open the link from your registration")
    phone.goto(
        live_server.url + reverse("training:registration", args=[registration_token(marko.pk)])
    )
    phone.get_by_role("button", name="Confirm: I am Marko").click()
    expect(phone.locator("main")).to_contain_text("You are checked in for")
    context.close()

    expect(summary).to_have_text("2 of 2 participants checked in", timeout=3 * TIMEOUT_MS)
    assert set(Attendance.objects.values_list("registration__first_name", "source")) == {
        ("Jelena", "qr"),
        ("Marko", "qr"),
    }

    # The roll call shows both as present, ticked, for the trainer to complete.
    page.goto(live_server.url + reverse("training:roll_call", args=[day.pk]))
    expect(page.locator(f"#present-{jelena.pk}")).to_be_checked()
    expect(page.locator(f"#present-{marko.pk}")).to_be_checked()
    assert_accessible(page)
