"""The public catalogue at /programmes/: anyone can browse active programmes."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from catalogue.models import ProgrammeStatus, Sector
from catalogue.tests.factories import AccreditationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

URL = reverse("catalogue:public_list")


def test_visitor_sees_active_programmes_with_organisation_audience_and_accreditation(
    client, organisation
):
    programme = ProgrammeFactory(
        organisation=organisation,
        title_en="Health Consequences of Human Trafficking",
        sectors=[Sector.HEALTH],
    )
    AccreditationFactory(
        programme=programme, body__name_en="Health Council of Serbia", cpd_points=Decimal("6")
    )

    page = client.get(URL).content.decode()

    assert "Health Consequences of Human Trafficking" in page
    assert organisation.name in page
    assert "Health" in page
    assert "Health Council of Serbia" in page
    assert "6 CPD points" in page


def test_drafts_and_retired_programmes_are_not_listed(client, organisation):
    ProgrammeFactory(organisation=organisation, title_en="Active one")
    ProgrammeFactory(organisation=organisation, title_en="Draft one", status=ProgrammeStatus.DRAFT)
    ProgrammeFactory(
        organisation=organisation, title_en="Retired one", status=ProgrammeStatus.RETIRED
    )

    page = client.get(URL).content.decode()

    assert "Active one" in page
    assert "Draft one" not in page
    assert "Retired one" not in page


def test_programmes_of_every_organisation_are_listed_and_can_be_filtered(
    client, organisation, other_organisation
):
    ProgrammeFactory(organisation=organisation, title_en="Ours")
    ProgrammeFactory(organisation=other_organisation, title_en="Theirs")

    everything = client.get(URL).content.decode()
    only_theirs = client.get(URL, {"organisation": other_organisation.slug}).content.decode()

    assert "Ours" in everything and "Theirs" in everything
    assert "Theirs" in only_theirs and "Ours" not in only_theirs


def test_filter_by_audience_sector(client, organisation):
    ProgrammeFactory(organisation=organisation, title_en="For schools", sectors=[Sector.EDUCATION])
    ProgrammeFactory(organisation=organisation, title_en="For doctors", sectors=[Sector.HEALTH])

    page = client.get(URL, {"sector": Sector.HEALTH}).content.decode()

    assert "For doctors" in page
    assert "For schools" not in page


def test_search_finds_a_cyrillic_title_typed_in_latin(client, organisation):
    ProgrammeFactory(organisation=organisation, title_sr="Здравствене последице", title_en="")
    ProgrammeFactory(organisation=organisation, title_sr="Хранитељска породица", title_en="")

    page = client.get(URL, {"q": "zdravstvene"}).content.decode()

    assert "Zdravstvene posledice" in page
    assert "Hraniteljska" not in page


def test_unknown_filter_values_are_ignored_not_an_error(client, organisation):
    ProgrammeFactory(organisation=organisation, title_en="Still listed")

    response = client.get(URL, {"sector": "nonsense", "organisation": "nobody", "page": "x"})

    assert response.status_code == 200
    assert "Still listed" in response.content.decode()


def test_list_is_paginated_24_per_page(client, organisation):
    ProgrammeFactory.create_batch(30, organisation=organisation)

    first = client.get(URL)
    second = client.get(URL, {"page": 2})

    assert len(first.context["page"]) == 24
    assert len(second.context["page"]) == 6


def _queries_for_list(client) -> int:
    """Queries of a freshly rendered page (not one kept from an earlier request)."""
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def _programmes_with_history(organisation, count: int) -> None:
    today = timezone.localdate()
    for programme in ProgrammeFactory.create_batch(
        count, organisation=organisation, sectors=[Sector.EDUCATION, Sector.HEALTH]
    ):
        AccreditationFactory(programme=programme)
        AccreditationFactory(
            programme=programme,
            valid_from=today - timedelta(days=900),
            valid_until=today - timedelta(days=400),
        )


def test_query_count_is_small_and_the_same_for_10_or_60_programmes(
    client, organisation, other_organisation
):
    _programmes_with_history(organisation, 10)
    with_ten = _queries_for_list(client)
    _programmes_with_history(other_organisation, 50)
    with_sixty = _queries_for_list(client)

    assert with_ten == with_sixty
    assert with_sixty <= 10


def test_serbian_cyrillic_interface_shows_latin_titles_in_cyrillic(client, organisation):
    ProgrammeFactory(
        organisation=organisation,
        title_sr="Trgovina ljudima - prevencija i edukacija",
        title_en="Trafficking in Human Beings - Prevention and Education",
    )
    client.cookies["django_language"] = "sr"

    page = client.get(URL).content.decode()

    assert "Трговина људима - превенција и едукација" in page
    assert "Trafficking in Human Beings" not in page


def test_serbian_latin_interface_shows_cyrillic_titles_in_latin(client, organisation):
    ProgrammeFactory(organisation=organisation, title_sr="Здравствене последице трговине људима")
    client.cookies["django_language"] = "sr-latn"

    page = client.get(URL).content.decode()

    assert "Zdravstvene posledice trgovine ljudima" in page


def test_english_interface_falls_back_to_serbian_when_no_english_title(client, organisation):
    ProgrammeFactory(organisation=organisation, title_sr="Hraniteljska porodica", title_en="")
    client.cookies["django_language"] = "en"

    assert "Hraniteljska porodica" in client.get(URL).content.decode()


def test_a_kept_page_is_served_with_one_query_until_the_catalogue_changes(
    client, organisation, django_assert_num_queries
):
    from catalogue.services import save_programme

    programme = ProgrammeFactory(organisation=organisation, title_en="First title")
    client.get(URL)

    with django_assert_num_queries(1):
        kept = client.get(URL).content.decode()
    programme.title_en = "Renamed by the coordinator"
    save_programme(programme, sectors=[Sector.EDUCATION], organisation=organisation)
    fresh = client.get(URL).content.decode()

    assert "First title" in kept
    assert "Renamed by the coordinator" in fresh


def test_signed_in_staff_never_get_a_page_kept_for_visitors(
    client, organisation, coordinator_client
):
    ProgrammeFactory(organisation=organisation)
    client.get(URL)

    page = coordinator_client.get(URL).content.decode()

    assert reverse("core:dashboard") in page
