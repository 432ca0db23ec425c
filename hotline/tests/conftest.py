"""Fixtures shared by the hotline's tests: an SOS consultant of the first organisation, and a
client signed in as them (second factor passed)."""

import pytest
from django.test import Client

from conftest import sign_in
from core.models import Role, User


@pytest.fixture
def consultant(member) -> User:  # type: ignore[no-untyped-def]
    return member(Role.SOS_CONSULTANT)


@pytest.fixture
def consultant_client(consultant: User) -> Client:
    return sign_in(Client(), consultant)
