"""The barometer part of the training report: each statement asked with how the room answered,
and the shift for a statement asked again at the end of the training."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from core.models import Role
from learning.models import CorrectAnswer, RoundState
from learning.queries.barometer import barometer_report
from learning.tests.factories_barometer import (
    BarometerRoundFactory,
    BarometerSessionFactory,
    BarometerVoteFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db


def _votes(round, agree=0, unsure=0, disagree=0):
    for answer, count in (("agree", agree), ("unsure", unsure), ("disagree", disagree)):
        BarometerVoteFactory.create_batch(count, round=round, answer=answer)


@pytest.fixture
def asked_twice(organisation):
    """A myth asked at the start (most agree) and again at the end (most disagree)."""
    session = BarometerSessionFactory(organisation=organisation)
    myth = StatementFactory(organisation=organisation, correct_answer=CorrectAnswer.DISAGREE)
    other = StatementFactory(organisation=organisation, correct_answer=CorrectAnswer.AGREE)
    start = BarometerRoundFactory(
        session=session, statement=myth, position=1, state=RoundState.REVEALED
    )
    _votes(start, agree=6, unsure=2, disagree=2)
    middle = BarometerRoundFactory(
        session=session, statement=other, position=2, state=RoundState.REVEALED
    )
    _votes(middle, agree=3, disagree=1)
    end = BarometerRoundFactory(
        session=session, statement=myth, position=3, state=RoundState.REVEALED
    )
    _votes(end, agree=1, unsure=1, disagree=8)
    return session.training, myth


def test_each_round_has_its_distribution_and_correct_share(asked_twice):
    training, _myth = asked_twice

    report = barometer_report(training)

    first = report["results"][0].distribution
    assert (first.counts["agree"], first.total, first.shares["agree"], first.correct_share) == (
        6,
        10,
        60,
        20,
    )
    assert [r.distribution.correct_share for r in report["results"]] == [20, 75, 80]


def test_the_shift_compares_the_first_and_last_time_a_statement_was_asked(asked_twice):
    training, myth = asked_twice

    (shift,) = barometer_report(training)["shifts"]

    assert shift.statement == myth
    assert (shift.before.agree_share, shift.after.agree_share, shift.agree_change) == (60, 10, -50)
    assert (shift.before.correct_share, shift.after.correct_share, shift.correct_change) == (
        20,
        80,
        60,
    )


def test_room_mode_rounds_count_in_the_shift(organisation):
    session = BarometerSessionFactory(organisation=organisation)
    statement = StatementFactory(organisation=organisation)
    BarometerRoundFactory(
        session=session,
        statement=statement,
        position=1,
        room_mode=True,
        room_agree=5,
        room_unsure=0,
        room_disagree=5,
    )
    BarometerRoundFactory(
        session=session,
        statement=statement,
        position=2,
        room_mode=True,
        room_agree=1,
        room_unsure=1,
        room_disagree=8,
    )

    (shift,) = barometer_report(session.training)["shifts"]

    assert shift.correct_change == 30


def test_the_report_is_one_query(asked_twice, django_assert_num_queries):
    training, _myth = asked_twice

    with django_assert_num_queries(1):
        barometer_report(training)


def test_another_trainings_rounds_are_not_in_the_report(asked_twice, organisation):
    training, _myth = asked_twice
    BarometerRoundFactory(session__organisation=organisation)

    assert len(barometer_report(training)["results"]) == 3


def test_the_report_section_shows_the_shift(asked_twice):
    training, _myth = asked_twice

    html = render_to_string(
        "learning/barometer/report_section.html", {"barometer": barometer_report(training)}
    )

    assert "Shift on statements asked again" in html
    assert "+60 percentage points" in html
    assert "60% (6)" in html
    assert "<script" not in html


def test_the_training_page_shows_sessions_and_results(
    client_as, asked_twice, django_assert_max_num_queries
):
    training, _myth = asked_twice
    client = client_as(Role.TRAINER)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("learning:barometer_training", args=[training.pk]))

    page = response.content.decode()
    assert "Start a barometer session" in page
    assert "+60 percentage points" in page
