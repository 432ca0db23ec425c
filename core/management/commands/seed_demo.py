"""Load the demo organisations, one user per role, and each app's demo data; safe to repeat.

Each app contributes through a `demo` module with `seed(context) -> None`, called in the order of
INSTALLED_APPS, so core loads demo data without importing the apps that build on it.
"""

from importlib import import_module
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Create or refresh the demo data and print the demo sign-ins."

    def handle(self, *args: Any, **options: Any) -> None:
        context: dict[str, Any] = {"stdout": self.stdout}
        with transaction.atomic():
            for config in apps.get_app_configs():
                try:
                    module = import_module(f"{config.name}.demo")
                except ModuleNotFoundError as error:
                    if error.name != f"{config.name}.demo":
                        raise
                    continue
                module.seed(context)
        for line in context.get("report", []):
            self.stdout.write(line)
