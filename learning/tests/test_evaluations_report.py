"""The training report's evaluation section: rate, averages, and only the quotes chosen."""

import pytest
from django.template.loader import render_to_string

from learning.queries.evaluations import evaluations_report
from learning.tests.factories_evaluations import EvaluationFactory, answer_evaluation, item_at
from training.tests.factories import AttendanceFactory, RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db


def test_the_report_quotes_only_shareable_comments(organisation) -> None:
    evaluation = EvaluationFactory(training=TrainingFactory(organisation=organisation))
    AttendanceFactory(registration=RegistrationFactory(training=evaluation.training))
    AttendanceFactory(registration=RegistrationFactory(training=evaluation.training))
    comments = item_at(evaluation, 6)
    answer_evaluation(
        evaluation, {item_at(evaluation, 1): 5, comments: "Za izveštaj."}, shareable=True
    )
    answer_evaluation(evaluation, {item_at(evaluation, 1): 3, comments: "Samo za nas."})

    report = evaluations_report(evaluation.training)
    html = render_to_string("learning/evaluations/report_section.html", report)

    assert (report["responses"], report["attended"], report["rate_percent"]) == (2, 2, 100)
    assert [answer.text for answer in report["quotes"]] == ["Za izveštaj."]
    assert report["items"][0].rows[0].average == 4.0
    assert "Za izveštaj." in html
    assert "Samo za nas." not in html
    assert "2 of 2 participants who attended answered the evaluation (100%)." in html
    assert "<script" not in html


def test_the_report_costs_a_fixed_number_of_queries(organisation, django_assert_num_queries):
    evaluation = EvaluationFactory(training=TrainingFactory(organisation=organisation))
    for n in range(10):
        answer_evaluation(
            evaluation, {item_at(evaluation, 1): 1 + n % 5, item_at(evaluation, 6): "x"}
        )

    with django_assert_num_queries(6):
        evaluations_report(evaluation.training)


def test_a_training_without_an_evaluation_says_so(organisation) -> None:
    training = TrainingFactory(organisation=organisation)

    html = render_to_string(
        "learning/evaluations/report_section.html", evaluations_report(training)
    )

    assert "No evaluation was held for this training." in html
