"""The demo catalogue loads, shows a warning on the dashboard, and is safe to load twice."""

from io import StringIO

import pytest
from django.core.management import call_command

from catalogue import queries
from catalogue.models import Accreditation, AccreditingBody, Enquiry, Programme, ProgrammeStatus
from core.models import Organisation

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count() for model in (AccreditingBody, Programme, Accreditation, Enquiry)
    )


def test_seeding_twice_creates_nothing_new():
    call_command("seed_demo", stdout=StringIO())
    first = counts()
    call_command("seed_demo", stdout=StringIO())

    assert counts() == first
    assert first == (5, 6, 12, 2)


def test_demo_has_histories_and_one_accreditation_about_to_end():
    call_command("seed_demo", stdout=StringIO())
    demo = Organisation.objects.get(slug="demo-ngo")

    expiring = list(queries.expiring_programmes(demo))
    several = Programme.objects.filter(title_sr="Zdravstvene posledice trgovine ljudima").get()

    assert [p.title_sr for p in expiring] == ["Zdravstvene posledice trgovine ljudima"]
    assert several.accreditations.count() == 3
    assert Programme.objects.filter(status=ProgrammeStatus.ACTIVE).count() == 6
    assert Programme.objects.filter(organisation__slug="partner-ngo").count() == 1
