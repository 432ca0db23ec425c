"""The trainer opens the evaluation at the end of the training and shows its link and QR code."""

import pytest
from django.urls import reverse

from core.models import Role
from learning.models import Evaluation
from learning.tests.factories_evaluations import QuestionnaireFactory
from training.tests.factories import TrainingFactory

pytestmark = pytest.mark.django_db


def status(client, training, action: str):
    return client.post(
        reverse("learning:evaluation_status", args=[training.pk]), {"action": action}, follow=True
    )


def test_opening_shows_the_public_link_and_qr_code(client_as, organisation) -> None:
    training = TrainingFactory(organisation=organisation)
    QuestionnaireFactory(programme=training.programme)
    trainer = client_as(Role.TRAINER)

    page = status(trainer, training, "open").content.decode()

    evaluation = Evaluation.objects.get(training=training)
    assert evaluation.is_open
    assert "participants can answer now" in page
    assert reverse("learning:evaluate", args=[evaluation.token]) in page
    assert 'src="data:image/svg+xml;base64,' in page


def test_closing_stops_answers_and_keeps_the_link(client_as, organisation) -> None:
    training = TrainingFactory(organisation=organisation)
    QuestionnaireFactory(programme=training.programme)
    trainer = client_as(Role.TRAINER)
    status(trainer, training, "open")

    page = status(trainer, training, "close").content.decode()

    evaluation = Evaluation.objects.get(training=training)
    assert not evaluation.is_open
    assert evaluation.closed_at is not None
    assert "Open the evaluation again" in page


def test_without_a_questionnaire_the_evaluation_cannot_open(coordinator_client, organisation):
    training = TrainingFactory(organisation=organisation)

    page = status(coordinator_client, training, "open").content.decode()

    assert "has no evaluation questionnaire yet" in page
    assert not Evaluation.objects.exists()


def test_another_organisations_training_cannot_be_opened(client_as, other_organisation) -> None:
    training = TrainingFactory(organisation=other_organisation)
    QuestionnaireFactory(programme=training.programme)

    response = client_as(Role.TRAINER).post(
        reverse("learning:evaluation_status", args=[training.pk]), {"action": "open"}
    )

    assert response.status_code == 404
    assert not Evaluation.objects.exists()
