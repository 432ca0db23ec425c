"""The question bank: coordinators write questions with their answers, trainers read them."""

import pytest
from django.urls import reverse

from core.models import Role
from learning.models import Choice, Question, QuestionKind
from learning.tests.factories_knowledge import QuestionFactory

ADD = reverse("learning:question_add")
LIST = reverse("learning:question_list")


def _post(kind="single", text_sr="Šta je trgovina ljudima?", rows=(), true_is_correct=None):
    data = {
        "kind": kind,
        "text_sr": text_sr,
        "text_en": "",
        "choices-TOTAL_FORMS": "6",
        "choices-INITIAL_FORMS": "0",
        "choices-MIN_NUM_FORMS": "6",
        "choices-MAX_NUM_FORMS": "6",
    }
    if true_is_correct is not None:
        data["true_is_correct"] = true_is_correct
    for index, (text, correct) in enumerate(rows):
        data[f"choices-{index}-text_sr"] = text
        if correct:
            data[f"choices-{index}-is_correct"] = "on"
    return data


def test_coordinator_adds_a_single_choice_question(coordinator_client):
    response = coordinator_client.post(
        ADD, _post(rows=[("Eksploatacija", True), ("Migracija", False)])
    )
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.kind == QuestionKind.SINGLE
    assert [(c.text_sr, c.is_correct) for c in question.choices.all()] == [
        ("Eksploatacija", True),
        ("Migracija", False),
    ]


def test_true_false_question_gets_the_two_fixed_answers(coordinator_client):
    response = coordinator_client.post(
        ADD, _post(kind="true_false", text_sr="Žrtve su uvek stranci.", true_is_correct="false")
    )
    assert response.status_code == 302
    answers = list(Choice.objects.values_list("text_en", "is_correct"))
    assert answers == [("True", False), ("False", True)]


@pytest.mark.parametrize(
    ("kind", "rows", "message"),
    [
        ("single", [("Samo jedan", True)], "at least two answers"),
        ("single", [("A", True), ("B", True)], "exactly one answer"),
        ("single", [("A", False), ("B", False)], "exactly one answer"),
        ("multiple", [("A", False), ("B", False)], "at least one answer"),
    ],
)
def test_answers_must_fit_the_kind(coordinator_client, kind, rows, message):
    response = coordinator_client.post(ADD, _post(kind=kind, rows=rows))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Question.objects.exists()


def test_true_false_question_needs_its_answer(coordinator_client):
    response = coordinator_client.post(ADD, _post(kind="true_false"))
    assert response.status_code == 400
    assert not Question.objects.exists()


def test_editing_replaces_the_answers(coordinator_client, organisation):
    question = QuestionFactory(organisation=organisation)
    response = coordinator_client.post(
        reverse("learning:question_edit", args=[question.pk]),
        _post(kind="multiple", rows=[("X", True), ("Y", True), ("Z", False)]),
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.kind == QuestionKind.MULTIPLE
    assert question.choices.filter(is_correct=True).count() == 2


def test_trainer_reads_the_bank_but_cannot_edit(client_as, organisation):
    QuestionFactory(organisation=organisation, text_sr="Ko su regruteri?", text_en="")
    trainer = client_as(Role.TRAINER)
    assert "Ko su regruteri?" in trainer.get(LIST).content.decode()
    assert trainer.get(ADD).status_code == 403


def test_search_finds_questions_in_either_script(coordinator_client, organisation):
    QuestionFactory(organisation=organisation, text_sr="Šta je dužničko ropstvo?", text_en="")
    QuestionFactory(organisation=organisation, text_sr="Ko vrbuje žrtve?", text_en="")
    page = coordinator_client.get(LIST, {"q": "дужничко"}).content.decode()
    assert "dužničko" in page and "vrbuje" not in page


def test_another_organisations_question_is_not_found(coordinator_client, other_organisation):
    question = QuestionFactory(organisation=other_organisation)
    response = coordinator_client.get(reverse("learning:question_edit", args=[question.pk]))
    assert response.status_code == 404


def test_list_takes_a_constant_number_of_queries(
    coordinator_client, organisation, django_assert_max_num_queries
):
    QuestionFactory.create_batch(8, organisation=organisation)
    with django_assert_max_num_queries(12):
        coordinator_client.get(LIST)
