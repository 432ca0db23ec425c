"""Recurring background work: which task runs how often. `manage.py scheduler` enqueues each
task when it is due; the worker (`manage.py db_worker`) runs it.

The time of each task's last run is kept in the shared cache (the database cache in the
embedded run), so restarting the scheduler does not run everything again.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.core.cache import cache
from django.utils import timezone
from django.utils.module_loading import import_string

SCHEDULE: list[tuple[str, timedelta]] = [
    # Registrations past the retention period are anonymised (training.services.privacy).
    ("training.tasks.anonymise_expired_registrations", timedelta(days=1)),
    # Persons whose cases are closed and past the retention period (cases.services.rights).
    ("cases.tasks.anonymise_expired_cases", timedelta(days=1)),
]

# Kept far longer than any interval; the value is only ever compared with the interval.
_KEEP_SECONDS = 400 * 24 * 3600


def _last_run_key(task_path: str) -> str:
    return f"schedule:last-run:{task_path}"


def last_run(task_path: str) -> datetime | None:
    """When the task was last enqueued by the scheduler, if ever (as far as the cache knows)."""
    value = cache.get(_last_run_key(task_path))
    return value if isinstance(value, datetime) else None


def due_tasks(
    now: datetime | None = None, schedule: Iterable[tuple[str, timedelta]] | None = None
) -> list[str]:
    """The dotted paths of the tasks whose interval has passed since their last run."""
    now = now or timezone.now()
    due = []
    for task_path, interval in SCHEDULE if schedule is None else schedule:
        previous = last_run(task_path)
        if previous is None or now - previous >= interval:
            due.append(task_path)
    return due


def run_due_tasks(
    now: datetime | None = None, schedule: Iterable[tuple[str, timedelta]] | None = None
) -> list[str]:
    """Enqueue every due task and remember when; returns the paths of those enqueued."""
    now = now or timezone.now()
    enqueued = []
    for task_path in due_tasks(now, schedule):
        task: Any = import_string(task_path)
        task.enqueue()
        cache.set(_last_run_key(task_path), now, _KEEP_SECONDS)
        enqueued.append(task_path)
    return enqueued
