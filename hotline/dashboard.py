"""The hotline's dashboard panel for SOS consultants: what waits for them on the line."""

from typing import Any

from django.http import HttpRequest

from core.access import Capability, has_capability
from hotline.queries.lists import line_panel_counts


def dashboard_panels(request: HttpRequest) -> list[dict[str, Any]]:
    organisation = getattr(request, "organisation", None)
    if organisation is None or not has_capability(request, Capability.RECORD_CONTACTS):
        return []
    counts = line_panel_counts(organisation, request.user)  # type: ignore[arg-type]
    return [{"template": "hotline/panel_line.html", **counts}]
