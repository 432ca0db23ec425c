"""The demo trainings load with the 2023 editions' real numbers, certify the eligible, leave one
edition open with a waitlist, send no e-mail, and are safe to load twice."""

from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db.models import Count

from core.models import Institution, Person
from training.models import (
    Attendance,
    Certificate,
    PrivacyNotice,
    Registration,
    RegistrationStatus,
    Script,
    Training,
    TrainingStatus,
)
from training.queries.certificates import eligible_registrations

pytestmark = pytest.mark.django_db

EDITIONS = {
    "trgovina-ljudima-decom-beograd-2023": (13, date(2023, 10, 11)),
    "trgovina-ljudima-decom-novi-sad-2023": (29, date(2023, 10, 30)),
    "trgovina-ljudima-decom-nis-2023": (18, date(2023, 11, 21)),
}
OPEN_EDITION = "trgovina-ljudima-decom-kragujevac"


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts() -> tuple[int, ...]:
    models = (Training, Registration, Attendance, Certificate, PrivacyNotice, Institution, Person)
    return tuple(model.objects.count() for model in models)


@pytest.fixture
def seeded() -> str:
    """The demo loaded once; its report lines."""
    return seed()


def test_seeding_twice_creates_nothing_new_and_sends_no_email(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        seed()
        first = counts()
        seed()

    assert counts() == first
    assert first[0] == 4  # three 2023 editions and the open one
    assert callbacks == []
    assert mail.outbox == []


def test_the_2023_editions_are_held_attended_and_certified(seeded):
    for slug, (participants, first_day) in EDITIONS.items():
        training = Training.objects.get(slug=slug)
        accreditation = training.accreditation
        days_attended = dict(
            training.registrations.filter(status=RegistrationStatus.CONFIRMED)
            .annotate(days=Count("attendances"))
            .values_list("pk", "days")
        )
        both = {pk for pk, days in days_attended.items() if days == 2}
        one = {pk for pk, days in days_attended.items() if days == 1}
        certified = set(
            Certificate.objects.filter(
                registration__training=training, revoked_at__isnull=True
            ).values_list("registration_id", flat=True)
        )

        assert len(days_attended) == participants
        assert training.status == TrainingStatus.REPORTED
        assert training.programme.title_en.startswith("Trafficking in Human Beings (Children)")
        assert [day.date for day in training.days.all()] == [
            first_day,
            first_day.replace(day=first_day.day + 1),
        ]
        assert (training.starts_on, training.ends_on) == (
            first_day,
            first_day.replace(day=first_day.day + 1),
        )
        assert all(day.agenda_items.count() >= 4 for day in training.days.all())
        # Under the accreditation that was valid on those days.
        assert (
            accreditation.valid_from
            <= training.starts_on
            <= training.ends_on
            <= accreditation.valid_until
        )
        # Most came both days, a few one day; exactly those who came both days are certified.
        assert len(one) >= 1 and len(both) > 3 * len(one)
        assert certified == both == {r.pk for r in eligible_registrations(training)}


def test_demo_certificates_have_stored_pdfs_and_verify(seeded, client):
    certificates = Certificate.objects.filter(registration__training__slug__in=EDITIONS)
    certificate = certificates.filter(script=Script.CYRILLIC).first()

    response = client.get(f"/verify/{certificate.code}/")

    assert certificates.count() == 12 + 26 + 16
    assert all(c.pdf and c.pdf.read(5) == b"%PDF-" for c in certificates)
    assert response.status_code == 200
    assert certificate.holder_name in response.content.decode()
    # Participants come from schools of many towns and write in both scripts.
    registrations = Registration.objects.filter(training__slug__in=EDITIONS)
    assert len(set(registrations.values_list("institution__municipality", flat=True))) >= 8
    assert {Script.CYRILLIC, Script.LATIN} == set(registrations.values_list("script", flat=True))
    assert all(r.privacy_notice_id and r.consented_at for r in registrations)
    assert all(r.email.endswith(".example") for r in registrations)


def test_the_open_edition_is_full_with_a_waitlist_and_public(seeded, client):
    training = Training.objects.get(slug=OPEN_EDITION)
    statuses = list(training.registrations.values_list("status", flat=True))
    marko = Person.objects.get(first_name="Marko", last_name="Petrović")

    response = client.get(f"/t/{OPEN_EDITION}/")

    assert training.status == TrainingStatus.OPEN
    assert statuses.count(RegistrationStatus.CONFIRMED) == training.capacity == 25
    assert statuses.count(RegistrationStatus.WAITLISTED) == 3
    assert training.starts_on > date.today()
    assert response.status_code == 200
    assert "Kragujevac" in response.content.decode()
    assert f"/t/{OPEN_EDITION}/" in seeded
    # The demo trainer is the trainer sign-in, on every edition.
    assert marko.is_trainer and marko.user.username == "trainer"
    assert Training.objects.filter(trainers=marko).count() == 4
