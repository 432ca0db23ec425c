"""The list of missing-child reports: open ones first, filtered by status, no child's name, and
the same number of queries however many reports there are."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import Role
from hotline.tests.factories_children import MissingChildReportFactory

pytestmark = pytest.mark.django_db

URL = reverse("hotline:missing_children")


@pytest.fixture
def consultant_client(client_as):
    return client_as(Role.SOS_CONSULTANT)


def _days_ago(days):
    return timezone.localdate() - timedelta(days=days)


def test_open_reports_come_first_and_closed_ones_last(consultant_client, organisation):
    closed = MissingChildReportFactory(
        contact__organisation=organisation, status="closed", last_seen_on=_days_ago(1)
    )
    older = MissingChildReportFactory(contact__organisation=organisation, last_seen_on=_days_ago(9))
    newer = MissingChildReportFactory(
        contact__organisation=organisation, status="searching", last_seen_on=_days_ago(2)
    )

    response = consultant_client.get(URL)

    assert [report for report, _days in response.context["rows"]] == [newer, older, closed]


def test_days_missing_are_counted_until_the_child_is_found(consultant_client, organisation):
    MissingChildReportFactory(contact__organisation=organisation, last_seen_on=_days_ago(6))
    MissingChildReportFactory(
        contact__organisation=organisation, status="found", last_seen_on=_days_ago(20)
    )

    response = consultant_client.get(URL)

    assert [days for _report, days in response.context["rows"]] == [6, None]


def test_the_list_filters_by_status(consultant_client, organisation):
    MissingChildReportFactory(contact__organisation=organisation)
    searching = MissingChildReportFactory(contact__organisation=organisation, status="searching")

    response = consultant_client.get(URL, {"status": "searching"})

    assert [report for report, _days in response.context["rows"]] == [searching]


def test_an_unknown_status_filter_shows_everything(consultant_client, organisation):
    MissingChildReportFactory.create_batch(2, contact__organisation=organisation)

    response = consultant_client.get(URL, {"status": "'; DROP TABLE"})

    assert response.status_code == 200
    assert len(response.context["rows"]) == 2


def test_the_list_shows_no_childs_name(consultant_client, organisation):
    report = MissingChildReportFactory(contact__organisation=organisation)

    page = consultant_client.get(URL).content.decode()

    assert f"#{report.pk}" in page
    assert "Novi Sad, bus station" in page
    assert "Milica" not in page


def test_another_organisations_reports_are_not_listed(consultant_client, other_organisation):
    MissingChildReportFactory(contact__organisation=other_organisation)

    response = consultant_client.get(URL)

    assert response.context["rows"] == []


def test_the_query_count_does_not_grow_with_the_reports(
    consultant_client, organisation, django_assert_max_num_queries
):
    MissingChildReportFactory(contact__organisation=organisation)
    with django_assert_max_num_queries(12) as few:
        consultant_client.get(URL)
    MissingChildReportFactory.create_batch(15, contact__organisation=organisation)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = consultant_client.get(URL)

    assert len(response.context["rows"]) == 16


def test_the_list_is_paginated(consultant_client, organisation):
    MissingChildReportFactory.create_batch(51, contact__organisation=organisation)

    response = consultant_client.get(URL, {"page": "2"})

    assert len(response.context["rows"]) == 1


def test_a_researcher_cannot_see_the_list(client_as):
    assert client_as(Role.RESEARCHER).get(URL).status_code == 403
