"""Coordinators keep the list of accrediting bodies their programmes are accredited by."""

import pytest
from django.urls import reverse

from catalogue.models import AccreditingBody
from catalogue.tests.factories import AccreditingBodyFactory
from core.models import AuditEntry, Role

pytestmark = pytest.mark.django_db


def test_coordinator_adds_a_body_and_sees_it_listed(coordinator_client, organisation):
    response = coordinator_client.post(
        reverse("catalogue:body_add"),
        {"name_sr": "Zdravstveni savet Srbije", "name_en": "Health Council of Serbia"},
    )

    assert response["Location"] == reverse("catalogue:body_list")
    body = AccreditingBody.objects.get()
    assert body.organisation == organisation
    assert (
        "Health Council of Serbia"
        in coordinator_client.get(reverse("catalogue:body_list")).content.decode()
    )
    assert AuditEntry.objects.filter(object_type="catalogue.accreditingbody").exists()


def test_the_same_name_twice_is_a_field_error(coordinator_client, organisation):
    AccreditingBodyFactory(organisation=organisation, name_sr="Zdravstveni savet Srbije")

    response = coordinator_client.post(
        reverse("catalogue:body_add"), {"name_sr": "Zdravstveni savet Srbije"}
    )

    assert response.context["form"].errors["name_sr"]
    assert AccreditingBody.objects.count() == 1


def test_another_organisation_may_have_a_body_of_the_same_name(
    coordinator_client, other_organisation
):
    AccreditingBodyFactory(organisation=other_organisation, name_sr="Zdravstveni savet Srbije")

    coordinator_client.post(reverse("catalogue:body_add"), {"name_sr": "Zdravstveni savet Srbije"})

    assert AccreditingBody.objects.count() == 2


def test_another_organisations_body_cannot_be_edited(coordinator_client, other_organisation):
    theirs = AccreditingBodyFactory(organisation=other_organisation)

    response = coordinator_client.post(
        reverse("catalogue:body_edit", args=[theirs.pk]), {"name_sr": "Taken over"}
    )

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.name_sr != "Taken over"


def test_trainer_sees_bodies_but_cannot_add_them(client_as, organisation):
    AccreditingBodyFactory(organisation=organisation, name_en="Health Council of Serbia")
    trainer = client_as(Role.TRAINER)

    page = trainer.get(reverse("catalogue:body_list")).content.decode()

    assert "Health Council of Serbia" in page
    assert reverse("catalogue:body_add") not in page
    assert trainer.get(reverse("catalogue:body_add")).status_code == 403
