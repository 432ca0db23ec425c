"""Every page, public, staff or error, carries a strict CSP and the usual security headers."""

import pytest
from django.urls import reverse

from core.models import Role

pytestmark = pytest.mark.django_db


def assert_security_headers(response):
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_public_sign_in_page_sends_the_security_headers(client):
    response = client.get(reverse("core:login"))

    assert response.status_code == 200
    assert_security_headers(response)


def test_staff_page_sends_the_security_headers(client_as):
    response = client_as(Role.ADMINISTRATOR).get(reverse("core:members"))

    assert response.status_code == 200
    assert_security_headers(response)


def test_not_found_page_sends_the_security_headers(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert_security_headers(response)


def test_forbidden_page_sends_the_security_headers(client_as):
    response = client_as(Role.TRAINER).get(reverse("core:audit_log"))

    assert response.status_code == 403
    assert_security_headers(response)


def test_health_check_sends_the_security_headers(client):
    assert_security_headers(client.get(reverse("core:healthz")))


def test_pages_carry_no_inline_script_or_style(client_as):
    html = client_as(Role.ADMINISTRATOR).get(reverse("core:members")).content.decode()

    assert "<script>" not in html
    assert "style=" not in html
    assert "<style" not in html
