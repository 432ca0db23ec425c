"""Duplicate detection over encrypted names: HMAC blind indexes of name tokens.

A name is split into tokens folded to one script without diacritics (Đorđević, Djordjevic and
Ђорђевић all give "djordjevic", core.scripts.normalise_for_search). Each token is indexed twice:
as it is, and by its sound (`sound_key`: Jovanovich = Jovanović, Marija = Maria, Dordevic =
Djordjevic). Only the HMACs are stored (NameKey), so the database can answer "who has a name
like this" without anyone decrypting the table, and a dump reveals no name.
"""

import re
from collections.abc import Iterable

from core.crypto import blind_index
from core.scripts import normalise_for_search

EXACT_PURPOSE = "cases.person.name"
SOUND_PURPOSE = "cases.person.name-sound"

_NOT_LETTERS = re.compile(r"[^a-z]+")
# Spellings of the same sound in foreign transcriptions and folded Serbian, longest first.
_SOUNDS = [
    ("tch", "c"),
    ("ch", "c"),
    ("cz", "c"),
    ("tz", "c"),
    ("ts", "c"),
    ("sh", "s"),
    ("sz", "s"),
    ("zh", "z"),
    ("dj", "d"),
    ("dz", "z"),
    ("ph", "f"),
    ("ck", "k"),
    ("q", "k"),
    ("w", "v"),
    ("x", "ks"),
    ("y", "j"),
    ("h", ""),
]
_J_BETWEEN_VOWELS = re.compile(r"(?<=[aeiou])j(?=[aeiou])")
_REPEATS = re.compile(r"(.)\1+")


def name_tokens(names: Iterable[str]) -> set[str]:
    """The folded tokens (two letters or more) of every name given."""
    tokens: set[str] = set()
    for name in names:
        tokens.update(t for t in _NOT_LETTERS.split(normalise_for_search(name)) if len(t) >= 2)
    return tokens


def sound_key(token: str) -> str:
    """A folded token reduced to how it sounds: the same for common spellings of one name."""
    key = token
    for spelling, sound in _SOUNDS:
        key = key.replace(spelling, sound)
    key = _J_BETWEEN_VOWELS.sub("", key)
    return _REPEATS.sub(r"\1", key)


def token_digests(token: str) -> tuple[str, str]:
    """The exact and the sound blind index of one folded token."""
    return (
        blind_index(token, EXACT_PURPOSE, normalise=str),
        blind_index(sound_key(token), SOUND_PURPOSE, normalise=str),
    )


def name_digests(names: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Each folded token of the names with its exact and sound digests."""
    return {token: token_digests(token) for token in sorted(name_tokens(names))}
