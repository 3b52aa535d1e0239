"""Writing sheets as an Excel workbook a coach and a client can work in.

The workbook's XML is written here directly, row by row into the zip file: a general
library spends most of an export of 10^6 cells on bookkeeping for features this file
does not use. Every text value is an inline string, so nothing the user typed becomes a
formula or a link, however it starts. Headers are styled, the header row is frozen, each
sheet has an autofilter, and columns with ``choices`` get a dropdown.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable, Iterable
from typing import IO
from xml.sax.saxutils import quoteattr

from netkort.io.export_tables import Cell, Column, Sheet

# An inline dropdown list may hold at most 255 characters in Excel.
MAX_INLINE_LIST = 255
# Dropdowns reach this many rows below the data, so rows the user adds get them too.
SPARE_ROWS = 500
EXCEL_EPOCH = dt.datetime(1899, 12, 30)
# Rows joined and compressed at a time: memory stays flat however long the sheet.
CHUNK_ROWS = 4000
# Fast deflate: the workbook is mostly text and level 1 costs a third of the default.
COMPRESS_LEVEL = 1

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# Cell styles (indexes into cellXfs below).
HEADER, DATE, DATETIME = 1, 2, 3
STYLES = (
    XML_HEAD + f'<styleSheet xmlns="{MAIN_NS}">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
    '<numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><color rgb="FFFFFFFF"/><name val="Calibri"/><family val="2"/>'
    "</font></fonts>"
    '<fills count="3"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FF1F4E79"/>'
    '<bgColor indexed="64"/></patternFill></fill></fills>'
    '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
    '<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/>'
    '</right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/>'
    "</bottom><diagonal/></border></borders>"
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    "</cellStyleXfs>"
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" '
    'applyFill="1" applyBorder="1" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" '
    'applyAlignment="1"><alignment vertical="top"/></xf>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" '
    'applyAlignment="1"><alignment vertical="top"/></xf></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)

# What XML 1.0 cannot hold, and text that looks like Excel's own escape (_x000D_), are
# written as _xHHHH_; Excel reads them back as the characters.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")


def write_xlsx(sheets: list[Sheet], out: IO[bytes], language: str = "en") -> None:
    """Write ``sheets`` as one workbook into ``out`` (a file opened for binary writing)."""
    used: set[str] = set()
    names = [_unique_name(sheet.title(language), used) for sheet in sheets]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL) as zf:
        zf.writestr("[Content_Types].xml", _content_types(len(sheets)))
        zf.writestr("_rels/.rels", _root_rels())
        zf.writestr("xl/workbook.xml", _workbook(sheets, names))
        zf.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(len(sheets)))
        zf.writestr("xl/styles.xml", STYLES)
        for i, sheet in enumerate(sheets, start=1):
            with zf.open(f"xl/worksheets/sheet{i}.xml", "w") as part:
                for chunk in _sheet_xml(sheet, language, selected=i == 1):
                    part.write(chunk.encode("utf-8"))


def _unique_name(title: str, used: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ and unique regardless of case.
    name = "".join("_" if c in "[]:*?/\\" else c for c in title)[:31] or "Sheet"
    base, n = name, 2
    while name.lower() in used:
        suffix = f" {n}"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name


def excel_serial(value: dt.date | dt.datetime) -> float:
    """Excel's number for a date or a (naive, local) time: days since 1899-12-30."""
    if isinstance(value, dt.datetime):
        delta = value.replace(tzinfo=None) - EXCEL_EPOCH
        return delta.days + delta.seconds / 86400 + delta.microseconds / 86_400_000_000
    return float((value - EXCEL_EPOCH.date()).days)


def column_letter(index: int) -> str:
    """A for 0, Z for 25, AA for 26."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _escape_char(match: re.Match[str]) -> str:
    found = match.group()
    if len(found) > 1:  # text that reads like an escape: escape its underscore
        return "_x005F" + found
    return f"_x{ord(found):04X}_"


def xml_text(text: str) -> str:
    """Text as the content of an XML element in a workbook."""
    # isprintable() is a quick no for tab, newline and every control character.
    if (not text.isprintable() or "_x" in text) and _UNSAFE.search(text):
        text = _UNSAFE.sub(_escape_char, text)
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


# --- worksheets ---------------------------------------------------------------------------


def _sheet_xml(sheet: Sheet, language: str, selected: bool) -> Iterable[str]:
    width = max(len(sheet.columns), 1)
    last_col = column_letter(width - 1)
    last_row = max(len(sheet.rows), 1) + 1
    tab = ' tabSelected="1"' if selected else ""
    cols = "".join(
        f'<col min="{i}" max="{i}" width="{c.width + 0.7109375:g}" customWidth="1"/>'
        for i, c in enumerate(sheet.columns, start=1)
    )
    yield (
        f'{XML_HEAD}<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
        f'<dimension ref="A1:{last_col}{last_row}"/>'
        f'<sheetViews><sheetView workbookViewId="0"{tab}>'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/>'
        f"{'<cols>' + cols + '</cols>' if cols else ''}<sheetData>"
    )
    letters = [column_letter(i) for i in range(len(sheet.columns))]
    header = "".join(
        f'<c r="{letter}1" s="{HEADER}" t="inlineStr"><is><t xml:space="preserve">'
        f"{xml_text(c.header(language))}</t></is></c>"
        for letter, c in zip(letters, sheet.columns, strict=True)
    )
    yield f'<row r="1">{header}</row>'
    writers = [
        _cell_writer(letter, column) for letter, column in zip(letters, sheet.columns, strict=True)
    ]
    rows = sheet.rows
    for start in range(0, len(rows), CHUNK_ROWS):
        yield "".join(
            _row_xml(r, row, writers)
            for r, row in enumerate(rows[start : start + CHUNK_ROWS], start=start + 2)
        )
    tail = [f'</sheetData><autoFilter ref="A1:{last_col}{last_row}"/>']
    validations = [
        _dropdown(letter, column, last_row + SPARE_ROWS)
        for letter, column in zip(letters, sheet.columns, strict=True)
        if _has_dropdown(column)
    ]
    if validations:
        tail.append(f'<dataValidations count="{len(validations)}">')
        tail.extend(validations)
        tail.append("</dataValidations>")
    tail.append("</worksheet>")
    yield "".join(tail)


CellWriter = Callable[[int, Cell], str]


def _row_xml(r: int, row: list[Cell], writers: list[CellWriter]) -> str:
    # None and "" are empty cells; 0 and False are values.
    cells = [
        write(r, value) for write, value in zip(writers, row, strict=False) if value or value == 0
    ]
    return f'<row r="{r}">{"".join(cells)}</row>'


def _cell_writer(letter: str, column: Column) -> CellWriter:
    """How this column's cells become XML (a million cells add up: one closure each)."""
    style = {"date": DATE, "datetime": DATETIME}.get(column.kind, 0)
    number_style = f' s="{style}"' if style else ""

    def write(r: int, value: Cell) -> str:
        kind = type(value)
        if kind is str:
            if not value:
                return ""
            return (
                f'<c r="{letter}{r}" t="inlineStr"><is><t xml:space="preserve">'
                f"{xml_text(value)}</t></is></c>"  # type: ignore[arg-type]
            )
        if kind is int:
            return f'<c r="{letter}{r}"{number_style}><v>{value}</v></c>'
        if kind is bool:
            return f'<c r="{letter}{r}" t="b"><v>{int(value)}</v></c>'  # type: ignore[arg-type]
        if kind is float:
            return f'<c r="{letter}{r}"{number_style}><v>{value!r}</v></c>'
        if kind is dt.datetime:
            serial = excel_serial(value)  # type: ignore[arg-type]
            return f'<c r="{letter}{r}" s="{DATETIME}"><v>{serial!r}</v></c>'
        if kind is dt.date:
            serial = excel_serial(value)  # type: ignore[arg-type]
            return f'<c r="{letter}{r}" s="{DATE}"><v>{serial:.0f}</v></c>'
        return write(r, str(value))

    return write


def _has_dropdown(column: Column) -> bool:
    if not column.choices:
        return False
    return len(",".join(column.choices)) <= MAX_INLINE_LIST and not any(
        "," in c for c in column.choices
    )


def _dropdown(letter: str, column: Column, last_row: int) -> str:
    listed = xml_text('"' + ",".join(c.replace('"', '""') for c in column.choices) + '"')
    return (
        '<dataValidation type="list" errorStyle="warning" allowBlank="1" '
        f'showInputMessage="1" showErrorMessage="1" sqref="{letter}2:{letter}{last_row}">'
        f"<formula1>{listed}</formula1></dataValidation>"
    )


# --- the package around the sheets --------------------------------------------------------


def _content_types(count: int) -> str:
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, count + 1)
    )
    return (
        f"{XML_HEAD}<Types "
        'xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        f"{sheets}</Types>"
    )


def _root_rels() -> str:
    return (
        f'{XML_HEAD}<Relationships xmlns="{PKG_REL_NS}">'
        f'<Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    )


def _workbook_rels(count: int) -> str:
    sheets = "".join(
        f'<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, count + 1)
    )
    return (
        f'{XML_HEAD}<Relationships xmlns="{PKG_REL_NS}">{sheets}'
        f'<Relationship Id="rId{count + 1}" Type="{REL_NS}/styles" Target="styles.xml"/>'
        "</Relationships>"
    )


def _workbook(sheets: list[Sheet], names: list[str]) -> str:
    entries = "".join(
        f'<sheet name={quoteattr(name)} sheetId="{i}" r:id="rId{i}"/>'
        for i, name in enumerate(names, start=1)
    )
    # The autofilter's range, as Excel itself names it.
    filters = "".join(
        '<definedName name="_xlnm._FilterDatabase" '
        f'localSheetId="{i}" hidden="1">'
        f"{xml_text(_quoted(name))}!$A$1:${column_letter(max(len(s.columns), 1) - 1)}$"
        f"{max(len(s.rows), 1) + 1}</definedName>"
        for i, (name, s) in enumerate(zip(names, sheets, strict=True))
    )
    return (
        f'{XML_HEAD}<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
        '<bookViews><workbookView activeTab="0"/></bookViews>'
        f"<sheets>{entries}</sheets>"
        f"{'<definedNames>' + filters + '</definedNames>' if filters else ''}</workbook>"
    )


def _quoted(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"
