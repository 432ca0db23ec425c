"""The season: upcoming and recent trainings with fill rate, waitlist and certificates pending,
filtered by year and status, in a fixed number of queries; and its dashboard panel."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import Role
from training.models import TrainingStatus
from training.tests.factories import CertificateFactory, RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _season(client, **params):
    return client.get(reverse("training:season"), params)


def test_upcoming_and_recent_trainings_with_fill_rate_waitlist_and_certificates_pending(
    coordinator_client, organisation
):
    upcoming = TrainingFactory(organisation=organisation, capacity=4, city="Beograd")
    RegistrationFactory.create_batch(3, training=upcoming)
    RegistrationFactory.create_batch(2, training=upcoming, status="waitlisted")
    RegistrationFactory(training=upcoming, status="cancelled")
    past_day = TODAY - timedelta(days=30)
    held = TrainingFactory(
        organisation=organisation, status=TrainingStatus.HELD, days=[past_day], city="Niš"
    )
    with_certificate, *_rest = RegistrationFactory.create_batch(3, training=held)
    CertificateFactory(registration=with_certificate)
    revoked = CertificateFactory(registration=_rest[0])
    revoked.revoked_at = timezone.now()
    revoked.save()

    response = _season(coordinator_client)

    [row] = response.context["upcoming"]
    assert (row.confirmed_count, row.waitlisted_count, row.certificates_pending) == (3, 2, 0)
    [past] = response.context["recent"]
    assert (past.confirmed_count, past.certificates_pending) == (3, 2)
    html = response.content.decode()
    assert "3 of 4" in html
    assert "(75%)" in html


def test_certificates_are_not_pending_before_the_training_is_held(coordinator_client, organisation):
    training = TrainingFactory(organisation=organisation, days=[TODAY - timedelta(days=3)])
    RegistrationFactory(training=training)

    [row] = _season(coordinator_client).context["recent"]

    assert row.certificates_pending == 0


def test_filters_by_year_and_status(coordinator_client, organisation):
    TrainingFactory(organisation=organisation, days=[date(2023, 5, 10)], status="reported")
    TrainingFactory(organisation=organisation, days=[date(2024, 5, 10)], status="reported")
    TrainingFactory(organisation=organisation, days=[date(2024, 6, 10)], status="held")

    by_year = _season(coordinator_client, year="2024")
    by_both = _season(coordinator_client, year="2024", status="held")
    nonsense = _season(coordinator_client, year="abc", status="nope")

    assert {t.starts_on.year for t in by_year.context["recent"]} == {2024}
    assert len(by_year.context["recent"]) == 2
    assert [t.starts_on for t in by_both.context["recent"]] == [date(2024, 6, 10)]
    assert nonsense.status_code == 200
    assert len(nonsense.context["recent"]) == 3
    assert by_year.context["filters"].fields["year"].choices[1:] == [(2024, 2024), (2023, 2023)]


@pytest.mark.parametrize("trainings", [2, 20])
def test_the_season_needs_the_same_few_queries_however_many_trainings(
    coordinator_client, organisation, trainings, django_assert_max_num_queries
):
    for number in range(trainings):
        training = TrainingFactory(organisation=organisation, days=[TODAY + timedelta(days=number)])
        RegistrationFactory.create_batch(2, training=training)

    with django_assert_max_num_queries(10):
        response = _season(coordinator_client)

    assert len(response.context["upcoming"]) == trainings


def test_another_organisations_trainings_are_not_listed(coordinator_client, other_organisation):
    TrainingFactory(organisation=other_organisation)

    response = _season(coordinator_client)

    assert response.context["upcoming"] == []


def test_dashboard_panel_shows_upcoming_trainings_and_pending_certificates(client_as, organisation):
    TrainingFactory(organisation=organisation, city="Kraljevo", capacity=10)
    held = TrainingFactory(
        organisation=organisation, status="held", days=[TODAY - timedelta(days=10)]
    )
    RegistrationFactory.create_batch(2, training=held)

    html = client_as(Role.TRAINER).get(reverse("core:dashboard")).content.decode()

    assert "Kraljevo" in html
    assert "0 of 10 places taken" in html
    assert "2 participants of held trainings have no certificate yet." in html


def test_dashboard_has_no_training_panel_for_those_who_do_not_see_trainings(
    client_as, organisation
):
    TrainingFactory(organisation=organisation, city="Kraljevo")

    html = client_as(Role.RESEARCHER).get(reverse("core:dashboard")).content.decode()

    assert "Kraljevo" not in html
