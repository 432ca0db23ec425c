"""The duplicate check finds persons with the same or a similar name in either script, with and
without diacritics, from the blind indexes alone: the names are stored encrypted."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import NameKey, Person
from cases.queries.duplicates import SAME_NAME, SIMILAR_NAME, find_duplicates
from cases.services.persons import set_identity
from cases.tests.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db


def person_named(organisation, given, family, *, year=1995, aliases=""):  # type: ignore[no-untyped-def]
    person = PersonFactory.build(organisation=organisation, year_of_birth=year)
    return set_identity(person, given_name=given, family_name=family, aliases=aliases)


def found(organisation, *names, year=None):  # type: ignore[no-untyped-def]
    return {c.person_id: c for c in find_duplicates(organisation, list(names), year)}


@pytest.mark.parametrize("typed", ["Djordjevic", "Ђорђевић", "DJORDJEVIC", "Đorđević"])
def test_djordjevic_is_found_in_every_script_and_spelling(organisation, typed):
    person = person_named(organisation, "", "Đorđević")

    candidates = found(organisation, typed)

    assert list(candidates) == [person.pk]
    assert candidates[person.pk].strength == SAME_NAME


def test_jovanovic_matches_jovanovich_by_sound(organisation):
    person = person_named(organisation, "Marko", "Jovanović")

    candidates = found(organisation, "Marko", "Jovanovich")

    assert list(candidates) == [person.pk]
    assert candidates[person.pk].strength == SIMILAR_NAME


def test_marija_jovanovic_matches_maria_jovanovich(organisation):
    person = person_named(organisation, "Maria", "Jovanovich")

    assert list(found(organisation, "Marija", "Jovanović")) == [person.pk]


def test_marija_matches_maria(organisation):
    person = person_named(organisation, "Marija", "Petrović")

    assert list(found(organisation, "Maria", "Petrovic")) == [person.pk]


def test_a_surname_alone_needs_the_same_spelling(organisation):
    person_named(organisation, "Marko", "Jovanovich")

    assert found(organisation, "Jovanović") == {}


def test_a_different_name_does_not_match(organisation):
    person_named(organisation, "Marija", "Jovanović")

    assert found(organisation, "Ana", "Jovanović") == {}
    assert found(organisation, "Milica", "Nikolić") == {}


def test_a_year_of_birth_far_apart_excludes_but_close_or_unknown_does_not(organisation):
    far = person_named(organisation, "Jelena", "Petrović", year=1980)
    close = person_named(organisation, "Jelena", "Petrović", year=1997)
    unknown = person_named(organisation, "Jelena", "Petrović", year=None)

    assert set(found(organisation, "Jelena", "Petrović", year=1995)) == {close.pk, unknown.pk}
    assert far.pk in found(organisation, "Jelena", "Petrović")


def test_an_alias_in_the_other_script_is_found(organisation):
    person = person_named(organisation, "Jelena", "Petrović", aliases="Ћоса\nJeca")

    assert list(found(organisation, "Jeca", "Petrović")) == [person.pk]


def test_another_organisations_persons_never_match(organisation, other_organisation):
    person_named(other_organisation, "Jelena", "Petrović")

    assert found(organisation, "Jelena", "Petrović") == {}


def test_candidates_carry_their_case_codes_and_facts(organisation):
    person = person_named(organisation, "Jelena", "Petrović", year=2009)
    CaseFactory(organisation=organisation, person=person, code="A-2025-004")
    CaseFactory(organisation=organisation, person=person, code="A-2026-011")

    (candidate,) = find_duplicates(organisation, ["Jelena", "Petrović"], 2009)

    assert sorted(code for _pk, code in candidate.cases) == ["A-2025-004", "A-2026-011"]
    assert (candidate.year_of_birth, candidate.gender, candidate.citizenship) == (
        2009,
        "Feminine",
        "RS",
    )


def test_the_check_takes_three_queries_whatever_the_number_of_persons(organisation):
    for number in range(15):
        person = person_named(organisation, "Jelena", "Petrović")
        CaseFactory(organisation=organisation, person=person, code=f"A-2026-{number + 100}")

    with CaptureQueriesContext(connection) as queries:
        candidates = find_duplicates(organisation, ["Jelena", "Petrović"], None)

    assert len(candidates) == 15
    assert len(queries) == 3
    assert not any("given_name" in query["sql"] for query in queries)


def test_names_are_stored_encrypted_and_the_keys_hold_no_clear_token(organisation):
    person = person_named(organisation, "Slobodanka", "Đorđević", aliases="Boba")

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT given_name, family_name, aliases FROM cases_person WHERE id = %s",
            [person.pk],
        )
        stored = " ".join(cursor.fetchone())
        cursor.execute("SELECT digest FROM cases_namekey WHERE person_id = %s", [person.pk])
        digests = [row[0] for row in cursor.fetchall()]

    for clear in ("Slobodanka", "slobodanka", "Đorđević", "djordjevic", "Boba", "boba"):
        assert clear not in stored
        assert not any(clear in digest for digest in digests)
    assert len(digests) == 6  # three tokens, each exact and by sound
    assert Person.objects.get(pk=person.pk).given_name == "Slobodanka"


def test_set_identity_replaces_the_keys(organisation):
    person = person_named(organisation, "Jelena", "Petrović")

    set_identity(person, given_name="Milica", family_name="Nikolić")

    assert NameKey.objects.filter(person=person).count() == 4
    assert found(organisation, "Jelena", "Petrović") == {}
    assert list(found(organisation, "Milica", "Nikolić")) == [person.pk]


# --- The view ---------------------------------------------------------------------------------


def test_the_check_shows_the_similar_persons_codes_with_links(case_manager_client, organisation):
    person = person_named(organisation, "Jelena", "Petrović", year=2009)
    case = CaseFactory(organisation=organisation, person=person, code="A-2025-004")

    response = case_manager_client.get(
        reverse("cases:duplicate_check"),
        {"given_name": "Jelena", "family_name": "Petrovic", "year_of_birth": "2010"},
    )

    assert response.status_code == 200
    text = response.content.decode()
    assert "A-2025-004" in text
    assert reverse("cases:case_detail", args=[case.pk]) in text
    assert "Same name" in text
    assert "Jelena" not in text  # the names are never shown by the check


def test_the_check_says_when_nobody_is_similar(case_manager_client):
    response = case_manager_client.get(
        reverse("cases:duplicate_check"), {"family_name": "Petrović"}
    )

    assert response.status_code == 200
    assert "No similar person found" in response.content.decode()


@pytest.mark.parametrize("year", ["1850", "year", "3000"])
def test_an_impossible_year_of_birth_is_a_400_with_a_message(case_manager_client, year):
    response = case_manager_client.get(
        reverse("cases:duplicate_check"), {"family_name": "Petrović", "year_of_birth": year}
    )

    assert response.status_code == 400
    assert "year of birth" in response.content.decode().lower()


def test_an_sos_consultant_cannot_run_the_check(client_as):
    client = client_as("sos_consultant")

    response = client.get(reverse("cases:duplicate_check"), {"family_name": "Petrović"})

    assert response.status_code == 403
