"""Fixtures shared by the cases tests: a case manager of the first organisation with a client
signed in as them (second factor passed), a case they manage, and a partner organisation's user.
"""

import pytest
from django.test import Client

from cases.models import Case
from cases.tests.factories import CaseFactory, TeamFactory
from conftest import sign_in
from core.models import Organisation, Role, User
from core.tests.factories import OrganisationFactory


@pytest.fixture
def case_manager(member) -> User:  # type: ignore[no-untyped-def]
    return member(Role.CASE_MANAGER)


@pytest.fixture
def case_manager_client(case_manager: User) -> Client:
    return sign_in(Client(), case_manager)


@pytest.fixture
def case(organisation: Organisation, case_manager: User) -> Case:
    """An open case managed by `case_manager`, with a team that holds them too."""
    team = TeamFactory(organisation=organisation, name="Tim A")
    team.members.add(case_manager)
    return CaseFactory(organisation=organisation, case_manager=case_manager, team=team)


@pytest.fixture
def partner_organisation(db) -> Organisation:  # type: ignore[no-untyped-def]
    return OrganisationFactory(name="Partner Shelter", slug="partner-shelter")


@pytest.fixture
def partner_user(member, partner_organisation: Organisation) -> User:  # type: ignore[no-untyped-def]
    return member(Role.PARTNER, partner_organisation)


@pytest.fixture
def partner_client(partner_user: User) -> Client:
    return sign_in(Client(), partner_user)
