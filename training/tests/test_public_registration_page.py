"""The participant's page behind the link in their e-mail: /r/<token>/ and what it offers."""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from training.models import Registration, RegistrationStatus
from training.tests.factories import (
    AttendanceFactory,
    CertificateFactory,
    RegistrationFactory,
    TrainingFactory,
)
from training.tokens import registration_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def training(organisation):
    return TrainingFactory(organisation=organisation, capacity=1)


@pytest.fixture
def registration(training):
    return RegistrationFactory(training=training, first_name="Jovana", last_name="Nikolić")


def link(registration, name="training:registration") -> str:
    return reverse(name, args=[registration_token(registration.pk)])


def test_confirmed_participant_sees_their_place_and_details(client, registration):
    page = client.get(link(registration)).content.decode()

    assert "Jovana Nikolić, your place is confirmed." in page
    assert registration.email in page
    assert "/cancel/" in page
    assert "calendar.ics" in page
    assert "my-data.json" in page


def test_waitlisted_participant_sees_their_position(client, training, registration):
    RegistrationFactory(training=training, status=RegistrationStatus.WAITLISTED)
    second = RegistrationFactory(training=training, status=RegistrationStatus.WAITLISTED)

    page = client.get(link(second)).content.decode()

    assert "You are on the waiting list, number 2." in page


def test_opening_the_link_remembers_the_registration_in_the_session(client, registration):
    client.get(link(registration))
    client.get(link(registration))

    assert client.session["my_registrations"] == [registration.pk]


def test_pending_check_in_for_this_training_shows_the_prompt(client, training, registration):
    session = client.session
    session["pending_check_in"] = {
        "training": training.pk,
        "slug": training.slug,
        "day": training.days.first().pk,
        "code": "123456",
    }
    session.save()

    page = client.get(link(registration)).content.decode()

    assert reverse("training:self_check_in", args=[training.slug, "123456"]) in page


@pytest.mark.parametrize("suffix", ["", "cancel/", "calendar.ics", "my-data.json", "erase/"])
def test_tampered_link_says_it_is_not_valid(client, registration, suffix):
    token = registration_token(registration.pk)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")

    response = client.get(f"/r/{forged}/{suffix}")

    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()


def test_forged_cancel_post_changes_nothing(client, registration):
    token = registration_token(registration.pk)

    response = client.post(f"/r/{token}x/cancel/", {"confirm": "yes"})

    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_cancel_asks_first_then_cancels_and_promotes_the_next_person(
    client, training, registration, django_capture_on_commit_callbacks
):
    waiting = RegistrationFactory(training=training, status=RegistrationStatus.WAITLISTED)

    question = client.get(link(registration, "training:registration_cancel"))
    unconfirmed = client.post(link(registration, "training:registration_cancel"))
    registration.refresh_from_db()
    assert "Cancel your registration?" in question.content.decode()
    assert unconfirmed.status_code == 200
    assert registration.status == RegistrationStatus.CONFIRMED

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            link(registration, "training:registration_cancel"), {"confirm": "yes"}, follow=True
        )

    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert "Your registration is cancelled." in response.content.decode()
    assert {m.to[0] for m in mail.outbox} == {registration.email, waiting.email}


def test_cancelling_an_already_cancelled_registration_just_says_so(client, registration):
    registration.status = RegistrationStatus.CANCELLED
    registration.save()

    response = client.post(
        link(registration, "training:registration_cancel"), {"confirm": "yes"}, follow=True
    )

    assert response.status_code == 200
    assert "already cancelled" in response.content.decode()


def test_calendar_download_is_an_ics_file(client, registration):
    response = client.get(link(registration, "training:registration_ics"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response.content.decode().count("BEGIN:VEVENT") == 2


def test_my_data_holds_everything_kept_about_the_participant(client, registration):
    AttendanceFactory(registration=registration)
    certificate = CertificateFactory(registration=registration)

    response = client.get(link(registration, "training:registration_data"))

    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    data = json.loads(response.content)
    assert data["registration"]["email"] == registration.email
    assert data["registration"]["institution"]["name"] == registration.institution.name
    assert data["consent"]["privacy_notice_version"] == 1
    assert len(data["attendance"]) == 1
    assert data["certificates"][0]["code"] == certificate.code


def test_certificate_link_shows_only_while_a_valid_certificate_exists(client, registration):
    # Links are signed with a timestamp, so compare the path's end rather than the whole link.
    certificate_url = "/certificate.pdf"
    assert certificate_url not in client.get(link(registration)).content.decode()

    certificate = CertificateFactory(registration=registration)
    assert certificate_url in client.get(link(registration)).content.decode()

    certificate.revoked_at = timezone.now()
    certificate.save()
    assert certificate_url not in client.get(link(registration)).content.decode()


def test_erase_asks_first_then_anonymises_and_the_page_says_so(client, registration):
    question = client.get(link(registration, "training:registration_erase"))
    assert "Erase your data?" in question.content.decode()
    assert "will also be cancelled" in question.content.decode()

    response = client.post(
        link(registration, "training:registration_erase"), {"confirm": "yes"}, follow=True
    )

    stored = Registration.objects.get(pk=registration.pk)
    assert stored.anonymised_at is not None
    assert stored.email == ""
    page = response.content.decode()
    assert "has been erased" in page
    assert "Jovana" not in page


def test_erasing_twice_just_says_it_is_done(client, registration):
    client.post(link(registration, "training:registration_erase"), {"confirm": "yes"})

    response = client.post(
        link(registration, "training:registration_erase"), {"confirm": "yes"}, follow=True
    )

    assert response.status_code == 200
    assert "already erased" in response.content.decode()


def test_page_queries_stay_few(client, registration, django_assert_max_num_queries):
    CertificateFactory(registration=registration)
    with django_assert_max_num_queries(10):
        client.get(link(registration))


def test_a_past_training_stays_visible_to_its_participant(client, organisation):
    long_ago = timezone.localdate() - timedelta(days=40)
    registration = RegistrationFactory(
        training=TrainingFactory(organisation=organisation, days=[long_ago])
    )

    assert client.get(link(registration)).status_code == 200
