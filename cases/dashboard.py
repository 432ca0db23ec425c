"""The cases app's dashboard panel: a case manager's open cases, a partner's referrals waiting."""

from typing import Any

from django.http import HttpRequest

from cases.codes import ReferralStatus
from cases.queries import incoming_referrals_for
from cases.queries.lists import my_open_cases_count
from core.access import Capability, has_capability


def dashboard_panels(request: HttpRequest) -> list[dict[str, Any]]:
    organisation = getattr(request, "organisation", None)
    if organisation is None:
        return []
    panel: dict[str, Any] = {"my_open_cases": None, "referrals_waiting": None}
    if has_capability(request, Capability.OPEN_CASES):
        panel["my_open_cases"] = my_open_cases_count(organisation, request.user)  # type: ignore[arg-type]
    if has_capability(request, Capability.RECEIVE_REFERRALS):
        panel["referrals_waiting"] = (
            incoming_referrals_for(organisation).filter(status=ReferralStatus.SENT).count()
        )
    if panel["my_open_cases"] is None and panel["referrals_waiting"] is None:
        return []
    return [{"template": "cases/panel_cases.html", **panel}]
