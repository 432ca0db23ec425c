"""The training report: cover, participants and attendance, each learning area's section; in
the language the coordinator chooses, on screen and as PDF, in a fixed number of queries."""

import pytest
from django.urls import reverse

from core.models import InstitutionType, Role
from core.tests.factories import InstitutionFactory, PersonFactory
from learning.queries.report import AREAS, area_report_function
from training.models import RegistrationStatus
from training.tests.factories import (
    AttendanceFactory,
    CertificateFactory,
    RegistrationFactory,
    TrainingFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def training(organisation):
    training = TrainingFactory(organisation=organisation, city="Čačak", venue="Dom kulture")
    training.trainers.add(
        PersonFactory(organisation=organisation, first_name="Ana", last_name="Ilić")
    )
    return training


def _report(client, training, **params):
    return client.get(reverse("learning:training_report", args=[training.pk]), params)


def _with_participants(training, count):
    """`count` confirmed participants, all present on day one, every second on day two, the
    first one certified; plus one cancelled and one waitlisted registration."""
    first, second = training.days.all()
    school = InstitutionFactory(
        organisation=training.organisation, type=InstitutionType.GYMNASIUM, municipality="Kraljevo"
    )
    for index in range(count):
        registration = RegistrationFactory(training=training, institution=school)
        AttendanceFactory(registration=registration, day=first)
        if index % 2 == 0:
            AttendanceFactory(registration=registration, day=second)
        if index == 0:
            CertificateFactory(registration=registration)
    RegistrationFactory(training=training, status=RegistrationStatus.CANCELLED)
    RegistrationFactory(training=training, status=RegistrationStatus.WAITLISTED)


def test_the_report_counts_registrations_attendance_and_certificates(coordinator_client, training):
    _with_participants(training, 5)

    response = _report(coordinator_client, training)

    facts = response.context["participation"]
    assert response.status_code == 200
    assert (facts.registered, facts.confirmed, facts.cancelled, facts.waitlisted) == (7, 5, 1, 1)
    assert [row.present for row in facts.days] == [5, 3]
    assert (facts.attended_any_day, facts.attended_every_day, facts.certificates) == (5, 3, 1)
    assert facts.by_municipality == [("Kraljevo", 5)]
    html = response.content.decode()
    assert "Ana Ilić" in html
    assert "Čačak" in html
    assert "3 of 5" in html


def test_the_report_includes_a_section_for_each_area_that_provides_one(
    coordinator_client, training
):
    provided = [area for area in AREAS if area_report_function(area) is not None]

    response = _report(coordinator_client, training)

    assert response.status_code == 200
    assert len(response.context["sections"]) == len(provided)


def test_the_report_in_serbian_cyrillic_shows_the_city_in_cyrillic(coordinator_client, training):
    response = _report(coordinator_client, training, language="sr")

    html = response.content.decode()
    assert '<html lang="sr">' in html
    assert "Чачак" in html
    assert response.context["report_language"] == "sr"
    pdf_link = reverse("learning:training_report_pdf", args=[training.pk]) + "?language=sr"
    assert pdf_link in html


def test_an_unknown_language_is_refused_with_a_message_and_the_report_still_shows(
    coordinator_client, training
):
    response = _report(coordinator_client, training, language="klingon")

    assert response.status_code == 200
    assert response.context["report_language"] == "en"
    assert "Select a valid choice" in response.content.decode()


def test_the_pdf_is_an_a4_document_in_the_chosen_language(coordinator_client, training):
    _with_participants(training, 3)

    response = coordinator_client.get(
        reverse("learning:training_report_pdf", args=[training.pk]), {"language": "sr-latn"}
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f"report-{training.slug}-sr-latn.pdf" in response["Content-Disposition"]


def test_a_trainer_may_read_the_report_and_another_organisation_may_not(
    client_as, training, other_organisation
):
    trainer = client_as(Role.TRAINER)
    outsider = client_as(Role.EDUCATION_COORDINATOR, other_organisation)

    assert _report(trainer, training).status_code == 200
    assert _report(outsider, training).status_code == 404


@pytest.mark.parametrize("participants", [3, 30])
def test_the_report_takes_a_fixed_number_of_queries(
    coordinator_client, training, participants, django_assert_max_num_queries
):
    _with_participants(training, participants)

    with django_assert_max_num_queries(40):
        response = _report(coordinator_client, training)

    assert response.status_code == 200
