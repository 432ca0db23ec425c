"""Three languages; the choice is kept in a cookie and, for staff, on their account."""

import pytest
from django.test import Client
from django.urls import reverse

from core.models import Role
from core.tests.factories import PASSWORD, MembershipFactory

pytestmark = pytest.mark.django_db

SET_LANGUAGE = reverse("core:set_language")
LOGIN = reverse("core:login")


def choose(client, language, next_url="/login/"):
    return client.post(SET_LANGUAGE, {"language": language, "next": next_url})


def test_anonymous_choice_sets_the_cookie_and_the_next_page_language(client, settings):
    response = choose(client, "sr")

    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "sr"
    assert '<html lang="sr">' in client.get(LOGIN).content.decode()


def test_serbian_latin_is_offered_too(client):
    choose(client, "sr-latn")

    assert '<html lang="sr-latn">' in client.get(LOGIN).content.decode()


def test_unknown_language_is_refused(client):
    response = choose(client, "xx")

    assert response.status_code == 400


def test_switcher_offers_all_three_languages(client):
    html = client.get(LOGIN).content.decode()

    for code in ("en", "sr-latn", "sr"):
        assert f'name="language" value="{code}"' in html


def test_signed_in_choice_is_stored_on_the_account(client_as):
    client = client_as(Role.TRAINER)

    choose(client, "sr-latn", "/dashboard/")

    user = client.get("/dashboard/").wsgi_request.user
    user.refresh_from_db()
    assert user.preferred_language == "sr-latn"


def test_stored_choice_is_applied_at_the_next_sign_in_on_another_device(organisation):
    user = MembershipFactory(role=Role.TRAINER, organisation=organisation).user
    first = Client()
    first.post(LOGIN, {"username": user.username, "password": PASSWORD})
    choose(first, "sr", "/dashboard/")

    fresh = Client()
    response = fresh.post(LOGIN, {"username": user.username, "password": PASSWORD}, follow=True)

    assert response.request["PATH_INFO"] == "/dashboard/"
    assert '<html lang="sr">' in response.content.decode()


def test_stored_choice_wins_over_the_browser_language(client_as):
    client = client_as(Role.TRAINER)
    choose(client, "sr", "/dashboard/")

    response = client.get("/dashboard/", headers={"accept-language": "en"})

    assert '<html lang="sr">' in response.content.decode()


def test_the_sign_in_page_after_signing_out_keeps_the_accounts_language(organisation):
    user = MembershipFactory(role=Role.TRAINER, organisation=organisation).user
    user.preferred_language = "sr-latn"
    user.save()
    client = Client()
    client.post(LOGIN, {"username": user.username, "password": PASSWORD}, follow=True)

    response = client.post(reverse("core:logout"), follow=True)

    assert response.request["PATH_INFO"] == LOGIN
    assert '<html lang="sr-latn">' in response.content.decode()
