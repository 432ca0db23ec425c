"""Who earns a certificate: the programme's rule against the days each participant attended."""

from datetime import timedelta

import pytest
from django.utils import timezone

from catalogue.models import CertificateRule
from training.models import RegistrationStatus, TrainingStatus
from training.queries.certificates import eligible_registrations
from training.tests.factories import AttendanceFactory, RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db


def held_training(rule: str, days: int = 2):
    start = timezone.localdate() - timedelta(days=10)
    training = TrainingFactory(
        status=TrainingStatus.HELD, days=[start + timedelta(days=n) for n in range(days)]
    )
    training.programme.certificate_rule = rule
    training.programme.save()
    return training


def participant(training, attended_days: int, **kwargs):
    registration = RegistrationFactory(training=training, **kwargs)
    for day in list(training.days.all())[:attended_days]:
        AttendanceFactory(registration=registration, day=day)
    return registration


def eligible_names(training) -> set[str]:
    return {r.full_name for r in eligible_registrations(training)}


def test_all_days_rule_needs_every_day():
    training = held_training(CertificateRule.ALL_DAYS)
    both = participant(training, 2)
    participant(training, 1)
    participant(training, 0)

    assert eligible_names(training) == {both.full_name}


def test_half_the_days_rule_rounds_up():
    training = held_training(CertificateRule.HALF_THE_DAYS, days=3)
    two = participant(training, 2)
    three = participant(training, 3)
    participant(training, 1)

    assert eligible_names(training) == {two.full_name, three.full_name}


def test_any_day_rule_needs_one_day():
    training = held_training(CertificateRule.ANY_DAY)
    one = participant(training, 1)
    participant(training, 0)

    assert eligible_names(training) == {one.full_name}


def test_none_rule_gives_nobody_a_certificate():
    training = held_training(CertificateRule.NONE)
    participant(training, 2)

    assert eligible_names(training) == set()


def test_waitlisted_cancelled_and_anonymised_participants_are_not_eligible():
    training = held_training(CertificateRule.ALL_DAYS)
    confirmed = participant(training, 2)
    participant(training, 2, status=RegistrationStatus.WAITLISTED)
    participant(training, 2, status=RegistrationStatus.CANCELLED)
    participant(training, 2, anonymised_at=timezone.now())

    assert eligible_names(training) == {confirmed.full_name}


def test_attendance_at_another_training_does_not_count():
    training = held_training(CertificateRule.ALL_DAYS)
    other = held_training(CertificateRule.ALL_DAYS)
    registration = participant(training, 1)
    AttendanceFactory(registration=registration, day=other.days.first())

    assert eligible_names(training) == set()


def test_eligibility_is_one_query_for_any_number_of_participants(django_assert_num_queries):
    training = held_training(CertificateRule.ALL_DAYS)
    for _ in range(5):
        participant(training, 2)

    with django_assert_num_queries(1):
        assert len(list(eligible_registrations(training))) == 5
