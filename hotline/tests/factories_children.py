"""Factories for missing-child reports and hand-overs (H4's records)."""

from datetime import timedelta

import factory
from django.utils import timezone

from hotline.codes import Circumstance, Gender, HandoverStatus, Line, MissingChildStatus, Subject
from hotline.models import CaseHandover, MissingChildEvent, MissingChildReport
from hotline.tests.factories import ContactFactory


class MissingChildReportFactory(factory.django.DjangoModelFactory):
    """A freshly reported missing child on a recorded 116 000 contact, with its first step."""

    class Meta:
        model = MissingChildReport
        skip_postgeneration_save = True

    contact = factory.SubFactory(
        ContactFactory, line=Line.MISSING_CHILDREN, subject=Subject.MISSING_CHILD
    )
    organisation = factory.LazyAttribute(lambda r: r.contact.organisation)
    child_name = "Milica Petrović"
    child_gender = Gender.FEMININE
    child_age = 14
    last_seen_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=3))
    last_seen_place = "Novi Sad, bus station"
    circumstances = Circumstance.RUNAWAY
    status = MissingChildStatus.REPORTED

    @factory.post_generation
    def first_event(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            MissingChildEvent.objects.create(
                report=self,
                status=MissingChildStatus.REPORTED,
                happened_on=timezone.localdate(),
                recorded_by=self.contact.consultant,
            )


class CaseHandoverFactory(factory.django.DjangoModelFactory):
    """A recorded contact waiting for a case manager."""

    class Meta:
        model = CaseHandover

    contact = factory.SubFactory(ContactFactory)
    organisation = factory.LazyAttribute(lambda h: h.contact.organisation)
    status = HandoverStatus.REQUESTED
    reason = "She asks for shelter and legal help; agreed to meet a case manager."
    requested_by = factory.LazyAttribute(lambda h: h.contact.consultant)
