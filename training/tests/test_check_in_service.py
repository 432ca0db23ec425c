"""QR self-check-in at the service level: the rotating code, its expiry, the day it is valid on,
and who may check in. Times are passed in (`now=`), so no clock needs freezing."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from training.models import Attendance, AttendanceSource, RegistrationStatus
from training.services.attendance import (
    CODE_LENGTH,
    CheckInRefused,
    check_in,
    code_is_valid,
    current_check_in_code,
    day_for_code,
)
from training.tests.factories import AttendanceFactory, RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db

MINUTE = timedelta(minutes=1)


@pytest.fixture
def training(organisation):
    return TrainingFactory(organisation=organisation, days=[timezone.localdate()])


@pytest.fixture
def day(training):
    return training.days.get()


@pytest.fixture
def participant(training):
    return RegistrationFactory(training=training, first_name="Jelena")


def test_the_code_is_short_base32_and_changes_every_window(day):
    now = timezone.now()
    code = current_check_in_code(day, now=now)

    assert len(code) == CODE_LENGTH
    assert set(code) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    assert current_check_in_code(day, now=now + 2 * MINUTE) != code


def test_the_current_and_the_previous_code_are_accepted_an_older_one_is_not(day):
    now = timezone.now()

    assert code_is_valid(day, current_check_in_code(day, now=now), at=now)
    assert code_is_valid(day, current_check_in_code(day, now=now - MINUTE), at=now)
    assert not code_is_valid(day, current_check_in_code(day, now=now - 3 * MINUTE), at=now)


@override_settings(CHECKIN_CODE_SECONDS=10)
def test_the_window_follows_the_setting(day):
    now = timezone.now()

    assert not code_is_valid(day, current_check_in_code(day, now=now - 30 * timedelta(seconds=1)))


def test_codes_of_other_days_and_trainings_do_not_open_this_day(organisation, day):
    other = TrainingFactory(organisation=organisation, days=[timezone.localdate()]).days.get()

    assert not code_is_valid(day, current_check_in_code(other))
    assert day_for_code(day.training, current_check_in_code(other)) is None
    assert day_for_code(day.training, current_check_in_code(day)) == day


@pytest.mark.parametrize("forged", ["AAAAAAAA", "", "ŠŠŠŠŠŠŠŠ", "A" * 500, "../../x"])
def test_forged_codes_are_refused_and_nothing_is_written(participant, day, forged):
    with pytest.raises(CheckInRefused, match="not valid"):
        check_in(participant, day, forged)

    assert not Attendance.objects.exists()


def test_a_confirmed_participant_checks_in_with_the_current_code(participant, day):
    attendance = check_in(participant, day, current_check_in_code(day).lower())

    assert attendance.registration == participant
    assert attendance.source == AttendanceSource.QR


def test_an_expired_code_is_refused(participant, day):
    now = timezone.now()
    old_code = current_check_in_code(day, now=now - 5 * MINUTE)

    with pytest.raises(CheckInRefused, match="expired"):
        check_in(participant, day, old_code, now=now)

    assert not Attendance.objects.exists()


def test_a_code_scanned_a_few_minutes_ago_is_still_accepted(participant, day):
    now = timezone.now()
    scanned_at = now - 6 * MINUTE
    code = current_check_in_code(day, now=scanned_at)

    check_in(participant, day, code, scanned_at=scanned_at, now=now)

    assert Attendance.objects.filter(registration=participant, day=day).exists()


@pytest.mark.parametrize("offset", [timedelta(minutes=11), -timedelta(minutes=2)])
def test_a_scan_older_than_ten_minutes_or_in_the_future_is_refused(participant, day, offset):
    now = timezone.now()
    scanned_at = now - offset
    code = current_check_in_code(day, now=scanned_at)

    with pytest.raises(CheckInRefused, match="expired"):
        check_in(participant, day, code, scanned_at=scanned_at, now=now)

    assert not Attendance.objects.exists()


def test_check_in_is_refused_on_another_day_than_the_training_day(organisation):
    tomorrow = timezone.localdate() + timedelta(days=1)
    day = TrainingFactory(organisation=organisation, days=[tomorrow]).days.get()
    participant = RegistrationFactory(training=day.training)

    with pytest.raises(CheckInRefused, match="open only on"):
        check_in(participant, day, current_check_in_code(day))

    assert not Attendance.objects.exists()


@pytest.mark.parametrize("status", [RegistrationStatus.WAITLISTED, RegistrationStatus.CANCELLED])
def test_only_confirmed_registrations_may_check_in(training, day, status):
    registration = RegistrationFactory(training=training, status=status)

    with pytest.raises(CheckInRefused):
        check_in(registration, day, current_check_in_code(day))

    assert not Attendance.objects.exists()


def test_a_registration_of_another_training_is_refused(organisation, day):
    elsewhere = RegistrationFactory(
        training=TrainingFactory(organisation=organisation, days=[timezone.localdate()])
    )

    with pytest.raises(CheckInRefused, match="another training"):
        check_in(elsewhere, day, current_check_in_code(day))

    assert not Attendance.objects.exists()


def test_checking_in_twice_keeps_one_row_and_the_first_source(participant, day):
    AttendanceFactory(registration=participant, day=day, source=AttendanceSource.ROLL_CALL)

    attendance = check_in(participant, day, current_check_in_code(day))

    assert Attendance.objects.filter(registration=participant).count() == 1
    assert attendance.source == AttendanceSource.ROLL_CALL
