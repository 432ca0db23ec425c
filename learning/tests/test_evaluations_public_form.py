"""A participant opens the evaluation link on their phone and answers anonymously."""

import pytest
from django.urls import reverse

from core.tests.factories import PersonFactory
from learning.models import EvaluationAnswer, EvaluationResponse
from learning.tests.factories_evaluations import EvaluationFactory, item_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluation():
    evaluation = EvaluationFactory()
    evaluation.training.trainers.add(
        PersonFactory(organisation=evaluation.training.organisation, first_name="Ana"),
        PersonFactory(organisation=evaluation.training.organisation, first_name="Bojan"),
    )
    return evaluation


def url(evaluation) -> str:
    return reverse("learning:evaluate", args=[evaluation.token])


def full_answers(evaluation, rating: str = "5") -> dict[str, str]:
    """Every required item rated (per-trainer items once for each trainer)."""
    data = {}
    trainers = list(evaluation.training.trainers.all())
    for item in evaluation.questionnaire.items.filter(kind="likert"):
        if item.per_trainer:
            for trainer in trainers:
                data[f"item_{item.pk}_{trainer.pk}"] = rating
        else:
            data[f"item_{item.pk}"] = rating
    return data


def test_the_form_asks_per_trainer_items_once_for_each_trainer(client, evaluation) -> None:
    response = client.get(url(evaluation))

    assert response.status_code == 200
    page = response.content.decode()
    knowledge = item_at(evaluation, 2)
    assert page.count(f'name="item_{knowledge.pk}_') == 2 * 5  # two trainers × five radios
    assert "The trainer knew the subject well. — Ana" in page
    assert "Strongly agree" in page


def test_answers_are_stored_and_the_phone_is_thanked(client, evaluation) -> None:
    data = full_answers(evaluation)
    data[f"item_{item_at(evaluation, 6).pk}"] = "Odlična radionica."

    response = client.post(url(evaluation), data, follow=True)

    assert "Your answers have been received" in response.content.decode()
    stored = EvaluationResponse.objects.get()
    # 3 general ratings + 2 per-trainer items × 2 trainers + 1 comment.
    assert stored.answers.count() == 3 + 4 + 1
    assert stored.answers.get(text__startswith="Odlična").item == item_at(evaluation, 6)


def test_the_same_phone_cannot_send_a_second_response(client, evaluation) -> None:
    client.post(url(evaluation), full_answers(evaluation))

    again = client.post(url(evaluation), full_answers(evaluation, "1"))

    assert "Your answers have been received" in again.content.decode()
    assert EvaluationResponse.objects.count() == 1
    assert not EvaluationAnswer.objects.filter(rating=1).exists()


def test_a_closed_evaluation_says_so_and_keeps_nothing(client, evaluation) -> None:
    evaluation.is_open = False
    evaluation.save()

    shown = client.get(url(evaluation))
    posted = client.post(url(evaluation), full_answers(evaluation))

    assert "This evaluation is closed" in shown.content.decode()
    assert posted.status_code == 409
    assert "This evaluation is closed" in posted.content.decode()
    assert EvaluationResponse.objects.count() == 0


def test_a_rating_outside_one_to_five_is_refused_and_nothing_written(client, evaluation) -> None:
    data = full_answers(evaluation)
    data[f"item_{item_at(evaluation, 1).pk}"] = "7"

    response = client.post(url(evaluation), data)

    assert response.status_code == 400
    assert "Choose a rating from 1 to 5." in response.content.decode()
    assert EvaluationResponse.objects.count() == 0
    assert EvaluationAnswer.objects.count() == 0


def test_a_missing_required_rating_is_refused_and_nothing_written(client, evaluation) -> None:
    data = full_answers(evaluation)
    del data[f"item_{item_at(evaluation, 5).pk}"]

    response = client.post(url(evaluation), data)

    assert response.status_code == 400
    assert "Please choose a rating." in response.content.decode()
    assert EvaluationResponse.objects.count() == 0


def test_a_comment_longer_than_the_limit_is_refused(client, evaluation) -> None:
    data = full_answers(evaluation)
    data[f"item_{item_at(evaluation, 6).pk}"] = "x" * 2001

    response = client.post(url(evaluation), data)

    assert response.status_code == 400
    assert EvaluationResponse.objects.count() == 0


def test_a_guessed_link_finds_nothing(client, evaluation) -> None:
    response = client.get(reverse("learning:evaluate", args=["not-the-token"]))

    assert response.status_code == 404
