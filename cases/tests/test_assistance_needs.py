"""A case manager assesses the person's needs in every domain, again later, and sees on one
table what changed: "↑ worse" or "↓ better", with the notes the team wrote."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.codes import CaseStatus, ConsentPurpose, LegalBasis, NeedDomain, NeedRating
from cases.models import Consent, Need, NeedsAssessment
from cases.services import CaseRefused
from cases.services.assistance import record_assessment
from cases.tests.factories import CaseFactory
from core.models import AuditEntry

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _form(assessed_on: date, **ratings: int) -> dict[str, str]:
    data = {"assessed_on": assessed_on.isoformat()}
    for domain in NeedDomain.values:
        data[f"rating_{domain}"] = str(ratings.get(domain, NeedRating.LOW))
        data[f"note_{domain}"] = ""
    return data


def _ratings(**ratings: int) -> dict[str, tuple[int, str]]:
    return {d: (ratings.get(d, NeedRating.LOW), "") for d in NeedDomain.values}


def test_an_assessment_of_every_domain_is_recorded(case_manager_client, case):
    data = _form(TODAY, safety=NeedRating.HIGH)
    data["note_safety"] = "Trafficker's brother seen near the shelter."

    response = case_manager_client.post(reverse("cases:needs_new", args=[case.pk]), data)

    assert response.status_code == 302
    assessment = NeedsAssessment.objects.get(case=case)
    assert assessment.needs.count() == len(NeedDomain.values)
    safety = assessment.needs.get(domain=NeedDomain.SAFETY)
    assert (safety.rating, safety.note) == (
        NeedRating.HIGH,
        "Trafficker's brother seen near the shelter.",
    )
    entry = AuditEntry.objects.filter(summary__contains="needs assessment").get()
    assert "brother" not in entry.summary


def test_the_second_assessment_shows_what_got_better_and_worse(
    case_manager_client, case, case_manager
):
    record_assessment(
        case,
        case_manager,
        TODAY - timedelta(days=30),
        _ratings(safety=NeedRating.HIGH, health=NeedRating.LOW),
    )
    second = _ratings(safety=NeedRating.LOW, health=NeedRating.MEDIUM)
    second["legal"] = (NeedRating.LOW, "Lawyer appointed.")
    record_assessment(case, case_manager, TODAY, second)

    page = case_manager_client.get(reverse("cases:needs", args=[case.pk])).content.decode()

    assert page.count('class="need-down">↓ better') == 1
    assert page.count('class="need-up">↑ worse') == 1
    assert "Lawyer appointed." in page
    assert "Urgent need" in page and "Considerable need" in page


def test_the_table_shows_the_last_six_assessments_and_the_change_into_the_first(
    case_manager_client, case, case_manager
):
    for days_ago in range(8, 0, -1):  # 8 assessments; safety grows worse each time
        rating = NeedRating.NONE if days_ago > 6 else NeedRating.HIGH
        record_assessment(
            case, case_manager, TODAY - timedelta(days=days_ago), _ratings(safety=rating)
        )

    page = case_manager_client.get(reverse("cases:needs", args=[case.pk])).content.decode()

    assert page.count('<th scope="col">') == 1 + 6
    assert page.count("↑ worse") == 1  # from the 7th-last (not shown) to the first shown


def test_the_needs_page_costs_the_same_queries_with_one_or_many_assessments(
    case_manager_client, case, case_manager
):
    url = reverse("cases:needs", args=[case.pk])
    record_assessment(case, case_manager, TODAY - timedelta(days=20), _ratings())
    case_manager_client.get(url)  # the session's first request does more
    with CaptureQueriesContext(connection) as one:
        case_manager_client.get(url)
    for days_ago in range(10, 0, -1):
        record_assessment(case, case_manager, TODAY - timedelta(days=days_ago), _ratings())
    with CaptureQueriesContext(connection) as many:
        case_manager_client.get(url)
    assert len(many) == len(one)


def test_the_new_assessment_starts_from_the_last_ratings(case_manager_client, case, case_manager):
    record_assessment(case, case_manager, TODAY, _ratings(safety=NeedRating.HIGH))

    page = case_manager_client.get(reverse("cases:needs_new", args=[case.pk])).content.decode()

    assert 'name="rating_safety" value="3" required id="id_rating_safety_3" checked' in page


@pytest.mark.parametrize(
    "change, message",
    [
        ({"assessed_on": (TODAY + timedelta(days=1)).isoformat()}, "This date is in the future."),
        ({"assessed_on": "2026-03-01"}, "This date is before the case was opened"),
        ({"assessed_on": "2026-02-31"}, "Enter a valid date."),
        ({"rating_health": "7"}, "Choose one of the ratings."),
        ({"rating_health": ""}, "Rate the need in this domain."),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(case_manager_client, case, change, message):
    data = _form(TODAY) | change

    response = case_manager_client.post(reverse("cases:needs_new", args=[case.pk]), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not NeedsAssessment.objects.exists()


def test_no_assessment_on_a_closed_case(case_manager_client, case):
    case.status = CaseStatus.CLOSED
    case.save()

    response = case_manager_client.post(
        reverse("cases:needs_new", args=[case.pk]), _form(TODAY), follow=True
    )

    assert "This case is closed." in response.content.decode()
    assert not NeedsAssessment.objects.exists()


def test_no_assessment_while_consent_to_assistance_is_withdrawn(case, case_manager):
    Consent.objects.create(
        case=case,
        purpose=ConsentPurpose.ASSISTANCE,
        legal_basis=LegalBasis.CONSENT,
        given_on=date(2026, 3, 2),
        withdrawn_on=date(2026, 4, 1),
        recorded_by=case_manager,
    )

    with pytest.raises(CaseRefused):
        record_assessment(case, case_manager, TODAY, _ratings())
    assert not Need.objects.exists()


def test_the_service_refuses_an_incomplete_or_unknown_rating(case, case_manager):
    incomplete = _ratings()
    del incomplete["safety"]
    with pytest.raises(CaseRefused):
        record_assessment(case, case_manager, TODAY, incomplete)
    with pytest.raises(CaseRefused):
        record_assessment(case, case_manager, TODAY, _ratings(safety=9))
    assert not NeedsAssessment.objects.exists()


def test_a_case_of_another_organisation_is_not_found(case_manager_client, other_organisation):
    theirs = CaseFactory(organisation=other_organisation)

    response = case_manager_client.post(reverse("cases:needs_new", args=[theirs.pk]), _form(TODAY))

    assert response.status_code == 404
    assert not NeedsAssessment.objects.exists()
