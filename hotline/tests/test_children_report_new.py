"""A consultant opens a 116 000 missing-child report on a contact: the child's identity is
stored encrypted, the timeline starts at "reported", and a contact has one report at most."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from conftest import sign_in
from core.models import AuditEntry, Role
from hotline.codes import Line, MissingChildStatus, Subject
from hotline.models import MissingChildEvent, MissingChildReport
from hotline.services.missing_children import MissingChildRefused, open_missing_child_report
from hotline.tests.factories import ContactFactory, DraftContactFactory
from hotline.tests.factories_children import MissingChildReportFactory

pytestmark = pytest.mark.django_db

CHILD_NAME = "Jovana Kanaricki"


def _valid(**changes):
    data = {
        "child_name": CHILD_NAME,
        "child_description": "Tall, red jacket, braces on her teeth.",
        "child_gender": "Feminine",
        "child_age": "13",
        "last_seen_on": (timezone.localdate() - timedelta(days=2)).isoformat(),
        "last_seen_place": "Subotica, near the school",
        "circumstances": "runaway",
        "police_report_number": "PU-NS-2291/25",
        "police_reported_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "national_alert": "on",
    }
    data.update(changes)
    return data


@pytest.fixture
def consultant_client(consultant, client):
    return sign_in(client, consultant)


def _new_url(contact):
    return reverse("hotline:missing_child_new", args=[contact.pk])


def test_consultant_opens_a_report_and_lands_on_it(consultant_client, consultant, organisation):
    contact = ContactFactory(organisation=organisation, line=Line.MISSING_CHILDREN, subject="")

    response = consultant_client.post(_new_url(contact), _valid(), follow=True)

    report = MissingChildReport.objects.get()
    assert response.redirect_chain[-1][0] == reverse("hotline:missing_child", args=[report.pk])
    assert CHILD_NAME in response.content.decode()
    assert report.status == MissingChildStatus.REPORTED
    assert report.child_name == CHILD_NAME
    assert report.national_alert and not report.international_alert
    event = MissingChildEvent.objects.get()
    assert (event.status, event.happened_on, event.recorded_by) == (
        MissingChildStatus.REPORTED,
        timezone.localdate(),
        consultant,
    )
    contact.refresh_from_db()
    assert contact.subject == Subject.MISSING_CHILD


def test_a_contact_with_a_subject_keeps_it(consultant_client, organisation):
    contact = ContactFactory(organisation=organisation, subject=Subject.SUSPECTED_TRAFFICKING)

    consultant_client.post(_new_url(contact), _valid())

    contact.refresh_from_db()
    assert contact.subject == Subject.SUSPECTED_TRAFFICKING


def test_opening_is_audited_without_the_childs_name(consultant_client, organisation):
    contact = ContactFactory(organisation=organisation)

    consultant_client.post(_new_url(contact), _valid())

    report = MissingChildReport.objects.get()
    created = AuditEntry.objects.get(action="create", object_type="hotline.missingchildreport")
    assert (created.object_id, created.summary) == (str(report.pk), "missing-child report opened")
    assert AuditEntry.objects.filter(
        action="update", object_type="hotline.contact", object_id=str(contact.pk)
    ).exists()
    assert not AuditEntry.objects.filter(summary__icontains="Kanaricki").exists()


def test_the_childs_identity_is_not_in_the_raw_columns(consultant_client, organisation):
    contact = ContactFactory(organisation=organisation)

    consultant_client.post(_new_url(contact), _valid())

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT child_name, child_description, police_report_number "
            "FROM hotline_missingchildreport"
        )
        raw = " ".join(str(value) for value in cursor.fetchone())
    assert CHILD_NAME not in raw
    assert "red jacket" not in raw
    assert "PU-NS-2291" not in raw


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("child_name", ""),
        ("child_age", "18"),
        ("child_age", "-1"),
        ("last_seen_on", (timezone.localdate() + timedelta(days=1)).isoformat()),
        ("last_seen_on", "yesterday"),
        ("police_reported_on", (timezone.localdate() + timedelta(days=1)).isoformat()),
        ("police_reported_on", (timezone.localdate() - timedelta(days=30)).isoformat()),
        ("circumstances", "kidnapped by aliens"),
        ("child_gender", ""),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_written(
    consultant_client, organisation, field, value
):
    contact = ContactFactory(organisation=organisation)

    response = consultant_client.post(_new_url(contact), _valid(**{field: value}))

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not MissingChildReport.objects.exists()


def test_a_second_report_on_the_same_contact_opens_the_first(consultant_client, organisation):
    report = MissingChildReportFactory(contact__organisation=organisation)

    response = consultant_client.get(_new_url(report.contact))

    assert response.status_code == 302
    assert response["Location"] == reverse("hotline:missing_child", args=[report.pk])


def test_a_draft_contact_cannot_have_a_report(consultant_client, consultant, organisation):
    draft = DraftContactFactory(organisation=organisation, consultant=consultant)

    response = consultant_client.post(_new_url(draft), _valid())

    assert response.status_code == 400
    assert "Record the contact first" in response.content.decode()
    assert not MissingChildReport.objects.exists()


def test_the_service_refuses_a_second_report(organisation, consultant):
    report = MissingChildReportFactory(contact__organisation=organisation)

    with pytest.raises(MissingChildRefused):
        open_missing_child_report(report.contact, consultant, {"child_name": "Someone"})


def test_the_form_groups_the_child_the_last_sighting_and_the_police(
    consultant_client, organisation
):
    contact = ContactFactory(organisation=organisation)

    response = consultant_client.get(_new_url(contact))

    assert response.status_code == 200
    legends = [str(legend) for legend, _fields in response.context["groups"]]
    assert legends == ["The child", "When and where the child was last seen", "Police and alerts"]


def test_another_organisations_contact_is_not_found(client_as, other_organisation):
    contact = ContactFactory(organisation=other_organisation)

    response = client_as(Role.SOS_CONSULTANT).post(_new_url(contact), _valid())

    assert response.status_code == 404
    assert not MissingChildReport.objects.exists()


@pytest.mark.parametrize("role", [Role.RESEARCHER, Role.CASE_MANAGER])
def test_roles_that_do_not_record_contacts_are_refused(client_as, organisation, role):
    contact = ContactFactory(organisation=organisation)

    assert client_as(role).get(_new_url(contact)).status_code == 403
