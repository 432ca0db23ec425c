"""The projector view and the tally it polls: the statement, join code and QR code, the vote
count, the distribution only when the round's visibility allows, and the answer at reveal."""

import pytest
from django.urls import reverse

from core.models import Role
from learning.models import ResultsVisibility, RoundState
from learning.tests.factories_barometer import (
    BarometerRoundFactory,
    BarometerSessionFactory,
    BarometerVoteFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://putokaz.example"


@pytest.fixture
def trainer_client(client_as):
    return client_as(Role.TRAINER)


def _votes(round, agree=0, unsure=0, disagree=0):
    for answer, count in (("agree", agree), ("unsure", unsure), ("disagree", disagree)):
        BarometerVoteFactory.create_batch(count, round=round, answer=answer)


def test_the_projector_shows_the_statement_the_code_and_the_qr_code(trainer_client, organisation):
    round = BarometerRoundFactory(session__organisation=organisation)
    _votes(round, agree=2)

    page = trainer_client.get(
        reverse("learning:barometer_projector", args=[round.session.pk])
    ).content.decode()

    assert round.statement.text_en in page
    assert f"<strong data-code>{round.session.code}</strong>" in page
    assert f"https://putokaz.example/join/{round.session.code}/" in page
    assert 'src="data:image/svg+xml;base64,' in page
    assert "2 votes" in page
    assert "js/barometer-projector.js" in page
    assert "<script>" not in page


def test_the_tally_counts_each_answer_when_results_are_always_visible(trainer_client, organisation):
    round = BarometerRoundFactory(
        session__organisation=organisation, visibility=ResultsVisibility.ALWAYS
    )
    _votes(round, agree=3, unsure=1, disagree=0)

    tally = trainer_client.get(reverse("learning:barometer_tally", args=[round.session.pk])).json()

    assert (tally["round"], tally["votes"], tally["votes_label"], tally["visible"]) == (
        round.pk,
        4,
        "4 votes",
        True,
    )
    assert [(row["answer"], row["count"], row["share"]) for row in tally["rows"]] == [
        ("agree", 3, 75),
        ("unsure", 1, 25),
        ("disagree", 0, 0),
    ]
    assert tally["revealed"] is False and tally["explanation"] == ""


def test_the_tally_hides_the_distribution_while_voting_is_open_by_default(
    trainer_client, organisation
):
    round = BarometerRoundFactory(session__organisation=organisation)
    _votes(round, agree=1)
    url = reverse("learning:barometer_tally", args=[round.session.pk])

    open_tally = trainer_client.get(url).json()
    round.state = RoundState.CLOSED
    round.save()
    closed_tally = trainer_client.get(url).json()

    assert (open_tally["votes"], open_tally["visible"], open_tally["rows"]) == (1, False, [])
    assert closed_tally["visible"] is True


def test_results_kept_for_the_reveal_stay_hidden_after_close(trainer_client, organisation):
    round = BarometerRoundFactory(
        session__organisation=organisation,
        visibility=ResultsVisibility.AT_REVEAL,
        state=RoundState.CLOSED,
    )
    url = reverse("learning:barometer_tally", args=[round.session.pk])

    hidden = trainer_client.get(url).json()
    round.state = RoundState.REVEALED
    round.save()
    revealed = trainer_client.get(url).json()

    assert hidden["visible"] is False
    assert (revealed["visible"], revealed["correct_label"]) == (True, "Disagree")
    assert revealed["explanation"] == "Trafficking often happens within one country."


def test_the_tally_is_one_aggregate_query(trainer_client, organisation, django_assert_num_queries):
    round = BarometerRoundFactory(session__organisation=organisation)
    _votes(round, agree=5, disagree=5)
    url = reverse("learning:barometer_tally", args=[round.session.pk])
    trainer_client.get(url)  # Warm the session and membership caches of the signed-in user.

    with django_assert_num_queries(4):  # session, user, membership, and the tally itself
        trainer_client.get(url)


def test_room_mode_shows_the_typed_counts(trainer_client, organisation):
    round = BarometerRoundFactory(
        session__organisation=organisation,
        room_mode=True,
        room_agree=7,
        room_unsure=2,
        room_disagree=11,
        visibility=ResultsVisibility.ALWAYS,
    )

    tally = trainer_client.get(reverse("learning:barometer_tally", args=[round.session.pk])).json()

    assert tally["votes"] == 20
    assert [row["count"] for row in tally["rows"]] == [7, 2, 11]


def test_a_session_without_rounds_has_an_empty_tally(trainer_client, organisation):
    session = BarometerSessionFactory(organisation=organisation)

    tally = trainer_client.get(reverse("learning:barometer_tally", args=[session.pk])).json()

    assert tally == {"round": None}


def test_another_organisations_session_is_not_found(trainer_client, other_organisation):
    round = BarometerRoundFactory(session__organisation=other_organisation)

    for name in ("barometer_tally", "barometer_projector", "barometer_session"):
        response = trainer_client.get(reverse(f"learning:{name}", args=[round.session.pk]))
        assert response.status_code == 404, name
    assert (
        trainer_client.post(reverse("learning:barometer_round_reveal", args=[round.pk])).status_code
        == 404
    )


def test_before_the_first_statement_the_projector_shows_the_code_and_waits(
    trainer_client, organisation, django_assert_max_num_queries
):
    session = BarometerSessionFactory(organisation=organisation)

    with django_assert_max_num_queries(10):
        response = trainer_client.get(reverse("learning:barometer_projector", args=[session.pk]))

    page = response.content.decode()
    assert "The first statement will appear here." in page
    assert f"<strong data-code>{session.code}</strong>" in page
    assert "data-results hidden" in page


def test_a_vote_of_another_session_does_not_reach_this_tally(trainer_client, organisation):
    round = BarometerRoundFactory(
        session__organisation=organisation, visibility=ResultsVisibility.ALWAYS
    )
    elsewhere = BarometerRoundFactory(session__organisation=organisation)
    _votes(elsewhere, agree=4)
    _votes(round, disagree=1)

    tally = trainer_client.get(reverse("learning:barometer_tally", args=[round.session.pk])).json()

    assert tally["votes"] == 1
