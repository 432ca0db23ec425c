"""Idle sessions end: after 15 minutes for roles that see victims' data, later for the others."""

import time

import pytest
from django.urls import reverse

from core.middleware import LAST_SEEN_SESSION_KEY
from core.models import Role
from core.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("core:dashboard")


def idle_for(client, seconds):
    session = client.session
    session[LAST_SEEN_SESSION_KEY] = int(time.time()) - seconds
    session.save()


def test_sensitive_session_ends_after_fifteen_idle_minutes(client_as):
    client = client_as(Role.CASE_MANAGER)
    idle_for(client, 15 * 60 + 5)

    response = client.get(DASHBOARD)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))
    assert response["X-Putokaz-Session"] == "expired"
    assert client.get(DASHBOARD)["Location"].startswith(reverse("core:login"))


def test_sensitive_session_survives_fourteen_idle_minutes(client_as):
    client = client_as(Role.SOS_CONSULTANT)
    idle_for(client, 14 * 60)

    assert client.get(DASHBOARD).status_code == 200


def test_administrator_counts_as_sensitive(client_as):
    client = client_as(Role.ADMINISTRATOR)
    idle_for(client, 15 * 60 + 5)

    assert client.get(DASHBOARD)["X-Putokaz-Session"] == "expired"


def test_other_roles_survive_fifteen_idle_minutes(client_as):
    client = client_as(Role.EDUCATION_COORDINATOR)
    idle_for(client, 15 * 60 + 5)

    assert client.get(DASHBOARD).status_code == 200


def test_other_roles_end_after_their_own_idle_limit(client_as, settings):
    client = client_as(Role.TRAINER)
    idle_for(client, settings.SESSION_IDLE_SECONDS + 5)

    response = client.get(DASHBOARD)

    assert response["X-Putokaz-Session"] == "expired"


def test_one_sensitive_role_in_any_organisation_makes_the_session_sensitive(
    client_as, member, other_organisation
):
    client = client_as(Role.TRAINER)
    user = client.get(DASHBOARD).wsgi_request.user
    MembershipFactory(user=user, organisation=other_organisation, role=Role.CASE_MANAGER)
    idle_for(client, 15 * 60 + 5)

    response = client.get(DASHBOARD)

    assert response["X-Putokaz-Session"] == "expired"


def test_each_request_restarts_the_idle_clock(client_as):
    client = client_as(Role.CASE_MANAGER)
    idle_for(client, 10 * 60)
    client.get(DASHBOARD)

    last_seen = client.session[LAST_SEEN_SESSION_KEY]

    assert abs(last_seen - time.time()) < 5


def test_sign_in_page_explains_why_the_session_ended(client_as):
    client = client_as(Role.CASE_MANAGER)
    idle_for(client, 15 * 60 + 5)

    response = client.get(DASHBOARD, follow=True)

    assert response.request["PATH_INFO"] == reverse("core:login")
    assert "signed out because the session was idle" in response.content.decode()
