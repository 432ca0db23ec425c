"""Dashboard panels: each app contributes panels through a `dashboard_panels(request)` function
in its `dashboard` module, so core shows them without importing the apps."""

from importlib import import_module
from typing import Any

from django.apps import apps
from django.http import HttpRequest


def panels_for(request: HttpRequest) -> list[dict[str, Any]]:
    panels: list[dict[str, Any]] = []
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.dashboard")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.dashboard":
                raise
            continue
        contribute = getattr(module, "dashboard_panels", None)
        if contribute is not None:
            panels.extend(contribute(request))
    return panels
