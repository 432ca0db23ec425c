"""The catalogue's dashboard panels: accreditations about to end, new enquiries."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from catalogue import queries
from core.access import Capability, has_capability

PANEL_LIMIT = 10


def dashboard_panels(request: HttpRequest) -> list[dict[str, Any]]:
    organisation = getattr(request, "organisation", None)
    if organisation is None:
        return []
    panels: list[dict[str, Any]] = []
    if has_capability(request, Capability.VIEW_CATALOGUE):
        expiring = list(queries.expiring_programmes(organisation)[: PANEL_LIMIT + 1])
        if expiring:
            panels.append(
                {
                    "template": "catalogue/panel_expiring.html",
                    "programmes": expiring[:PANEL_LIMIT],
                    "more": len(expiring) > PANEL_LIMIT,
                    "today": timezone.localdate(),
                    "warning_days": settings.ACCREDITATION_WARNING_DAYS,
                }
            )
    if has_capability(request, Capability.HANDLE_ENQUIRIES):
        count = queries.new_enquiry_count(organisation)
        if count:
            panels.append({"template": "catalogue/panel_enquiries.html", "count": count})
    return panels
