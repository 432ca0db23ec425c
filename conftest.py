"""Project-wide fixtures: organisations, a member per role, and clients signed in as them."""

from collections.abc import Callable

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from core.access import needs_second_factor
from core.models import Organisation, Role, User
from core.tests.factories import MembershipFactory, OrganisationFactory, TOTPDeviceFactory

# Browser fixtures (Playwright driving Debian's Chromium, axe-core) live in their own module.
pytest_plugins = ["core.tests.browser"]


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Fixed test keys: a fresh clone has no var/secrets.env, and tests must not depend on one.
    settings.FIELD_ENCRYPTION_KEYS = "test:QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE"
    settings.BLIND_INDEX_KEY = "SVNJU0lTSVNJU0lTSVNJU0lTSVNJU0lTSVNJU0lTSVM"
    # Background tasks run at once, inside the request or service that enqueues them.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fresh_memory_caches() -> None:
    """Kept public pages and rate-limit counters live in process memory; a test must not see
    another test's."""
    from django.core.cache import caches

    caches["pages"].clear()
    caches["ratelimit"].clear()


@pytest.fixture
def organisation(db) -> Organisation:  # type: ignore[no-untyped-def]
    return OrganisationFactory(name="Demo NGO", slug="demo")


@pytest.fixture
def other_organisation(db) -> Organisation:  # type: ignore[no-untyped-def]
    return OrganisationFactory(name="Other NGO", slug="other")


@pytest.fixture
def member(organisation: Organisation) -> Callable[..., User]:
    """member(role, organisation=None) -> a user holding that role (with TOTP if it needs one)."""

    def make(role: str, org: Organisation | None = None) -> User:
        membership = MembershipFactory(role=role, organisation=org or organisation)
        if needs_second_factor([role]):
            TOTPDeviceFactory(user=membership.user)
        return membership.user

    return make


def sign_in(client: Client, user: User) -> Client:
    """Sign the client in as the user, second factor included when the user has a device."""
    client.force_login(user)
    device = user.totpdevice_set.filter(confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def client_as(member: Callable[..., User]) -> Callable[..., Client]:
    """client_as(role, organisation=None) -> a test client signed in as a new member in that role."""

    def make(role: str, org: Organisation | None = None) -> Client:
        return sign_in(Client(), member(role, org))

    return make


@pytest.fixture
def coordinator_client(client_as: Callable[..., Client]) -> Client:
    return client_as(Role.EDUCATION_COORDINATOR)
