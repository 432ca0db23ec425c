"""The people directory: coordinators find people typed in either script, add trainers and edit
them; each organisation sees only its own people."""

import pytest
from django.urls import reverse

from core.models import AuditEntry, Person, Role
from core.tests.factories import InstitutionFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_coordinator_adds_a_trainer_who_can_then_be_chosen_for_a_training(
    coordinator_client, organisation
):
    school = InstitutionFactory(organisation=organisation)

    response = coordinator_client.post(
        reverse("core:person_add"),
        {
            "first_name": "Ана",
            "last_name": "Јовановић",
            "email": "ana@example.org",
            "profession": "psihološkinja",
            "institution": str(school.pk),
            "is_trainer": "on",
        },
    )

    assert response["Location"] == reverse("core:people")
    person = Person.objects.get()
    assert (person.organisation, person.institution, person.is_trainer) == (
        organisation,
        school,
        True,
    )
    form = coordinator_client.get(reverse("training:training_add")).context["form"]
    assert list(form.fields["trainers"].queryset) == [person]
    assert AuditEntry.objects.filter(object_type="core.person", action="create").exists()


def test_a_name_typed_in_latin_finds_the_person_written_in_cyrillic(
    coordinator_client, organisation
):
    PersonFactory(organisation=organisation, first_name="Ђорђе", last_name="Јовановић")
    PersonFactory(organisation=organisation, first_name="Marko", last_name="Marković")

    for search in ["jovanovic djordje", "Đorđe", "ЈОВАНОВИЋ"]:
        page = coordinator_client.get(reverse("core:people"), {"q": search}).context["page"]
        assert [p.first_name for p in page] == ["Ђорђе"], search


def test_editing_removes_the_trainer_flag(coordinator_client, organisation):
    person = PersonFactory(organisation=organisation, is_trainer=True)

    coordinator_client.post(
        reverse("core:person_edit", args=[person.pk]),
        {"first_name": person.first_name, "last_name": person.last_name, "email": ""},
    )

    person.refresh_from_db()
    assert person.is_trainer is False
    assert AuditEntry.objects.filter(object_type="core.person", action="update").exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [({"first_name": ""}, "first_name"), ({"email": "not-an-address"}, "email")],
)
def test_invalid_person_shows_the_field_error_and_writes_nothing(coordinator_client, change, field):
    data = {"first_name": "Ana", "last_name": "Ilić", **change}

    response = coordinator_client.post(reverse("core:person_add"), data)

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Person.objects.exists()


def test_another_organisations_institution_cannot_be_chosen(coordinator_client, other_organisation):
    theirs = InstitutionFactory(organisation=other_organisation)

    response = coordinator_client.post(
        reverse("core:person_add"),
        {"first_name": "Ana", "last_name": "Ilić", "institution": str(theirs.pk)},
    )

    assert response.context["form"].errors["institution"]
    assert not Person.objects.exists()


def test_another_organisations_people_are_neither_listed_nor_editable(
    coordinator_client, other_organisation
):
    theirs = PersonFactory(organisation=other_organisation, last_name="Tuđinović")

    listed = coordinator_client.get(reverse("core:people")).content.decode()
    edit = coordinator_client.get(reverse("core:person_edit", args=[theirs.pk]))

    assert "Tuđinović" not in listed
    assert edit.status_code == 404


def test_the_list_needs_the_same_queries_for_many_people(
    coordinator_client, organisation, django_assert_max_num_queries
):
    for _ in range(30):
        PersonFactory(
            organisation=organisation, institution=InstitutionFactory(organisation=organisation)
        )

    with django_assert_max_num_queries(9):
        response = coordinator_client.get(reverse("core:people"))

    assert len(response.context["page"]) == 30


def test_a_trainer_cannot_open_the_directory(client_as):
    assert client_as(Role.TRAINER).get(reverse("core:people")).status_code == 403
