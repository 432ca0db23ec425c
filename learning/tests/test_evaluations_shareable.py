"""The coordinator chooses which comments may be quoted in reports."""

import pytest
from django.urls import reverse

from core.models import Role
from learning.models import EvaluationAnswer
from learning.tests.factories_evaluations import EvaluationFactory, answer_evaluation, item_at
from training.tests.factories import TrainingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment(organisation) -> EvaluationAnswer:
    evaluation = EvaluationFactory(training=TrainingFactory(organisation=organisation))
    answer_evaluation(evaluation, {item_at(evaluation, 6): "Najbolja obuka do sada."})
    return EvaluationAnswer.objects.get()


def toggle(client, answer, shareable: str):
    return client.post(
        reverse("learning:answer_shareable", args=[answer.pk]), {"shareable": shareable}
    )


def test_the_coordinator_marks_a_comment_shareable_and_back(coordinator_client, comment) -> None:
    marked = toggle(coordinator_client, comment, "1")
    comment.refresh_from_db()
    assert comment.shareable is True
    assert marked["Location"].endswith("#comments")

    page = coordinator_client.get(marked["Location"]).content.decode()
    assert "The comment may now be quoted in reports." in page
    assert "Quoted in reports" in page

    toggle(coordinator_client, comment, "0")
    comment.refresh_from_db()
    assert comment.shareable is False


def test_a_trainer_cannot_choose_quotes(client_as, comment) -> None:
    response = toggle(client_as(Role.TRAINER), comment, "1")

    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.shareable is False


def test_another_organisations_comment_is_not_found(client_as, other_organisation) -> None:
    evaluation = EvaluationFactory(training=TrainingFactory(organisation=other_organisation))
    answer_evaluation(evaluation, {item_at(evaluation, 6): "Tuđi komentar."})
    theirs = EvaluationAnswer.objects.get()

    response = toggle(client_as(Role.EDUCATION_COORDINATOR), theirs, "1")

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.shareable is False


def test_a_rating_cannot_be_quoted(coordinator_client, organisation) -> None:
    evaluation = EvaluationFactory(training=TrainingFactory(organisation=organisation))
    answer_evaluation(evaluation, {item_at(evaluation, 1): 5})
    rating = EvaluationAnswer.objects.get()

    page = coordinator_client.post(
        reverse("learning:answer_shareable", args=[rating.pk]), {"shareable": "1"}, follow=True
    ).content.decode()

    assert "Only written comments can be quoted." in page
    rating.refresh_from_db()
    assert rating.shareable is False
