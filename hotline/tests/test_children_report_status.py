"""A missing-child report moves along its timeline: reported → searching → found (date and
condition) → protection after finding (the follow-up actions) → closed. Any other move is refused
with a message, a 400 and nothing written."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import sign_in
from core.models import AuditEntry, Role
from hotline.codes import MissingChildStatus
from hotline.models import MissingChildEvent, MissingChildReport
from hotline.services.missing_children import MissingChildRefused, change_missing_child_status
from hotline.tests.factories_children import MissingChildReportFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def consultant_client(consultant, client):
    return sign_in(client, consultant)


@pytest.fixture
def report(organisation):
    return MissingChildReportFactory(contact__organisation=organisation)


def _step(client, report, status, *, happened_on=None, **extra):
    data = {"status": status, "happened_on": (happened_on or TODAY()).isoformat(), **extra}
    return client.post(reverse("hotline:missing_child_status", args=[report.pk]), data)


def test_the_whole_timeline_from_reported_to_closed(consultant_client, consultant, report):
    yesterday = TODAY() - timedelta(days=1)

    assert _step(consultant_client, report, "searching", happened_on=yesterday).status_code == 302
    assert _step(consultant_client, report, "found", found_condition="unharmed").status_code == 302
    assert (
        _step(
            consultant_client,
            report,
            "protection",
            note="Placed with the centre for social work; psychological support arranged.",
        ).status_code
        == 302
    )
    assert _step(consultant_client, report, "closed").status_code == 302

    report.refresh_from_db()
    assert report.status == MissingChildStatus.CLOSED
    assert (report.found_on, report.found_condition, report.closed_on) == (
        TODAY(),
        "unharmed",
        TODAY(),
    )
    events = list(MissingChildEvent.objects.filter(report=report).order_by("pk"))
    assert [e.status for e in events] == ["reported", "searching", "found", "protection", "closed"]
    assert events[1].happened_on == yesterday
    assert events[3].note.startswith("Placed with the centre")
    assert {e.recorded_by for e in events[1:]} == {consultant}
    summaries = AuditEntry.objects.filter(
        object_type="hotline.missingchildreport", action="update"
    ).order_by("sequence")
    assert [e.summary for e in summaries] == [
        "missing-child report status reported -> searching",
        "missing-child report status searching -> found",
        "missing-child report status found -> protection",
        "missing-child report status protection -> closed",
    ]


def test_the_page_shows_the_timeline_and_offers_only_the_allowed_steps(consultant_client, report):
    _step(consultant_client, report, "searching")

    response = consultant_client.get(reverse("hotline:missing_child", args=[report.pk]))

    page = response.content.decode()
    assert "Milica Petrović" in page
    assert "Searching" in page
    offered = [
        value for value, _label in response.context["status_form"].fields["status"].widget.choices
    ]
    assert offered == ["found", "closed"]


@pytest.mark.parametrize(
    ("current", "wanted"),
    [
        ("reported", "protection"),
        ("searching", "reported"),
        ("found", "searching"),
        ("protection", "found"),
        ("closed", "searching"),
    ],
)
def test_a_step_outside_the_timeline_is_refused(consultant_client, organisation, current, wanted):
    report = MissingChildReportFactory(contact__organisation=organisation, status=current)

    response = _step(
        consultant_client, report, wanted, found_condition="unharmed", note="Something done."
    )

    assert response.status_code == 400
    assert "cannot move to" in response.content.decode()
    report.refresh_from_db()
    assert report.status == current
    assert MissingChildEvent.objects.filter(report=report).count() == 1


def test_the_service_refuses_a_step_outside_the_timeline(report, consultant):
    with pytest.raises(MissingChildRefused):
        change_missing_child_status(
            report, consultant, status=MissingChildStatus.PROTECTION, happened_on=TODAY()
        )


def test_found_needs_the_condition(consultant_client, report):
    response = _step(consultant_client, report, "found")

    assert response.status_code == 400
    assert response.context["status_form"].errors["found_condition"]
    assert MissingChildReport.objects.get().status == MissingChildStatus.REPORTED


def test_found_needs_a_date(consultant_client, report):
    response = consultant_client.post(
        reverse("hotline:missing_child_status", args=[report.pk]),
        {"status": "found", "found_condition": "unharmed", "happened_on": ""},
    )

    assert response.status_code == 400
    assert response.context["status_form"].errors["happened_on"]
    assert MissingChildReport.objects.get().found_on is None


def test_the_service_refuses_found_without_a_condition(report, consultant):
    with pytest.raises(MissingChildRefused):
        change_missing_child_status(
            report, consultant, status=MissingChildStatus.FOUND, happened_on=TODAY()
        )


def test_protection_needs_the_follow_up_actions(consultant_client, organisation):
    report = MissingChildReportFactory(contact__organisation=organisation, status="found")

    response = _step(consultant_client, report, "protection", note="  ")

    assert response.status_code == 400
    assert response.context["status_form"].errors["note"]


@pytest.mark.parametrize("days", [1, 30])
def test_a_step_in_the_future_or_before_the_child_went_missing_is_refused(
    consultant_client, report, days
):
    when = TODAY() + timedelta(days=days) if days == 1 else report.last_seen_on - timedelta(days=1)

    response = _step(consultant_client, report, "searching", happened_on=when)

    assert response.status_code == 400
    assert response.context["status_form"].errors["happened_on"]


def test_an_unknown_status_is_a_form_error(consultant_client, report):
    response = _step(consultant_client, report, "vanished")

    assert response.status_code == 400
    assert "Choose one of the next steps" in response.content.decode()


def test_notes_are_encrypted_and_audit_summaries_hold_none(consultant_client, report):
    _step(consultant_client, report, "searching", note="Seen with a man in a grey Audi.")

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM hotline_missingchildevent")
        raw = " ".join(str(row[0]) for row in cursor.fetchall())
    assert "grey Audi" not in raw
    assert not AuditEntry.objects.filter(summary__icontains="Audi").exists()


def test_police_details_and_alerts_can_be_changed_while_open(consultant_client, report):
    response = consultant_client.post(
        reverse("hotline:missing_child", args=[report.pk]),
        {
            "police_report_number": "PU-BG-77/25",
            "police_reported_on": TODAY().isoformat(),
            "international_alert": "on",
        },
    )

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.police_report_number == "PU-BG-77/25"
    assert report.international_alert and not report.national_alert
    assert AuditEntry.objects.filter(summary="police and alert details changed").exists()


def test_police_details_of_a_closed_report_cannot_change(consultant_client, organisation):
    report = MissingChildReportFactory(contact__organisation=organisation, status="closed")

    response = consultant_client.post(
        reverse("hotline:missing_child", args=[report.pk]), {"national_alert": "on"}
    )

    assert response.status_code == 400
    report.refresh_from_db()
    assert not report.national_alert


def test_opening_the_report_is_an_audited_read_of_the_contact(consultant_client, report):
    consultant_client.get(reverse("hotline:missing_child", args=[report.pk]))

    read = AuditEntry.objects.get(action="read")
    assert (read.object_type, read.object_id) == ("hotline.contact", str(report.contact.pk))
    assert "Milica" not in read.summary


def test_another_organisations_report_is_not_found(client_as, other_organisation):
    report = MissingChildReportFactory(contact__organisation=other_organisation)
    client = client_as(Role.SOS_CONSULTANT)

    assert client.get(reverse("hotline:missing_child", args=[report.pk])).status_code == 404
    assert _step(client, report, "searching").status_code == 404


def test_a_researcher_cannot_open_a_report(client_as, report):
    response = client_as(Role.RESEARCHER).get(reverse("hotline:missing_child", args=[report.pk]))

    assert response.status_code == 403
