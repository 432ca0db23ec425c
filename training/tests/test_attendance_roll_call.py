"""The trainer's roll-call screen: one big checkbox per confirmed participant, ticked for those
already recorded; saving adds and removes rows; the paper sheet's marks go in the same way."""

import pytest
from django.urls import reverse

from core.models import Role
from training.models import Attendance, AttendanceSource, RegistrationStatus
from training.tests.factories import AttendanceFactory, RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def training(organisation):
    return TrainingFactory(organisation=organisation)


@pytest.fixture
def day(training):
    return training.days.first()


@pytest.fixture
def trainer_client(client_as):
    return client_as(Role.TRAINER)


def url(day) -> str:
    return reverse("training:roll_call", args=[day.pk])


def test_the_screen_lists_confirmed_participants_ticked_when_already_recorded(
    trainer_client, training, day
):
    here = RegistrationFactory(training=training, first_name="Ana", last_name="Babić")
    absent = RegistrationFactory(training=training, first_name="Vera", last_name="Cvetić")
    RegistrationFactory(training=training, first_name="Waitlisted", status="waitlisted")
    AttendanceFactory(registration=here, day=day, source=AttendanceSource.QR)

    page = trainer_client.get(url(day)).content.decode()

    assert f'value="{here.pk}" id="present-{here.pk}" checked' in page
    assert f'value="{absent.pk}" id="present-{absent.pk}">' in page
    assert page.index("Babić Ana") < page.index("Cvetić Vera")
    assert str(here.institution) in page
    assert "checked in by QR" in page
    assert "Waitlisted" not in page


def test_saving_records_the_ticked_and_removes_the_unticked(trainer_client, training, day):
    stays, leaves, arrives = RegistrationFactory.create_batch(3, training=training)
    AttendanceFactory(registration=stays, day=day)
    AttendanceFactory(registration=leaves, day=day)

    response = trainer_client.post(
        url(day), {"present": [stays.pk, arrives.pk], "source": "roll_call"}, follow=True
    )

    assert response.redirect_chain == [(url(day), 302)]
    assert "2 people present" in response.content.decode()
    assert set(Attendance.objects.filter(day=day).values_list("registration_id", flat=True)) == {
        stays.pk,
        arrives.pk,
    }


def test_marks_from_the_paper_sheet_are_recorded_as_such(trainer_client, training, day):
    person = RegistrationFactory(training=training)

    trainer_client.post(url(day), {"present": [person.pk], "source": "sheet"})

    assert Attendance.objects.get(registration=person).source == AttendanceSource.SHEET


def test_unticking_everyone_clears_the_day(trainer_client, training, day):
    AttendanceFactory(registration=RegistrationFactory(training=training), day=day)

    trainer_client.post(url(day), {"source": "roll_call"})

    assert not Attendance.objects.filter(day=day).exists()


def test_a_foreign_or_cancelled_id_is_refused_with_a_message_and_nothing_is_written(
    trainer_client, organisation, training, day
):
    participant = RegistrationFactory(training=training)
    cancelled = RegistrationFactory(training=training, status=RegistrationStatus.CANCELLED)
    foreign = RegistrationFactory(training=TrainingFactory(organisation=organisation))

    for stranger in (cancelled, foreign):
        response = trainer_client.post(
            url(day), {"present": [participant.pk, stranger.pk], "source": "roll_call"}
        )

        assert response.status_code == 400
        assert "not a confirmed participant of this training" in response.content.decode()
    assert not Attendance.objects.exists()


def test_an_unknown_source_is_refused(trainer_client, training, day):
    person = RegistrationFactory(training=training)

    response = trainer_client.post(url(day), {"present": [person.pk], "source": "qr"})

    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_another_organisations_day_is_not_found(client_as, other_organisation, day):
    outsider = client_as(Role.TRAINER, other_organisation)

    assert outsider.get(url(day)).status_code == 404
    assert outsider.post(url(day), {"source": "roll_call"}).status_code == 404


def test_the_screen_takes_the_same_number_of_queries_for_3_or_30_people(
    trainer_client, organisation, django_assert_max_num_queries
):
    for size in (3, 30):
        day = TrainingFactory(organisation=organisation).days.first()
        people = RegistrationFactory.create_batch(size, training=day.training)
        for person in people[::2]:
            AttendanceFactory(registration=person, day=day)

        with django_assert_max_num_queries(10):
            assert trainer_client.get(url(day)).status_code == 200
        with django_assert_max_num_queries(20):
            trainer_client.post(url(day), {"present": [p.pk for p in people], "source": "sheet"})
        assert Attendance.objects.filter(day=day).count() == size
