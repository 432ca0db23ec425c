"""The one table that decides every permission (DESIGN.md §5).

Views declare the capability they need with `@requires(...)`; nothing else in the code decides
access. A role that holds a capability marked as needing a second factor must enrol TOTP and
verify it before any staff page opens, and its idle sessions end sooner.
"""

from collections.abc import Callable, Iterable
from enum import StrEnum
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from core.models import Role


class Capability(StrEnum):
    VIEW_DASHBOARD = "view_dashboard"
    VIEW_CATALOGUE = "view_catalogue"
    MANAGE_CATALOGUE = "manage_catalogue"
    HANDLE_ENQUIRIES = "handle_enquiries"
    MANAGE_MEMBERS = "manage_members"
    VIEW_AUDIT_LOG = "view_audit_log"
    OPEN_VICTIM_DATA = "open_victim_data"
    VIEW_STATISTICS = "view_statistics"
    VIEW_TRAININGS = "view_trainings"
    MANAGE_TRAININGS = "manage_trainings"
    RECORD_ATTENDANCE = "record_attendance"
    MANAGE_PEOPLE = "manage_people"
    RUN_LEARNING = "run_learning"
    MANAGE_LEARNING = "manage_learning"
    RECORD_CONTACTS = "record_contacts"
    VIEW_LINE_REPORT = "view_line_report"
    OPEN_CASES = "open_cases"
    VIEW_CASE_CODES = "view_case_codes"
    RECEIVE_REFERRALS = "receive_referrals"


C = Capability

ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.ADMINISTRATOR: frozenset(
        {C.VIEW_DASHBOARD, C.VIEW_CATALOGUE, C.MANAGE_MEMBERS, C.VIEW_AUDIT_LOG}
    ),
    Role.EDUCATION_COORDINATOR: frozenset(
        {
            C.VIEW_DASHBOARD,
            C.VIEW_CATALOGUE,
            C.MANAGE_CATALOGUE,
            C.HANDLE_ENQUIRIES,
            C.VIEW_TRAININGS,
            C.MANAGE_TRAININGS,
            C.RECORD_ATTENDANCE,
            C.MANAGE_PEOPLE,
            C.RUN_LEARNING,
            C.MANAGE_LEARNING,
        }
    ),
    Role.TRAINER: frozenset(
        {
            C.VIEW_DASHBOARD,
            C.VIEW_CATALOGUE,
            C.VIEW_TRAININGS,
            C.RECORD_ATTENDANCE,
            C.RUN_LEARNING,
        }
    ),
    Role.SOS_CONSULTANT: frozenset(
        {
            C.VIEW_DASHBOARD,
            C.OPEN_VICTIM_DATA,
            C.RECORD_CONTACTS,
            C.VIEW_LINE_REPORT,
            C.VIEW_CASE_CODES,
        }
    ),
    Role.CASE_MANAGER: frozenset(
        {C.VIEW_DASHBOARD, C.OPEN_VICTIM_DATA, C.OPEN_CASES, C.VIEW_CASE_CODES}
    ),
    Role.RESEARCHER: frozenset({C.VIEW_DASHBOARD, C.VIEW_STATISTICS, C.VIEW_LINE_REPORT}),
    # A user of a partner organisation sees only what was referred to it.
    Role.PARTNER: frozenset({C.VIEW_DASHBOARD, C.RECEIVE_REFERRALS}),
}

# Holding any of these means: TOTP is mandatory and the idle session ends after 15 minutes.
SECOND_FACTOR_CAPABILITIES = frozenset(
    {C.OPEN_VICTIM_DATA, C.RECEIVE_REFERRALS, C.MANAGE_MEMBERS, C.VIEW_AUDIT_LOG}
)


def capabilities_of(roles: Iterable[str]) -> frozenset[Capability]:
    """Union of the capabilities of the given roles."""
    result: set[Capability] = set()
    for role in roles:
        result |= ROLE_CAPABILITIES.get(role, frozenset())
    return frozenset(result)


def needs_second_factor(roles: Iterable[str]) -> bool:
    """True when any of the roles can open victims' data or manage who can."""
    return bool(capabilities_of(roles) & SECOND_FACTOR_CAPABILITIES)


def has_capability(request: HttpRequest, capability: Capability) -> bool:
    """Whether the signed-in user holds `capability` in the current organisation."""
    return capability in getattr(request, "capabilities", frozenset())


def requires(
    capability: Capability,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """View decorator: sign-in, membership of the current organisation and the capability."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request)
            if not has_capability(request, capability):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.required_capability = capability  # type: ignore[attr-defined]
        return wrapper

    return decorator


def redirect_to_login(request: HttpRequest) -> HttpResponse:
    from django.contrib.auth.views import redirect_to_login as django_redirect

    return django_redirect(request.get_full_path())


def signed_in(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For staff pages every member may open (profile, language, organisation switch)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request)
        return view(request, *args, **kwargs)

    return wrapper
