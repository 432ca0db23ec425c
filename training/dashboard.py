"""The training app's dashboard panel: the next trainings with their fill rate and waitlist, and
how many certificates are waiting to be issued."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from core.access import Capability, has_capability
from training.queries import overview

PANEL_LIMIT = 5


def dashboard_panels(request: HttpRequest) -> list[dict[str, Any]]:
    organisation = getattr(request, "organisation", None)
    if organisation is None or not has_capability(request, Capability.VIEW_TRAININGS):
        return []
    trainings = overview.season_trainings(organisation)
    upcoming = list(overview.upcoming_trainings(trainings, timezone.localdate())[: PANEL_LIMIT + 1])
    pending = overview.certificates_pending_total(organisation)
    if not upcoming and not pending:
        return []
    return [
        {
            "template": "training/panel_season.html",
            "trainings": upcoming[:PANEL_LIMIT],
            "more": len(upcoming) > PANEL_LIMIT,
            "certificates_pending": pending,
        }
    ]
