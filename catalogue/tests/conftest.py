"""Catalogue fixtures: encryption keys and a private media folder for each test."""

import base64

import pytest

TEST_KEY = "test:" + base64.urlsafe_b64encode(b"catalogue-test-key-32-bytes-long").decode()


@pytest.fixture(autouse=True)
def _catalogue_settings(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.FIELD_ENCRYPTION_KEYS = TEST_KEY
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://putokaz.example"
