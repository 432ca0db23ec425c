"""Serbian's two scripts: Gaj's Latin and Vuk's Cyrillic, and a script-blind search key.

Latin -> Cyrillic is not a plain letter map: lj, nj and dž are single letters (љ, њ, џ), and
text meant for people carries things that must stay as they are — format placeholders, HTML,
URLs, e-mail addresses, acronyms (SOS, QR, TOTP) and foreign words written with q, w, x or y.
"""

import re
import unicodedata

_LATIN_TO_CYRILLIC = {
    "a": "а",
    "b": "б",
    "c": "ц",
    "č": "ч",
    "ć": "ћ",
    "d": "д",
    "đ": "ђ",
    "e": "е",
    "f": "ф",
    "g": "г",
    "h": "х",
    "i": "и",
    "j": "ј",
    "k": "к",
    "l": "л",
    "m": "м",
    "n": "н",
    "o": "о",
    "p": "п",
    "r": "р",
    "s": "с",
    "š": "ш",
    "t": "т",
    "u": "у",
    "v": "в",
    "z": "з",
    "ž": "ж",
}
_LATIN_DIGRAPHS = {"lj": "љ", "nj": "њ", "dž": "џ"}

_CYRILLIC_TO_LATIN = {cyr: lat for lat, cyr in _LATIN_TO_CYRILLIC.items()}
_CYRILLIC_TO_LATIN.update({cyr: lat for lat, cyr in _LATIN_DIGRAPHS.items()})

# Words where the two letters of a digraph belong to different morphemes (nad-živeti,
# kon-jugacija): written with two Cyrillic letters. Matched as lowercase word prefixes.
_DIGRAPH_EXCEPTION_PREFIXES = ("nadž", "podž", "konjug", "injekc", "injunkt", "vanjezi")

# Latin-script words that are not Serbian and so have no Cyrillic form.
# Words and brand names written in Latin in Serbian texts too (authenticator apps, e-mail).
# Keyboard keys are printed on the keys in Latin letters.
_FOREIGN_WORDS = frozenset(
    {"e-mail", "freeotp", "aegis", "google", "authenticator", "tab", "shift", "alt", "enter"}
)

# What must never be transliterated, tried before words at every position.
_PROTECTED = re.compile(
    r"""
      %\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[sdifFeEgGxXrac]   # %(name)s
    | %[-#0+]*\d*(?:\.\d+)?[sdifFeEgGxXrac%]              # %s %d %%
    | \{\{.*?\}\} | \{%.*?%\} | \{\#.*?\#\}              # {{ var }}, {% tag %}, {# #}
    | \{[^{}\s]*\}                                       # {name} {0} {}
    | <[^<>]+>                                           # HTML tags
    | &(?:\#\d+|\#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);  # entities
    | (?:https?|ftp)://[^\s<>"]*[^\s<>".,;:!?)\]]        # URLs
    | www\.[^\s<>"]*[^\s<>".,;:!?)\]]
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                       # e-mail addresses
    """,
    re.VERBOSE | re.DOTALL,
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_TOKEN = re.compile(f"(?P<protected>{_PROTECTED.pattern})|(?P<word>{_WORD.pattern})", re.VERBOSE)
_NOT_SERBIAN_LATIN = re.compile(r"[qwxyQWXY]")


def _keeps_latin(word: str) -> bool:
    """Acronyms (SOS, QR, PDF) and foreign words (q, w, x, y) have no Cyrillic form."""
    letters = [c for c in word if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return True
    return bool(_NOT_SERBIAN_LATIN.search(word))


def _word_to_cyrillic(word: str) -> str:
    lower = word.lower()
    split_digraphs = lower.startswith(_DIGRAPH_EXCEPTION_PREFIXES)
    out: list[str] = []
    i = 0
    while i < len(word):
        pair = lower[i : i + 2]
        if pair in _LATIN_DIGRAPHS and not (split_digraphs and i < 4):
            letter = _LATIN_DIGRAPHS[pair]
            out.append(letter.upper() if word[i].isupper() else letter)
            i += 2
            continue
        char = word[i]
        single = _LATIN_TO_CYRILLIC.get(char.lower())
        if single is None:
            out.append(char)
        else:
            out.append(single.upper() if char.isupper() else single)
        i += 1
    return "".join(out)


def to_cyrillic(text: str) -> str:
    """Serbian Latin -> Cyrillic, leaving placeholders, markup, URLs, acronyms and foreign words."""

    def replace(match: re.Match[str]) -> str:
        word = match.group("word")
        if word is None or word.lower() in _FOREIGN_WORDS or _NOT_SERBIAN_LATIN.search(word):
            return match.group(0)
        # Each part of "SOS-linija" on its own: the acronym stays, the word changes.
        return "-".join(
            part if _keeps_latin(part) else _word_to_cyrillic(part) for part in word.split("-")
        )

    return _TOKEN.sub(replace, text)


def to_latin(text: str) -> str:
    """Serbian Cyrillic -> Latin; Љ, Њ, Џ become LJ, NJ, DŽ beside capitals, else Lj, Nj, Dž."""
    out: list[str] = []
    for i, char in enumerate(text):
        latin = _CYRILLIC_TO_LATIN.get(char.lower())
        if latin is None:
            out.append(char)
        elif not char.isupper():
            out.append(latin)
        elif len(latin) == 1:
            out.append(latin.upper())
        else:
            neighbours = text[i + 1 : i + 2] + text[max(i - 1, 0) : i]
            all_caps = any(c.isalpha() and c.isupper() for c in neighbours)
            out.append(latin.upper() if all_caps else latin.capitalize())
    return "".join(out)


_SEARCH_FOLD = str.maketrans({"đ": "dj", "č": "c", "ć": "c", "š": "s", "ž": "z"})
_SPACES = re.compile(r"\s+")


def normalise_for_search(text: str) -> str:
    """A key equal for the same name in either script, with or without diacritics.

    Đorđević, Djordjevic, DJORDJEVIC and Ђорђевић all give "djordjevic"; the key is meant for
    comparison (search, duplicate detection), never for display.
    """
    key = to_latin(text).casefold().translate(_SEARCH_FOLD)
    # Remaining diacritics (é, ü, ...) go too: people type names from foreign documents without them.
    key = "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))
    return _SPACES.sub(" ", key).strip()
