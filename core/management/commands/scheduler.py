"""Enqueue recurring background tasks when they are due (core.schedule.SCHEDULE)."""

import logging
import signal
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from core.schedule import run_due_tasks

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Enqueue the scheduled tasks when due; runs until stopped, or once with --once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Enqueue what is due, then exit.")
        parser.add_argument(
            "--interval",
            type=float,
            default=60.0,
            help="Seconds between two looks at the schedule (default 60).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["once"]:
            self._run()
            return
        self._stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        while not self._stopping:
            close_old_connections()
            try:
                self._run()
            except Exception:  # a bad run is logged; the next look may succeed (database back)
                logger.exception("The scheduler could not enqueue the due tasks")
            waited = 0.0
            while waited < options["interval"] and not self._stopping:
                time.sleep(min(1.0, options["interval"]))
                waited += 1.0

    def _run(self) -> None:
        for task_path in run_due_tasks():
            self.stdout.write(f"Enqueued {task_path}")

    def _stop(self, signum: int, frame: Any) -> None:
        self._stopping = True
