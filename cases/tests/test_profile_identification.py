"""Identification: the steps of the National Referral Mechanism, oldest first; the latest
decision by date sets the case's status."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.codes import CaseStatus, DecisionMaker, TraffickingStatus
from cases.models import IdentificationDecision
from cases.services import CaseRefused
from cases.services.profile import record_identification
from core.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db

IDENTIFIED = TraffickingStatus.IDENTIFIED
CENTRE = DecisionMaker.CENTRE


def _url(case):
    return reverse("cases:identification", args=[case.pk])


def _post(client, case, **data):
    fields = {"status": IDENTIFIED, "decided_by": CENTRE, "decided_on": "2026-03-10", "note": ""}
    return client.post(_url(case), fields | data)


def test_an_identification_decision_is_recorded_and_shown(case_manager_client, case, case_manager):
    response = _post(case_manager_client, case, note="Rešenje Centra br. 12")

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.identification_status == IDENTIFIED
    decision = IdentificationDecision.objects.get()
    assert (decision.decided_by, decision.decided_on, decision.recorded_by) == (
        CENTRE,
        date(2026, 3, 10),
        case_manager,
    )
    page = case_manager_client.get(_url(case)).content.decode()
    assert "Identified victim" in page
    assert "Centre for Protection of Victims of Trafficking" in page
    assert "Rešenje Centra br. 12" in page


def test_the_form_suggests_the_centre_as_the_decision_maker(case_manager_client, case):
    page = case_manager_client.get(_url(case)).content.decode()

    assert f'<option value="{CENTRE}" selected>' in page


def test_the_history_is_oldest_first_and_the_latest_by_date_sets_the_status(case, case_manager):
    record_identification(case, case_manager, IDENTIFIED, CENTRE, date(2026, 4, 1))
    # Recorded later, but an earlier step: the status stays "identified".
    record_identification(case, case_manager, TraffickingStatus.PRESUMED, "", date(2026, 3, 5))

    case.refresh_from_db()
    assert case.identification_status == IDENTIFIED
    assert [d.status for d in IdentificationDecision.objects.filter(case=case)] == [
        TraffickingStatus.PRESUMED,
        IDENTIFIED,
    ]


def test_a_newer_not_identified_decision_changes_the_status(case, case_manager):
    record_identification(case, case_manager, IDENTIFIED, CENTRE, date(2026, 3, 5))
    record_identification(
        case, case_manager, TraffickingStatus.NOT_IDENTIFIED, DecisionMaker.COURT, date(2026, 4, 1)
    )

    case.refresh_from_db()
    assert case.identification_status == TraffickingStatus.NOT_IDENTIFIED


@pytest.mark.parametrize("status", [IDENTIFIED, TraffickingStatus.NOT_IDENTIFIED])
def test_a_decision_needs_who_took_it(case_manager_client, case, status):
    response = _post(case_manager_client, case, status=status, decided_by="")

    assert response.status_code == 400
    assert "Say who took the decision." in response.content.decode()
    assert not IdentificationDecision.objects.exists()


def test_a_presumed_victim_needs_no_decision_maker(case_manager_client, case):
    response = _post(case_manager_client, case, status=TraffickingStatus.PRESUMED, decided_by="")

    assert response.status_code == 302
    assert IdentificationDecision.objects.get().decided_by == ""


def test_a_decision_needs_a_date(case_manager_client, case):
    response = _post(case_manager_client, case, decided_on="")

    assert response.status_code == 400
    assert not IdentificationDecision.objects.exists()


def test_a_decision_cannot_be_in_the_future(case_manager_client, case):
    tomorrow = timezone.localdate() + timedelta(days=1)

    response = _post(case_manager_client, case, decided_on=tomorrow.isoformat())

    assert response.status_code == 400
    assert "This date is in the future." in response.content.decode()
    assert not IdentificationDecision.objects.exists()


def test_a_decision_cannot_be_before_the_person_was_born(case_manager_client, case):
    response = _post(case_manager_client, case, decided_on="2008-12-31")  # born 2009

    assert response.status_code == 400
    assert "before the person&#x27;s year of birth (2009)" in response.content.decode()
    assert not IdentificationDecision.objects.exists()


@pytest.mark.parametrize("field", ["status", "decided_by"])
def test_a_made_up_code_is_refused(case_manager_client, case, field):
    response = _post(case_manager_client, case, **{field: "Sorcerer"})

    assert response.status_code == 400
    assert "Choose one of the options offered on the page." in response.content.decode()
    assert not IdentificationDecision.objects.exists()


def test_an_impossible_date_is_refused(case_manager_client, case):
    response = _post(case_manager_client, case, decided_on="2026-02-30")

    assert response.status_code == 400
    assert not IdentificationDecision.objects.exists()


def test_a_closed_case_refuses_a_decision(case_manager_client, case, case_manager):
    case.status = CaseStatus.CLOSED
    case.save()

    response = _post(case_manager_client, case)

    assert response.status_code == 400
    assert "This case is closed." in response.content.decode()
    assert not IdentificationDecision.objects.exists()
    with pytest.raises(CaseRefused):
        record_identification(case, case_manager, IDENTIFIED, CENTRE, date(2026, 3, 10))


def test_the_decision_is_audited_with_codes_only(case_manager_client, case):
    _post(case_manager_client, case, note="Rešenje Centra br. 12")

    entry = AuditEntry.objects.get(action=AuditAction.CREATE)
    assert IDENTIFIED in entry.summary
    assert "Rešenje" not in entry.summary


def test_the_page_needs_as_many_queries_for_many_decisions_as_for_one(
    case_manager_client, case, case_manager, member
):
    record_identification(case, case_manager, TraffickingStatus.PRESUMED, "", date(2026, 3, 2))
    case_manager_client.get(_url(case))  # the first request of a session loads more
    with CaptureQueriesContext(connection) as one:
        assert case_manager_client.get(_url(case)).status_code == 200
    for day in range(3, 23):
        # Different people record them: the recorder is joined, not fetched per row.
        record_identification(case, member("case_manager"), IDENTIFIED, CENTRE, date(2026, 3, day))
    with CaptureQueriesContext(connection) as many:
        assert case_manager_client.get(_url(case)).status_code == 200

    assert len(many) == len(one)
