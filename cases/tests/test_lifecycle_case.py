"""A case's life on its overview: the overview itself, closing with reason and outcome (kept
for the retention period), reopening, assigning, correcting the person's details."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.codes import CaseStatus
from cases.models import Case, IdentificationDecision
from cases.queries.duplicates import find_duplicates
from cases.services import CaseRefused
from cases.services.lifecycle import _years_later, close_case
from cases.services.persons import set_identity
from cases.services.rights import anonymise_person
from cases.tests.factories import CaseFactory, TeamFactory, case_manager_of
from core.models import AuditEntry

pytestmark = pytest.mark.django_db


def url(name, case):  # type: ignore[no-untyped-def]
    return reverse(f"cases:{name}", args=[case.pk])


def close_data(**changes):  # type: ignore[no-untyped-def]
    return {
        "reason": "goals_achieved",
        "outcome": "reintegrated",
        "closed_on": timezone.localdate().isoformat(),
        "note": "Lives with her aunt, goes to school.",
        **changes,
    }


def test_the_overview_shows_identity_facts_and_the_team(case_manager_client, case):
    set_identity(case.person, given_name="Jelena", family_name="Petrović", aliases="Jeca")

    response = case_manager_client.get(url("case_detail", case))

    text = response.content.decode()
    assert response.status_code == 200
    for shown in ("Jelena", "Petrović", "Jeca", case.code, "Tim A", "2009", "Presumed victim"):
        assert shown in text
    assert AuditEntry.objects.filter(summary=f"{case.code}: case_detail").exists()


def test_the_overview_links_the_handover(case_manager_client, case, organisation):
    from hotline.tests.factories_children import CaseHandoverFactory

    handover = CaseHandoverFactory(
        contact__organisation=organisation, status="accepted", case_code=case.code
    )
    Case.objects.filter(pk=case.pk).update(handover=handover)

    text = case_manager_client.get(url("case_detail", case)).content.decode()

    assert reverse("hotline:handover", args=[handover.pk]) in text


def test_the_overview_takes_the_same_queries_however_much_is_recorded(
    case_manager_client, case, case_manager, django_assert_max_num_queries
):
    for day in range(1, 11):
        IdentificationDecision.objects.create(
            case=case,
            status="PossibleVictimOfTrafficking",
            decided_on=date(2026, 3, day),
            recorded_by=case_manager,
        )
    case_manager_client.get(url("case_detail", case))  # the session's first request does more

    with django_assert_max_num_queries(12):
        assert case_manager_client.get(url("case_detail", case)).status_code == 200


def test_closing_records_reason_outcome_and_the_retention_date(case_manager_client, case, settings):
    settings.CASE_RETENTION_YEARS = 10
    closed_on = timezone.localdate()

    response = case_manager_client.post(url("case_close", case), close_data(), follow=True)

    case.refresh_from_db()
    assert "The case was closed." in response.content.decode()
    assert (case.status, case.closed_on, case.closure_reason, case.closure_outcome) == (
        CaseStatus.CLOSED,
        closed_on,
        "goals_achieved",
        "reintegrated",
    )
    assert case.retain_until == _years_later(closed_on, 10)
    assert "Reopen the case" in response.content.decode()


def test_closing_as_referred_gives_the_referred_status(case_manager_client, case):
    case_manager_client.post(url("case_close", case), close_data(reason="referred"))

    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED_REFERRED


def test_the_retention_date_of_29_february_is_28_february():
    assert _years_later(date(2024, 2, 29), 10) == date(2034, 2, 28)
    assert _years_later(date(2024, 2, 29), 4) == date(2028, 2, 29)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"closed_on": "2026-03-01"}, "before the case was opened"),
        ({"closed_on": "future"}, "cannot be in the future"),
        ({"reason": "bored"}, "Choose a reason from the list."),
        ({"outcome": ""}, "Choose the outcome."),
    ],
)
def test_a_bad_closing_is_refused_and_the_case_stays_open(
    case_manager_client, case, changes, message
):
    if changes.get("closed_on") == "future":
        changes["closed_on"] = (timezone.localdate() + timedelta(days=1)).isoformat()

    response = case_manager_client.post(url("case_close", case), close_data(**changes))

    assert response.status_code == 400
    assert message in response.content.decode()
    case.refresh_from_db()
    assert (case.status, case.closed_on) == (CaseStatus.ACTIVE, None)


def test_a_closed_case_cannot_be_closed_again(case, case_manager):
    close_case(
        case, case_manager, reason="moved", outcome="unknown", note="", closed_on=case.opened_on
    )

    with pytest.raises(CaseRefused):
        close_case(
            case, case_manager, reason="moved", outcome="unknown", note="", closed_on=case.opened_on
        )


def test_reopening_clears_the_closure(case_manager_client, case, case_manager):
    close_case(
        case, case_manager, reason="moved", outcome="unknown", note="x", closed_on=case.opened_on
    )

    response = case_manager_client.post(url("case_reopen", case), follow=True)

    case.refresh_from_db()
    assert "The case was reopened." in response.content.decode()
    assert (case.status, case.closed_on, case.retain_until, case.closure_reason) == (
        CaseStatus.ACTIVE,
        None,
        None,
        "",
    )


def test_reopening_an_open_case_says_so(case_manager_client, case):
    response = case_manager_client.post(url("case_reopen", case), follow=True)

    assert "This case is open already." in response.content.decode()


def test_a_case_of_an_erased_person_cannot_be_reopened(case_manager_client, case, case_manager):
    close_case(
        case, case_manager, reason="moved", outcome="unknown", note="x", closed_on=case.opened_on
    )
    anonymise_person(case.person, case_manager, None)

    response = case_manager_client.post(url("case_reopen", case), follow=True)

    case.refresh_from_db()
    assert "so this case stays closed" in response.content.decode()
    assert case.status == CaseStatus.CLOSED


def test_assigning_to_another_case_manager_and_team(case_manager_client, case, organisation):
    colleague = case_manager_of(organisation)
    team_b = TeamFactory(organisation=organisation, name="Tim B")

    response = case_manager_client.post(
        url("case_assign", case), {"case_manager": colleague.pk, "team": team_b.pk}
    )

    case.refresh_from_db()
    assert (case.case_manager, case.team) == (colleague, team_b)
    # No longer on the case's team: back to the list.
    assert response["Location"] == reverse("cases:case_list")


@pytest.mark.parametrize("who", ["consultant", "outsider"])
def test_assigning_to_someone_not_a_case_manager_here_is_refused(
    case_manager_client, case, member, other_organisation, who
):
    user = member("sos_consultant") if who == "consultant" else case_manager_of(other_organisation)

    response = case_manager_client.post(url("case_assign", case), {"case_manager": user.pk})

    assert response.status_code == 400
    case.refresh_from_db()
    assert case.case_manager.pk != user.pk


def test_correcting_the_person_recomputes_the_duplicate_keys_and_the_age(
    case_manager_client, case, organisation
):
    set_identity(case.person, given_name="Jelena", family_name="Petrović")

    response = case_manager_client.post(
        url("person_edit", case),
        {
            "given_name": "Milica",
            "family_name": "Nikolić",
            "gender": "Feminine",
            "year_of_birth": "2000",
            "citizenship": "RS",
        },
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.age_at_identification, case.is_minor) == (26, False)
    assert find_duplicates(organisation, ["Jelena", "Petrović"], None) == []
    assert [c.person_id for c in find_duplicates(organisation, ["Milica", "Nikolić"], None)] == [
        case.person_id
    ]


def test_the_person_form_refuses_a_year_after_the_opening(case_manager_client, case):
    response = case_manager_client.post(
        url("person_edit", case),
        {"family_name": "X", "gender": "Feminine", "year_of_birth": "2027", "citizenship": "RS"},
    )

    assert response.status_code == 400
    case.person.refresh_from_db()
    assert case.person.year_of_birth == 2009


def test_another_organisations_case_is_a_404(client_as, other_organisation):
    theirs = CaseFactory(organisation=other_organisation)
    client = client_as("case_manager")

    assert client.get(url("case_detail", theirs)).status_code == 404
    assert client.post(url("case_close", theirs), close_data()).status_code == 404
