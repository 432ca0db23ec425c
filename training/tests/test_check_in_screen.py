"""The projector's check-in screen and the code it polls: a large QR code of the check-in
address, the code in text, and how many of the confirmed participants have checked in."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import Role
from training.services.attendance import current_check_in_code
from training.tests.factories import AttendanceFactory, RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://putokaz.example"


@pytest.fixture
def day(organisation):
    training = TrainingFactory(organisation=organisation, days=[timezone.localdate()])
    return training.days.get()


@pytest.fixture
def trainer_client(client_as):
    return client_as(Role.TRAINER)


def test_the_screen_shows_the_qr_code_the_address_and_the_count(trainer_client, day):
    here, _absent = RegistrationFactory.create_batch(2, training=day.training)
    AttendanceFactory(registration=here, day=day)
    code = current_check_in_code(day)

    page = trainer_client.get(reverse("training:check_in_screen", args=[day.pk])).content.decode()

    address = "https://putokaz.example" + reverse(
        "training:self_check_in", args=[day.training.slug, code]
    )
    assert 'src="data:image/svg+xml;base64,' in page
    assert f'data-check-in-url="{address}"' in page
    assert f"<strong data-check-in-code>{code}</strong>" in page
    assert "1 of 2 participants checked in" in page
    assert "js/check-in-screen.js" in page
    assert "<script>" not in page


def test_the_code_endpoint_answers_json_for_the_script(trainer_client, day):
    RegistrationFactory(training=day.training)

    response = trainer_client.get(reverse("training:check_in_code", args=[day.pk]))

    data = response.json()
    assert data["code"] == current_check_in_code(day)
    assert data["url"].endswith(f"/t/{day.training.slug}/check-in/{data['code']}/")
    assert data["data_uri"].startswith("data:image/svg+xml;base64,")
    assert (data["checked_in"], data["confirmed"], data["open"]) == (0, 1, True)
    assert "no-cache" in response["Cache-Control"]


def test_before_the_day_the_screen_says_when_check_in_opens(trainer_client, organisation):
    later = timezone.localdate() + timedelta(days=3)
    day = TrainingFactory(organisation=organisation, days=[later]).days.get()

    page = trainer_client.get(reverse("training:check_in_screen", args=[day.pk])).content.decode()

    assert "Check-in opens on the day itself" in page
    assert "data-check-in-screen" not in page


def test_another_organisations_screen_and_code_are_not_found(client_as, other_organisation, day):
    outsider = client_as(Role.TRAINER, other_organisation)

    assert outsider.get(reverse("training:check_in_screen", args=[day.pk])).status_code == 404
    assert outsider.get(reverse("training:check_in_code", args=[day.pk])).status_code == 404
