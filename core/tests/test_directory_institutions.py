"""The institutions directory: search in either script, filter by type, correct name, type and
municipality; the same institution cannot be entered twice."""

import pytest
from django.urls import reverse

from core.models import AuditEntry, Institution, InstitutionType
from core.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


def test_search_in_either_script_and_filter_by_type(coordinator_client, organisation):
    InstitutionFactory(organisation=organisation, name="ОШ Вук Караџић", municipality="Чачак")
    InstitutionFactory(
        organisation=organisation,
        name="Centar za socijalni rad",
        municipality="Čačak",
        type=InstitutionType.SOCIAL_WORK_CENTRE,
    )

    by_name = coordinator_client.get(reverse("core:institutions"), {"q": "vuk karadzic"})
    by_place = coordinator_client.get(reverse("core:institutions"), {"q": "ЧАЧАК"})
    by_type = coordinator_client.get(
        reverse("core:institutions"), {"q": "cacak", "type": "social_work_centre"}
    )

    assert [i.name for i in by_name.context["page"]] == ["ОШ Вук Караџић"]
    assert len(by_place.context["page"]) == 2
    assert [i.name for i in by_type.context["page"]] == ["Centar za socijalni rad"]


def test_coordinator_corrects_an_institution(coordinator_client, organisation):
    institution = InstitutionFactory(organisation=organisation, name="OS Vuk", municipality="Nis")

    response = coordinator_client.post(
        reverse("core:institution_edit", args=[institution.pk]),
        {"name": "OŠ „Vuk Karadžić”", "type": "primary_school", "municipality": "Niš"},
    )

    assert response["Location"] == reverse("core:institutions")
    institution.refresh_from_db()
    assert (institution.name, institution.municipality) == ("OŠ „Vuk Karadžić”", "Niš")
    assert AuditEntry.objects.filter(object_type="core.institution", action="update").exists()


def test_renaming_into_an_existing_institution_is_a_form_error(coordinator_client, organisation):
    InstitutionFactory(organisation=organisation, name="ОШ Вук Караџић", municipality="Чачак")
    other = InstitutionFactory(organisation=organisation, name="OŠ Drugа", municipality="Čačak")

    response = coordinator_client.post(
        reverse("core:institution_edit", args=[other.pk]),
        {"name": "OS Vuk Karadzic", "type": "primary_school", "municipality": "Cacak"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    other.refresh_from_db()
    assert other.name == "OŠ Drugа"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": ""}, "name"),
        ({"type": "spaceport"}, "type"),
        ({"municipality": ""}, "municipality"),
    ],
)
def test_invalid_institution_shows_the_field_error_and_changes_nothing(
    coordinator_client, organisation, change, field
):
    institution = InstitutionFactory(organisation=organisation, name="OŠ Prva")
    data = {"name": "OŠ Nova", "type": "primary_school", "municipality": "Niš", **change}

    response = coordinator_client.post(
        reverse("core:institution_edit", args=[institution.pk]), data
    )

    assert response.context["form"].errors[field]
    assert Institution.objects.get().name == "OŠ Prva"


def test_another_organisations_institutions_are_invisible(coordinator_client, other_organisation):
    theirs = InstitutionFactory(organisation=other_organisation, name="Tuđa škola")

    listed = coordinator_client.get(reverse("core:institutions")).content.decode()
    edit = coordinator_client.get(reverse("core:institution_edit", args=[theirs.pk]))

    assert "Tuđa škola" not in listed
    assert edit.status_code == 404
