"""Factories for action plans: a group of a training (with one participant's institution),
its activities and workshop requests, and the training's plan collection."""

import factory

from learning.models.plans import (
    PlanActivity,
    PlanCollection,
    PlanGroup,
    WorkshopRequest,
    WorkshopRequestStatus,
)
from training.tests.factories import RegistrationFactory, TrainingFactory


class PlanGroupFactory(factory.django.DjangoModelFactory):
    """A group whose institution is that of a confirmed participant of the training."""

    class Meta:
        model = PlanGroup
        skip_postgeneration_save = True

    training = factory.SubFactory(TrainingFactory)
    organisation = factory.SelfAttribute("training.organisation")
    name = factory.Sequence(lambda n: f"Grupa {n + 1}")

    @factory.post_generation
    def institutions(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if not create:
            return
        if extracted is None:
            extracted = [RegistrationFactory(training=self.training).institution]
        self.institutions.set(extracted)


class PlanCollectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanCollection
        django_get_or_create = ("training",)

    training = factory.SubFactory(TrainingFactory)
    is_open = True


class PlanActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanActivity

    group = factory.SubFactory(PlanGroupFactory)
    position = factory.Sequence(lambda n: n)
    what = "Čas odeljenjskog starešine o vrbovanju preko interneta"
    audience = "učenici 7. razreda"
    lead = "pedagoškinja"
    when_text = "posle zimskog raspusta"


class WorkshopRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkshopRequest

    group = factory.SubFactory(PlanGroupFactory)
    organisation = factory.SelfAttribute("group.organisation")
    institution = factory.LazyAttribute(lambda r: r.group.institutions.first())
    topic = "Bezbednost na internetu"
    audience = "roditelji"
    preferred_period = "april 2027"
    expected_participants = 40
    status = WorkshopRequestStatus.REQUESTED
