"""Phones voting in the Social Barometer: no account, one vote per phone and round, changes only
where the round allows them, nothing counted after voting closes, forged codes fail."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from learning.models import BarometerVote, RoundState
from learning.tests.factories_barometer import BarometerRoundFactory, BarometerSessionFactory
from learning.views.join import DEVICE_COOKIE

pytestmark = pytest.mark.django_db


@pytest.fixture
def round(organisation):
    return BarometerRoundFactory(session__organisation=organisation)


def _join(client: Client, round):
    return client.get(reverse("learning:join_session", args=[round.session.code]))


def _vote(client: Client, round, answer: str):
    url = reverse("learning:join_session", args=[round.session.code])
    return client.post(url, {"round": round.pk, "answer": answer})


def _vote_json(client: Client, round, answer: str):
    url = reverse("learning:join_vote", args=[round.session.code])
    return client.post(
        url, json.dumps({"round": round.pk, "answer": answer}), content_type="application/json"
    )


def test_the_phone_page_shows_the_statement_and_three_buttons_without_asking_a_name(round):
    client = Client()

    response = _join(client, round)

    page = response.content.decode()
    assert round.statement.text_en in page
    for label in ("Agree", "Not sure", "Disagree"):
        assert f">{label}</button>" in page
    assert 'name="first_name"' not in page and "email" not in page
    assert DEVICE_COOKIE in response.cookies
    assert "js/barometer-phone.js" in page


def test_a_phone_votes_once_and_sees_its_answer(round):
    client = Client()
    _join(client, round)

    response = _vote(client, round, "disagree")

    assert response.status_code == 302
    assert list(BarometerVote.objects.values_list("answer", flat=True)) == ["disagree"]
    page = client.get(response["Location"]).content.decode()
    assert 'aria-pressed="true" data-answer="disagree"' in page


def test_a_phone_cannot_vote_twice_but_changes_its_vote_when_the_round_allows(round):
    client = Client()
    _join(client, round)

    _vote(client, round, "agree")
    _vote(client, round, "unsure")

    assert list(BarometerVote.objects.values_list("answer", flat=True)) == ["unsure"]


def test_a_second_vote_is_refused_with_a_message_when_changes_are_not_allowed(organisation):
    round = BarometerRoundFactory(session__organisation=organisation, allow_change=False)
    client = Client()
    _join(client, round)
    _vote(client, round, "agree")

    response = _vote(client, round, "disagree")

    assert response.status_code == 409
    assert "You have already voted on this statement" in response.content.decode()
    assert list(BarometerVote.objects.values_list("answer", flat=True)) == ["agree"]


def test_two_phones_have_a_vote_each(round):
    for answer in ("agree", "disagree"):
        client = Client()
        _join(client, round)
        _vote(client, round, answer)

    assert sorted(BarometerVote.objects.values_list("answer", flat=True)) == ["agree", "disagree"]


def test_a_vote_after_voting_closed_is_refused_with_a_clear_message(round):
    client = Client()
    _join(client, round)
    round.state = RoundState.CLOSED
    round.save()

    response = _vote(client, round, "agree")

    assert response.status_code == 409
    assert (
        "Voting on this statement is closed. Your vote was not counted."
        in response.content.decode()
    )
    assert not BarometerVote.objects.exists()


def test_a_vote_for_a_round_the_screen_has_left_is_refused(organisation):
    old = BarometerRoundFactory(session__organisation=organisation, state=RoundState.CLOSED)
    BarometerRoundFactory(session=old.session)
    client = Client()
    _join(client, old)

    response = _vote(client, old, "agree")

    assert response.status_code == 409
    assert not BarometerVote.objects.exists()


def test_a_forged_code_gives_a_clear_not_found_page():
    response = Client().get(reverse("learning:join_session", args=["ZZZZZZ"]))

    assert response.status_code == 404
    assert "No Social Barometer is running with the code “ZZZZZZ”" in response.content.decode()


def test_a_vote_with_a_forged_code_is_not_counted(round):
    client = Client()
    _join(client, round)

    response = client.post(
        reverse("learning:join_session", args=["ZZZZZZ"]), {"round": round.pk, "answer": "agree"}
    )

    assert response.status_code == 404
    assert not BarometerVote.objects.exists()


def test_an_ended_sessions_code_no_longer_works(round):
    round.session.ended_at = round.opened_at
    round.session.save()

    response = _join(Client(), round)

    assert response.status_code == 404


def test_the_typed_code_is_read_in_any_case_and_with_spaces(round):
    code = round.session.code
    typed = f" {code[:3].lower()} {code[3:]} "

    response = Client().get(reverse("learning:join"), {"code": typed})

    assert response["Location"] == reverse("learning:join_session", args=[code])


def test_a_tampered_device_cookie_is_replaced(round):
    client = Client()
    client.cookies[DEVICE_COOKIE] = "forged-device"

    response = _join(client, round)

    assert response.cookies[DEVICE_COOKIE].value != "forged-device"


# --- The JSON vote API (the page's script and the load benchmark) ------------------------------


def test_the_json_api_counts_a_vote_and_a_change(round):
    client = Client()
    _join(client, round)

    first = _vote_json(client, round, "agree")
    second = _vote_json(client, round, "disagree")

    assert (first.status_code, second.status_code) == (200, 200)
    assert second.json()["answer"] == "disagree"
    assert list(BarometerVote.objects.values_list("answer", flat=True)) == ["disagree"]


def test_the_json_api_refuses_a_closed_round_with_409_and_a_message(round):
    client = Client()
    _join(client, round)
    round.state = RoundState.REVEALED
    round.save()

    response = _vote_json(client, round, "agree")

    assert response.status_code == 409
    assert (
        response.json()["message"]
        == "Voting on this statement is closed. Your vote was not counted."
    )


def test_the_json_api_needs_the_device_cookie_set_by_the_page(round):
    response = _vote_json(Client(), round, "agree")

    assert response.status_code == 403
    assert not BarometerVote.objects.exists()


def test_the_json_api_accepts_only_json(round):
    client = Client()
    _join(client, round)
    url = reverse("learning:join_vote", args=[round.session.code])

    response = client.post(url, {"round": round.pk, "answer": "agree"})

    assert response.status_code == 415
    assert not BarometerVote.objects.exists()


def test_the_json_api_refuses_an_unknown_answer(round):
    client = Client()
    _join(client, round)

    response = _vote_json(client, round, "maybe")

    assert response.status_code == 400
    assert not BarometerVote.objects.exists()


def test_a_vote_is_one_short_transaction(round, django_assert_max_num_queries):
    client = Client()
    _join(client, round)

    with django_assert_max_num_queries(4):  # SAVEPOINT-free: BEGIN, SELECT, INSERT, COMMIT.
        _vote_json(client, round, "agree")


# --- The state the phone polls ------------------------------------------------------------------


def test_the_state_follows_the_next_statement(round):
    client = Client()
    _join(client, round)
    url = reverse("learning:join_state", args=[round.session.code])
    assert client.get(url).json()["round"] == round.pk

    following = BarometerRoundFactory(session=round.session)

    state = client.get(url).json()
    assert (state["round"], state["can_vote"]) == (following.pk, True)
    assert state["statement"] == following.statement.text_en


def test_the_state_shows_the_answer_once_revealed_and_never_the_distribution(round):
    round.state = RoundState.REVEALED
    round.save()

    state = Client().get(reverse("learning:join_state", args=[round.session.code])).json()

    assert (state["can_vote"], state["revealed"], state["correct_label"]) == (
        False,
        True,
        "Disagree",
    )
    assert "rows" not in state


def test_the_state_of_a_session_without_rounds_says_to_wait(organisation):
    session = BarometerSessionFactory(organisation=organisation)

    state = Client().get(reverse("learning:join_state", args=[session.code])).json()

    assert state == {"round": None, "message": "Waiting for the trainer to show a statement."}


def test_the_state_of_a_forged_code_is_404():
    assert Client().get(reverse("learning:join_state", args=["ZZZZZZ"])).status_code == 404


def test_before_the_first_statement_the_phone_is_told_to_wait(organisation):
    session = BarometerSessionFactory(organisation=organisation)

    response = Client().get(reverse("learning:join_session", args=[session.code]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Waiting for the trainer to show a statement." in page
    assert "data-phone-form hidden" in page


def test_in_room_mode_the_phone_says_where_to_stand_and_shows_no_buttons(organisation):
    round = BarometerRoundFactory(session__organisation=organisation, room_mode=True)

    page = _join(Client(), round).content.decode()

    assert "Stand at the side of the room that matches your answer." in page
    assert "data-phone-form hidden" in page


def test_a_vote_naming_a_round_of_another_session_is_not_counted(organisation):
    mine = BarometerRoundFactory(session__organisation=organisation)
    other = BarometerRoundFactory(session__organisation=organisation)
    client = Client()
    _join(client, mine)

    response = client.post(
        reverse("learning:join_session", args=[mine.session.code]),
        {"round": other.pk, "answer": "agree"},
    )

    assert response.status_code == 409
    assert not BarometerVote.objects.exists()
