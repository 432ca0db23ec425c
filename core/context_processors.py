"""What the base layout needs on every page: the navigation the user's capabilities allow."""

from typing import Any

from django.http import HttpRequest

from core.access import Capability


def navigation(request: HttpRequest) -> dict[str, Any]:
    capabilities = getattr(request, "capabilities", frozenset())
    return {
        "can": {capability.name: capability in capabilities for capability in Capability},
        "current_organisation": getattr(request, "organisation", None),
        "user_organisations": getattr(request, "organisations", []),
    }
