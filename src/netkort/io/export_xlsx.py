"""Writing sheets as an Excel workbook a coach and a client can work in.

Every text value goes through ``write_string``, so nothing the user typed becomes a
formula or a link, however it starts. Headers are styled, the header row is frozen, each
sheet has an autofilter, and columns with ``choices`` get a dropdown.
"""

from __future__ import annotations

import datetime as dt
from typing import IO, Any

import xlsxwriter

from netkort.io.export_tables import Cell, Column, Sheet

HEADER_STYLE = {
    "bold": True,
    "font_color": "#FFFFFF",
    "bg_color": "#1F4E79",
    "border": 1,
    "text_wrap": True,
    "valign": "top",
}
# An inline dropdown list may hold at most 255 characters in Excel.
MAX_INLINE_LIST = 255
# Dropdowns reach this many rows below the data, so rows the user adds get them too.
SPARE_ROWS = 500
EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def write_xlsx(sheets: list[Sheet], out: IO[bytes], language: str = "en") -> None:
    """Write ``sheets`` as one workbook into ``out`` (a file opened for binary writing)."""
    workbook = xlsxwriter.Workbook(
        out,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "remove_timezone": True,
        },
    )
    formats = {
        "header": workbook.add_format(HEADER_STYLE),
        "date": workbook.add_format({"num_format": "yyyy-mm-dd", "valign": "top"}),
        "datetime": workbook.add_format({"num_format": "yyyy-mm-dd hh:mm", "valign": "top"}),
    }
    used: set[str] = set()
    for sheet in sheets:
        name = _unique_name(sheet.title(language), used)
        _write_sheet(workbook.add_worksheet(name), sheet, language, formats)
    workbook.close()


def _unique_name(title: str, used: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ and unique regardless of case.
    name = "".join("_" if c in "[]:*?/\\" else c for c in title)[:31] or "Sheet"
    base, n = name, 2
    while name.lower() in used:
        suffix = f" {n}"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name


def _write_sheet(ws: Any, sheet: Sheet, language: str, formats: dict[str, Any]) -> None:
    for col, column in enumerate(sheet.columns):
        ws.set_column(col, col, column.width)
        ws.write_string(0, col, column.header(language), formats["header"])
    writers = [_cell_writer(ws, column, formats) for column in sheet.columns]
    for r, row in enumerate(sheet.rows, start=1):
        for c, value in enumerate(row):
            if value is not None and value != "":
                writers[c](r, c, value)
    last = max(len(sheet.rows), 1)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, last, len(sheet.columns) - 1)
    for col, column in enumerate(sheet.columns):
        _add_dropdown(ws, col, column, last + SPARE_ROWS)


def excel_serial(value: dt.date | dt.datetime) -> float:
    """Excel's number for a date or a (naive, local) time: days since 1899-12-30.

    Written as a number with a date format it is what ``write_datetime`` writes, at a
    fraction of the cost (it matters for 10^5 interactions).
    """
    if isinstance(value, dt.datetime):
        delta = value.replace(tzinfo=None) - EXCEL_EPOCH
        return delta.days + delta.seconds / 86400 + delta.microseconds / 86_400_000_000
    return float((value - EXCEL_EPOCH.date()).days)


def _cell_writer(ws: Any, column: Column, formats: dict[str, Any]) -> Any:
    """The fastest way to write this column's values (a million cells add up)."""
    if column.kind == "text":
        # Never ``write``: it would turn "=..." into a formula and "http..." into a link.
        return ws.write_string

    def write(r: int, c: int, value: Cell) -> None:
        if isinstance(value, bool):
            ws.write_boolean(r, c, value)
        elif isinstance(value, dt.datetime):
            ws.write_number(r, c, excel_serial(value), formats["datetime"])
        elif isinstance(value, dt.date):
            ws.write_number(r, c, excel_serial(value), formats["date"])
        elif isinstance(value, int | float):
            ws.write_number(r, c, value)
        else:
            ws.write_string(r, c, str(value))

    return write


def _add_dropdown(ws: Any, col: int, column: Column, last_row: int) -> None:
    if not column.choices:
        return
    if len(",".join(column.choices)) > MAX_INLINE_LIST or any("," in c for c in column.choices):
        return
    ws.data_validation(
        1,
        col,
        last_row,
        col,
        {
            "validate": "list",
            "source": list(column.choices),
            "ignore_blank": True,
            "error_type": "warning",
        },
    )
