"""Saving a roll call: the day's attendance becomes exactly who was ticked, in one transaction,
with an audit entry; nobody outside the training's confirmed participants is ever written."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import AuditEntry, Role
from training.models import Attendance, AttendanceSource, RegistrationStatus
from training.queries.attendance import (
    attendance_matrix,
    attended_day_counts,
    check_in_count,
)
from training.services.attendance import AttendanceRefused, record_attendance
from training.tests.factories import AttendanceFactory, RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def training(organisation):
    return TrainingFactory(organisation=organisation)


@pytest.fixture
def trainer(member):
    return member(Role.TRAINER)


def present_on(day) -> set[int]:
    return set(Attendance.objects.filter(day=day).values_list("registration_id", flat=True))


def test_ticked_participants_are_recorded_with_the_chosen_source(training, trainer):
    day = training.days.first()
    ana, ben, _absent = RegistrationFactory.create_batch(3, training=training)

    result = record_attendance(day, [ana.pk, ben.pk], source=AttendanceSource.SHEET, actor=trainer)

    assert present_on(day) == {ana.pk, ben.pk}
    assert set(Attendance.objects.values_list("source", flat=True)) == {"sheet"}
    assert Attendance.objects.filter(recorded_by=trainer).count() == 2
    assert (result.present, result.added, result.removed) == (2, 2, 0)


def test_unticked_participants_lose_their_attendance_and_kept_rows_keep_their_source(
    training, trainer
):
    day = training.days.first()
    scanned, ticked, unticked = RegistrationFactory.create_batch(3, training=training)
    AttendanceFactory(registration=scanned, day=day, source=AttendanceSource.QR)
    AttendanceFactory(registration=unticked, day=day)

    result = record_attendance(
        day, [scanned.pk, ticked.pk], source=AttendanceSource.ROLL_CALL, actor=trainer
    )

    assert present_on(day) == {scanned.pk, ticked.pk}
    assert Attendance.objects.get(registration=scanned).source == AttendanceSource.QR
    assert (result.added, result.removed) == (1, 1)


def test_saving_writes_an_audit_entry_for_the_day(training, trainer):
    day = training.days.first()
    person = RegistrationFactory(training=training)

    record_attendance(day, [person.pk], source=AttendanceSource.ROLL_CALL, actor=trainer)

    entry = AuditEntry.objects.get(object_type="training.trainingday", object_id=str(day.pk))
    assert entry.actor == trainer
    assert "1 present" in entry.summary


def test_other_days_attendance_is_untouched(training, trainer):
    first, second = training.days.all()
    person = RegistrationFactory(training=training)
    AttendanceFactory(registration=person, day=second)

    record_attendance(first, [], source=AttendanceSource.ROLL_CALL, actor=trainer)

    assert present_on(second) == {person.pk}


@pytest.mark.parametrize("stranger", ["other_training", "waitlisted", "cancelled"])
def test_a_person_who_is_not_a_confirmed_participant_refuses_the_whole_roll_call(
    training, trainer, stranger
):
    day = training.days.first()
    participant = RegistrationFactory(training=training)
    if stranger == "other_training":
        outsider = RegistrationFactory(training=TrainingFactory(organisation=training.organisation))
    else:
        outsider = RegistrationFactory(training=training, status=stranger)

    with pytest.raises(AttendanceRefused):
        record_attendance(
            day, [participant.pk, outsider.pk], source=AttendanceSource.ROLL_CALL, actor=trainer
        )

    assert Attendance.objects.count() == 0
    assert not AuditEntry.objects.filter(object_type="training.trainingday").exists()


def test_qr_is_not_a_source_a_trainer_can_choose(training, trainer):
    person = RegistrationFactory(training=training)

    with pytest.raises(AttendanceRefused):
        record_attendance(
            training.days.first(), [person.pk], source=AttendanceSource.QR, actor=trainer
        )

    assert Attendance.objects.count() == 0


def queries_to_record(day, ids, actor) -> int:
    with CaptureQueriesContext(connection) as context:
        record_attendance(day, ids, source=AttendanceSource.ROLL_CALL, actor=actor)
    return len(context.captured_queries)


def test_saving_takes_the_same_number_of_queries_for_3_or_30_people(organisation, trainer):
    warm_up = TrainingFactory(organisation=organisation).days.first()
    record_attendance(warm_up, [], source=AttendanceSource.ROLL_CALL, actor=trainer)
    counts = []
    for size in (3, 30):
        day = TrainingFactory(organisation=organisation).days.first()
        people = RegistrationFactory.create_batch(size, training=day.training)
        AttendanceFactory(registration=people[0], day=day)  # to be unticked
        counts.append(queries_to_record(day, [p.pk for p in people[1:]], trainer))

    assert counts[0] == counts[1]
    assert counts[1] <= 12


def test_attended_day_counts_and_matrix_tell_who_was_there_on_which_day(
    training, django_assert_num_queries
):
    first, second = training.days.all()
    both, one_day, never = RegistrationFactory.create_batch(3, training=training)
    for day in (first, second):
        AttendanceFactory(registration=both, day=day)
    AttendanceFactory(registration=one_day, day=second)
    RegistrationFactory(training=training, status=RegistrationStatus.WAITLISTED)

    with django_assert_num_queries(1):
        counts = attended_day_counts(training)
    with django_assert_num_queries(3):
        matrix = attendance_matrix(training)

    assert counts == {both.pk: 2, one_day.pk: 1}
    assert [day.pk for day in matrix.days] == [first.pk, second.pk]
    rows = {registration.pk: marks for registration, marks in matrix.rows()}
    assert rows == {both.pk: [True, True], one_day.pk: [False, True], never.pk: [False, False]}
    assert check_in_count(second) == 2
