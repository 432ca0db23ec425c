"""A training's public page /t/<slug>/: what a visitor sees, and registering on it."""

from datetime import time, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.models import Institution
from core.tests.factories import InstitutionFactory, PersonFactory
from training.models import Registration, RegistrationStatus, TrainingStatus
from training.tests.factories import (
    AgendaItemFactory,
    PrivacyNoticeFactory,
    RegistrationFactory,
    TrainingFactory,
)
from training.tokens import registration_id_from

pytestmark = pytest.mark.django_db


@pytest.fixture
def training(organisation):
    training = TrainingFactory(organisation=organisation, slug="novi-sad-2025", capacity=2)
    training.programme.title_sr = "Zdravstvene posledice trgovine ljudima"
    training.programme.title_en = "Health consequences of human trafficking"
    training.programme.save()
    return training


@pytest.fixture
def notice(organisation):
    return PrivacyNoticeFactory(
        organisation=organisation, version=3, text_en="We keep your data safe."
    )


@pytest.fixture
def school(organisation):
    return InstitutionFactory(
        organisation=organisation, name="OŠ Jovan Popović", municipality="Novi Sad"
    )


def url(training) -> str:
    return reverse("training:public_training", args=[training.slug])


def form_data(school=None, **changes):
    data = {
        "first_name": "Ana",
        "last_name": "Marković",
        "email": "ana.markovic@school.example",
        "phone": "+381 21 123 456",
        "profession": "pedagoginja",
        "institution_name": school.name if school else "",
        "institution": school.pk if school else "",
        "institution_type": "",
        "municipality": "",
        "script": "latin",
        "language": "sr-latn",
        "consent": "on",
    }
    data.update(changes)
    return data


def test_page_shows_programme_dates_agenda_accreditation_and_places(client, training, notice):
    day = training.days.first()
    AgendaItemFactory(
        day=day,
        title="Šta je trgovina ljudima",
        starts_at=time(9, 30),
        trainer=PersonFactory(
            organisation=training.organisation, first_name="Vesna", last_name="Ilić"
        ),
    )
    RegistrationFactory(training=training)

    page = client.get(url(training)).content.decode()

    assert "Health consequences of human trafficking" in page
    assert "Šta je trgovina ljudima" in page
    assert "Vesna Ilić" in page
    assert training.accreditation.decision_number in page
    assert "1 place left." in page
    assert "We keep your data safe." in page
    assert "version 3" in page
    assert 'name="consent"' in page


def test_serbian_cyrillic_visitor_reads_the_programme_and_agenda_in_cyrillic(
    client, training, notice
):
    AgendaItemFactory(day=training.days.first(), title="Šta je trgovina ljudima")
    client.cookies["django_language"] = "sr"

    page = client.get(url(training)).content.decode()

    assert "Здравствене последице трговине људима" in page
    assert "Шта је трговина људима" in page
    assert "Нови Сад" in page
    assert 'value="cyrillic" required id="id_script_1" checked' in page
    assert '<option value="sr" selected>' in page


def test_full_training_says_waitlist_only(client, training, notice):
    RegistrationFactory.create_batch(2, training=training)

    page = client.get(url(training)).content.decode()

    assert "new registrations go on the waiting list" in page


@pytest.mark.parametrize("status", [TrainingStatus.DRAFT, TrainingStatus.REPORTED])
def test_draft_or_reported_training_has_no_public_page(client, training, status):
    training.status = status
    training.save()

    assert client.get(url(training)).status_code == 404


def test_page_queries_do_not_grow_with_agenda_or_participants(
    client, training, notice, django_assert_max_num_queries
):
    for day in training.days.all():
        AgendaItemFactory.create_batch(
            4, day=day, trainer=PersonFactory(organisation=training.organisation)
        )
    RegistrationFactory.create_batch(5, training=training)

    with django_assert_max_num_queries(8):
        assert client.get(url(training)).status_code == 200


def test_participant_registers_and_lands_on_their_registration_page(
    client, training, notice, school, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(training), form_data(school))

    registration = Registration.objects.get()
    assert response.status_code == 302
    token = response["Location"].split("/r/")[1].strip("/")
    assert registration_id_from(token) == registration.pk
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.institution == school
    assert registration.privacy_notice == notice
    assert registration.consented_at is not None
    assert mail.outbox[0].to == ["ana.markovic@school.example"]
    page = client.get(response["Location"]).content.decode()
    assert "your place is confirmed" in page


def test_a_new_institution_is_created_from_its_type_and_municipality(client, training, notice):
    response = client.post(
        url(training),
        form_data(
            institution_name="Gimnazija Jovan Jovanović Zmaj",
            institution_type="gymnasium",
            municipality="Novi Sad",
        ),
    )

    assert response.status_code == 302
    institution = Institution.objects.get(name="Gimnazija Jovan Jovanović Zmaj")
    assert institution.type == "gymnasium"
    assert Registration.objects.get().institution == institution


def test_a_known_institution_typed_in_cyrillic_without_the_list_is_found_not_doubled(
    client, training, notice, school
):
    client.post(
        url(training), form_data(institution_name="ОШ Јован Поповић", municipality="Нови Сад")
    )

    assert Registration.objects.get().institution == school
    assert Institution.objects.count() == 1


def test_new_institution_without_municipality_or_type_is_asked_for(client, training, notice):
    response = client.post(url(training), form_data(institution_name="Nova škola"))

    assert response.status_code == 200
    assert "give its municipality" in response.content.decode()
    response = client.post(
        url(training), form_data(institution_name="Nova škola", municipality="Pirot")
    )
    assert "Choose the type of your institution." in response.content.decode()
    assert Registration.objects.count() == 0
    assert Institution.objects.count() == 0


def test_invalid_email_is_a_clear_form_error_and_nothing_is_written(
    client, training, notice, school
):
    response = client.post(url(training), form_data(school, email="ana.markovic@"))

    assert response.status_code == 200
    assert "Enter a valid e-mail address" in response.content.decode()
    assert Registration.objects.count() == 0


def test_consent_is_required(client, training, notice, school):
    data = form_data(school)
    del data["consent"]

    response = client.post(url(training), data)

    assert "needs your consent" in response.content.decode()
    assert Registration.objects.count() == 0


def test_registering_twice_shows_a_message_that_reveals_nobody_elses_data(
    client, training, notice, school
):
    RegistrationFactory(
        training=training, first_name="Ана", last_name="Марковић", institution=school
    )

    response = client.post(url(training), form_data(school, email="ana.other@school.example"))

    page = response.content.decode()
    assert response.status_code == 409
    assert "already registered" in page
    assert "Марковић" not in page
    assert Registration.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": TrainingStatus.CLOSED}, "Registration for this training is closed."),
        ({"status": TrainingStatus.HELD}, "Registration for this training is closed."),
        (
            {"registration_deadline": timezone.localdate() - timedelta(days=1)},
            "The registration deadline for this training has passed.",
        ),
    ],
)
def test_closed_or_past_deadline_shows_why_without_a_form_and_refuses_a_post(
    client, training, notice, school, change, message
):
    for field, value in change.items():
        setattr(training, field, value)
    training.save()

    page = client.get(url(training)).content.decode()
    response = client.post(url(training), form_data(school))

    assert message in page
    assert 'name="consent"' not in page
    assert response.status_code == 409
    assert message in response.content.decode()
    assert Registration.objects.count() == 0


def test_without_a_privacy_notice_nobody_can_register(client, training, school):
    page = client.get(url(training)).content.decode()
    response = client.post(url(training), form_data(school))

    assert "privacy notice" in page
    assert 'name="consent"' not in page
    assert response.status_code == 409
    assert Registration.objects.count() == 0


def test_a_bot_filling_the_hidden_field_is_sent_away_and_nothing_is_kept(
    client, training, notice, school
):
    response = client.post(url(training), form_data(school, website="http://spam.example"))

    assert response.status_code == 302
    assert Registration.objects.count() == 0


def test_one_address_is_limited_per_hour(client, training, notice, school, settings):
    settings.REGISTRATION_RATE_PER_HOUR = 1
    client.post(url(training), form_data(school))

    response = client.post(
        url(training), form_data(school, email="second@school.example", last_name="Druga")
    )

    assert response.status_code == 429
    assert "try again later" in response.content.decode()
    assert Registration.objects.count() == 1
