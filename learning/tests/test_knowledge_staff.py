"""A training's test: the trainer builds it from the bank, opens and closes its phases, and
reads the results."""

import pytest
from django.urls import reverse

from core.models import Role
from learning.models import KnowledgeTest, Phase
from learning.services.knowledge import submit_attempt
from learning.tests.factories_knowledge import (
    KnowledgeTestFactory,
    QuestionFactory,
    right_answers,
    wrong_answers,
)
from training.tests.factories import RegistrationFactory, TrainingFactory


@pytest.fixture
def trainer(client_as):
    return client_as(Role.TRAINER)


def test_trainer_creates_a_test_with_questions_in_chosen_order(trainer, organisation):
    training = TrainingFactory(organisation=organisation)
    first, second, _unused = QuestionFactory.create_batch(3, organisation=organisation)
    response = trainer.post(
        reverse("learning:knowledge_test_edit", args=[training.pk]),
        {f"q{second.pk}": "1", f"q{first.pk}": "2", "pass_mark": "70", "anonymous": "on"},
    )
    assert response.status_code == 302
    test = KnowledgeTest.objects.get(training=training)
    assert [i.question for i in test.items.all()] == [second, first]
    assert test.anonymous and test.pass_mark == 70


def test_a_test_needs_a_question(trainer, organisation):
    training = TrainingFactory(organisation=organisation)
    QuestionFactory(organisation=organisation)
    response = trainer.post(reverse("learning:knowledge_test_edit", args=[training.pk]), {})
    assert response.status_code == 400
    assert "at least one question" in response.content.decode()
    assert not KnowledgeTest.objects.exists()


def test_pass_mark_above_100_is_refused(trainer, organisation):
    training = TrainingFactory(organisation=organisation)
    question = QuestionFactory(organisation=organisation)
    response = trainer.post(
        reverse("learning:knowledge_test_edit", args=[training.pk]),
        {f"q{question.pk}": "1", "pass_mark": "150"},
    )
    assert response.status_code == 400
    assert not KnowledgeTest.objects.exists()


def test_questions_cannot_change_once_answered(trainer, organisation):
    test = KnowledgeTestFactory(training__organisation=organisation, pre_open=True)
    submit_attempt(
        test,
        Phase.PRE,
        right_answers(test),
        registration=RegistrationFactory(training=test.training),
    )
    only = test.items.first().question
    response = trainer.post(
        reverse("learning:knowledge_test_edit", args=[test.training.pk]), {f"q{only.pk}": "1"}
    )
    assert response.status_code == 400
    assert test.items.count() == 2


def test_trainer_opens_and_closes_a_phase(trainer, organisation):
    test = KnowledgeTestFactory(training__organisation=organisation)
    url = reverse("learning:knowledge_phase", args=[test.training.pk, "pre"])
    trainer.post(url, {"open": "1"})
    test.refresh_from_db()
    assert test.pre_open and not test.post_open
    trainer.post(url, {"open": "0"})
    test.refresh_from_db()
    assert not test.pre_open


def test_test_page_shows_the_qr_codes_and_addresses(trainer, organisation):
    test = KnowledgeTestFactory(training__organisation=organisation)
    page = trainer.get(reverse("learning:knowledge_test", args=[test.training.pk])).content.decode()
    assert f"/quiz/{test.token}/pre/" in page and f"/quiz/{test.token}/post/" in page
    assert page.count("data:image/svg+xml;base64,") == 2


def test_another_organisations_test_is_not_found(trainer, other_organisation):
    test = KnowledgeTestFactory(training__organisation=other_organisation)
    for name in ("knowledge_test", "knowledge_results", "knowledge_test_edit"):
        assert trainer.get(reverse(f"learning:{name}", args=[test.training.pk])).status_code == 404


def test_results_show_each_participants_gain(trainer, organisation, django_assert_max_num_queries):
    test = KnowledgeTestFactory(training__organisation=organisation, pre_open=True, post_open=True)
    people = RegistrationFactory.create_batch(6, training=test.training)
    for person in people:
        submit_attempt(test, Phase.PRE, wrong_answers(test), registration=person)
        submit_attempt(test, Phase.POST, right_answers(test), registration=person)
    url = reverse("learning:knowledge_results", args=[test.training.pk])
    with django_assert_max_num_queries(15):
        response = trainer.get(url)
    page = response.content.decode()
    assert people[0].full_name in page
    assert "1.00" in page  # every normalised gain is 1
    assert 'role="img"' in page  # the charts


def test_report_section_renders_without_a_test(organisation):
    from django.template.loader import render_to_string

    from learning.queries.knowledge import knowledge_report

    training = TrainingFactory(organisation=organisation)
    html = render_to_string("learning/knowledge/report_section.html", knowledge_report(training))
    assert "no knowledge test" in html


def test_the_training_report_gives_the_gain_without_naming_anyone(organisation):
    from django.template.loader import render_to_string

    from learning.queries.knowledge import knowledge_report

    test = KnowledgeTestFactory(training__organisation=organisation, pre_open=True, post_open=True)
    person = RegistrationFactory(training=test.training, first_name="Zorana", last_name="Kostić")
    submit_attempt(test, Phase.PRE, wrong_answers(test), registration=person)
    submit_attempt(test, Phase.POST, right_answers(test), registration=person)

    html = render_to_string(
        "learning/knowledge/report_section.html", knowledge_report(test.training)
    )

    assert "Kostić" not in html  # the report goes to donors and accrediting bodies
    assert "1 participant, average" in html
