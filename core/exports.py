"""Tables as downloads: XLSX (openpyxl, write-only) or CSV that Excel opens with Cyrillic intact.

Any text cell that a spreadsheet would read as a formula (starting with = + - @, a tab or a
carriage return) is prefixed with a single quote, so exported personal data cannot run as code
in the coordinator's spreadsheet (CSV/formula injection).
"""

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from django.http import Http404, HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

EXPORT_FORMATS = frozenset({"xlsx", "csv"})
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_UNSAFE_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")
_UNSAFE_SHEET_TITLE = re.compile(r"[\[\]:*?/\\]+")


def neutralised(value: Any) -> Any:
    """The value as a cell: text a spreadsheet would evaluate gets a leading single quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_filename(name: str) -> str:
    """An ASCII file name (letters, digits, dot, dash, underscore); diacritics are dropped."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _UNSAFE_FILENAME.sub("-", ascii_name).strip("-.") or "export"


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return neutralised(str(value) if not isinstance(value, int | float) else value)


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, datetime) and value.tzinfo is not None:
        # Excel has no time zones: the local time the coordinator expects.
        from django.utils import timezone

        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, str | int | float | date | type(None)):
        return neutralised(value)
    return neutralised(str(value))


def table_response(
    fmt: str,
    *,
    filename: str,
    headers: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    sheet_title: str = "",
) -> HttpResponse:
    """The table as an XLSX or CSV attachment; `filename` without extension. 404 on another fmt."""
    if fmt not in EXPORT_FORMATS:
        raise Http404
    name = f"{safe_filename(filename)}.{fmt}"
    if fmt == "csv":
        buffer = io.StringIO()
        buffer.write("\ufeff")  # the BOM tells Excel the file is UTF-8
        writer = csv.writer(buffer)
        writer.writerow([_csv_value(str(h)) for h in headers])
        for row in rows:
            writer.writerow([_csv_value(v) for v in row])
        response = HttpResponse(
            buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8"
        )
    else:
        workbook = Workbook(write_only=True)
        title = _UNSAFE_SHEET_TITLE.sub(" ", str(sheet_title or filename)).strip()[:31]
        sheet = workbook.create_sheet(title=title or "Sheet")
        bold = Font(bold=True)
        header_cells = []
        for header in headers:
            cell = WriteOnlyCell(sheet, value=neutralised(str(header)))
            cell.font = bold
            header_cells.append(cell)
        sheet.append(header_cells)
        for row in rows:
            sheet.append([_xlsx_value(v) for v in row])
        output = io.BytesIO()
        workbook.save(output)
        response = HttpResponse(output.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
