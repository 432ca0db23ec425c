"""Which of a record's texts a reader sees: English if asked and written, else Serbian in the
script of the interface (`sr` Cyrillic, `sr-latn` and the English fallback Latin).

Records with texts in two languages keep them as `<field>_sr` (either script) and `<field>_en`:
programmes, barometer statements, test questions, questionnaire items.
"""

from typing import Any

from django.utils import translation

from core.scripts import to_cyrillic, to_latin


def for_language(text: str, language: str) -> str:
    """Serbian text in the script the interface language uses (`sr` Cyrillic, else Latin)."""
    if not text:
        return text
    if language == "sr":
        return to_cyrillic(text)
    return to_latin(text)


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
