"""The trainer runs the barometer in a training: starts a session with a join code, shows one
statement at a time, closes the voting, reveals the answer, notes the discussion, and in room
mode types the counts of people standing at each side."""

import pytest
from django.urls import reverse

from core.models import Role
from learning.models import BarometerRound, BarometerSession, ResultsVisibility, RoundState
from learning.services import barometer as services
from learning.tests.factories_barometer import (
    BarometerRoundFactory,
    BarometerSessionFactory,
    DeckFactory,
    StatementFactory,
)
from training.tests.factories import TrainingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer_client(client_as):
    return client_as(Role.TRAINER)


@pytest.fixture
def session(organisation):
    return BarometerSessionFactory(organisation=organisation)


def test_starting_a_session_gives_a_six_character_code_without_look_alikes(
    trainer_client, organisation
):
    training = TrainingFactory(organisation=organisation)

    response = trainer_client.post(reverse("learning:barometer_session_start", args=[training.pk]))

    session = BarometerSession.objects.get()
    assert response["Location"] == reverse("learning:barometer_session", args=[session.pk])
    assert len(session.code) == 6
    assert not set(session.code) & set("01OIL")
    assert session.training == training


def test_a_code_is_never_shared_by_two_running_sessions(organisation, monkeypatch):
    training = TrainingFactory(organisation=organisation)
    codes = iter(["AAAAAA", "AAAAAA", "BBBBBB"])
    monkeypatch.setattr(services, "new_join_code", lambda: next(codes))

    first = services.start_session(training)
    second = services.start_session(training)

    assert (first.code, second.code) == ("AAAAAA", "BBBBBB")


def test_an_ended_sessions_code_may_be_drawn_again(organisation, monkeypatch):
    training = TrainingFactory(organisation=organisation)
    monkeypatch.setattr(services, "new_join_code", lambda: "CCCCCC")
    services.end_session(services.start_session(training))

    assert services.start_session(training).code == "CCCCCC"


def test_a_training_of_another_organisation_cannot_get_a_session(
    trainer_client, other_organisation
):
    training = TrainingFactory(organisation=other_organisation)

    response = trainer_client.post(reverse("learning:barometer_session_start", args=[training.pk]))

    assert response.status_code == 404
    assert not BarometerSession.objects.exists()


def test_showing_a_statement_opens_a_round_and_closes_the_previous_one(trainer_client, session):
    first = BarometerRoundFactory(session=session, position=1)
    statement = StatementFactory(organisation=session.organisation)

    trainer_client.post(
        reverse("learning:barometer_round_open", args=[session.pk]),
        {"statement": statement.pk, "visibility": "always", "allow_change": ""},
    )

    first.refresh_from_db()
    current = BarometerRound.objects.get(statement=statement)
    assert first.state == RoundState.CLOSED
    assert (current.state, current.position, current.visibility, current.allow_change) == (
        RoundState.OPEN,
        2,
        ResultsVisibility.ALWAYS,
        False,
    )


def test_a_statement_of_another_organisation_cannot_be_shown(
    trainer_client, session, other_organisation
):
    foreign = StatementFactory(organisation=other_organisation)

    trainer_client.post(
        reverse("learning:barometer_round_open", args=[session.pk]),
        {"statement": foreign.pk, "visibility": "always"},
    )

    assert not BarometerRound.objects.exists()


def test_close_then_reveal(trainer_client, session):
    round = BarometerRoundFactory(session=session)

    trainer_client.post(reverse("learning:barometer_round_close", args=[round.pk]))
    round.refresh_from_db()
    assert round.state == RoundState.CLOSED and round.closed_at is not None

    response = trainer_client.post(
        reverse("learning:barometer_round_reveal", args=[round.pk]), {"next": "projector"}
    )
    round.refresh_from_db()
    assert round.state == RoundState.REVEALED and round.revealed_at is not None
    assert response["Location"] == reverse("learning:barometer_projector", args=[session.pk])


def test_revealing_an_open_round_closes_its_voting(session):
    round = BarometerRoundFactory(session=session)

    services.reveal_round(round)

    assert round.state == RoundState.REVEALED and round.closed_at is not None


def test_discussion_notes_are_kept_with_the_round(trainer_client, session):
    round = BarometerRoundFactory(session=session, state=RoundState.REVEALED)

    trainer_client.post(
        reverse("learning:barometer_round_notes", args=[round.pk]),
        {"notes": "  Many thought a border is needed.  "},
    )

    round.refresh_from_db()
    assert round.notes == "Many thought a border is needed."


def test_room_mode_counts_are_typed_by_the_trainer(trainer_client, session):
    round = BarometerRoundFactory(session=session, room_mode=True)

    trainer_client.post(
        reverse("learning:barometer_round_room", args=[round.pk]),
        {"agree": "4", "unsure": "3", "disagree": "12"},
    )

    round.refresh_from_db()
    assert (round.room_agree, round.room_unsure, round.room_disagree) == (4, 3, 12)


def test_negative_room_counts_are_refused_and_nothing_is_written(trainer_client, session):
    round = BarometerRoundFactory(session=session, room_mode=True)

    response = trainer_client.post(
        reverse("learning:barometer_round_room", args=[round.pk]),
        {"agree": "-1", "unsure": "3", "disagree": "12"},
        follow=True,
    )

    round.refresh_from_db()
    assert round.room_agree is None
    assert "Type the number of people at each side" in response.content.decode()


def test_phones_cannot_vote_in_room_mode(session):
    round = BarometerRoundFactory(session=session, room_mode=True)

    with pytest.raises(services.VoteRefused):
        services.cast_vote(session.code, round.pk, "device", "agree")


def test_the_control_page_proposes_the_next_statement_of_the_deck(
    trainer_client, organisation, django_assert_max_num_queries
):
    first, second, third = StatementFactory.create_batch(3, organisation=organisation)
    deck = DeckFactory(organisation=organisation, statements=[first, second, third])
    session = BarometerSessionFactory(organisation=organisation, deck=deck)
    BarometerRoundFactory(session=session, statement=first, position=1)
    BarometerRoundFactory(session=session, statement=second, position=2, state=RoundState.CLOSED)

    with django_assert_max_num_queries(14):
        response = trainer_client.get(reverse("learning:barometer_session", args=[session.pk]))

    assert response.context["next_statement"] == third
    assert f'<option value="{third.pk}" selected>' in response.content.decode()


def test_ending_a_session_closes_its_round(trainer_client, session):
    round = BarometerRoundFactory(session=session)

    trainer_client.post(reverse("learning:barometer_session_end", args=[session.pk]))

    round.refresh_from_db()
    session.refresh_from_db()
    assert round.state == RoundState.CLOSED and session.ended_at is not None


def test_a_researcher_cannot_run_the_barometer(client_as, session):
    response = client_as(Role.RESEARCHER).get(
        reverse("learning:barometer_session", args=[session.pk])
    )

    assert response.status_code == 403
