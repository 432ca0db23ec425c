"""Serbian script handling for programme texts: the one place catalogue asks for it.

Programme texts are written in either script; pages show them in the script of the interface.
The letter rules live in `core.scripts` (shared by every app); this module adapts them to the
catalogue's needs (display by language, ASCII slugs) so the catalogue has one seam to swap.
"""

import unicodedata

from django.utils.text import slugify

from core.scripts import to_cyrillic, to_latin

__all__ = ["slug_from", "to_cyrillic", "to_latin"]

# Letters slugify would drop or mangle: đ has no ASCII decomposition.
_ASCII_FOLD = str.maketrans({"đ": "dj", "Đ": "Dj"})


def slug_from(text: str) -> str:
    """An ASCII slug for a Serbian or English title written in either script."""
    latin = to_latin(text).translate(_ASCII_FOLD)
    ascii_text = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode()
    return slugify(ascii_text)
