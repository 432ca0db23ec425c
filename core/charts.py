"""Server-rendered SVG bar charts for pages and PDFs (no JavaScript, no inline styles).

Every chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` that reads out each
bar's label and value, so a screen reader (and a PDF text layer) gets the numbers without the
picture. All text is escaped; the result is marked safe for templates.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from itertools import count

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

Number = int | float | Decimal

WIDTH = 640
LABEL_WIDTH = 250
VALUE_WIDTH = 60
ROW_HEIGHT = 26
BAR_HEIGHT = 18
TOP = 10
LABEL_CHARS = 32  # at 12 px DejaVu Sans averages ~7 px a letter: 32 fit the 242 px left of the bars
COLOURS = ("#0b5cad", "#8a4b00")  # accent and warn from putokaz.css: both meet AA on white

_ids = count(1)


def format_value(value: Number | None, unit: str = "") -> str:
    """A value as shown on a bar, in the current locale's number format ("—" when unknown)."""
    if value is None:
        return "—"
    number = float(value)
    decimals = 0 if number == int(number) else 1
    return f"{number_format(round(number, decimals), decimal_pos=decimals)}{unit}"


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def _bar_width(value: Number | None, max_value: Number) -> float:
    if value is None or not max_value:
        return 0.0
    share = min(max(float(value) / float(max_value), 0.0), 1.0)
    return round(share * (WIDTH - LABEL_WIDTH - VALUE_WIDTH - 10), 1)


def _label(text: str, y: float) -> str:
    return (
        f'<text x="{LABEL_WIDTH - 8}" y="{y}" text-anchor="end" font-size="12" fill="#1b1f24">'
        f"<title>{escape(text)}</title>{escape(_short(text))}</text>"
    )


def _bar(
    value: Number | None, max_value: Number, y: float, height: float, colour: str, unit: str
) -> str:
    width = _bar_width(value, max_value)
    text_x = LABEL_WIDTH + width + 6
    return (
        f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{height}" fill="{colour}"/>'
        f'<text x="{text_x}" y="{y + height - 4}" font-size="12" fill="#1b1f24">'
        f"{escape(format_value(value, unit))}</text>"
    )


def _svg(title: str, description: str, height: float, body: str) -> SafeString:
    ident = f"chart-{next(_ids)}"
    return mark_safe(  # noqa: S308 — every piece of text above went through escape()
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'aria-labelledby="{ident}-title {ident}-desc">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>'
        f"{body}</svg>"
    )


def bar_chart(
    rows: Sequence[tuple[str, Number | None]], *, max_value: Number, title: str, unit: str = ""
) -> SafeString:
    """A horizontal bar chart: one labelled bar per (label, value); None draws no bar and "—"."""
    parts = []
    for index, (label, value) in enumerate(rows):
        y = TOP + index * ROW_HEIGHT
        parts.append(_label(str(label), y + BAR_HEIGHT - 4))
        parts.append(_bar(value, max_value, y, BAR_HEIGHT, COLOURS[0], unit))
    description = "; ".join(f"{label}: {format_value(value, unit)}" for label, value in rows)
    height = TOP * 2 + max(len(rows), 1) * ROW_HEIGHT
    return _svg(title, description, height, "".join(parts))


def paired_bar_chart(
    rows: Sequence[tuple[str, Number | None, Number | None]],
    *,
    max_value: Number,
    title: str,
    unit: str = "",
    series: tuple[str, str] | None = None,
) -> SafeString:
    """Two bars per label (before and after), with a legend naming the two series."""
    before_name, after_name = series or (gettext("Before"), gettext("After"))
    legend_height = 24
    pair_height = 2 * (BAR_HEIGHT - 4) + 12
    parts = []
    for offset, (name, colour) in enumerate(((before_name, COLOURS[0]), (after_name, COLOURS[1]))):
        x = LABEL_WIDTH + offset * 150
        parts.append(
            f'<rect x="{x}" y="{TOP - 4}" width="14" height="14" fill="{colour}"/>'
            f'<text x="{x + 20}" y="{TOP + 8}" font-size="12" fill="#1b1f24">{escape(name)}</text>'
        )
    for index, (label, before, after) in enumerate(rows):
        y = TOP + legend_height + index * pair_height
        thin = BAR_HEIGHT - 4
        parts.append(_label(str(label), y + thin + 4))
        parts.append(_bar(before, max_value, y, thin, COLOURS[0], unit))
        parts.append(_bar(after, max_value, y + thin + 2, thin, COLOURS[1], unit))
    description = "; ".join(
        f"{label}: {before_name} {format_value(before, unit)}, {after_name} {format_value(after, unit)}"
        for label, before, after in rows
    )
    height = TOP * 2 + legend_height + max(len(rows), 1) * pair_height
    return _svg(title, description, height, "".join(parts))
