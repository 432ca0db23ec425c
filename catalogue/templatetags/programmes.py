"""Template filters showing programme texts in the reader's language and script."""

from typing import Any

from django import template
from django.utils import translation

from catalogue.localisation import localised as localised_text
from catalogue.localisation import localised_lines
from catalogue.scripts import for_language

register = template.Library()


@register.filter
def localised(obj: Any, field: str) -> str:
    """{{ programme|localised:"title" }}"""
    return localised_text(obj, field)


@register.filter
def localised_list(obj: Any, field: str) -> list[str]:
    """{% for topic in programme|localised_list:"topics" %}"""
    return localised_lines(obj, field)


@register.filter
def serbian(text: str) -> str:
    """A Serbian-only text (e.g. an accreditation category) in the script of the interface."""
    return for_language(text, translation.get_language() or "en")
