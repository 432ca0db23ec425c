"""Fill the Cyrillic translation catalogue (sr) from the Latin one (sr_Latn).

Translators write Serbian once, in Latin; every msgstr is transliterated with `to_cyrillic`.
Msgids, comments and flags are copied line for line, so the two catalogues stay comparable.
The .po handling is deliberately small: entries are kept as their original lines, and only the
msgstr fields (and the header's Language and Plural-Forms) are rewritten.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.scripts import to_cyrillic

SERBIAN_PLURAL_FORMS = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);"
)

_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")\s*$')
_CONTINUATION = re.compile(r'^\s*(".*")\s*$')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b"}


@dataclass
class Field:
    """One keyword of an entry (msgid, msgstr[1], ...) with its decoded value and source lines."""

    keyword: str
    value: str
    lines: list[str]


@dataclass
class Entry:
    """Comment lines (translator, extracted, reference, flags, obsolete) then the fields."""

    comments: list[str] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)

    def get(self, keyword: str) -> Field | None:
        return next((f for f in self.fields if f.keyword == keyword), None)

    @property
    def is_header(self) -> bool:
        msgid = self.get("msgid")
        return msgid is not None and msgid.value == "" and self.get("msgctxt") is None


def unquote(literal: str) -> str:
    """Decode one quoted .po string literal, escapes included."""
    body = literal.strip()[1:-1]
    out: list[str] = []
    i = 0
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            following = body[i + 1]
            octal = re.match(r"[0-7]{1,3}", body[i + 1 :])
            if octal:
                out.append(chr(int(octal.group(0), 8)))
                i += 1 + len(octal.group(0))
                continue
            out.append(_ESCAPES.get(following, following))
            i += 2
            continue
        out.append(char)
        i += 1
    return "".join(out)


def quote(value: str) -> str:
    """Encode a string as one quoted .po literal."""
    escaped = (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\t", "\\t")
        .replace("\r", "\\r")
    )
    return f'"{escaped}"'


def format_field(keyword: str, value: str) -> list[str]:
    """Lines for a field; values with newlines are split after each one, as gettext writes them."""
    if "\n" not in value.rstrip("\n") or value == "":
        return [f"{keyword} {quote(value)}"]
    parts = value.splitlines(keepends=True)
    return [f'{keyword} ""', *(quote(part) for part in parts)]


def parse_po(text: str) -> list[Entry]:
    """Split a .po file into entries; raises ValueError on a line it does not understand."""
    entries: list[Entry] = []
    current = Entry()
    last: Field | None = None

    def finish() -> None:
        nonlocal current, last
        if current.comments or current.fields:
            entries.append(current)
        current, last = Entry(), None

    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            finish()
            continue
        if stripped.startswith("#"):
            if current.fields:  # a comment after fields starts the next entry
                finish()
            current.comments.append(line)
            continue
        keyword = _KEYWORD.match(stripped)
        if keyword:
            name, literal = keyword.groups()
            if name in ("msgctxt", "msgid") and current.get("msgid") is not None:
                finish()
            last = Field(name, unquote(literal), [line])
            current.fields.append(last)
            continue
        continuation = _CONTINUATION.match(line)
        if continuation and last is not None:
            last.value += unquote(continuation.group(1))
            last.lines.append(line)
            continue
        raise ValueError(f"line {number}: cannot read {line!r}")
    finish()
    return entries


def write_po(entries: list[Entry]) -> str:
    """The .po text for the entries: their source lines, one blank line between entries."""
    blocks = ["\n".join([*e.comments, *(ln for f in e.fields for ln in f.lines)]) for e in entries]
    return "\n\n".join(blocks) + "\n"


def with_header_fields(header: str, updates: dict[str, str]) -> str:
    """The header text with the given "Name: value" fields replaced or appended."""
    lines = [ln for ln in header.split("\n") if ln != ""]
    for name, value in updates.items():
        replacement = f"{name}: {value}"
        for i, line in enumerate(lines):
            if line.split(":", 1)[0].strip().lower() == name.lower():
                lines[i] = replacement
                break
        else:
            lines.append(replacement)
    return "".join(f"{line}\n" for line in lines)


def transliterate_entries(entries: list[Entry]) -> list[Entry]:
    """Entries with every msgstr in Cyrillic and the header declaring Serbian (sr)."""
    for entry in entries:
        if entry.is_header:
            msgstr = entry.get("msgstr")
            if msgstr is not None:
                msgstr.value = with_header_fields(
                    msgstr.value, {"Language": "sr", "Plural-Forms": SERBIAN_PLURAL_FORMS}
                )
                msgstr.lines = format_field(msgstr.keyword, msgstr.value)
            continue
        for f in entry.fields:
            if f.keyword.startswith("msgstr") and f.value:
                f.value = to_cyrillic(f.value)
                f.lines = format_field(f.keyword, f.value)
    return entries


class Command(BaseCommand):
    help = "Write locale/sr (Cyrillic) from locale/sr_Latn (Latin), transliterating every msgstr."

    def add_arguments(self, parser: Any) -> None:
        locale = Path(settings.BASE_DIR) / "locale"
        parser.add_argument(
            "--source", type=Path, default=locale / "sr_Latn" / "LC_MESSAGES" / "django.po"
        )
        parser.add_argument(
            "--target", type=Path, default=locale / "sr" / "LC_MESSAGES" / "django.po"
        )

    def handle(self, *args: Any, source: Path, target: Path, **options: Any) -> None:
        if not source.exists():
            raise CommandError(f"{source} does not exist; run makemessages -l sr_Latn first.")
        try:
            entries = parse_po(source.read_text(encoding="utf-8"))
        except ValueError as error:
            raise CommandError(f"{source}: {error}") from error
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(write_po(transliterate_entries(entries)), encoding="utf-8")
        translated = sum(
            1
            for e in entries
            if not e.is_header and any(f.value for f in e.fields if f.keyword.startswith("msgstr"))
        )
        self.stdout.write(f"Wrote {target} ({translated} translated entries).")
