"""Coordinators add and edit programmes; bad input shows field errors and writes nothing."""

import pytest
from django.urls import reverse

from catalogue.models import Programme, ProgrammeStatus, Sector
from catalogue.tests.factories import ProgrammeFactory
from core.models import AuditEntry, Role

pytestmark = pytest.mark.django_db

VALID = {
    "title_sr": "Трговина људима (децом) – превенција и едукација",
    "title_en": "Trafficking in Human Beings (Children) - Prevention and Education",
    "summary_sr": "Програм за наставнике.",
    "sectors": [Sector.EDUCATION],
    "professions_sr": "nastavnici i stručni saradnici",
    "format": "in_person",
    "duration_days": "2",
    "duration_hours": "16",
    "topics_sr": "Pravni okvir\nMitovi i predrasude",
    "status": ProgrammeStatus.ACTIVE,
}


def test_coordinator_adds_a_programme_and_it_appears_in_both_lists(coordinator_client, client):
    response = coordinator_client.post(reverse("catalogue:programme_add"), VALID)

    programme = Programme.objects.get()
    assert response["Location"] == reverse("catalogue:programme_detail", args=[programme.pk])
    assert programme.slug == "trgovina-ljudima-decom-prevencija-i-edukacija"
    assert [a.sector for a in programme.audiences.all()] == [Sector.EDUCATION]
    staff_list = coordinator_client.get(reverse("catalogue:programme_list")).content.decode()
    assert "Trafficking in Human Beings (Children)" in staff_list
    assert "Trafficking in Human Beings (Children)" in client.get("/programmes/").content.decode()
    assert AuditEntry.objects.filter(object_type="catalogue.programme", action="create").exists()


def test_same_title_twice_gets_a_numbered_address(coordinator_client):
    coordinator_client.post(reverse("catalogue:programme_add"), VALID)
    coordinator_client.post(reverse("catalogue:programme_add"), VALID)

    slugs = sorted(Programme.objects.values_list("slug", flat=True))
    assert slugs == [
        "trgovina-ljudima-decom-prevencija-i-edukacija",
        "trgovina-ljudima-decom-prevencija-i-edukacija-2",
    ]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title_sr": ""}, "title_sr"),
        ({"duration_days": "0"}, "duration_days"),
        ({"duration_hours": "-3"}, "duration_hours"),
        ({"sectors": []}, "sectors"),
        ({"sectors": ["astronauts"]}, "sectors"),
        ({"status": "published"}, "status"),
    ],
)
def test_invalid_programme_shows_the_field_error_and_writes_nothing(
    coordinator_client, change, field
):
    response = coordinator_client.post(reverse("catalogue:programme_add"), {**VALID, **change})

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Programme.objects.exists()


def test_editing_keeps_the_address_and_replaces_the_sectors(coordinator_client, organisation):
    programme = ProgrammeFactory(organisation=organisation, slug="kept", sectors=[Sector.HEALTH])

    coordinator_client.post(
        reverse("catalogue:programme_edit", args=[programme.pk]),
        {**VALID, "title_sr": "Novi naslov", "sectors": [Sector.POLICE, Sector.JUDICIARY]},
    )

    programme.refresh_from_db()
    assert programme.title_sr == "Novi naslov"
    assert programme.slug == "kept"
    assert sorted(a.sector for a in programme.audiences.all()) == [Sector.JUDICIARY, Sector.POLICE]


def test_trainer_may_read_but_not_add_programmes(client_as):
    trainer = client_as(Role.TRAINER)

    assert trainer.get(reverse("catalogue:programme_list")).status_code == 200
    assert trainer.get(reverse("catalogue:programme_add")).status_code == 403


def test_another_organisations_programme_is_404_for_staff(coordinator_client, other_organisation):
    theirs = ProgrammeFactory(organisation=other_organisation)

    assert (
        coordinator_client.get(reverse("catalogue:programme_detail", args=[theirs.pk])).status_code
        == 404
    )
    assert (
        coordinator_client.post(
            reverse("catalogue:programme_edit", args=[theirs.pk]), VALID
        ).status_code
        == 404
    )
    theirs.refresh_from_db()
    assert theirs.title_sr != VALID["title_sr"]


@pytest.mark.parametrize(
    "path",
    [
        "/catalogue/abc/",
        "/catalogue/-1/",
        "/catalogue/99999999999999999999999/",
        "/catalogue/12345/edit/",
        "/catalogue/accreditations/99999999999999999999999/decision/",
        "/catalogue/enquiries/0/",
    ],
)
def test_malformed_or_unknown_ids_are_404(coordinator_client, path):
    assert coordinator_client.get(path).status_code == 404


def test_staff_list_filters_by_status_and_search(coordinator_client, organisation):
    ProgrammeFactory(organisation=organisation, title_en="Active course")
    ProgrammeFactory(organisation=organisation, title_en="Draft course", status="draft")

    drafts = coordinator_client.get(reverse("catalogue:programme_list"), {"status": "draft"})
    searched = coordinator_client.get(reverse("catalogue:programme_list"), {"q": "active"})

    assert "Draft course" in drafts.content.decode()
    assert "Active course" not in drafts.content.decode()
    assert "Active course" in searched.content.decode()
    assert "Draft course" not in searched.content.decode()


def test_staff_list_query_count_is_constant(
    coordinator_client, organisation, django_assert_max_num_queries
):
    ProgrammeFactory.create_batch(30, organisation=organisation)

    with django_assert_max_num_queries(12):
        coordinator_client.get(reverse("catalogue:programme_list"))
