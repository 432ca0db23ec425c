"""register() and cancel_registration(): places, the waitlist, doubles and the e-mails."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from core.models import AuditEntry, Institution
from core.tests.factories import InstitutionFactory
from training.models import Registration, RegistrationStatus, TrainingStatus
from training.services.registration import (
    DuplicateRegistration,
    NewInstitution,
    RegistrationRefused,
    cancel_registration,
    register,
)
from training.tests.factories import PrivacyNoticeFactory, RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def training(organisation):
    return TrainingFactory(organisation=organisation, capacity=2, slug="nis-2025")


@pytest.fixture
def notice(organisation):
    return PrivacyNoticeFactory(organisation=organisation)


@pytest.fixture
def school(organisation):
    return InstitutionFactory(organisation=organisation, name="OŠ Sveti Sava", municipality="Niš")


def sign_up(training, notice, institution, **changes):
    person = {
        "first_name": "Milica",
        "last_name": "Đorđević",
        "email": "milica@example.org",
        "phone": "",
        "profession": "učiteljica",
        "institution": institution,
        "script": "latin",
        "language": "sr-latn",
        "privacy_notice": notice,
    } | changes
    return register(training, **person)


def test_places_are_confirmed_until_the_capacity_then_people_are_waitlisted(
    training, notice, school, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = sign_up(training, notice, school, email="a@example.org", last_name="A")
        second = sign_up(training, notice, school, email="b@example.org", last_name="B")
        third = sign_up(training, notice, school, email="c@example.org", last_name="C")

    assert [first.status, second.status, third.status] == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITLISTED,
    ]
    assert [m.to for m in mail.outbox] == [["a@example.org"], ["b@example.org"], ["c@example.org"]]
    assert "na listi čekanja pod rednim brojem 1" in mail.outbox[2].body


def test_confirmation_email_carries_the_link_and_an_ics_invitation(
    training, notice, school, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = sign_up(training, notice, school)

    message = mail.outbox[0]
    assert "/r/" in message.body
    name, content, mimetype = message.attachments[0]
    assert name == "training.ics"
    assert mimetype.startswith("text/calendar")
    assert content.count("BEGIN:VEVENT") == 2
    assert f"registration-{registration.pk}@" in content
    assert "LOCATION:Gradska kuća\\, Novi Sad" in content


def test_email_to_a_participant_who_chose_cyrillic_is_in_cyrillic(
    training, notice, school, django_capture_on_commit_callbacks
):
    training.programme.title_sr = "Zdravstvene posledice trgovine ljudima"
    training.programme.save()
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(training, notice, school, language="sr", script="cyrillic")

    assert "Здравствене последице трговине људима" in mail.outbox[0].subject
    assert "Нови Сад" in mail.outbox[0].body


def test_same_email_twice_is_a_duplicate_and_nothing_is_written(training, notice, school):
    sign_up(training, notice, school)

    with pytest.raises(DuplicateRegistration) as refusal:
        sign_up(training, notice, None, email=" MILICA@example.org ", last_name="Other")

    assert "already registered" in refusal.value.message
    assert Registration.objects.count() == 1


def test_same_name_in_the_other_script_at_the_same_institution_is_a_duplicate(
    training, notice, school
):
    sign_up(training, notice, school)

    with pytest.raises(DuplicateRegistration):
        sign_up(
            training,
            notice,
            school,
            first_name="Милица",
            last_name="Ђорђевић",
            email="milica.private@example.org",
        )
    assert Registration.objects.count() == 1


def test_same_name_at_another_institution_is_a_different_person(
    training, notice, school, organisation
):
    sign_up(training, notice, school)
    elsewhere = InstitutionFactory(organisation=organisation, municipality="Pirot")

    sign_up(training, notice, elsewhere, email="other.milica@example.org")

    assert Registration.objects.count() == 2


def test_someone_who_cancelled_may_register_again(training, notice, school):
    cancel_registration(sign_up(training, notice, school))

    again = sign_up(training, notice, school)

    assert again.status == RegistrationStatus.CONFIRMED


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"status": TrainingStatus.CLOSED}, "closed"),
        ({"registration_deadline": timezone.localdate() - timedelta(days=1)}, "deadline"),
    ],
)
def test_closed_training_or_past_deadline_refuses_and_writes_nothing(
    training, notice, school, changes, message
):
    for field, value in changes.items():
        setattr(training, field, value)
    training.save()

    with pytest.raises(RegistrationRefused) as refusal:
        sign_up(training, notice, school)

    assert message in refusal.value.message
    assert Registration.objects.count() == 0


def test_new_institution_is_created_once_and_found_again_in_the_other_script(
    training, notice, organisation
):
    sign_up(training, notice, NewInstitution("OŠ Đura Jakšić", "primary_school", "Čačak"))
    sign_up(
        training,
        notice,
        NewInstitution("ОШ Ђура Јакшић", "primary_school", "Чачак"),
        email="b@example.org",
        last_name="B",
    )

    institution = Institution.objects.get(organisation=organisation)
    assert institution.name == "OŠ Đura Jakšić"
    assert institution.registrations.count() == 2


def test_registration_is_audited_without_personal_data(training, notice, school):
    registration = sign_up(training, notice, school)

    entry = AuditEntry.objects.get(
        object_id=str(registration.pk), object_type="training.registration"
    )
    assert entry.actor is None
    assert "Milica" not in entry.summary and "milica" not in entry.summary


def test_waitlisted_participant_is_promoted_and_emailed_when_someone_cancels(
    training, django_capture_on_commit_callbacks
):
    first, _second = RegistrationFactory.create_batch(2, training=training)
    waiting = RegistrationFactory(training=training, status=RegistrationStatus.WAITLISTED)

    with django_capture_on_commit_callbacks(execute=True):
        promoted = cancel_registration(first)

    waiting.refresh_from_db()
    first.refresh_from_db()
    assert promoted == waiting
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert waiting.promoted_at is not None
    assert first.status == RegistrationStatus.CANCELLED and first.cancelled_at is not None
    kinds = {m.to[0]: m for m in mail.outbox}
    # Both registered in Serbian (Latin): "Registration cancelled", "A place is yours".
    assert kinds[first.email].subject.startswith("Prijava otkazana:")
    assert kinds[waiting.email].subject.startswith("Mesto je Vaše:")
    assert kinds[waiting.email].attachments[0][0] == "training.ics"


def test_nobody_is_promoted_once_the_training_has_started(organisation):
    today = timezone.localdate()
    started = TrainingFactory(
        organisation=organisation, capacity=1, days=[today, today + timedelta(days=1)]
    )
    confirmed = RegistrationFactory(training=started)
    waiting = RegistrationFactory(training=started, status=RegistrationStatus.WAITLISTED)

    assert cancel_registration(confirmed) is None

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.WAITLISTED


def test_cancelling_a_waitlisted_place_promotes_nobody(training):
    RegistrationFactory.create_batch(2, training=training)
    first_waiting, second_waiting = RegistrationFactory.create_batch(
        2, training=training, status=RegistrationStatus.WAITLISTED
    )

    assert cancel_registration(first_waiting) is None
    second_waiting.refresh_from_db()
    assert second_waiting.status == RegistrationStatus.WAITLISTED


def test_cancelling_twice_changes_nothing_the_second_time(training):
    registration = RegistrationFactory(training=training)
    cancel_registration(registration)
    cancelled_at = Registration.objects.get(pk=registration.pk).cancelled_at

    assert cancel_registration(registration) is None
    assert Registration.objects.get(pk=registration.pk).cancelled_at == cancelled_at
