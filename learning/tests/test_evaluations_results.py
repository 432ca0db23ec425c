"""Trainers and the coordinator read a training's evaluation: response rate, averages and
distributions per item and per trainer, and the comments."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import Role
from core.tests.factories import PersonFactory
from learning.queries.evaluations import evaluation_results
from learning.tests.factories_evaluations import EvaluationFactory, answer_evaluation, item_at
from training.models import RegistrationStatus
from training.tests.factories import AttendanceFactory, RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluation(organisation):
    evaluation = EvaluationFactory(training=TrainingFactory(organisation=organisation))
    training = evaluation.training
    training.trainers.add(
        PersonFactory(organisation=organisation, first_name="Ana", last_name="Antić"),
        PersonFactory(organisation=organisation, first_name="Bojan", last_name="Bašić"),
    )
    return evaluation


def results_url(evaluation) -> str:
    return reverse("learning:evaluation_results", args=[evaluation.training_id])


def test_each_item_shows_its_average_and_distribution(evaluation) -> None:
    outcomes = item_at(evaluation, 1)
    for rating in (5, 4, 4, 3):
        answer_evaluation(evaluation, {outcomes: rating})

    result = evaluation_results(evaluation.training).items[0]

    assert result.item == outcomes
    (row,) = result.rows
    assert row.average == 4.0
    assert row.counts == [0, 0, 1, 2, 1]


def test_per_trainer_items_are_averaged_for_each_trainer(evaluation) -> None:
    knowledge = item_at(evaluation, 2)
    ana, bojan = evaluation.training.trainers.order_by("last_name")
    answer_evaluation(evaluation, {(knowledge, ana): 5, (knowledge, bojan): 3})
    answer_evaluation(evaluation, {(knowledge, ana): 4, (knowledge, bojan): 2})

    rows = evaluation_results(evaluation.training).items[1].rows

    assert [(row.trainer, row.average) for row in rows] == [(ana, 4.5), (bojan, 2.5)]


def test_response_rate_counts_confirmed_participants_who_attended_a_day(evaluation) -> None:
    training = evaluation.training
    for _ in range(4):
        AttendanceFactory(registration=RegistrationFactory(training=training))
    RegistrationFactory(training=training)  # never came
    AttendanceFactory(
        registration=RegistrationFactory(training=training, status=RegistrationStatus.CANCELLED)
    )
    answer_evaluation(evaluation, {item_at(evaluation, 1): 5})
    answer_evaluation(evaluation, {item_at(evaluation, 1): 4})
    answer_evaluation(evaluation, {item_at(evaluation, 1): 4})

    results = evaluation_results(training)

    assert (results.responses, results.attended, results.rate_percent) == (3, 4, 75)


def test_the_results_page_shows_rate_averages_and_comments(
    client_as, evaluation, django_assert_max_num_queries
) -> None:
    AttendanceFactory(registration=RegistrationFactory(training=evaluation.training))
    AttendanceFactory(registration=RegistrationFactory(training=evaluation.training))
    ana = evaluation.training.trainers.get(first_name="Ana")
    answer_evaluation(
        evaluation,
        {
            item_at(evaluation, 1): 5,
            (item_at(evaluation, 2), ana): 4,
            item_at(evaluation, 6): "Mnogo primera iz prakse.",
        },
    )
    client = client_as(Role.TRAINER)

    with django_assert_max_num_queries(14):
        response = client.get(results_url(evaluation))

    page = response.content.decode()
    assert response.status_code == 200
    assert "50% (1 of 2)" in page
    assert "5.00" in page
    assert "Ana Antić" in page
    assert "Mnogo primera iz prakse." in page
    # Trainers read the comments; choosing quotes for reports is the coordinator's.
    assert "Mark shareable for reports" not in page


def test_the_results_page_costs_the_same_with_many_responses(
    coordinator_client, evaluation, django_assert_num_queries
) -> None:
    def load() -> None:
        coordinator_client.get(results_url(evaluation))

    ana, bojan = evaluation.training.trainers.all()
    answer_evaluation(
        evaluation,
        {item_at(evaluation, 1): 3, (item_at(evaluation, 2), ana): 4, item_at(evaluation, 6): "Da"},
    )
    load()  # the first request of a session does its own bookkeeping
    with CaptureQueriesContext(connection) as few:
        load()
    for n in range(20):
        answer_evaluation(
            evaluation,
            {
                item_at(evaluation, 1): 1 + n % 5,
                (item_at(evaluation, 2), ana): 4,
                (item_at(evaluation, 2), bojan): 5,
                item_at(evaluation, 6): f"Komentar {n}",
            },
        )

    with django_assert_num_queries(len(few.captured_queries)):
        load()


def test_another_organisations_results_are_not_found(client_as, other_organisation) -> None:
    theirs = EvaluationFactory(training=TrainingFactory(organisation=other_organisation))
    client = client_as(Role.EDUCATION_COORDINATOR)

    assert client.get(results_url(theirs)).status_code == 404
    assert client.get(reverse("learning:evaluation", args=[theirs.training_id])).status_code == 404
