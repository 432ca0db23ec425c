"""Anonymise now the persons whose cases are all past retention (the scheduler does it daily)."""

from typing import Any

from django.core.management.base import BaseCommand

from cases.services.rights import anonymise_expired


class Command(BaseCommand):
    help = (
        "Anonymise the assisted persons whose every case is closed and past its retention "
        "date (CASE_RETENTION_YEARS after closing), and print how many."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = anonymise_expired()
        self.stdout.write(f"{count} persons anonymised")
