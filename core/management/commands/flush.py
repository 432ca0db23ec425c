"""`flush` that lifts the audit guard while it empties the database, then puts it back.

Django's test framework (TransactionTestCase, pytest-django's transactional_db and
live_server) empties tables with this command; the append-only triggers would refuse it.
Emptying the whole database is an explicit administrative act, so the guard steps aside for it
only. `core` is first in INSTALLED_APPS, so this command replaces Django's.
"""

from typing import Any

from django.core.management.commands import flush
from django.db import DEFAULT_DB_ALIAS, connections

from core import audit_guard


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        guarded = audit_guard.is_installed(connection)
        if guarded:
            audit_guard.remove(connection)
        try:
            super().handle(**options)
        finally:
            if guarded:
                audit_guard.install(connection)
