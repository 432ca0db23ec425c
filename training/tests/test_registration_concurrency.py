"""200 people press "Register" at once for 60 places: exactly 60 get one, 140 wait, nobody twice.

Each thread has its own database connection, as each request of a real server does. Run on
SQLite by default and on PostgreSQL with DATABASE_URL=postgresql://... .
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail
from django.db import connection

from core.tests.factories import InstitutionFactory
from training.models import Registration, RegistrationStatus
from training.services.registration import register
from training.tests.factories import PrivacyNoticeFactory, TrainingFactory

PEOPLE = 200
CAPACITY = 60


@pytest.mark.django_db(transaction=True)
def test_200_simultaneous_registrations_for_60_places_give_60_confirmed_and_140_waitlisted(
    organisation,
):
    training = TrainingFactory(organisation=organisation, capacity=CAPACITY)
    notice = PrivacyNoticeFactory(organisation=organisation)
    school = InstitutionFactory(organisation=organisation)

    def sign_up(number: int) -> str:
        try:
            registration = register(
                training,
                first_name="Participant",
                last_name=f"Number {number}",
                email=f"participant{number}@example.org",
                phone="",
                profession="teacher",
                institution=school,
                script="latin",
                language="sr-latn",
                privacy_notice=notice,
            )
            return registration.status
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(sign_up, range(PEOPLE)))

    assert statuses.count(RegistrationStatus.CONFIRMED) == CAPACITY
    assert statuses.count(RegistrationStatus.WAITLISTED) == PEOPLE - CAPACITY
    stored = Registration.objects.filter(training=training)
    assert stored.filter(status=RegistrationStatus.CONFIRMED).count() == CAPACITY
    assert stored.filter(status=RegistrationStatus.WAITLISTED).count() == PEOPLE - CAPACITY
    assert stored.values("email_key").distinct().count() == PEOPLE
    assert len(mail.outbox) == PEOPLE  # each told by e-mail, once committed
