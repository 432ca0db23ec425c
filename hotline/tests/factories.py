"""Factories for hotline records."""

import factory
from django.utils import timezone

from core.models import Role
from core.tests.factories import MembershipFactory, OrganisationFactory
from hotline.codes import Channel, ContactKind, ContactStatus, Line, Subject
from hotline.models import Contact


def consultant_of(organisation):  # type: ignore[no-untyped-def]
    """A new SOS consultant of the organisation (without a second-factor device)."""
    return MembershipFactory(organisation=organisation, role=Role.SOS_CONSULTANT).user


class ContactFactory(factory.django.DjangoModelFactory):
    """A recorded data contact on the SOS line."""

    class Meta:
        model = Contact

    organisation = factory.SubFactory(OrganisationFactory)
    consultant = factory.LazyAttribute(lambda c: consultant_of(c.organisation))
    status = ContactStatus.RECORDED
    kind = ContactKind.DATA
    line = Line.SOS
    channel = Channel.PHONE
    started_at = factory.LazyFunction(timezone.now)
    duration_seconds = 300
    caller_type = "citizen"
    subject = Subject.INFORMATION
    notes = "Asked how to check an agency offering work in Germany."
    recorded_at = factory.LazyFunction(timezone.now)


class DraftContactFactory(ContactFactory):
    status = ContactStatus.DRAFT
    subject = ""
    notes = ""
    recorded_at = None
