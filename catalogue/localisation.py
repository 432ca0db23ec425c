"""Which of a programme's texts a reader sees: English if asked and written, else Serbian in the
script of the interface (`sr` Cyrillic, `sr-latn` and the English fallback Latin)."""

from typing import Any

from django.utils import translation

from catalogue.scripts import for_language


def localised(obj: Any, field: str, language: str | None = None) -> str:
    """`obj.<field>_en` for English readers when filled, else `obj.<field>_sr` in their script."""
    language = language or translation.get_language() or "en"
    if language.startswith("en"):
        english = getattr(obj, f"{field}_en", "")
        if english:
            return english
    return for_language(getattr(obj, f"{field}_sr", ""), language)


def localised_lines(obj: Any, field: str, language: str | None = None) -> list[str]:
    """A one-item-per-line text as a list of non-empty items."""
    return [line.strip() for line in localised(obj, field, language).splitlines() if line.strip()]
