"""The plans section of the training report: groups with activities and requests with status."""

from datetime import date

import pytest
from django.template.loader import render_to_string

from learning.models.plans import WorkshopRequestStatus
from learning.queries.plans import plans_report
from learning.tests.factories_plans import (
    PlanActivityFactory,
    PlanGroupFactory,
    WorkshopRequestFactory,
)
from training.tests.factories import TrainingFactory

pytestmark = pytest.mark.django_db


def test_report_counts_activities_and_requests_by_status(
    organisation, django_assert_max_num_queries
):
    training = TrainingFactory(organisation=organisation)
    first, second = PlanGroupFactory.create_batch(2, training=training)
    PlanActivityFactory.create_batch(2, group=first, when_month=date(2027, 3, 1), when_text="")
    PlanActivityFactory(group=second)
    WorkshopRequestFactory(group=first, expected_participants=30)
    WorkshopRequestFactory(
        group=second,
        status=WorkshopRequestStatus.DONE,
        held_on=date(2027, 4, 1),
        expected_participants=20,
    )

    with django_assert_max_num_queries(4):
        report = plans_report(training)
        html = render_to_string("learning/plans/report_section.html", {"plans": report})

    assert (report["activity_count"], report["request_count"]) == (3, 2)
    assert report["expected_participants"] == 50
    assert report["done_count"] == 1
    assert "2 groups wrote plans with 3 activities and 2 requests" in html
    assert "Bezbednost na internetu" in html


def test_report_says_when_no_plans_were_written(organisation):
    training = TrainingFactory(organisation=organisation)

    html = render_to_string("learning/plans/report_section.html", {"plans": plans_report(training)})

    assert "No action plans were written at this training." in html
