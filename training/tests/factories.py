"""Factories for trainings, their days, registrations, attendance and certificates.

`TrainingFactory` makes an open two-day training a week from now with an accreditation valid
on those days; pass `days=[...]` to choose the dates (an empty list makes none).
"""

from datetime import time, timedelta

import factory
from django.utils import timezone

from catalogue.tests.factories import AccreditationFactory
from core.tests.factories import InstitutionFactory, OrganisationFactory
from training.models import (
    AgendaItem,
    Attendance,
    AttendanceSource,
    Certificate,
    PrivacyNotice,
    Registration,
    RegistrationStatus,
    Training,
    TrainingDay,
    TrainingStatus,
)


class PrivacyNoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PrivacyNotice
        django_get_or_create = ("organisation", "version")

    organisation = factory.SubFactory(OrganisationFactory)
    version = 1
    text_sr = "Vaše podatke koristimo samo za organizaciju obuke i izdavanje sertifikata."
    text_en = "We use your data only to run the training and issue certificates."


class TrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Training
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    accreditation = factory.SubFactory(
        AccreditationFactory,
        programme__organisation=factory.SelfAttribute("...organisation"),
    )
    programme = factory.SelfAttribute("accreditation.programme")
    slug = factory.Sequence(lambda n: f"training-{n}")
    city = "Novi Sad"
    venue = "Gradska kuća"
    capacity = 30
    registration_deadline = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=5))
    status = TrainingStatus.OPEN

    @factory.post_generation
    def days(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if not create:
            return
        if extracted is None:
            first = timezone.localdate() + timedelta(days=7)
            extracted = [first, first + timedelta(days=1)]
        for day in extracted:
            TrainingDay.objects.create(training=self, date=day, starts_at=time(9), ends_at=time(16))
        if extracted:
            self.starts_on, self.ends_on = min(extracted), max(extracted)
            self.save(update_fields=["starts_on", "ends_on"])


class TrainingDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingDay

    training = factory.SubFactory(TrainingFactory, days=[])
    date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))
    starts_at = time(9)
    ends_at = time(16)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    day = factory.SubFactory(TrainingDayFactory)
    starts_at = time(9)
    ends_at = time(10, 30)
    title = "Šta je trgovina ljudima"
    method = "predavanje"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    training = factory.SubFactory(TrainingFactory)
    organisation = factory.SelfAttribute("training.organisation")
    status = RegistrationStatus.CONFIRMED
    first_name = "Milena"
    last_name = factory.Sequence(lambda n: f"Stojanović {n}")
    email = factory.Sequence(lambda n: f"participant{n}@example.org")
    phone = "+381 64 123 4567"
    profession = "nastavnica razredne nastave"
    institution = factory.SubFactory(
        InstitutionFactory, organisation=factory.SelfAttribute("..organisation")
    )
    script = "latin"
    language = "sr-latn"
    privacy_notice = factory.SubFactory(
        PrivacyNoticeFactory, organisation=factory.SelfAttribute("..organisation")
    )
    consented_at = factory.LazyFunction(timezone.now)


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    registration = factory.SubFactory(RegistrationFactory)
    day = factory.LazyAttribute(lambda a: a.registration.training.days.first())
    source = AttendanceSource.ROLL_CALL


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    registration = factory.SubFactory(RegistrationFactory)
    organisation = factory.SelfAttribute("registration.organisation")
    code = factory.Sequence(lambda n: f"PTK{n:07d}")
    holder_name = factory.LazyAttribute(lambda c: c.registration.full_name)
    programme_title = factory.LazyAttribute(lambda c: c.registration.training.programme.title_sr)
    city = factory.LazyAttribute(lambda c: c.registration.training.city)
    starts_on = factory.LazyAttribute(lambda c: c.registration.training.starts_on)
    ends_on = factory.LazyAttribute(lambda c: c.registration.training.ends_on)
    accreditation_text = "Zavod za unapređivanje obrazovanja i vaspitanja, 610-00-1/2024"
    script = "latin"
