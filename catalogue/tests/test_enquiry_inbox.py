"""The coordinator's enquiry inbox: list, read (audited), change status."""

import pytest
from django.urls import reverse

from catalogue.models import EnquiryStatus
from catalogue.tests.factories import EnquiryFactory
from core.models import AuditAction, AuditEntry, Role

pytestmark = pytest.mark.django_db

LIST = reverse("catalogue:enquiry_list")


def detail(enquiry) -> str:
    return reverse("catalogue:enquiry_detail", args=[enquiry.pk])


def test_inbox_lists_the_organisations_enquiries_newest_first(
    coordinator_client, organisation, other_organisation
):
    EnquiryFactory(programme__organisation=organisation, institution_name="First school")
    EnquiryFactory(programme__organisation=organisation, institution_name="Second school")
    EnquiryFactory(programme__organisation=other_organisation, institution_name="Not ours")

    page = coordinator_client.get(LIST).content.decode()

    assert page.index("Second school") < page.index("First school")
    assert "Not ours" not in page


def test_inbox_does_not_show_contact_details(coordinator_client, organisation):
    EnquiryFactory(programme__organisation=organisation, contact_name="Marija Stanković")

    assert "Stanković" not in coordinator_client.get(LIST).content.decode()


def test_inbox_filters_by_status(coordinator_client, organisation):
    EnquiryFactory(programme__organisation=organisation, institution_name="Fresh")
    EnquiryFactory(
        programme__organisation=organisation, institution_name="Done", status=EnquiryStatus.CLOSED
    )

    page = coordinator_client.get(LIST, {"status": "new"}).content.decode()

    assert "Fresh" in page
    assert "Done" not in page


def test_inbox_query_count_is_constant(
    coordinator_client, organisation, django_assert_max_num_queries
):
    EnquiryFactory.create_batch(30, programme__organisation=organisation)

    with django_assert_max_num_queries(10):
        coordinator_client.get(LIST)


def test_reading_an_enquiry_shows_the_contact_and_is_audited(coordinator_client, organisation):
    enquiry = EnquiryFactory(
        programme__organisation=organisation,
        contact_name="Marija Stanković",
        contact_email="marija@school.example",
    )

    page = coordinator_client.get(detail(enquiry)).content.decode()

    assert "Marija Stanković" in page
    assert "marija@school.example" in page
    entry = AuditEntry.objects.get(action=AuditAction.READ, object_type="catalogue.enquiry")
    assert entry.object_id == str(enquiry.pk)
    assert "Marija" not in entry.summary


def test_coordinator_changes_the_status_and_becomes_the_handler(coordinator_client, organisation):
    enquiry = EnquiryFactory(programme__organisation=organisation)

    response = coordinator_client.post(detail(enquiry), {"status": EnquiryStatus.ANSWERED})

    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == EnquiryStatus.ANSWERED
    assert enquiry.handled_by is not None
    assert AuditEntry.objects.filter(action=AuditAction.UPDATE, object_id=str(enquiry.pk)).exists()


def test_unknown_status_is_a_form_error(coordinator_client, organisation):
    enquiry = EnquiryFactory(programme__organisation=organisation)

    response = coordinator_client.post(detail(enquiry), {"status": "deleted"})

    assert response.status_code == 200
    assert "status" in response.context["form"].errors
    enquiry.refresh_from_db()
    assert enquiry.status == EnquiryStatus.NEW


def test_another_organisations_enquiry_is_404(coordinator_client, other_organisation):
    theirs = EnquiryFactory(programme__organisation=other_organisation)

    assert coordinator_client.get(detail(theirs)).status_code == 404
    assert coordinator_client.post(detail(theirs), {"status": "closed"}).status_code == 404


def test_trainer_cannot_open_the_inbox(client_as):
    assert client_as(Role.TRAINER).get(LIST).status_code == 403
