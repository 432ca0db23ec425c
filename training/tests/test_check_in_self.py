"""The participant's side of QR check-in (/t/<slug>/check-in/<code>/): a phone that opened the
registration link confirms with one tap; any other phone is told to open that link first, and
the scan is remembered for a few minutes so the confirmation still counts."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from training.models import Attendance, RegistrationStatus
from training.services.attendance import current_check_in_code
from training.tests.factories import AttendanceFactory, RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def day(organisation):
    training = TrainingFactory(organisation=organisation, days=[timezone.localdate()])
    return training.days.get()


@pytest.fixture
def participant(day):
    return RegistrationFactory(training=day.training, first_name="Jelena")


def url(day, code=None) -> str:
    return reverse(
        "training:self_check_in", args=[day.training.slug, code or current_check_in_code(day)]
    )


def phone_of(*registrations) -> Client:
    """A browser in which these participants opened their registration links."""
    client = Client()
    session = client.session
    session["my_registrations"] = [r.pk for r in registrations]
    session.save()
    return client


def test_a_known_phone_is_offered_a_one_tap_confirmation(day, participant):
    page = phone_of(participant).get(url(day)).content.decode()

    assert "Confirm: I am Jelena" in page
    assert f'name="registration" value="{participant.pk}"' in page
    assert not Attendance.objects.exists()


def test_confirming_checks_the_participant_in(day, participant):
    phone = phone_of(participant)

    response = phone.post(url(day), {"registration": participant.pk})

    assert response.status_code == 200
    assert "You are checked in for" in response.content.decode()
    attendance = Attendance.objects.get()
    assert (attendance.registration, attendance.day, attendance.source) == (participant, day, "qr")
    assert "pending_check_in" not in phone.session


def test_checking_in_again_says_already_checked_in(day, participant):
    phone = phone_of(participant)
    phone.post(url(day), {"registration": participant.pk})

    again = phone.post(url(day), {"registration": participant.pk}).content.decode()

    assert "already checked in" in again
    assert Attendance.objects.count() == 1
    assert "already checked in" in phone.get(url(day)).content.decode()


def test_an_unknown_phone_is_told_to_open_the_confirmation_link_and_the_scan_is_kept(
    day, participant
):
    phone = Client()
    code = current_check_in_code(day)

    page = phone.get(url(day, code)).content.decode()

    assert "Open the link from your registration confirmation e-mail on this phone" in page
    pending = phone.session["pending_check_in"]
    assert (pending["training"], pending["day"], pending["code"]) == (day.training_id, day.pk, code)
    assert phone.post(url(day, code)).status_code == 400
    assert not Attendance.objects.exists()


def test_the_pending_scan_is_accepted_a_few_minutes_later_after_opening_the_link(day, participant):
    phone = Client()
    scanned_at = timezone.now() - timedelta(minutes=4)
    old_code = current_check_in_code(day, now=scanned_at)
    session = phone.session
    session["pending_check_in"] = {
        "training": day.training_id,
        "slug": day.training.slug,
        "day": day.pk,
        "code": old_code,
        "scanned_at": scanned_at.isoformat(),
    }
    session["my_registrations"] = [participant.pk]  # what opening the link adds
    session.save()

    response = phone.post(url(day, old_code), {"registration": participant.pk})

    assert "You are checked in for" in response.content.decode()
    assert Attendance.objects.filter(registration=participant).exists()


def test_a_pending_scan_older_than_ten_minutes_is_refused(day, participant):
    phone = phone_of(participant)
    scanned_at = timezone.now() - timedelta(minutes=12)
    old_code = current_check_in_code(day, now=scanned_at)
    session = phone.session
    session["pending_check_in"] = {
        "training": day.training_id,
        "code": old_code,
        "scanned_at": scanned_at.isoformat(),
    }
    session.save()

    response = phone.post(url(day, old_code), {"registration": participant.pk})

    assert response.status_code == 400
    assert "not valid or has expired" in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_forged_code_is_refused_with_a_clear_message(day, participant):
    phone = phone_of(participant)

    for method in ("get", "post"):
        response = getattr(phone, method)(url(day, "ZZZZZZZZ"), {"registration": participant.pk})

        assert response.status_code == 400
        assert "not valid or has expired" in response.content.decode()
    assert not Attendance.objects.exists()
    assert "pending_check_in" not in phone.session


def test_an_expired_code_is_refused(day, participant):
    expired = current_check_in_code(day, now=timezone.now() - timedelta(minutes=3))

    response = phone_of(participant).post(url(day, expired), {"registration": participant.pk})

    assert response.status_code == 400
    assert "not valid or has expired" in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_code_of_another_day_is_refused_on_this_day(organisation):
    tomorrow = timezone.localdate() + timedelta(days=1)
    day = TrainingFactory(organisation=organisation, days=[tomorrow]).days.get()
    participant = RegistrationFactory(training=day.training)
    phone = phone_of(participant)

    page = phone.get(url(day)).content.decode()
    response = phone.post(url(day), {"registration": participant.pk})

    assert "Check-in for this day is open only on" in page
    assert "Confirm: I am" not in page
    assert response.status_code == 200
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("status", [RegistrationStatus.WAITLISTED, RegistrationStatus.CANCELLED])
def test_unconfirmed_registrations_are_refused(day, status):
    registration = RegistrationFactory(training=day.training, status=status, first_name="Ivan")
    phone = phone_of(registration)

    page = phone.get(url(day)).content.decode()
    response = phone.post(url(day), {"registration": registration.pk})

    assert "Confirm: I am" not in page
    assert "cannot be checked in" in page
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_a_registration_not_opened_on_this_phone_cannot_be_checked_in(day, participant):
    someone_else = RegistrationFactory(training=day.training)
    phone = phone_of(participant)

    response = phone.post(url(day), {"registration": someone_else.pk})

    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_a_registration_of_another_training_on_the_phone_is_not_offered(organisation, day):
    elsewhere = RegistrationFactory(
        training=TrainingFactory(organisation=organisation, days=[timezone.localdate()])
    )

    page = phone_of(elsewhere).get(url(day)).content.decode()

    assert "Confirm: I am" not in page
    assert "Open the link from your registration confirmation e-mail" in page


def test_two_people_sharing_a_phone_each_get_their_own_button(day, participant):
    colleague = RegistrationFactory(training=day.training, first_name="Marko")
    AttendanceFactory(registration=participant, day=day)
    phone = phone_of(participant, colleague)

    page = phone.get(url(day)).content.decode()
    phone.post(url(day), {"registration": colleague.pk})

    assert "Jelena, you are already checked in" in page
    assert "Confirm: I am Marko" in page
    assert Attendance.objects.filter(registration=colleague).exists()


def test_the_prompt_on_the_registration_page_posts_to_the_check_in(day, participant):
    from django.template.loader import render_to_string

    code = current_check_in_code(day)
    html = render_to_string(
        "training/includes/check_in_prompt.html",
        {
            "pending_check_in": {
                "training": day.training_id,
                "slug": day.training.slug,
                "day": day.pk,
                "code": code,
            },
            "registration": participant,
        },
    )

    assert f'action="{url(day, code)}"' in html
    assert "Confirm: I am Jelena" in html
