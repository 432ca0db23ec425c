"""Factories for case records. Names are set through `cases.services.persons.set_identity` in
tests that need the duplicate keys; a factory person has no name keys."""

from datetime import date

import factory

from cases.codes import Country, Gender
from cases.models import Case, Person, Team
from core.models import Role
from core.tests.factories import MembershipFactory, OrganisationFactory


def case_manager_of(organisation):  # type: ignore[no-untyped-def]
    """A new case manager of the organisation (without a second-factor device)."""
    return MembershipFactory(organisation=organisation, role=Role.CASE_MANAGER).user


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    given_name = "Jelena"
    family_name = "Petrović"
    gender = Gender.FEMININE
    year_of_birth = 2009
    citizenship = Country.RS


class CaseFactory(factory.django.DjangoModelFactory):
    """An open case of a presumed victim, managed by a new case manager with a team of one."""

    class Meta:
        model = Case

    organisation = factory.SubFactory(OrganisationFactory)
    person = factory.SubFactory(PersonFactory, organisation=factory.SelfAttribute("..organisation"))
    code = factory.Sequence(lambda n: f"A-2026-{n + 1:03d}")
    opened_on = factory.LazyFunction(lambda: date(2026, 3, 2))
    case_manager = factory.LazyAttribute(lambda c: case_manager_of(c.organisation))
    age_at_identification = 16
    is_minor = True
