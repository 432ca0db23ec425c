"""Administrators make case teams and choose their members among the organisation's case
managers; the team then sees its cases."""

import pytest
from django.urls import reverse

from cases.models import Team
from cases.tests.factories import TeamFactory, case_manager_of
from core.models import Role

pytestmark = pytest.mark.django_db

TEAMS = reverse("cases:teams")


@pytest.fixture
def admin_client(client_as):  # type: ignore[no-untyped-def]
    return client_as(Role.ADMINISTRATOR)


def test_an_administrator_creates_a_team(admin_client, organisation):
    response = admin_client.post(TEAMS, {"name": "Tim Niš"})

    team = Team.objects.get()
    assert (team.organisation, team.name) == (organisation, "Tim Niš")
    assert response["Location"] == reverse("cases:team_edit", args=[team.pk])
    assert "Tim Niš" in admin_client.get(TEAMS).content.decode()


@pytest.mark.parametrize("name", ["", "tim a"])
def test_an_empty_or_taken_name_is_refused(admin_client, organisation, name):
    TeamFactory(organisation=organisation, name="Tim A")

    response = admin_client.post(TEAMS, {"name": name})

    assert response.status_code == 400
    assert Team.objects.count() == 1


def test_members_are_chosen_among_the_case_managers(admin_client, organisation):
    team = TeamFactory(organisation=organisation)
    first, second = case_manager_of(organisation), case_manager_of(organisation)

    response = admin_client.post(
        reverse("cases:team_edit", args=[team.pk]), {"members": [first.pk, second.pk]}
    )
    assert response.status_code == 302
    admin_client.post(reverse("cases:team_edit", args=[team.pk]), {"members": [second.pk]})

    assert list(team.members.all()) == [second]


def test_someone_not_a_case_manager_here_cannot_be_a_member(
    admin_client, organisation, other_organisation, member
):
    team = TeamFactory(organisation=organisation)
    for stranger in (member(Role.SOS_CONSULTANT), case_manager_of(other_organisation)):
        response = admin_client.post(
            reverse("cases:team_edit", args=[team.pk]), {"members": [stranger.pk]}
        )
        assert response.status_code == 400
    assert team.members.count() == 0


def test_another_organisations_team_is_a_404(admin_client, other_organisation):
    theirs = TeamFactory(organisation=other_organisation)

    assert admin_client.get(reverse("cases:team_edit", args=[theirs.pk])).status_code == 404


def test_the_teams_page_takes_the_same_queries_for_many_teams(
    admin_client, organisation, django_assert_max_num_queries
):
    for _ in range(10):
        team = TeamFactory(organisation=organisation)
        team.members.add(case_manager_of(organisation))

    with django_assert_max_num_queries(12):
        assert admin_client.get(TEAMS).status_code == 200


def test_a_case_manager_cannot_manage_teams(case_manager_client):
    assert case_manager_client.get(TEAMS).status_code == 403
    assert case_manager_client.post(TEAMS, {"name": "Mine"}).status_code == 403
    assert Team.objects.count() == 0
