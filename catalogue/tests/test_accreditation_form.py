"""Coordinators record accreditation decisions; bad input shows field errors and writes nothing."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from catalogue.models import Accreditation
from catalogue.tests.factories import AccreditationFactory, AccreditingBodyFactory, ProgrammeFactory
from core.models import AuditEntry

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def programme(organisation):
    return ProgrammeFactory(organisation=organisation)


@pytest.fixture
def body(organisation):
    return AccreditingBodyFactory(organisation=organisation, name_sr="Zdravstveni savet Srbije")


def url(programme) -> str:
    return reverse("catalogue:accreditation_add", args=[programme.pk])


def data(body, **changes):
    return {
        "body": body.pk,
        "decision_number": "153-02-00845/2025-01",
        "decision_date": "2025-01-10",
        "valid_from": "2025-02-01",
        "valid_until": "2026-02-01",
        "cpd_points": "6",
        "category": "national course, first category",
        **changes,
    }


def test_coordinator_records_an_accreditation(coordinator_client, programme, body):
    response = coordinator_client.post(url(programme), data(body))

    assert response.status_code == 302
    accreditation = Accreditation.objects.get()
    assert accreditation.programme == programme
    assert accreditation.organisation == programme.organisation
    assert accreditation.valid_until == date(2026, 2, 1)
    assert AuditEntry.objects.filter(object_type="catalogue.accreditation").exists()


def test_programme_accredited_several_times_shows_every_decision(
    coordinator_client, programme, body
):
    coordinator_client.post(
        url(programme),
        data(body, decision_number="A-1", valid_from="2019-01-01", valid_until="2022-01-01"),
    )
    coordinator_client.post(
        url(programme),
        data(body, decision_number="A-2", valid_from="2022-01-02", valid_until="2025-01-01"),
    )

    page = coordinator_client.get(
        reverse("catalogue:programme_detail", args=[programme.pk])
    ).content.decode()

    assert "A-1" in page and "A-2" in page
    assert page.index("A-2") < page.index("A-1")


def test_valid_until_before_valid_from_is_a_field_error(coordinator_client, programme, body):
    response = coordinator_client.post(
        url(programme), data(body, valid_from="2025-06-01", valid_until="2025-05-31")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["valid_until"] == [
        "The end of validity must come after its start."
    ]
    assert not Accreditation.objects.exists()


def test_duplicate_decision_number_for_the_same_body_is_a_field_error(
    coordinator_client, programme, body
):
    AccreditationFactory(programme=programme, body=body, decision_number="153-02-00845/2025-01")

    response = coordinator_client.post(url(programme), data(body))

    assert response.context["form"].errors["decision_number"] == [
        "This body already has a decision with this number."
    ]
    assert Accreditation.objects.count() == 1


def test_same_decision_number_from_another_body_is_accepted(coordinator_client, programme, body):
    AccreditationFactory(programme=programme, decision_number="153-02-00845/2025-01")

    coordinator_client.post(url(programme), data(body))

    assert Accreditation.objects.count() == 2


def test_body_of_another_organisation_cannot_be_chosen(
    coordinator_client, programme, other_organisation
):
    theirs = AccreditingBodyFactory(organisation=other_organisation)

    response = coordinator_client.post(url(programme), data(theirs))

    assert "body" in response.context["form"].errors
    assert not Accreditation.objects.exists()


def test_the_form_offers_only_the_organisations_bodies(
    coordinator_client, programme, body, other_organisation
):
    AccreditingBodyFactory(organisation=other_organisation, name_sr="Tuđe telo")

    page = coordinator_client.get(url(programme)).content.decode()

    assert "Zdravstveni savet Srbije" in page
    assert "Tuđe telo" not in page


def test_database_refuses_a_period_that_ends_before_it_starts(programme):
    with pytest.raises(IntegrityError), transaction.atomic():
        AccreditationFactory(
            programme=programme, valid_from=date(2025, 6, 1), valid_until=date(2025, 1, 1)
        )


def test_scanned_pdf_is_stored_under_the_organisations_folder(
    coordinator_client, programme, body, settings
):
    upload = SimpleUploadedFile("Rešenje.pdf", PDF, content_type="application/pdf")

    coordinator_client.post(url(programme), {**data(body), "decision_file": upload})

    accreditation = Accreditation.objects.get()
    assert accreditation.decision_file.name.startswith(
        f"accreditations/{programme.organisation_id}/"
    )
    assert accreditation.decision_file.name.endswith(".pdf")
    assert (settings.MEDIA_ROOT / accreditation.decision_file.name).read_bytes() == PDF


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("decision.pdf", b"MZ\x90\x00 this is an executable", "not a PDF document"),
        ("decision.png", PDF, "not a PNG document"),
        ("decision.exe", PDF, "Upload a PDF, JPEG or PNG file."),
    ],
)
def test_decision_file_with_wrong_type_or_content_is_refused(
    coordinator_client, programme, body, name, content, message
):
    upload = SimpleUploadedFile(name, content)

    response = coordinator_client.post(url(programme), {**data(body), "decision_file": upload})

    assert message in " ".join(response.context["form"].errors["decision_file"])
    assert not Accreditation.objects.exists()


def test_decision_file_over_10_mb_is_refused(coordinator_client, programme, body):
    upload = SimpleUploadedFile("big.png", PNG + b"\x00" * (10 * 1024 * 1024))

    response = coordinator_client.post(url(programme), {**data(body), "decision_file": upload})

    assert response.context["form"].errors["decision_file"] == ["The file is larger than 10 MB."]
    assert not Accreditation.objects.exists()


def test_editing_an_accreditation_of_another_organisation_is_404(
    coordinator_client, other_organisation
):
    theirs = AccreditationFactory(programme__organisation=other_organisation)

    response = coordinator_client.get(reverse("catalogue:accreditation_edit", args=[theirs.pk]))

    assert response.status_code == 404


def test_correcting_an_accreditation_keeps_its_own_decision_number(
    coordinator_client, programme, body
):
    accreditation = AccreditationFactory(programme=programme, body=body, decision_number="X-1")

    coordinator_client.post(
        reverse("catalogue:accreditation_edit", args=[accreditation.pk]),
        data(body, decision_number="X-1", cpd_points="8"),
    )

    accreditation.refresh_from_db()
    assert accreditation.cpd_points == 8
