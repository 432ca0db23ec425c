"""The coordinator's overview of plans and workshop requests across trainings: filters, the
follow-up of each request with its audit entry, exports, and nothing of another organisation."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from core.models import AuditEntry, Role
from core.tests.factories import InstitutionFactory
from learning.models.plans import WorkshopRequestStatus
from learning.tests.factories_plans import (
    PlanActivityFactory,
    PlanGroupFactory,
    WorkshopRequestFactory,
)
from training.tests.factories import RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("learning:plans_overview")


def _group(organisation, municipality, **kwargs):
    training = kwargs.pop("training", None) or TrainingFactory(organisation=organisation)
    school = InstitutionFactory(organisation=organisation, municipality=municipality)
    RegistrationFactory(training=training, institution=school)
    return PlanGroupFactory(training=training, institutions=[school], **kwargs)


def test_coordinator_sees_requests_and_plans_of_every_training(coordinator_client, organisation):
    cacak = _group(organisation, "Čačak")
    nis = _group(organisation, "Niš")
    WorkshopRequestFactory(group=cacak, topic="Vrbovanje na internetu")
    WorkshopRequestFactory(group=nis, topic="Rad sa roditeljima")
    PlanActivityFactory(group=nis, what="Tribina u školi")

    page = coordinator_client.get(OVERVIEW).content.decode()

    assert "Vrbovanje na internetu" in page
    assert "Rad sa roditeljima" in page
    assert "Tribina u školi" in page


def test_filters_by_training_municipality_and_status(coordinator_client, organisation):
    cacak = _group(organisation, "Čačak")
    nis = _group(organisation, "Niš")
    WorkshopRequestFactory(group=cacak, topic="Tema Čačak")
    WorkshopRequestFactory(
        group=nis, topic="Tema Niš", status=WorkshopRequestStatus.DONE, held_on=date(2027, 4, 2)
    )
    WorkshopRequestFactory(group=nis, topic="Tema Niš otvorena")

    by_training = coordinator_client.get(OVERVIEW, {"training": cacak.training_id})
    by_municipality = coordinator_client.get(OVERVIEW, {"municipality": "Niš"})
    by_status = coordinator_client.get(OVERVIEW, {"status": "done"})

    assert [r.topic for r in by_training.context["requests"]] == ["Tema Čačak"]
    assert {r.topic for r in by_municipality.context["requests"]} == {
        "Tema Niš",
        "Tema Niš otvorena",
    }
    assert [g.pk for g in by_municipality.context["groups"]] == [nis.pk]
    assert [r.topic for r in by_status.context["requests"]] == ["Tema Niš"]


def test_overview_runs_a_constant_number_of_queries(
    coordinator_client, organisation, django_assert_max_num_queries
):
    for municipality in ("Čačak", "Niš"):
        group = _group(organisation, municipality)
        WorkshopRequestFactory(group=group)
        PlanActivityFactory(group=group)
    with django_assert_max_num_queries(30) as few:
        coordinator_client.get(OVERVIEW)
    for municipality in ("Kraljevo", "Užice", "Valjevo"):
        group = _group(organisation, municipality)
        WorkshopRequestFactory.create_batch(2, group=group)
        PlanActivityFactory.create_batch(2, group=group)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = coordinator_client.get(OVERVIEW)
    assert len(response.context["requests"]) == 8


def test_coordinator_marks_a_request_done_with_the_date(coordinator_client, organisation):
    workshop = WorkshopRequestFactory(group=_group(organisation, "Čačak"))
    url = reverse("learning:workshop_request", kwargs={"pk": workshop.pk})

    response = coordinator_client.post(
        url, {"status": "done", "held_on": "2027-04-15", "notes": "Održano u sali"}, follow=True
    )

    workshop.refresh_from_db()
    assert (workshop.status, workshop.held_on, workshop.notes) == (
        WorkshopRequestStatus.DONE,
        date(2027, 4, 15),
        "Održano u sali",
    )
    assert "was saved" in response.content.decode()
    entry = AuditEntry.objects.get(object_type="learning.workshoprequest", action="update")
    assert "requested -> done" in entry.summary


def test_done_without_a_date_is_refused(coordinator_client, organisation):
    workshop = WorkshopRequestFactory(group=_group(organisation, "Čačak"))

    response = coordinator_client.post(
        reverse("learning:workshop_request", kwargs={"pk": workshop.pk}),
        {"status": "done", "held_on": "", "notes": ""},
    )

    assert response.status_code == 400
    assert "Enter the date the workshop was held." in response.content.decode()
    workshop.refresh_from_db()
    assert workshop.status == WorkshopRequestStatus.REQUESTED


def test_postponing_keeps_the_notes(coordinator_client, organisation):
    workshop = WorkshopRequestFactory(group=_group(organisation, "Čačak"))

    coordinator_client.post(
        reverse("learning:workshop_request", kwargs={"pk": workshop.pk}),
        {"status": "postponed", "notes": "Škola traži jesen"},
    )

    workshop.refresh_from_db()
    assert (workshop.status, workshop.notes) == ("postponed", "Škola traži jesen")


def test_export_lists_the_filtered_requests(coordinator_client, organisation):
    WorkshopRequestFactory(group=_group(organisation, "Čačak"), topic="=Tema Čačak")
    WorkshopRequestFactory(group=_group(organisation, "Niš"), topic="Tema Niš")

    response = coordinator_client.get(
        reverse("learning:workshop_requests_export"),
        {"format": "csv", "municipality": "Čačak"},
    )

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8")[1:])))
    assert len(rows) == 2
    assert rows[1][3] == "Čačak"
    assert rows[1][4] == "'=Tema Čačak"
    assert AuditEntry.objects.filter(action="export").exists()


def test_xlsx_export_downloads(coordinator_client, organisation):
    WorkshopRequestFactory(group=_group(organisation, "Čačak"))

    response = coordinator_client.get(
        reverse("learning:workshop_requests_export"), {"format": "xlsx"}
    )

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')


def test_another_organisations_plans_are_not_shown_or_found(
    coordinator_client, organisation, other_organisation
):
    theirs = WorkshopRequestFactory(group=_group(other_organisation, "Beograd"), topic="Tuđe")

    page = coordinator_client.get(OVERVIEW).content.decode()
    response = coordinator_client.get(
        reverse("learning:workshop_request", kwargs={"pk": theirs.pk})
    )

    assert "Tuđe" not in page
    assert response.status_code == 404


def test_a_trainer_cannot_open_the_overview(client_as):
    assert client_as(Role.TRAINER).get(OVERVIEW).status_code == 403
