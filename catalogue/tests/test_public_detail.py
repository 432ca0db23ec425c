"""A programme's public page and its enquiry form ("we want this training for our school")."""

import pytest
from django.core import mail
from django.urls import reverse

from catalogue.models import Enquiry, EnquiryStatus, ProgrammeStatus
from catalogue.tests.factories import AccreditationFactory, ProgrammeFactory
from core.models import AuditEntry, Role

pytestmark = pytest.mark.django_db

ENQUIRY = {
    "institution_name": "OŠ Vuk Karadžić",
    "institution_type": "primary_school",
    "municipality": "Niš",
    "contact_name": "Marija Stanković",
    "contact_email": "marija.stankovic@school.example",
    "contact_phone": "+381 18 123 456",
    "message": "We would like the training for 25 teachers in March.",
}


@pytest.fixture
def programme(organisation):
    return ProgrammeFactory(
        organisation=organisation,
        slug="health-consequences",
        title_en="Health Consequences of Human Trafficking",
        topics_en="Risk factors\nTrafficking as trauma",
    )


def url(programme) -> str:
    return reverse("catalogue:public_detail", args=[programme.slug])


def test_page_shows_topics_as_a_list_and_the_accreditation_history_newest_first(client, programme):
    AccreditationFactory(
        programme=programme,
        decision_number="OLD-1",
        valid_from="2019-01-01",
        valid_until="2020-01-01",
        decision_date="2018-12-01",
    )
    AccreditationFactory(programme=programme, decision_number="NEW-2")

    page = client.get(url(programme)).content.decode()

    assert "<li>Risk factors</li>" in page
    assert "<li>Trafficking as trauma</li>" in page
    assert page.index("NEW-2") < page.index("OLD-1")
    assert "Expired" in page


def test_draft_programme_has_no_public_page(client, organisation):
    draft = ProgrammeFactory(organisation=organisation, status=ProgrammeStatus.DRAFT)

    assert client.get(url(draft)).status_code == 404


@pytest.mark.parametrize("path", ["/programmes/no-such-programme/", "/programmes/%E2%9C%93/"])
def test_unknown_or_malformed_address_is_404(client, path):
    assert client.get(path).status_code == 404


def test_enquiry_lands_in_the_inbox_and_the_visitor_sees_thanks(client, programme):
    response = client.post(url(programme), ENQUIRY, follow=True)

    enquiry = Enquiry.objects.get()
    assert enquiry.programme == programme
    assert enquiry.organisation == programme.organisation
    assert enquiry.contact_name == "Marija Stanković"
    assert enquiry.status == EnquiryStatus.NEW
    assert enquiry.language == "en"
    assert response.redirect_chain[-1][0] == reverse(
        "catalogue:enquiry_thanks", args=[programme.slug]
    )
    assert "Thank you" in response.content.decode()


def test_contact_details_are_encrypted_in_the_database(client, programme):
    from django.db import connection

    client.post(url(programme), ENQUIRY)

    with connection.cursor() as cursor:
        cursor.execute("SELECT contact_name, contact_email, message FROM catalogue_enquiry")
        stored = " ".join(cursor.fetchone())
    assert "Stanković" not in stored
    assert "school.example" not in stored


def test_coordinators_are_emailed_without_the_contacts_personal_details(
    client, programme, member, django_capture_on_commit_callbacks
):
    coordinator = member(Role.EDUCATION_COORDINATOR)
    member(Role.TRAINER)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(programme), ENQUIRY)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [coordinator.email]
    assert "Health Consequences of Human Trafficking" in message.subject
    assert "OŠ Vuk Karadžić" in message.body
    enquiry = Enquiry.objects.get()
    assert f"https://putokaz.example/catalogue/enquiries/{enquiry.pk}/" in message.body
    for personal in ("Marija", "Stanković", "marija.stankovic", "+381", "25 teachers"):
        assert personal not in message.subject + message.body


def test_email_is_written_in_the_coordinators_language(
    client, programme, member, django_capture_on_commit_callbacks
):
    programme.title_sr = "Zdravstvene posledice trgovine ljudima"
    programme.save()
    coordinator = member(Role.EDUCATION_COORDINATOR)
    coordinator.preferred_language = "sr"
    coordinator.save()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(programme), ENQUIRY)

    assert "Здравствене последице трговине људима" in mail.outbox[0].subject


def test_invalid_enquiry_shows_field_errors_and_stores_nothing(client, programme):
    response = client.post(url(programme), {**ENQUIRY, "contact_email": "not-an-address"})

    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert not Enquiry.objects.exists()


def test_empty_submission_shows_what_is_required_and_stores_nothing(client, programme):
    response = client.post(url(programme), {})

    assert response.status_code == 200
    assert response.context["form"].errors["contact_email"] == ["This field is required."]
    assert "This field is required." in response.content.decode()
    assert Enquiry.objects.count() == 0


def test_filled_honeypot_pretends_success_but_stores_and_sends_nothing(
    client, programme, member, django_capture_on_commit_callbacks
):
    member(Role.EDUCATION_COORDINATOR)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(programme), {**ENQUIRY, "website": "http://spam.example"})

    assert response.status_code == 302
    assert response["Location"] == reverse("catalogue:enquiry_thanks", args=[programme.slug])
    assert not Enquiry.objects.exists()
    assert mail.outbox == []


def test_sixth_enquiry_within_an_hour_is_refused_with_429_and_the_form_kept(client, programme):
    for _ in range(5):
        assert client.post(url(programme), ENQUIRY).status_code == 302

    response = client.post(url(programme), {**ENQUIRY, "institution_name": "Sixth school"})

    assert response.status_code == 429
    page = response.content.decode()
    assert "Please try again later" in page
    assert 'value="Sixth school"' in page
    assert Enquiry.objects.count() == 5


def test_rate_limit_is_per_address(client, programme):
    for _ in range(5):
        client.post(url(programme), ENQUIRY, REMOTE_ADDR="10.0.0.1")

    response = client.post(url(programme), ENQUIRY, REMOTE_ADDR="10.0.0.2")

    assert response.status_code == 302


def test_public_enquiry_is_audited_without_personal_data(client, programme):
    client.post(url(programme), ENQUIRY)

    entry = AuditEntry.objects.get(object_type="catalogue.enquiry")
    assert "Marija" not in entry.summary


def test_detail_page_query_count_does_not_grow_with_history(
    client, programme, django_assert_max_num_queries
):
    AccreditationFactory.create_batch(8, programme=programme)

    with django_assert_max_num_queries(6):
        client.get(url(programme))


def test_cyrillic_interface_shows_the_accreditation_category_in_cyrillic(client, programme):
    AccreditationFactory(programme=programme, category="nacionalni kurs prve kategorije")
    client.cookies["django_language"] = "sr"

    assert "национални курс прве категорије" in client.get(url(programme)).content.decode()
