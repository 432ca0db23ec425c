"""Opening a case: directly or from an accepted hand-over (keeping its code), with a new person or
one found by the duplicate check; bad input is refused with nothing written."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.codes import TraffickingStatus
from cases.models import Case, IdentificationDecision, NameKey, Person
from cases.services.persons import set_identity
from cases.tests.factories import CaseFactory, PersonFactory, TeamFactory
from hotline.codes import AgeBand, Gender
from hotline.tests.factories_children import CaseHandoverFactory

pytestmark = pytest.mark.django_db

NEW = reverse("cases:case_new")


@pytest.fixture
def team(organisation, case_manager):  # type: ignore[no-untyped-def]
    team = TeamFactory(organisation=organisation, name="Tim Beograd")
    team.members.add(case_manager)
    return team


def form(**changes):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    data = {
        "given_name": "Jelena",
        "family_name": "Petrović",
        "aliases": "Jeca",
        "gender": Gender.FEMININE,
        "year_of_birth": str(today.year - 15),
        "citizenship": "RS",
        "languages": ["sr", "rom"],
        "opened_on": today.isoformat(),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_a_case_manager_opens_a_case_and_lands_on_its_overview(
    case_manager_client, case_manager, organisation, team
):
    response = case_manager_client.post(NEW, form(team=team.pk), follow=True)

    case = Case.objects.get()
    year = timezone.localdate().year
    assert case.code == f"A-{year}-001"
    assert response.redirect_chain[-1][0] == reverse("cases:case_detail", args=[case.pk])
    text = response.content.decode()
    assert f"Case A-{year}-001 opened." in text
    assert "Jelena" in text and "Petrović" in text
    assert (case.case_manager, case.team, case.age_at_identification, case.is_minor) == (
        case_manager,
        team,
        15,
        True,
    )
    assert case.identification_status == TraffickingStatus.PRESUMED
    decision = IdentificationDecision.objects.get(case=case)
    assert (decision.status, decision.decided_on, decision.recorded_by) == (
        TraffickingStatus.PRESUMED,
        case.opened_on,
        case_manager,
    )
    assert case.person.languages == ["sr", "rom"]
    assert NameKey.objects.filter(person=case.person).count() == 6


def test_the_only_team_of_the_case_manager_is_chosen_by_default(case_manager_client, team):
    response = case_manager_client.get(NEW)

    assert response.status_code == 200
    assert f'<option value="{team.pk}" selected>' in response.content.decode()


def test_an_adult_is_not_a_minor_and_an_unknown_year_uses_the_minor_box(
    case_manager_client,
):
    case_manager_client.post(NEW, form(year_of_birth="1990"))
    case_manager_client.post(NEW, form(year_of_birth="", minor="on", given_name="Ana"))

    adult, child = Case.objects.order_by("pk")
    assert (adult.is_minor, child.is_minor, child.age_at_identification) == (False, True, None)


def test_the_check_button_shows_similar_persons_and_keeps_what_was_typed(
    case_manager_client, organisation
):
    person = PersonFactory.build(organisation=organisation, year_of_birth=2010)
    set_identity(person, given_name="Jelena", family_name="Petrović")
    CaseFactory(organisation=organisation, person=person, code="A-2025-004")

    response = case_manager_client.post(NEW, form(check="1", family_name="Petrovic"))

    assert response.status_code == 200
    text = response.content.decode()
    assert "A-2025-004" in text
    assert 'value="Petrovic"' in text
    assert "Open a new case for this person" in text
    assert Case.objects.count() == 1


def test_a_new_case_for_a_person_found_creates_no_new_person(case_manager_client, organisation):
    person = PersonFactory.build(organisation=organisation, year_of_birth=2010)
    set_identity(person, given_name="Jelena", family_name="Petrović")
    CaseFactory(organisation=organisation, person=person, code="A-2025-004")

    response = case_manager_client.post(NEW, form(existing_person=str(person.pk)))

    assert response.status_code == 302
    assert Person.objects.count() == 1
    assert Case.objects.filter(person=person).count() == 2


def test_a_case_from_an_accepted_handover_keeps_its_code(case_manager_client, organisation):
    handover = CaseHandoverFactory(
        contact__organisation=organisation,
        contact__caller_gender=Gender.MASCULINE,
        contact__caller_age_band=AgeBand.FROM_14,
        status="accepted",
        case_code="A-2026-042",
    )
    url = reverse("cases:case_from_handover", args=[handover.pk])

    page = case_manager_client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "A-2026-042" in text and "She asks for shelter" in text
    assert f'<option value="{Gender.MASCULINE}" selected>' in text

    response = case_manager_client.post(url, form(gender=Gender.MASCULINE))

    case = Case.objects.get()
    assert (case.code, case.handover) == ("A-2026-042", handover)
    assert response["Location"] == reverse("cases:case_detail", args=[case.pk])
    # Once opened, the hand-over's link leads to the case.
    assert case_manager_client.get(url)["Location"] == reverse("cases:case_detail", args=[case.pk])


@pytest.mark.parametrize("status", ["requested", "declined"])
def test_a_handover_not_accepted_is_a_404(case_manager_client, organisation, status):
    handover = CaseHandoverFactory(contact__organisation=organisation, status=status)

    url = reverse("cases:case_from_handover", args=[handover.pk])

    assert case_manager_client.get(url).status_code == 404
    assert case_manager_client.post(url, form()).status_code == 404
    assert Case.objects.count() == 0


def test_another_organisations_handover_is_a_404(case_manager_client, other_organisation):
    handover = CaseHandoverFactory(
        contact__organisation=other_organisation, status="accepted", case_code="A-2026-001"
    )

    response = case_manager_client.post(
        reverse("cases:case_from_handover", args=[handover.pk]), form()
    )

    assert response.status_code == 404
    assert Case.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"opened_on": "tomorrow"}, "The opening date cannot be in the future."),
        ({"year_of_birth": "1850"}, "The year of birth must be between 1900"),
        ({"gender": "Robot"}, "Choose a gender from the list."),
        ({"citizenship": "XX"}, "Choose a country from the list."),
        ({"languages": ["klingon"]}, "Choose languages from the list."),
        ({"given_name": "", "family_name": ""}, "Enter the person&#x27;s given or family name."),
        ({"existing_person": "999999"}, "The person chosen is not one of your organisation"),
        ({"opened_on": "2026-02-30"}, "Enter a date"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(case_manager_client, changes, message):
    if changes.get("opened_on") == "tomorrow":
        changes["opened_on"] = (timezone.localdate() + timedelta(days=1)).isoformat()

    response = case_manager_client.post(NEW, form(**changes))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert (Case.objects.count(), Person.objects.count(), NameKey.objects.count()) == (0, 0, 0)


def test_a_year_of_birth_after_the_opening_year_is_refused(case_manager_client):
    response = case_manager_client.post(NEW, form(opened_on="2024-05-01", year_of_birth="2025"))

    assert response.status_code == 400
    assert Case.objects.count() == 0


def test_another_organisations_person_cannot_be_chosen(case_manager_client, other_organisation):
    theirs = PersonFactory(organisation=other_organisation)

    response = case_manager_client.post(NEW, form(existing_person=str(theirs.pk)))

    assert response.status_code == 400
    assert Case.objects.count() == 0


def test_another_organisations_team_cannot_be_chosen(case_manager_client, other_organisation):
    theirs = TeamFactory(organisation=other_organisation)

    response = case_manager_client.post(NEW, form(team=str(theirs.pk)))

    assert response.status_code == 400
    assert Case.objects.count() == 0


def test_an_sos_consultant_cannot_open_a_case(client_as):
    client = client_as("sos_consultant")

    assert client.get(NEW).status_code == 403
    assert client.post(NEW, form()).status_code == 403
    assert Case.objects.count() == 0
