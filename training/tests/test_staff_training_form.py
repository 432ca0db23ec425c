"""A coordinator plans a training: programme, accreditation valid on every day, days, deadline,
trainers; editing keeps days that have attendance. Refusals show a message and write nothing."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from catalogue.tests.factories import AccreditationFactory, ProgrammeFactory
from core.models import AuditEntry
from core.tests.factories import PersonFactory
from training.models import (
    Attendance,
    Registration,
    RegistrationStatus,
    Training,
    TrainingDay,
    TrainingStatus,
)
from training.tests.factories import AttendanceFactory, RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db

FIRST = timezone.localdate() + timedelta(days=30)
SECOND = FIRST + timedelta(days=1)


def day_rows(*days: tuple, initial: int = 0) -> dict[str, str]:
    """Formset data for the days: each (date, starts, ends[, pk])."""
    data = {
        "days-TOTAL_FORMS": str(len(days)),
        "days-INITIAL_FORMS": str(initial),
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "30",
    }
    for index, (day, starts, ends, *pk) in enumerate(days):
        data[f"days-{index}-date"] = day.isoformat() if isinstance(day, date) else day
        data[f"days-{index}-starts_at"] = starts
        data[f"days-{index}-ends_at"] = ends
        if pk:
            data[f"days-{index}-pk"] = str(pk[0])
    return data


@pytest.fixture
def programme(organisation):
    return ProgrammeFactory(organisation=organisation, title_sr="Трговина људима – превенција")


@pytest.fixture
def accreditation(programme):
    return AccreditationFactory(
        programme=programme,
        valid_from=FIRST - timedelta(days=100),
        valid_until=FIRST + timedelta(days=100),
    )


@pytest.fixture
def trainer(organisation):
    return PersonFactory(organisation=organisation, first_name="Ana", is_trainer=True)


@pytest.fixture
def plan(programme, accreditation, trainer):
    return {
        "programme": str(programme.pk),
        "accreditation": str(accreditation.pk),
        "city": "Niš",
        "venue": "Gradska kuća",
        "capacity": "30",
        "registration_deadline": (FIRST - timedelta(days=3)).isoformat(),
        "trainers": [str(trainer.pk)],
        "funding_project": "EU IPA 2023",
        **day_rows((FIRST, "09:00", "16:00"), (SECOND, "09:00", "15:00")),
    }


def test_coordinator_plans_a_two_day_training(coordinator_client, plan, trainer):
    response = coordinator_client.post(reverse("training:training_add"), plan)

    training = Training.objects.get()
    assert response["Location"] == reverse("training:training_detail", args=[training.pk])
    assert training.slug == f"trgovina-ljudima-prevencija-nis-{FIRST:%Y-%m-%d}"
    assert (training.starts_on, training.ends_on) == (FIRST, SECOND)
    assert [d.date for d in training.days.all()] == [FIRST, SECOND]
    assert list(training.trainers.all()) == [trainer]
    assert training.status == TrainingStatus.DRAFT
    assert AuditEntry.objects.filter(object_type="training.training", action="create").exists()


def test_the_form_offers_only_active_programmes_and_trainers_of_the_organisation(
    coordinator_client, organisation, other_organisation, programme, trainer
):
    ProgrammeFactory(organisation=organisation, status="retired", title_sr="Stari program")
    ProgrammeFactory(organisation=other_organisation, title_sr="Tuđi program")
    PersonFactory(organisation=organisation, last_name="Nijetrener", is_trainer=False)
    PersonFactory(organisation=other_organisation, last_name="Tuđitrener", is_trainer=True)

    form = coordinator_client.get(reverse("training:training_add")).context["form"]

    assert list(form.fields["programme"].queryset) == [programme]
    assert list(form.fields["trainers"].queryset) == [trainer]


def test_same_programme_city_and_date_gets_a_numbered_address(coordinator_client, plan):
    coordinator_client.post(reverse("training:training_add"), plan)
    coordinator_client.post(reverse("training:training_add"), plan)

    slugs = sorted(Training.objects.values_list("slug", flat=True))
    assert slugs[1] == slugs[0] + "-2"


def test_accreditation_not_valid_on_a_day_is_refused_with_the_dates(
    coordinator_client, plan, accreditation
):
    accreditation.valid_until = FIRST
    accreditation.save()

    response = coordinator_client.post(reverse("training:training_add"), plan)

    assert response.status_code == 200
    [error] = response.context["form"].errors["accreditation"]
    assert f"{SECOND:%d.%m.%Y}" in error
    assert not Training.objects.exists()
    assert not TrainingDay.objects.exists()


def test_accreditation_of_another_programme_is_refused(coordinator_client, plan, organisation):
    other = AccreditationFactory(programme=ProgrammeFactory(organisation=organisation))

    response = coordinator_client.post(
        reverse("training:training_add"), {**plan, "accreditation": str(other.pk)}
    )

    assert response.context["form"].errors["accreditation"]
    assert not Training.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"registration_deadline": SECOND.isoformat()}, "registration_deadline"),
        ({"capacity": "0"}, "capacity"),
        ({"city": ""}, "city"),
        ({"programme": "999999"}, "programme"),
        ({"trainers": ["999999"]}, "trainers"),
    ],
)
def test_invalid_training_shows_the_field_error_and_writes_nothing(
    coordinator_client, plan, change, field
):
    response = coordinator_client.post(reverse("training:training_add"), {**plan, **change})

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Training.objects.exists()


@pytest.mark.parametrize(
    "days",
    [
        day_rows(),
        day_rows((FIRST, "09:00", "16:00"), (FIRST, "10:00", "12:00")),
        day_rows((FIRST, "16:00", "09:00")),
        day_rows(("not a date", "09:00", "16:00")),
    ],
    ids=["no day", "same day twice", "ends before it starts", "not a date"],
)
def test_bad_days_are_refused_and_nothing_is_written(coordinator_client, plan, days):
    data = {k: v for k, v in plan.items() if not k.startswith("days-")}

    response = coordinator_client.post(reverse("training:training_add"), {**data, **days})

    assert response.status_code == 200
    formset = response.context["days"]
    assert formset.non_form_errors() or any(formset.errors)
    assert not Training.objects.exists()


def _edit_data(training, *days, **changes):
    data = {
        "programme": str(training.programme_id),
        "accreditation": str(training.accreditation_id),
        "city": training.city,
        "venue": training.venue,
        "capacity": str(training.capacity),
        "registration_deadline": training.registration_deadline.isoformat(),
        "funding_project": "",
        **day_rows(*days, initial=training.days.count()),
    }
    data.update(changes)
    return data


def test_removing_a_day_with_attendance_is_refused(coordinator_client, organisation):
    training = TrainingFactory(organisation=organisation)
    first, second = training.days.all()
    AttendanceFactory(registration=RegistrationFactory(training=training), day=second)

    response = coordinator_client.post(
        reverse("training:training_edit", args=[training.pk]),
        _edit_data(training, (first.date, "09:00", "16:00", first.pk)),
    )

    assert response.status_code == 200
    assert "cannot be removed" in str(response.context["days"].non_form_errors())
    assert training.days.count() == 2
    assert Attendance.objects.count() == 1


def test_removing_a_day_without_attendance_moves_the_last_day(coordinator_client, organisation):
    training = TrainingFactory(organisation=organisation)
    first, second = training.days.all()

    coordinator_client.post(
        reverse("training:training_edit", args=[training.pk]),
        _edit_data(
            training,
            (first.date, "09:00", "16:00", first.pk),
            (second.date, "09:00", "16:00", second.pk),
            **{"days-1-DELETE": "on"},
        ),
    )

    training.refresh_from_db()
    assert [d.date for d in training.days.all()] == [first.date]
    assert training.ends_on == first.date


def test_moving_a_day_keeps_its_attendance(coordinator_client, organisation):
    training = TrainingFactory(organisation=organisation)
    first, second = training.days.all()
    AttendanceFactory(registration=RegistrationFactory(training=training), day=second)
    later = second.date + timedelta(days=2)

    coordinator_client.post(
        reverse("training:training_edit", args=[training.pk]),
        _edit_data(
            training,
            (first.date, "09:00", "16:00", first.pk),
            (later, "10:00", "14:00", second.pk),
        ),
    )

    second.refresh_from_db()
    training.refresh_from_db()
    assert second.date == later
    assert training.ends_on == later
    assert Attendance.objects.get().day == second


def test_editing_keeps_the_public_address(coordinator_client, organisation):
    training = TrainingFactory(organisation=organisation, slug="kept-address")
    first, second = training.days.all()

    coordinator_client.post(
        reverse("training:training_edit", args=[training.pk]),
        _edit_data(
            training,
            (first.date, "09:00", "16:00", first.pk),
            (second.date, "09:00", "16:00", second.pk),
            city="Kragujevac",
        ),
    )

    training.refresh_from_db()
    assert (training.city, training.slug) == ("Kragujevac", "kept-address")


def test_raising_the_capacity_moves_people_up_from_the_waitlist(coordinator_client, organisation):
    training = TrainingFactory(organisation=organisation, capacity=1)
    RegistrationFactory(training=training)
    waiting = RegistrationFactory(training=training, status=RegistrationStatus.WAITLISTED)
    first, second = training.days.all()

    coordinator_client.post(
        reverse("training:training_edit", args=[training.pk]),
        _edit_data(
            training,
            (first.date, "09:00", "16:00", first.pk),
            (second.date, "09:00", "16:00", second.pk),
            capacity="2",
        ),
    )

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_capacity_below_the_confirmed_places_is_refused(coordinator_client, organisation):
    training = TrainingFactory(organisation=organisation, capacity=3)
    RegistrationFactory.create_batch(3, training=training)
    first, second = training.days.all()

    response = coordinator_client.post(
        reverse("training:training_edit", args=[training.pk]),
        _edit_data(
            training,
            (first.date, "09:00", "16:00", first.pk),
            (second.date, "09:00", "16:00", second.pk),
            capacity="2",
        ),
    )

    assert response.context["form"].errors["capacity"]
    training.refresh_from_db()
    assert training.capacity == 3
    assert Registration.objects.filter(status=RegistrationStatus.CONFIRMED).count() == 3


def test_another_organisations_training_cannot_be_edited(coordinator_client, other_organisation):
    training = TrainingFactory(organisation=other_organisation)

    response = coordinator_client.get(reverse("training:training_edit", args=[training.pk]))

    assert response.status_code == 404
