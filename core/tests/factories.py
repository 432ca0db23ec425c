"""Factories for core records; other apps' factories build on these."""

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import (
    Institution,
    InstitutionType,
    Membership,
    Organisation,
    Person,
    Role,
    User,
)

PASSWORD = "correct-horse-battery"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"org-{n}")
    city = "Beograd"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Jelena"
    last_name = "Jovanović"
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.EDUCATION_COORDINATOR


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory)
    name = "phone"
    confirmed = True


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"OŠ Vuk Karadžić {n}")
    type = InstitutionType.PRIMARY_SCHOOL
    municipality = "Čačak"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    first_name = "Marko"
    last_name = factory.Sequence(lambda n: f"Petrović {n}")
    email = factory.Sequence(lambda n: f"trainer{n}@example.org")
    is_trainer = True
