"""Online reports for tests, made through the real service (as a reporter would send them)."""

from typing import Any

from core.models import Organisation
from hotline.models import OnlineReport
from hotline.services.online_reports import submit_online_report

REPORT = {
    "what_happened": "Three young women are kept in the flat above the bakery; a man takes "
    "their passports and drives them to work every night.",
    "where": "Novi Sad, Bulevar oslobođenja",
    "when": "last Friday night",
}


def send_report(
    organisation: Organisation, language: str = "en", **fields: Any
) -> tuple[OnlineReport, str]:
    """(report, passphrase) as the reporter got them from /report/."""
    return submit_online_report(organisation, {**REPORT, **fields}, language)
