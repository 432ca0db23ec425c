"""The participant's quiz on the phone: identified by the registration link, or by a code."""

import pytest
from django.urls import reverse

from learning.models import Attempt, Phase
from learning.tests.factories_knowledge import KnowledgeTestFactory
from training.tests.factories import RegistrationFactory
from training.tokens import registration_token


@pytest.fixture
def test(db):
    return KnowledgeTestFactory(pre_open=True, post_open=True)


def _answers(test, right=True):
    data = {}
    for item in test.items.select_related("question"):
        choice = next(c for c in item.question.choices.all() if c.is_correct == right)
        data[f"q{item.question_id}"] = str(choice.pk)
    return data


def _url(test, phase="pre"):
    return reverse("learning:quiz", args=[test.token, phase])


def test_participant_who_opened_their_link_takes_the_test(client, test):
    registration = RegistrationFactory(training=test.training)
    client.get(reverse("training:registration", args=[registration_token(registration.pk)]))
    page = client.get(_url(test)).content.decode()
    assert registration.first_name in page
    response = client.post(_url(test), _answers(test))
    assert response.status_code == 200
    assert "2 of 2 points" in response.content.decode()
    assert Attempt.objects.get().registration == registration


def test_registration_token_in_the_address_identifies_the_participant(client, test):
    registration = RegistrationFactory(training=test.training)
    token = registration_token(registration.pk)
    response = client.post(_url(test) + f"?r={token}", _answers(test, right=False))
    assert "0 of 2 points" in response.content.decode()
    assert Attempt.objects.get().registration == registration


def test_unknown_participant_is_asked_to_open_their_link(client, test):
    page = client.get(_url(test)).content.decode()
    assert "confirmation e-mail" in page
    client.post(_url(test), _answers(test))
    assert not Attempt.objects.exists()


def test_second_attempt_shows_a_clear_message(client, test):
    registration = RegistrationFactory(training=test.training)
    url = _url(test) + f"?r={registration_token(registration.pk)}"
    client.post(url, _answers(test, right=False))
    response = client.post(url, _answers(test))
    assert response.status_code == 409
    assert "already taken" in response.content.decode()
    assert Attempt.objects.get().score == 0


def test_closed_phase_is_refused_with_a_message(client, test):
    test.post_open = False
    test.save()
    registration = RegistrationFactory(training=test.training)
    response = client.post(
        _url(test, "post") + f"?r={registration_token(registration.pk)}", _answers(test)
    )
    assert response.status_code == 409
    assert "closed" in response.content.decode()
    assert not Attempt.objects.exists()


def test_unanswered_question_is_asked_again(client, test):
    registration = RegistrationFactory(training=test.training)
    answers = _answers(test)
    answers.pop(next(iter(answers)))
    response = client.post(_url(test) + f"?r={registration_token(registration.pk)}", answers)
    assert response.status_code == 400
    assert "Choose an answer" in response.content.decode()
    assert not Attempt.objects.exists()


def test_anonymous_test_asks_for_a_code_and_pairs_the_attempts(client, test):
    test.anonymous = True
    test.save()
    assert "Your code" in client.get(_url(test)).content.decode()
    client.post(_url(test), {**_answers(test, right=False), "code": "Sova2024"})
    client.post(_url(test, "post"), {**_answers(test), "code": "Sova2024"})
    pre, post = Attempt.objects.order_by("phase").reverse()
    assert (pre.phase, post.phase) == (Phase.PRE, Phase.POST)
    assert pre.code_key == post.code_key and "Sova2024" not in pre.code_key
    assert pre.registration is None


def test_anonymous_bad_code_is_refused(client, test):
    test.anonymous = True
    test.save()
    response = client.post(_url(test), {**_answers(test), "code": "a b"})
    assert response.status_code == 400
    assert not Attempt.objects.exists()


def test_forged_test_token_is_not_found(client, test):
    assert client.get(reverse("learning:quiz", args=["nope", "pre"])).status_code == 404
