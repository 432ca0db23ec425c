"""The views of the cases app, one module per area. `case_page` is how every page of one case
starts: the capability, the organisation's scope (404 outside it), the team rule (the code
only, and the break-the-glass form, for anyone else) and the audited read."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from cases.forms_cases import GlassBreakForm
from cases.queries import Access, access_to, cases_for
from core.access import Capability, requires
from core.models import AuditAction, User
from core.services import audit_request

CaseView = Callable[..., HttpResponse]


def actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def case_page(view: CaseView) -> CaseView:
    """Decorate `view(request, case, **kwargs)` of the URL `cases/<pk>/...`.

    The case team (and anyone who broke the glass) gets the page, and the read is audited with
    the page's name; any other case manager gets the code and the break-the-glass form (403).
    """

    @requires(Capability.OPEN_CASES)
    @wraps(view)
    def wrapper(request: HttpRequest, pk: int, **kwargs: Any) -> HttpResponse:
        case = get_object_or_404(cases_for(request.organisation), pk=pk)  # type: ignore[attr-defined]
        access = access_to(case, actor(request))
        if access == Access.NONE:
            return render(
                request,
                "cases/restricted.html",
                {
                    "case": case,
                    "glass_form": GlassBreakForm(),
                    "glass_hours": settings.GLASS_BREAK_HOURS,
                },
                status=403,
            )
        page = request.resolver_match.url_name if request.resolver_match else view.__name__
        summary = f"{case.code}: {page}" + (" (break the glass)" if access == Access.GLASS else "")
        audit_request(request, AuditAction.READ, obj=case, summary=summary)
        request.case_access = access  # type: ignore[attr-defined]
        return view(request, case, **kwargs)

    return wrapper
