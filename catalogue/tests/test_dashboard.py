"""Dashboard panels: accreditations about to end, and new enquiries."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from catalogue.models import ProgrammeStatus
from catalogue.tests.factories import AccreditationFactory, EnquiryFactory
from core.models import Role

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("core:dashboard")


def accredited_until(organisation, days: int, **programme):
    today = timezone.localdate()
    return AccreditationFactory(
        programme__organisation=organisation,
        valid_from=today - timedelta(days=300),
        valid_until=today + timedelta(days=days),
        **{f"programme__{key}": value for key, value in programme.items()},
    )


def test_accreditation_ending_in_30_days_is_shown_and_one_in_200_days_is_not(
    coordinator_client, organisation
):
    accredited_until(organisation, 30, title_en="Ends soon")
    accredited_until(organisation, 200, title_en="Ends later")

    page = coordinator_client.get(DASHBOARD).content.decode()

    assert "Accreditations ending" in page
    assert "Ends soon" in page
    assert "Ends later" not in page


def test_expired_accreditation_of_an_active_programme_is_shown(coordinator_client, organisation):
    accredited_until(organisation, -10, title_en="Lapsed")

    assert "Lapsed" in coordinator_client.get(DASHBOARD).content.decode()


def test_renewed_programme_is_not_shown(coordinator_client, organisation):
    old = accredited_until(organisation, 20, title_en="Renewed")
    today = timezone.localdate()
    AccreditationFactory(
        programme=old.programme,
        valid_from=today + timedelta(days=21),
        valid_until=today + timedelta(days=1000),
    )

    assert "Renewed" not in coordinator_client.get(DASHBOARD).content.decode()


def test_retired_programme_is_not_shown(coordinator_client, organisation):
    accredited_until(organisation, 30, title_en="Retired", status=ProgrammeStatus.RETIRED)

    assert "Retired" not in coordinator_client.get(DASHBOARD).content.decode()


def test_another_organisations_accreditations_are_not_shown(coordinator_client, other_organisation):
    accredited_until(other_organisation, 30, title_en="Theirs")

    assert "Theirs" not in coordinator_client.get(DASHBOARD).content.decode()


def test_new_enquiries_are_counted_for_coordinators(coordinator_client, organisation):
    EnquiryFactory.create_batch(3, programme__organisation=organisation)

    assert "3 new enquiries" in coordinator_client.get(DASHBOARD).content.decode()


def test_trainer_sees_accreditations_but_not_enquiries(client_as, organisation):
    accredited_until(organisation, 30, title_en="Ends soon")
    EnquiryFactory(programme__organisation=organisation)

    page = client_as(Role.TRAINER).get(DASHBOARD).content.decode()

    assert "Ends soon" in page
    assert "new enquir" not in page


def test_dashboard_query_count_does_not_grow_with_programmes(
    coordinator_client, organisation, django_assert_max_num_queries
):
    for _ in range(15):
        accredited_until(organisation, 30)
    EnquiryFactory.create_batch(5, programme__organisation=organisation)

    with django_assert_max_num_queries(10):
        coordinator_client.get(DASHBOARD)
