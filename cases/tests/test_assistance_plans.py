"""A support plan agreed with the person: goals with activities, who is responsible and a
deadline, a review date and the person's own view; later the goals' statuses change."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.codes import CaseStatus, GoalStatus, NeedDomain
from cases.models import PlanGoal, SupportPlan
from cases.services import CaseRefused
from cases.services.assistance import create_plan
from cases.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
AGREED = date(2026, 4, 1)


def _goal_rows(*goals: dict[str, str], prefix: str = "goals", extra: int = 1) -> dict[str, str]:
    data = {f"{prefix}-TOTAL_FORMS": str(len(goals) + extra), f"{prefix}-INITIAL_FORMS": "0"}
    for i, goal in enumerate(goals):
        data |= {f"{prefix}-{i}-{key}": value for key, value in goal.items()}
    return data


SHELTER = {
    "domain": "accommodation",
    "goal": "A safe place to live",
    "activities": "Apply for the shelter in Novi Sad",
    "responsible": "Centar za socijalni rad Novi Sad",
    "deadline": "2026-05-01",
}
PAPERS = {"domain": "documents", "goal": "A new identity card", "responsible": "MUP"}


def _plan_form(**change: str) -> dict[str, str]:
    return (
        {
            "agreed_on": AGREED.isoformat(),
            "review_on": "2026-06-01",
            "person_view": "Wants to finish school first.",
        }
        | _goal_rows(SHELTER, PAPERS)
        | change
    )


def _plan(case, manager, **kwargs):  # type: ignore[no-untyped-def]
    goals = [{"domain": "accommodation", "goal": "A safe place to live", "deadline": None}]
    return create_plan(
        case, manager, kwargs.get("agreed_on", AGREED), kwargs.get("review_on"), "", goals
    )


def test_a_plan_with_two_goals_is_recorded(case_manager_client, case):
    response = case_manager_client.post(reverse("cases:plan_new", args=[case.pk]), _plan_form())

    assert response.status_code == 302
    plan = SupportPlan.objects.get(case=case)
    assert (plan.agreed_on, plan.review_on) == (AGREED, date(2026, 6, 1))
    assert plan.person_view == "Wants to finish school first."
    goals = list(plan.goals.all())
    assert [(g.domain, g.goal, g.status) for g in goals] == [
        ("accommodation", "A safe place to live", GoalStatus.PLANNED),
        ("documents", "A new identity card", GoalStatus.PLANNED),
    ]
    assert goals[0].deadline == date(2026, 5, 1)


def test_the_plans_page_lists_goals_and_flags_a_passed_review(
    case_manager_client, case, case_manager
):
    _plan(case, case_manager, review_on=AGREED + timedelta(days=10))
    later = _plan(case, case_manager, agreed_on=TODAY, review_on=TODAY + timedelta(days=30))

    page = case_manager_client.get(reverse("cases:plans", args=[case.pk])).content.decode()

    assert page.count("Review date has passed") == 1
    assert page.index(f'id="plan-{later.pk}"') < page.index("Review date has passed")
    assert "A safe place to live" in page


@pytest.mark.parametrize(
    "change, message",
    [
        ({"agreed_on": (TODAY + timedelta(days=1)).isoformat()}, "This date is in the future."),
        ({"agreed_on": "2026-01-01"}, "This date is before the case was opened"),
        ({"review_on": "2026-03-15"}, "The review date must be after the agreed date."),
        (
            {"goals-0-deadline": "2026-03-20"},
            "The deadline is before the date the plan was agreed.",
        ),
        ({"goals-0-domain": "happiness"}, "Choose one of the domains."),
        ({"goals-0-goal": ""}, "Describe the goal."),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(case_manager_client, case, change, message):
    response = case_manager_client.post(
        reverse("cases:plan_new", args=[case.pk]), _plan_form(**change)
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SupportPlan.objects.exists() and not PlanGoal.objects.exists()


def test_a_plan_needs_at_least_one_goal(case_manager_client, case):
    data = {"agreed_on": AGREED.isoformat()} | _goal_rows(extra=3)

    response = case_manager_client.post(reverse("cases:plan_new", args=[case.pk]), data)

    assert response.status_code == 400
    assert not SupportPlan.objects.exists()


def test_a_plan_without_the_formset_is_refused_not_a_crash(case_manager_client, case):
    response = case_manager_client.post(reverse("cases:plan_new", args=[case.pk]), {})

    assert response.status_code == 400
    assert not SupportPlan.objects.exists()


def test_the_review_date_the_view_and_statuses_change_and_a_goal_is_added(
    case_manager_client, case, case_manager
):
    plan = _plan(case, case_manager)
    goal = plan.goals.get()
    data = {
        "review_on": "2026-09-01",
        "person_view": "Happy with the shelter.",
        f"status_{goal.pk}": GoalStatus.ACHIEVED,
    } | _goal_rows({"domain": "education", "goal": "Enrol in evening school"})

    response = case_manager_client.post(reverse("cases:plan_edit", args=[case.pk, plan.pk]), data)

    assert response.status_code == 302
    plan.refresh_from_db()
    goal.refresh_from_db()
    assert (plan.review_on, plan.person_view) == (date(2026, 9, 1), "Happy with the shelter.")
    assert goal.status == GoalStatus.ACHIEVED
    assert plan.goals.filter(domain=NeedDomain.EDUCATION, status=GoalStatus.PLANNED).count() == 1


def test_an_unknown_goal_status_is_refused(case_manager_client, case, case_manager):
    plan = _plan(case, case_manager)
    goal = plan.goals.get()
    data = {f"status_{goal.pk}": "abandoned"} | _goal_rows()

    response = case_manager_client.post(reverse("cases:plan_edit", args=[case.pk, plan.pk]), data)

    assert response.status_code == 400
    goal.refresh_from_db()
    assert goal.status == GoalStatus.PLANNED


def test_a_plan_of_another_case_is_not_found(case_manager_client, case, case_manager, organisation):
    other = CaseFactory(organisation=organisation, case_manager=case_manager)
    theirs = _plan(other, case_manager)

    url = reverse("cases:plan_edit", args=[case.pk, theirs.pk])
    assert case_manager_client.get(url).status_code == 404
    assert case_manager_client.post(url, {"review_on": "2026-09-01"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.review_on is None


def test_a_goal_of_another_plan_cannot_be_changed(case, case_manager):
    from cases.services.assistance import update_plan

    plan, other = _plan(case, case_manager), _plan(case, case_manager)
    with pytest.raises(CaseRefused):
        update_plan(plan, case_manager, None, "", {other.goals.get().pk: GoalStatus.ACHIEVED}, [])
    assert other.goals.get().status == GoalStatus.PLANNED


def test_no_plan_on_a_closed_case(case, case_manager):
    case.status = CaseStatus.CLOSED
    case.save()
    with pytest.raises(CaseRefused):
        _plan(case, case_manager)
    assert not SupportPlan.objects.exists()


def test_the_plans_page_costs_the_same_queries_with_one_or_many_plans(
    case_manager_client, case, case_manager
):
    url = reverse("cases:plans", args=[case.pk])
    _plan(case, case_manager)
    case_manager_client.get(url)
    with CaptureQueriesContext(connection) as one:
        case_manager_client.get(url)
    for _ in range(8):
        _plan(case, case_manager)
    with CaptureQueriesContext(connection) as many:
        case_manager_client.get(url)
    assert len(many) == len(one)
