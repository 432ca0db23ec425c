"""The training page: details, the public link, confirmed participants with days attended, the
waitlist in order, who the participants are; cancelling a place moves the waitlist up."""

import pytest
from django.urls import reverse

from core.models import InstitutionType, Role
from core.tests.factories import InstitutionFactory, PersonFactory
from training.models import RegistrationStatus
from training.tests.factories import (
    AttendanceFactory,
    CertificateFactory,
    RegistrationFactory,
    TrainingFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def training(organisation):
    return TrainingFactory(organisation=organisation, capacity=3, slug="obuka-nis-2025-10-01")


def _page(client, training):
    return client.get(reverse("training:training_detail", args=[training.pk]))


def test_the_page_shows_details_public_link_and_tools_for_each_day(coordinator_client, training):
    training.trainers.add(PersonFactory(organisation=training.organisation, first_name="Ana"))

    html = _page(coordinator_client, training).content.decode()

    assert "http://testserver/t/obuka-nis-2025-10-01/" in html
    assert "Ana " in html
    assert reverse("training:agenda_pdf", args=[training.pk]) in html
    assert reverse("training:certificates", args=[training.pk]) in html
    for day in training.days.all():
        assert reverse("training:roll_call", args=[day.pk]) in html
        assert reverse("training:check_in_screen", args=[day.pk]) in html
        assert reverse("training:sign_in_sheet", args=[day.pk]) in html
    for fmt in ("xlsx", "csv"):
        assert reverse("training:participants_export", args=[training.pk, fmt]) in html
        assert reverse("training:attendance_export", args=[training.pk, fmt]) in html


def test_participants_show_days_attended_and_the_waitlist_keeps_its_order(
    coordinator_client, training
):
    first_day = training.days.first()
    present = RegistrationFactory(training=training, first_name="Jovana")
    AttendanceFactory(registration=present, day=first_day)
    RegistrationFactory(
        training=training, status=RegistrationStatus.CANCELLED, first_name="Otkazala"
    )
    later = RegistrationFactory(training=training, status="waitlisted", first_name="Druga")
    earlier = RegistrationFactory(training=training, status="waitlisted", first_name="Prva")
    later.created_at, earlier.created_at = earlier.created_at, later.created_at
    later.save(), earlier.save()

    response = _page(coordinator_client, training)

    overview = response.context["overview"]
    assert [r.attended_days for r in overview.participants] == [1]
    assert [r.first_name for r in overview.waitlist] == ["Prva", "Druga"]
    html = response.content.decode()
    assert "Otkazala" not in html
    assert "1 / 2" in html


def test_counts_by_institution_type_municipality_and_profession(coordinator_client, training):
    organisation = training.organisation
    school = InstitutionFactory(organisation=organisation, municipality="Čačak")
    centre = InstitutionFactory(
        organisation=organisation, type=InstitutionType.SOCIAL_WORK_CENTRE, municipality="Niš"
    )
    RegistrationFactory(training=training, institution=school, profession="nastavnica")
    RegistrationFactory(training=training, institution=school, profession="nastavnica")
    RegistrationFactory(training=training, institution=centre, profession="socijalna radnica")

    overview = _page(coordinator_client, training).context["overview"]

    assert overview.by_institution_type == [("Primary school", 2), ("Centre for social work", 1)]
    assert overview.by_municipality == [("Čačak", 2), ("Niš", 1)]
    assert overview.by_profession == [("Nastavnica", 2), ("Socijalna radnica", 1)]


@pytest.mark.parametrize("participants", [6, 60])
def test_the_page_needs_the_same_few_queries_however_many_participants(
    coordinator_client, organisation, participants, django_assert_max_num_queries
):
    training = TrainingFactory(organisation=organisation, capacity=participants)
    day = training.days.first()
    for registration in RegistrationFactory.create_batch(participants, training=training):
        AttendanceFactory(registration=registration, day=day)
    RegistrationFactory.create_batch(4, training=training, status="waitlisted")
    CertificateFactory(registration=training.registrations.first())

    with django_assert_max_num_queries(15):
        response = _page(coordinator_client, training)

    assert len(response.context["overview"].participants) == participants


def test_cancelling_a_place_moves_the_first_waitlisted_person_up(coordinator_client, training):
    confirmed = RegistrationFactory.create_batch(3, training=training)
    waiting = RegistrationFactory(training=training, status="waitlisted", first_name="Čeka")

    response = coordinator_client.post(
        reverse("training:staff_registration_cancel", args=[confirmed[0].pk]), follow=True
    )

    confirmed[0].refresh_from_db()
    waiting.refresh_from_db()
    assert confirmed[0].status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert "Čeka" in response.content.decode()


def test_cancelling_twice_says_it_was_already_cancelled(coordinator_client, training):
    registration = RegistrationFactory(training=training, status=RegistrationStatus.CANCELLED)

    response = coordinator_client.post(
        reverse("training:staff_registration_cancel", args=[registration.pk]), follow=True
    )

    assert response.status_code == 200
    assert "already cancelled" in response.content.decode()


def test_a_trainer_sees_the_page_without_the_coordinators_buttons(client_as, training):
    RegistrationFactory(training=training)

    html = _page(client_as(Role.TRAINER), training).content.decode()

    assert reverse("training:training_edit", args=[training.pk]) not in html
    assert "staff_registration_cancel" not in html
    assert "/cancel/" not in html


def test_another_organisations_training_is_not_found(coordinator_client, other_organisation):
    training = TrainingFactory(organisation=other_organisation)

    assert _page(coordinator_client, training).status_code == 404
