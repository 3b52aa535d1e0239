"""Writing a sheet as CSV that Excel opens with æ, ø and å intact.

UTF-8 with a byte order mark (Excel's signal for UTF-8), CRLF line ends, and ``;`` as
delimiter on request for Danish Excel. Values a spreadsheet would read as a formula get
a leading ``'``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from netkort.io.export_tables import Cell, Sheet, guard_csv

BOM = "\ufeff"
DELIMITERS = (",", ";", "\t")


def write_csv(sheet: Sheet, language: str = "en", delimiter: str = ",") -> bytes:
    if delimiter not in DELIMITERS:
        raise ValueError(f"delimiter must be one of {DELIMITERS!r}")
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([guard_csv(h) for h in sheet.headers(language)])
    writer.writerows([_text(v) for v in row] for row in sheet.rows)
    return buffer.getvalue().encode("utf-8")


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return str(value)
    return guard_csv(value)
