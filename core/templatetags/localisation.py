"""Template filters showing two-language texts in the reader's language and script."""

from typing import Any

from django import template
from django.utils import translation

from core.localisation import for_language, localised_lines
from core.localisation import localised as localised_text

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
