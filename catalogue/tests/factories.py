"""Factories for catalogue records."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from catalogue.models import (
    Accreditation,
    AccreditingBody,
    Enquiry,
    Programme,
    ProgrammeAudience,
    ProgrammeStatus,
    Sector,
)
from core.models import InstitutionType
from core.tests.factories import OrganisationFactory


class AccreditingBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccreditingBody

    organisation = factory.SubFactory(OrganisationFactory)
    name_sr = factory.Sequence(lambda n: f"Zavod za obrazovanje {n}")
    name_en = factory.Sequence(lambda n: f"Institute for Education {n}")


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    slug = factory.Sequence(lambda n: f"programme-{n}")
    title_sr = factory.Sequence(lambda n: f"Trgovina ljudima {n}")
    title_en = factory.Sequence(lambda n: f"Human trafficking {n}")
    summary_sr = "Program za nastavnike."
    professions_sr = "nastavnici"
    duration_days = 2
    duration_hours = Decimal("16")
    status = ProgrammeStatus.ACTIVE

    @factory.post_generation
    def sectors(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if create:
            for sector in extracted if extracted is not None else [Sector.EDUCATION]:
                ProgrammeAudience.objects.create(programme=self, sector=sector)


class AccreditationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Accreditation

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SelfAttribute("programme.organisation")
    body = factory.SubFactory(
        AccreditingBodyFactory, organisation=factory.SelfAttribute("..organisation")
    )
    decision_number = factory.Sequence(lambda n: f"610-00-{n}/2024")
    decision_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=400))
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=365))
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=365))
    cpd_points = Decimal("16")

    class Params:
        # A scanned decision on disk (under MEDIA_ROOT), for tests of the file view.
        with_file = factory.Trait(
            decision_file=factory.django.FileField(
                filename="decision.pdf", data=b"%PDF-1.4\n%%EOF\n"
            )
        )


class EnquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enquiry

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SelfAttribute("programme.organisation")
    institution_name = factory.Sequence(lambda n: f"OŠ Vuk Karadžić {n}")
    institution_type = InstitutionType.PRIMARY_SCHOOL
    municipality = "Niš"
    contact_name = "Marija Stanković"
    contact_email = "marija@example.org"
    message = "Želimo obuku za 20 nastavnika."
    language = "sr-latn"
