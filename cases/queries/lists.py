"""Reads behind the case list, the teams pages, the emergency-access log and the dashboard
panel. The case list carries no person data at all: codes, dates, statuses and who manages."""

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet

from cases.codes import OPEN_STATUSES
from cases.models import Case, GlassBreak, Team
from core.models import Membership, Organisation, Role, User

PAGE_SIZE = 50


def case_rows(organisation: Organisation, filters: dict[str, Any], user: User) -> QuerySet[Case]:
    """The organisation's cases, newest first, narrowed by `filters` (status, identification,
    year, mine); only the columns of the list are selected, never the person."""
    cases = (
        Case.objects.filter(organisation=organisation)
        .select_related("case_manager", "team")
        .only(
            "pk",
            "code",
            "status",
            "opened_on",
            "identification_status",
            "is_minor",
            "case_manager__username",
            "case_manager__first_name",
            "case_manager__last_name",
            "team__name",
        )
    )
    if filters.get("status"):
        cases = cases.filter(status=filters["status"])
    if filters.get("identification"):
        cases = cases.filter(identification_status=filters["identification"])
    if filters.get("year"):
        cases = cases.filter(opened_on__year=filters["year"])
    if filters.get("mine"):
        cases = cases.filter(case_manager=user)
    return cases.order_by("-opened_on", "-pk")


def case_page(organisation: Organisation, filters: dict[str, Any], user: User, number: Any) -> Page:
    return Paginator(case_rows(organisation, filters, user), PAGE_SIZE).get_page(number)


def my_open_cases_count(organisation: Organisation, user: User) -> int:
    return Case.objects.filter(
        organisation=organisation, case_manager=user, status__in=OPEN_STATUSES
    ).count()


def case_managers_of(organisation: Organisation) -> QuerySet[User]:
    """The organisation's active case managers, by name."""
    holders = Membership.objects.filter(organisation=organisation, role=Role.CASE_MANAGER).values(
        "user_id"
    )
    return User.objects.filter(pk__in=holders, is_active=True).order_by(
        "last_name", "first_name", "username"
    )


def teams_of_member(organisation: Organisation, user: User) -> QuerySet[Team]:
    """The organisation's teams `user` belongs to (what they may open a case for)."""
    return Team.objects.filter(organisation=organisation, members=user).order_by("name")


def teams_with_members(organisation: Organisation) -> QuerySet[Team]:
    return Team.objects.filter(organisation=organisation).prefetch_related(
        Prefetch("members", queryset=User.objects.order_by("last_name", "first_name", "username"))
    )


def glass_break_page(organisation: Organisation, number: Any) -> Page:
    """Every emergency access of the organisation, newest first, with the case code and user."""
    breaks = (
        GlassBreak.objects.filter(organisation=organisation)
        .select_related("case", "user")
        .order_by("-created_at", "-pk")
    )
    return Paginator(breaks, PAGE_SIZE).get_page(number)
