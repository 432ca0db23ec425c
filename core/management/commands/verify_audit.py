"""Verify the hash chain of the audit log: exit 0 if intact, 1 at the first broken link."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from core.queries import verify_audit_chain


class Command(BaseCommand):
    help = "Recompute the audit log's hash chain and report the first broken link, if any."

    def handle(self, *args: Any, **options: Any) -> None:
        checked, broken = verify_audit_chain()
        if broken is not None:
            raise CommandError(f"BROKEN at entry #{broken.sequence}: {broken.reason}")
        self.stdout.write(self.style.SUCCESS(f"OK: {checked} entries verified"))
