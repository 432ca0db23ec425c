"""Error pages: right status, the visitor's language, and never a 500 for a malformed address."""

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import include, path, reverse

from core.models import Role

pytestmark = pytest.mark.django_db


def broken_view(request):
    raise RuntimeError("boom")


# This module doubles as a URLconf (see `with_broken_page`), so a real 500 can be provoked.
urlpatterns = [
    path("broken/", broken_view),
    path("", include("putokaz.urls")),
]
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"


@pytest.fixture
def with_broken_page(settings):
    settings.ROOT_URLCONF = __name__


def in_serbian(client):
    client.post(reverse("core:set_language"), {"language": "sr", "next": "/"})
    return client


def test_unknown_address_answers_404_with_the_page_not_found_page(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_not_found_page_is_in_the_visitors_language(client):
    response = in_serbian(client).get("/no-such-page/")

    assert '<html lang="sr">' in response.content.decode()


def test_forbidden_page_answers_403_in_the_visitors_language(client_as):
    client = in_serbian(client_as(Role.TRAINER))

    response = client.get(reverse("core:members"))

    assert response.status_code == 403
    assert '<html lang="sr">' in response.content.decode()


def test_forbidden_page_explains_the_refusal(client_as):
    response = client_as(Role.TRAINER).get(reverse("core:members"))

    assert response.status_code == 403
    assert "Access denied" in response.content.decode()


def test_server_error_answers_500_with_the_apology_page(with_broken_page):
    client = Client(raise_request_exception=False)

    response = client.get("/broken/")

    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_server_error_page_is_in_the_visitors_language(with_broken_page):
    client = in_serbian(Client(raise_request_exception=False))

    response = client.get("/broken/")

    assert '<html lang="sr">' in response.content.decode()


def test_server_error_page_renders_without_the_database(with_broken_page, member, monkeypatch):
    # Signed in, so the session, the user and the context processors would all need the database.
    client = Client(raise_request_exception=False)
    client.force_login(member(Role.TRAINER))

    def no_database(*args, **kwargs):
        raise OperationalError("database is gone")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", no_database)
        response = client.get("/broken/")

    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


@pytest.mark.parametrize(
    "address",
    [
        "/audit/?page=abc",
        "/audit/?page=-1",
        "/audit/?since=notadate",
        "/audit/?until=2026-13-45",
        "/audit/?action=nonsense",
        "/members/?page=999",
        "/members/abc/",
        "/members/999999/",
        "/members/99999999999999999999999/",
    ],
)
def test_malformed_addresses_never_cause_a_server_error(client_as, address):
    response = client_as(Role.ADMINISTRATOR).get(address)

    assert response.status_code in (200, 404)


@pytest.mark.parametrize("address", ["/members/abc/", "/members/999999/"])
def test_unknown_member_addresses_are_not_found(client_as, address):
    assert client_as(Role.ADMINISTRATOR).get(address).status_code == 404


def test_bad_date_in_the_audit_filter_is_shown_as_a_form_error(client_as):
    response = client_as(Role.ADMINISTRATOR).get("/audit/?since=notadate")

    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()


def test_missing_csrf_token_gets_a_403_not_a_500(organisation):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("core:login"), {"username": "x", "password": "y"})

    assert response.status_code == 403


def test_refused_form_explains_itself_when_the_csrf_failure_view_is_ours(organisation, settings):
    settings.CSRF_FAILURE_VIEW = "core.views.csrf_failure"
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("core:login"), {"username": "x", "password": "y"})

    assert response.status_code == 403
    assert "The form could not be sent" in response.content.decode()
