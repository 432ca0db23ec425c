"""The coordinator writes a programme's evaluation questionnaire, starting from a default set."""

import pytest
from django.urls import reverse

from catalogue.tests.factories import ProgrammeFactory
from core.models import Role
from learning.models import Questionnaire
from learning.tests.factories_evaluations import EvaluationFactory, answer_evaluation, item_at
from training.tests.factories import TrainingFactory

pytestmark = pytest.mark.django_db


def form_data(rows: list[dict], *, title: str = "Evaluacija", initial: int = 0) -> dict:
    data = {
        "title_sr": title,
        "title_en": "Evaluation",
        "items-TOTAL_FORMS": str(len(rows)),
        "items-INITIAL_FORMS": str(initial),
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "40",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"items-{index}-{key}"] = value
    return data


def test_a_new_questionnaire_offers_the_default_items(coordinator_client, organisation) -> None:
    programme = ProgrammeFactory(organisation=organisation)

    page = coordinator_client.get(
        reverse("learning:questionnaire_edit", args=[programme.pk])
    ).content.decode()

    assert "The outcomes of the training were achieved." in page
    assert "The trainer knew the subject well." in page
    assert "The trainer encouraged participants to take part." in page
    assert "What I learned is useful for my practice." in page
    assert "The training was well organised." in page
    assert "Comments and suggestions" in page


def test_saving_keeps_the_items_in_order(coordinator_client, organisation) -> None:
    programme = ProgrammeFactory(organisation=organisation)
    rows = [
        {"kind": "likert", "text_sr": "Tema je bila jasna.", "required": "on"},
        {
            "kind": "likert",
            "text_sr": "Trener je znao temu.",
            "per_trainer": "on",
            "required": "on",
        },
        {"kind": "text", "text_sr": "Komentari"},
    ]

    response = coordinator_client.post(
        reverse("learning:questionnaire_edit", args=[programme.pk]), form_data(rows)
    )

    assert response.status_code == 302
    questionnaire = Questionnaire.objects.get(programme=programme)
    items = list(questionnaire.items.values_list("position", "kind", "per_trainer", "required"))
    assert items == [
        (1, "likert", False, True),
        (2, "likert", True, True),
        (3, "text", False, False),
    ]


def test_a_questionnaire_needs_a_title(coordinator_client, organisation) -> None:
    programme = ProgrammeFactory(organisation=organisation)

    response = coordinator_client.post(
        reverse("learning:questionnaire_edit", args=[programme.pk]),
        form_data([{"kind": "likert", "text_sr": "Tema"}], title=""),
    )

    assert response.status_code == 400
    assert not Questionnaire.objects.exists()


def test_an_answered_item_cannot_be_removed(coordinator_client, organisation) -> None:
    evaluation = EvaluationFactory(training=TrainingFactory(organisation=organisation))
    outcomes = item_at(evaluation, 1)
    answer_evaluation(evaluation, {outcomes: 4})
    programme = evaluation.training.programme
    rows = [
        {"item_id": str(outcomes.pk), "kind": "likert", "text_sr": "Ciljevi", "DELETE": "on"},
        {"kind": "text", "text_sr": "Komentari"},
    ]

    response = coordinator_client.post(
        reverse("learning:questionnaire_edit", args=[programme.pk]), form_data(rows, initial=1)
    )

    assert response.status_code == 400
    assert "cannot be removed" in response.content.decode()
    assert evaluation.questionnaire.items.count() == 6


def test_the_list_shows_each_programme_and_its_questionnaire(
    coordinator_client, organisation, django_assert_max_num_queries
) -> None:
    ProgrammeFactory(organisation=organisation, title_en="Without one")
    for _ in range(3):
        EvaluationFactory(training=TrainingFactory(organisation=organisation))

    with django_assert_max_num_queries(8):
        response = coordinator_client.get(reverse("learning:questionnaires"))

    page = response.content.decode()
    assert page.count("Training evaluation") == 3
    assert "Write the questionnaire" in page


def test_trainers_do_not_edit_questionnaires(client_as, organisation) -> None:
    programme = ProgrammeFactory(organisation=organisation)

    response = client_as(Role.TRAINER).get(
        reverse("learning:questionnaire_edit", args=[programme.pk])
    )

    assert response.status_code == 403
