"""Court: the criminal proceedings the person is part of — court, case number (encrypted), role,
stage, protective measures, compensation — and the hearings and testimony dates."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.codes import CaseStatus, CompensationResult, HearingKind, ProceedingStage
from cases.models import CourtProceeding, Hearing
from cases.services.profile import add_hearing, add_proceeding
from cases.tests.factories import CaseFactory
from core.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db

PROCEEDING = {
    "court": "Viši sud u Beogradu",
    "case_number": "K-PO1 12/2026",
    "role": "injured_party_witness",
    "stage": ProceedingStage.INDICTMENT,
    "protective_measures": ["video_link", "no_confrontation"],
    "compensation_claimed": "on",
    "compensation_result": CompensationResult.PENDING,
    "compensation_amount": "",
    "note": "",
}


def _url(case, name="court", item=None):
    return reverse(f"cases:{name}", args=[case.pk] if item is None else [case.pk, item.pk])


def _proceeding(case, **data):
    fields = {"court": "Viši sud u Nišu", "role": "witness", "stage": ProceedingStage.INVESTIGATION}
    return add_proceeding(case, case.case_manager, fields | data)


def _hearing_data(**data):
    return {"hearing-held_on": "2026-03-20", "hearing-kind": HearingKind.TESTIMONY} | data


def test_proceedings_are_recorded_and_shown(case_manager_client, case):
    response = case_manager_client.post(_url(case), PROCEEDING)

    assert response.status_code == 302
    proceeding = CourtProceeding.objects.get(case=case)
    assert proceeding.protective_measures == ["video_link", "no_confrontation"]
    assert proceeding.compensation_claimed
    page = case_manager_client.get(_url(case)).content.decode()
    assert "Viši sud u Beogradu · K-PO1 12/2026" in page
    assert "Injured party and witness" in page
    assert "Testimony by video link, No confrontation with the defendant" in page
    assert "Claimed, not yet decided" in page


def test_the_case_number_is_stored_encrypted(case_manager_client, case):
    case_manager_client.post(_url(case), PROCEEDING)

    with connection.cursor() as cursor:
        cursor.execute("SELECT case_number FROM cases_courtproceeding")
        (stored,) = cursor.fetchone()
    assert "K-PO1" not in str(stored)


def test_an_awarded_amount_is_recorded(case_manager_client, case):
    data = PROCEEDING | {
        "stage": ProceedingStage.FINAL,
        "compensation_result": CompensationResult.PARTLY_AWARDED,
        "compensation_amount": "350000",
    }

    case_manager_client.post(_url(case), data)

    assert CourtProceeding.objects.get().compensation_amount == 350000
    assert "350,000.00 RSD" in case_manager_client.get(_url(case)).content.decode()


@pytest.mark.parametrize(
    "result",
    [CompensationResult.PENDING, CompensationResult.REJECTED, CompensationResult.NOT_CLAIMED],
)
def test_an_amount_needs_an_award(case_manager_client, case, result):
    data = PROCEEDING | {"compensation_result": result, "compensation_amount": "1000"}

    response = case_manager_client.post(_url(case), data)

    assert response.status_code == 400
    assert "An amount is recorded only when compensation was awarded." in response.content.decode()
    assert not CourtProceeding.objects.exists()


def test_a_negative_amount_is_refused(case_manager_client, case):
    data = PROCEEDING | {"compensation_result": "awarded", "compensation_amount": "-5"}

    response = case_manager_client.post(_url(case), data)

    assert response.status_code == 400
    assert "The amount cannot be negative." in response.content.decode()
    assert not CourtProceeding.objects.exists()


def test_a_compensation_result_implies_a_claim(case_manager_client, case):
    data = PROCEEDING | {"compensation_claimed": "", "compensation_result": "rejected"}

    response = case_manager_client.post(_url(case), data)

    assert response.status_code == 400
    assert "compensation claimed" in response.content.decode()
    assert not CourtProceeding.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"role": "judge"},
        {"stage": "retrial"},
        {"protective_measures": ["video_link", "invisibility"]},
        {"compensation_result": "millions"},
    ],
)
def test_a_made_up_code_is_refused(case_manager_client, case, data):
    response = case_manager_client.post(_url(case), PROCEEDING | data)

    assert response.status_code == 400
    assert "Choose one of the options offered on the page." in response.content.decode()
    assert not CourtProceeding.objects.exists()


def test_the_proceedings_are_updated(case_manager_client, case):
    proceeding = _proceeding(case)
    assert case_manager_client.get(_url(case, "court_edit", proceeding)).status_code == 200

    data = PROCEEDING | {
        "stage": ProceedingStage.FINAL,
        "compensation_result": "awarded",
        "compensation_amount": "500000.50",
    }
    response = case_manager_client.post(_url(case, "court_edit", proceeding), data)

    assert response.status_code == 302
    proceeding.refresh_from_db()
    assert (proceeding.stage, str(proceeding.compensation_amount)) == ("final", "500000.50")
    assert AuditEntry.objects.filter(action=AuditAction.UPDATE, summary__contains="final").exists()


def test_a_testimony_date_is_added(case_manager_client, case):
    proceeding = _proceeding(case)
    scheduled = timezone.localdate() + timedelta(days=60)

    response = case_manager_client.post(
        _url(case, "hearing_add", proceeding),
        _hearing_data(**{"hearing-held_on": scheduled.isoformat()}),
        follow=True,
    )

    assert "The date was recorded." in response.content.decode()
    hearing = Hearing.objects.get()
    assert (hearing.held_on, hearing.kind) == (scheduled, HearingKind.TESTIMONY)
    page = case_manager_client.get(_url(case)).content.decode()
    assert f'<time datetime="{scheduled.isoformat()}">' in page


def test_a_hearing_more_than_five_years_ahead_is_refused(case_manager_client, case):
    proceeding = _proceeding(case)
    too_far = timezone.localdate().replace(day=1, month=1) + timedelta(days=366 * 6)

    response = case_manager_client.post(
        _url(case, "hearing_add", proceeding),
        _hearing_data(**{"hearing-held_on": too_far.isoformat()}),
    )

    assert response.status_code == 400
    assert "more than 5 years ahead" in response.content.decode()
    assert not Hearing.objects.exists()


def test_a_hearing_long_before_the_case_is_refused(case_manager_client, case):
    proceeding = _proceeding(case)  # the case was opened in 2026

    too_early = case_manager_client.post(
        _url(case, "hearing_add", proceeding), _hearing_data(**{"hearing-held_on": "2015-12-31"})
    )
    earliest = case_manager_client.post(
        _url(case, "hearing_add", proceeding), _hearing_data(**{"hearing-held_on": "2016-01-01"})
    )

    assert too_early.status_code == 400
    assert "too long before the case" in too_early.content.decode()
    assert earliest.status_code == 302
    assert Hearing.objects.get().held_on == date(2016, 1, 1)


@pytest.mark.parametrize(
    "data", [{"hearing-kind": "duel"}, {"hearing-held_on": "2026-13-01"}, {"hearing-held_on": ""}]
)
def test_a_bad_hearing_is_refused(case_manager_client, case, data):
    proceeding = _proceeding(case)

    response = case_manager_client.post(
        _url(case, "hearing_add", proceeding), _hearing_data(**data)
    )

    assert response.status_code == 400
    assert not Hearing.objects.exists()


def test_another_cases_proceedings_are_not_found(case_manager_client, case, organisation):
    theirs = _proceeding(CaseFactory(organisation=organisation))

    assert case_manager_client.get(_url(case, "court_edit", theirs)).status_code == 404
    assert case_manager_client.post(_url(case, "court_edit", theirs), PROCEEDING).status_code == 404
    hearing = case_manager_client.post(_url(case, "hearing_add", theirs), _hearing_data())
    assert hearing.status_code == 404
    assert not Hearing.objects.exists()
    theirs.refresh_from_db()
    assert theirs.court == "Viši sud u Nišu"


def test_a_closed_case_refuses_court_records(case_manager_client, case):
    proceeding = _proceeding(case)
    case.status = CaseStatus.CLOSED
    case.save()

    responses = [
        case_manager_client.post(_url(case), PROCEEDING),
        case_manager_client.post(_url(case, "court_edit", proceeding), PROCEEDING),
        case_manager_client.post(_url(case, "hearing_add", proceeding), _hearing_data()),
    ]

    for response in responses:
        assert response.status_code == 400
        assert "This case is closed." in response.content.decode()
    assert CourtProceeding.objects.get().court == "Viši sud u Nišu"
    assert not Hearing.objects.exists()


def test_writes_are_audited_with_codes_only(case_manager_client, case):
    case_manager_client.post(_url(case), PROCEEDING)
    proceeding = CourtProceeding.objects.get()
    case_manager_client.post(_url(case, "hearing_add", proceeding), _hearing_data())

    summaries = list(
        AuditEntry.objects.filter(action=AuditAction.CREATE).values_list("summary", flat=True)
    )
    assert len(summaries) == 2
    assert all("K-PO1" not in s and "Beogradu" not in s for s in summaries)


@pytest.mark.parametrize("name", ["court", "court_edit"])
def test_the_pages_need_as_many_queries_for_many_records_as_for_one(
    case_manager_client, case, name
):
    first = _proceeding(case, protective_measures=["video_link"])
    add_hearing(first, case.case_manager, date(2026, 3, 20), HearingKind.TESTIMONY)
    url = _url(case, name, first if name == "court_edit" else None)
    case_manager_client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert case_manager_client.get(url).status_code == 200
    for _ in range(20):
        proceeding = _proceeding(case, protective_measures=["video_link"])
        add_hearing(proceeding, case.case_manager, date(2026, 3, 20), HearingKind.HEARING)
        add_hearing(first, case.case_manager, date(2026, 3, 21), HearingKind.HEARING)
    with CaptureQueriesContext(connection) as many:
        assert case_manager_client.get(url).status_code == 200

    assert len(many) == len(one)
