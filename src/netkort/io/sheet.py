"""Any spreadsheet people keep by hand: CSV (any delimiter, UTF-8 or Windows-1252) or XLSX.

The header row is found below title and blank rows. Columns are mapped to person
fields: :func:`guess_mapping` proposes a mapping from Danish and English header words,
the user confirms or changes it, and :func:`signature` names the sheet's shape so the
chosen mapping can be remembered for the next file like it. A workbook exported by
netkort carries a "netkort id" column, so an edited export updates the same persons;
its Goal sheet, recognised by its header row, is read as assessment records.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import chain
from pathlib import Path
from typing import Any

from netkort.domain.names import display_name, fold, split_name
from netkort.domain.records import AssessmentRecord, Closeness, NetworkRecords, PersonRecord
from netkort.io.archive import ZipSource, is_zip
from netkort.io.base import Format, FormatError, ParsedFile, Skipped, register
from netkort.io.dates import parse_date
from netkort.io.export_tables import GOAL_COLUMNS
from netkort.io.text import csv_rows, decode, guess_delimiter, read_bytes

NAME = "sheet"
HEADER_SCAN_ROWS = 30
PREFERRED_SHEETS = ("people", "personer", "kontakter", "contacts")

# The fields a column can fill, in the order a mapping form shows them.
FIELDS: tuple[str, ...] = (
    "display_name",
    "given_name",
    "family_name",
    "emails",
    "phones",
    "organisation",
    "title",
    "industry",
    "location",
    "schools",
    "linkedin_url",
    "urls",
    "notes",
    "how_met",
    "tags",
    "contexts",
    "closeness",
    "birthday",
    "first_met",
    "connected_on",
    "netkort_id",
)
IGNORE = ""  # the mapping value for a column that is not imported

# Folded header words (see netkort.domain.names.fold) by field, Danish and English.
_ALIASES: dict[str, tuple[str, ...]] = {
    "display_name": ("navn", "name", "fulde navn", "full name", "fuldt navn", "kontakt",
                     "contact", "kontaktperson", "person", "hvem"),
    "given_name": ("fornavn", "first name", "given name", "firstname", "fornavne"),
    "family_name": ("efternavn", "last name", "surname", "family name", "lastname"),
    "organisation": ("firma", "virksomhed", "arbejdsplads", "organisation", "organization",
                     "company", "employer", "arbejdsgiver", "organisation navn"),
    "title": ("titel", "stilling", "jobtitel", "stillingsbetegnelse", "title", "job title",
              "position", "rolle", "role"),
    "emails": ("e mail", "email", "mail", "mailadresse", "e mail adresse", "emails",
               "e mails", "e mail address", "email address"),
    "phones": ("telefon", "mobil", "tlf", "tlf nr", "telefonnummer", "mobilnummer", "phone",
               "mobile", "phone number", "phones", "telefoner", "mobiltelefon"),
    "industry": ("branche", "industry", "sektor"),
    "location": ("by", "sted", "lokation", "location", "city", "bopael", "adresse", "address"),
    "schools": ("uddannelse", "uddannelser", "skole", "skoler", "uddannelsessted",
                "uddannelsessteder", "education", "school", "schools", "university",
                "universitet", "studied at"),
    "linkedin_url": ("linkedin", "linkedin profil", "linkedin url", "linkedin profile",
                     "linkedin link"),
    "urls": ("hjemmeside", "website", "web", "url", "webside", "links"),
    "notes": ("noter", "note", "notes", "bemaerkninger", "bemaerkning", "kommentar",
              "kommentarer", "comments", "comment", "noter om"),
    "how_met": ("how we met", "how i know them", "where i know them from", "how did we meet"),
    "tags": ("tags", "tag", "etiketter", "maerker", "labels", "kategorier", "categories",
             "kategori"),
    "contexts": ("sammenhaenge", "sammenhaeng", "contexts", "context", "kontekst",
                 "kontekster"),
    "closeness": ("naerhed", "closeness", "taethed"),
    "birthday": ("foedselsdag", "birthday", "fodselsdag", "foedselsdato", "birth date"),
    "first_met": ("moedt foerste gang", "first met", "moedt", "met"),
    "connected_on": ("forbundet", "connected on", "forbundet den"),
    "netkort_id": ("netkort id", "netkortid"),
}  # fmt: skip
_EXACT = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}
# Headers that are sentences ("Hvor kender jeg hende fra?") are recognised by words.
_WORDS: tuple[tuple[str, str], ...] = (
    ("netkort", "netkort_id"),
    ("linkedin", "linkedin_url"),
    ("kender", "how_met"),
    ("know", "how_met"),
    ("mail", "emails"),
    ("telefon", "phones"),
    ("mobil", "phones"),
    ("phone", "phones"),
    ("noter", "notes"),
    ("note", "notes"),
)
# The characters netkort's export guards against (netkort.io.export_tables).
_FORMULA_STARTS = ("=", "+", "-", "@")
_SPLIT_LIST = re.compile(r"\s*[;,\n]\s*")
_SPLIT_PHONES = re.compile(r"\s*[;\n/]\s*|\s*,\s+")


@dataclass(slots=True)
class SheetPreview:
    """What a mapping form shows: the header, the first rows, and a guessed mapping."""

    headers: list[str]
    rows: list[list[str]]
    header_line: int
    sheet_name: str
    encoding: str
    delimiter: str
    mapping: dict[str, str] = field(default_factory=dict)
    signature: str = ""


@dataclass(slots=True)
class _Sheet:
    headers: list[str]
    header_line: int
    rows: Iterator[tuple[int, list[str]]]
    name: str = ""
    encoding: str = ""
    delimiter: str = ""


# -- mapping -------------------------------------------------------------------------


def _header_word(header: str) -> str:
    return fold(header)


def guess_field(header: str) -> str:
    """The field a column with this header most likely holds, or IGNORE."""
    word = _header_word(header)
    if not word:
        return IGNORE
    if word in _EXACT:
        return _EXACT[word]
    tokens = set(word.split())
    for needle, name in _WORDS:
        if needle in tokens or any(t.startswith(needle) for t in tokens):
            return name
    return IGNORE


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """Column header -> field, for the columns whose header says what they hold.

    Each field is guessed for one column only, except notes (several note columns are
    joined) and e-mails and phones (several columns are all kept).
    """
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for header in _unique(headers):
        name = guess_field(header)
        if name == IGNORE or (name in taken and name not in ("notes", "emails", "phones")):
            continue
        mapping[header] = name
        taken.add(name)
    return mapping


def signature(headers: list[str]) -> str:
    """A stable name for a sheet's shape: its folded headers in order (64 hex digits)."""
    words = "\x1f".join(_header_word(h) for h in headers)
    return hashlib.sha256(words.encode()).hexdigest()


def _unique(headers: list[str]) -> list[str]:
    """Headers made unique ("Telefon", "Telefon (2)"), and blank ones named by position."""
    seen: dict[str, int] = {}
    out = []
    for i, header in enumerate(headers):
        header = header.strip() or f"({i + 1})"
        count = seen.get(header, 0) + 1
        seen[header] = count
        out.append(header if count == 1 else f"{header} ({count})")
    return out


# -- loading -------------------------------------------------------------------------


def _is_xlsx(path: Path) -> bool:
    if not is_zip(path):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _load(path: Path) -> _Sheet:
    rows, name, encoding, delimiter = _raw_rows(path)
    buffered: list[tuple[int, list[str]]] = []
    for line, row in rows:
        if any(c.strip() for c in row):
            buffered.append((line, row))
        if len(buffered) >= HEADER_SCAN_ROWS:
            break
    index = _header_index([row for _line, row in buffered])
    if index is None:
        raise FormatError(path, "no header row was found (a row naming the columns)")
    line, header = buffered[index]
    rest = chain(buffered[index + 1 :], rows)
    return _Sheet(_unique(header), line, rest, name, encoding, delimiter)


def _header_index(rows: list[list[str]]) -> int | None:
    """The row that names the most columns we know; else the first row of two or more
    text cells above a data row."""
    best, best_score = None, 0
    for i, row in enumerate(rows):
        score = sum(1 for c in row if guess_field(c) != IGNORE)
        if score > best_score:
            best, best_score = i, score
    if best is not None:
        return best
    for i, row in enumerate(rows[:-1] if len(rows) > 1 else rows):
        filled = [c for c in row if c.strip()]
        if len(filled) >= 2 and not any(_is_number(c) for c in filled):
            return i
    return None


def _is_number(text: str) -> bool:
    return text.strip().replace(".", "", 1).replace(",", "", 1).isdigit()


def _raw_rows(path: Path) -> tuple[Iterator[tuple[int, list[str]]], str, str, str]:
    if path.is_dir():
        raise FormatError(path, "a folder is not a spreadsheet")
    if _is_xlsx(path):
        return _xlsx_rows(path), _sheet_name(path), "xlsx", ""
    if is_zip(path):
        raise FormatError(path, "this zip is not an Excel workbook (.xlsx)")
    decoded = decode(read_bytes(path), path)
    delimiter = guess_delimiter(decoded.text)
    return csv_rows(decoded.text, path, delimiter), "", decoded.encoding, delimiter


def _open_workbook(path: Path) -> Any:  # openpyxl is untyped
    ZipSource(path).close()  # member count, sizes and names within limits
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=True)
    # openpyxl raises whatever its XML and zip layers raise on a damaged workbook.
    except Exception as error:
        raise FormatError(path, f"this Excel workbook cannot be opened ({error})") from error


def _choose_sheet(workbook: Any) -> Any:
    for sheet in workbook.worksheets:
        if sheet.title.strip().casefold() in PREFERRED_SHEETS:
            return sheet
    return workbook.worksheets[0] if workbook.worksheets else None


def _sheet_name(path: Path) -> str:
    workbook = _open_workbook(path)
    try:
        sheet = _choose_sheet(workbook)
        return str(sheet.title) if sheet is not None else ""
    finally:
        workbook.close()


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    workbook = _open_workbook(path)
    try:
        sheet = _choose_sheet(workbook)
        if sheet is None:
            return
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_cell_text(v) for v in values]
    except FormatError:
        raise
    except Exception as error:  # damaged sheet XML: see _open_workbook
        raise FormatError(path, f"this Excel workbook cannot be read ({error})") from error
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # phone numbers and ids typed as numbers
    if isinstance(value, bool):
        return "1" if value else ""
    return str(value)


# -- reading -------------------------------------------------------------------------


def preview(path: Path | str, rows: int = 10) -> SheetPreview:
    path = Path(path)
    sheet = _load(path)
    first = []
    for _line, row in sheet.rows:
        if any(c.strip() for c in row):
            first.append((row + [""] * len(sheet.headers))[: len(sheet.headers)])
        if len(first) >= rows:
            break
    return SheetPreview(
        headers=sheet.headers,
        rows=first,
        header_line=sheet.header_line,
        sheet_name=sheet.name,
        encoding=sheet.encoding,
        delimiter=sheet.delimiter,
        mapping=guess_mapping(sheet.headers),
        signature=signature(sheet.headers),
    )


def read_sheet(path: Path | str, mapping: dict[str, str]) -> ParsedFile:
    """Persons from a sheet, one per row, with columns mapped as ``mapping`` says
    (header -> field in FIELDS; other columns are left out)."""
    path = Path(path)
    sheet = _load(path)
    columns = _columns(path, sheet.headers, mapping)
    records, skipped = NetworkRecords(), list[Skipped]()
    for line, row in sheet.rows:
        if not any(c.strip() for c in row):
            continue
        person = _person(f"row-{line}", row, columns, skipped, line)
        if person is not None:
            records.persons.append(person)
    if sheet.encoding == "xlsx":
        records.assessments = _read_goal_sheet(path, skipped)
    return ParsedFile(str(path), NAME, records, skipped)


def _columns(path: Path, headers: list[str], mapping: dict[str, str]) -> list[tuple[int, str, str]]:
    positions = {h: i for i, h in enumerate(headers)}
    columns = []
    for header, name in mapping.items():
        if name == IGNORE:
            continue
        if name not in FIELDS:
            raise FormatError(path, f"{name!r} is not a field; fields: {', '.join(FIELDS)}")
        if header not in positions:
            raise FormatError(path, f"the sheet has no column {header!r}")
        columns.append((positions[header], header, name))
    return columns


def _person(
    key: str,
    row: list[str],
    columns: list[tuple[int, str, str]],
    skipped: list[Skipped],
    line: int,
) -> PersonRecord | None:
    person = PersonRecord(key=key)
    notes: list[str] = []
    for index, header, name in columns:
        value = _unguarded(row[index].strip()) if index < len(row) else ""
        if value:
            problem = _set(person, name, value, header, notes)
            if problem:
                skipped.append(Skipped(line, problem))
    person.notes = "\n".join(notes)
    if person.display_name and not (person.given_name or person.family_name):
        person.given_name, person.family_name = split_name(person.display_name)
    fallback = person.display_name or person.organisation or next(iter(person.emails), "")
    person.display_name = display_name(person.given_name, person.family_name, fallback)
    if not person.display_name:
        skipped.append(Skipped(line, "no name, e-mail or organisation"))
        return None
    return person


def _unguarded(value: str) -> str:
    # netkort's CSV export writes "'" before a value a spreadsheet would take for a
    # formula ("'+45 20 30 40 50"); reading it back removes that guard.
    return value[1:] if value[:1] == "'" and value[1:2] in _FORMULA_STARTS else value


def _set(person: PersonRecord, name: str, value: str, header: str, notes: list[str]) -> str:
    """Put one cell into the person; return a problem to report, or ""."""
    if name in ("emails", "tags", "contexts", "urls", "schools"):
        items = [v for v in _SPLIT_LIST.split(value) if v]
        target: list[str] = person.context_names if name == "contexts" else getattr(person, name)
        target.extend(v for v in items if v not in target)
    elif name == "phones":
        person.phones.extend(v for v in _SPLIT_PHONES.split(value) if v)
    elif name == "notes":
        notes.append(value)
    elif name == "how_met":
        notes.append(f"{header}: {value}")
    elif name == "closeness":
        digit = value.lstrip()[:1]
        if not (digit.isdigit() and 1 <= int(digit) <= 5):
            return f"closeness {value!r} is not 1 to 5"
        person.closeness = Closeness(int(digit))
    elif name == "netkort_id":
        if not value.isdigit():
            return f"netkort id {value!r} is not a number"
        person.netkort_id = int(value)
    elif name in ("birthday", "first_met", "connected_on"):
        day = parse_date(value)
        if day is None:
            return f"{header} {value!r} is not a date"
        setattr(person, name, day)
    else:
        setattr(person, name, value)
    return ""


# -- the Goal sheet of a netkort workbook --------------------------------------------

# Folded header -> Goal sheet field, in both languages (netkort.io.export_tables).
_GOAL_HEADERS = {fold(h): key for key, pair in GOAL_COLUMNS.items() for h in pair}
# A sheet is a netkort Goal sheet when its first row names at least these columns.
_GOAL_NEEDS = frozenset({"id", "information", "intermediary", "direct_access", "status"})
_GOAL_ROLES = {
    "information": "is_information",
    "intermediary": "is_intermediary",
    "direct_access": "is_direct_access",
}
# A role cell as the export writes it (yes/no in English or Danish) or as people type it.
_YES = frozenset({"yes", "ja", "x", "true", "sand", "1", "y", "j"})
_NO = frozenset({"no", "nej", "false", "falsk", "0", "n"})


def _goal_columns(header: tuple[object, ...]) -> dict[str, int] | None:
    """Field -> position when ``header`` is a Goal sheet's header row in either language."""
    found: dict[str, int] = {}
    for i, cell in enumerate(header):
        key = _GOAL_HEADERS.get(fold(_cell_text(cell)))
        if key is not None:
            found.setdefault(key, i)
    return found if set(found) >= _GOAL_NEEDS else None


def _read_goal_sheet(path: Path, skipped: list[Skipped]) -> list[AssessmentRecord]:
    """The rows of a netkort workbook's Goal sheet (any sheet with its header row)."""
    workbook = _open_workbook(path)
    out: list[AssessmentRecord] = []
    try:
        for sheet in workbook.worksheets:
            rows = sheet.iter_rows(values_only=True)
            columns = _goal_columns(next(rows, ()))
            if columns is None:
                continue
            for line, values in enumerate(rows, start=2):
                cells = {k: values[i] if i < len(values) else None for k, i in columns.items()}
                record = _assessment(cells, line, f"{sheet.title}: ", skipped)
                if record is not None:
                    out.append(record)
    except Exception as error:  # damaged sheet XML: see _open_workbook
        raise FormatError(path, f"this Excel workbook cannot be read ({error})") from error
    finally:
        workbook.close()
    return out


def _assessment(
    cells: dict[str, object], line: int, where: str, skipped: list[Skipped]
) -> AssessmentRecord | None:
    """One Goal sheet row as a record; None (and a skipped row) when a cell is wrong."""
    text = {k: _unguarded(_cell_text(v).strip()) for k, v in cells.items()}
    if not any(text.values()):
        return None
    pid = text.get("id", "")
    if not pid.isdigit():
        problem = f"netkort id {pid!r} is not a number" if pid else "no netkort id"
        skipped.append(Skipped(line, f"{where}{problem}; the row was left out"))
        return None
    goal = text.get("goal_id", "")
    if goal and not goal.isdigit():
        skipped.append(
            Skipped(line, f"{where}netkort goal id {goal!r} is not a number; the row was left out")
        )
        return None
    record = AssessmentRecord(netkort_id=int(pid), line=line, goal_id=int(goal) if goal else None)
    for key, name in _GOAL_ROLES.items():
        value = cells.get(key)
        flag = value if isinstance(value, bool) else _yes_no(text.get(key, ""))
        if flag == "?":
            reason = f"{where}{GOAL_COLUMNS[key][0]} {text[key]!r} is not yes or no"
            skipped.append(Skipped(line, f"{reason}; the row was left out"))
            return None
        setattr(record, name, flag)
    closeness = text.get("closeness", "")
    if closeness:
        digit = closeness[:1]
        if not (digit.isdigit() and 1 <= int(digit) <= 5):
            reason = f"{where}closeness {closeness!r} is not 1 to 5"
            skipped.append(Skipped(line, f"{reason}; the row was left out"))
            return None
        record.closeness = Closeness(int(digit))
    day = cells.get("next_step_date")
    if isinstance(day, datetime):
        record.next_step_date = day.date()
    elif isinstance(day, date):
        record.next_step_date = day
    elif text.get("next_step_date"):
        record.next_step_date = parse_date(text["next_step_date"])
        if record.next_step_date is None:
            reason = f"{where}next step date {text['next_step_date']!r} is not a date"
            skipped.append(Skipped(line, f"{reason}; the row was left out"))
            return None
    record.status = text.get("status", "")
    record.outcome = text.get("outcome", "")
    record.next_step = text.get("next_step", "")
    record.notes = _cell_text(cells.get("notes")).strip()
    return record


def _yes_no(text: str) -> bool | str | None:
    """True, False, None for a blank cell, or "?" for anything else."""
    word = fold(text)
    if not word:
        return None
    if word in _YES:
        return True
    if word in _NO:
        return False
    return "?"


# -- the registered format -----------------------------------------------------------


def detect(path: Path) -> bool:
    if path.is_dir():
        return False
    if not _is_xlsx(path) and is_zip(path):
        return False
    # Any table with a header row qualifies, even one whose columns cannot be guessed:
    # the user maps those (the web preview, the CLI's --map).
    try:
        _load(path)
    except FormatError:
        return False
    return True


def read(path: Path) -> ParsedFile:
    """Read with the guessed mapping; a sheet whose names cannot be guessed is an error."""
    sheet = _load(path)
    mapping = guess_mapping(sheet.headers)
    if not set(mapping.values()) & {"display_name", "given_name", "family_name", "emails"}:
        raise FormatError(
            path,
            "no column could be matched to names; choose the columns with "
            "--map column=field (fields: " + ", ".join(FIELDS) + ")",
        )
    return read_sheet(path, mapping)


FORMAT = register(Format(NAME, "Spreadsheet (CSV or XLSX)", detect, read, 90))
