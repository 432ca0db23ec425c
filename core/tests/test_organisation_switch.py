"""A person with roles in several organisations chooses which one they work in."""

import pytest
from django.urls import reverse

from core.models import Role
from core.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

SWITCH = reverse("core:switch_organisation")
DASHBOARD = reverse("core:dashboard")


@pytest.fixture
def two_org_client(client_as, other_organisation):
    client = client_as(Role.TRAINER)
    user = client.get(DASHBOARD).wsgi_request.user
    MembershipFactory(user=user, organisation=other_organisation, role=Role.RESEARCHER)
    return client


def test_switching_changes_the_current_organisation_and_roles(two_org_client, other_organisation):
    response = two_org_client.post(
        SWITCH, {"organisation": other_organisation.pk, "next": DASHBOARD}
    )

    assert response["Location"] == DASHBOARD
    request = two_org_client.get(DASHBOARD).wsgi_request
    assert request.organisation == other_organisation
    assert request.roles == frozenset({Role.RESEARCHER})


def test_switcher_is_shown_to_people_in_several_organisations(two_org_client):
    html = two_org_client.get(DASHBOARD).content.decode()

    assert 'id="organisation-switch"' in html
    assert "Other NGO" in html


def test_an_organisation_one_is_not_a_member_of_is_refused(two_org_client, organisation):
    stranger = OrganisationFactory(name="Stranger NGO")

    response = two_org_client.post(
        SWITCH, {"organisation": stranger.pk, "next": DASHBOARD}, follow=True
    )

    assert "You are not a member of that organisation." in response.content.decode()
    assert response.wsgi_request.organisation == organisation


def test_a_malformed_organisation_id_is_refused_without_error(two_org_client):
    response = two_org_client.post(SWITCH, {"organisation": "abc"})

    assert response.status_code == 302


def test_switching_back_and_forth_keeps_other_roles_apart(
    two_org_client, organisation, other_organisation
):
    two_org_client.post(SWITCH, {"organisation": other_organisation.pk})
    two_org_client.post(SWITCH, {"organisation": organisation.pk})

    request = two_org_client.get(DASHBOARD).wsgi_request

    assert request.organisation == organisation
    assert request.roles == frozenset({Role.TRAINER})


def test_next_pointing_elsewhere_goes_to_the_dashboard(two_org_client, other_organisation):
    response = two_org_client.post(
        SWITCH, {"organisation": other_organisation.pk, "next": "https://evil.example/"}
    )

    assert response["Location"] == DASHBOARD
