"""Anonymise now the registrations past the retention period (the scheduler does it daily)."""

from typing import Any

from django.core.management.base import BaseCommand

from training.services.privacy import anonymise_expired_registrations


class Command(BaseCommand):
    help = (
        "Anonymise registrations of trainings that ended more than "
        "REGISTRATION_RETENTION_DAYS ago, and print how many."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = anonymise_expired_registrations()
        self.stdout.write(f"{count} registrations anonymised")
