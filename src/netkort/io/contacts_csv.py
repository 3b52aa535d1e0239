"""Google Contacts and Outlook CSV exports, recognised by their headers.

Google (current and older format, UTF-16 included) numbers its repeated groups
(``E-mail 2 - Value``) and joins several values in one cell with `` ::: ``. Outlook writes
headers in the user's language; an alias table maps the English, Danish and German ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from netkort.domain.linkedin import normalise_profile_url
from netkort.domain.names import display_name, split_name
from netkort.domain.records import NetworkRecords, PersonRecord
from netkort.io.archive import open_source
from netkort.io.base import Format, FormatError, ParsedFile, Skipped, register
from netkort.io.dates import parse_birthday, parse_date
from netkort.io.text import Table, cell, read_bytes, read_table

GOOGLE = "google_csv"
OUTLOOK = "outlook_csv"
_MULTI = " ::: "
_NUMBERED = re.compile(r"^(?P<group>[a-z -]+?) (?P<n>\d+) - (?P<part>[a-z ]+)$")
_SYSTEM_LABELS = frozenset({"mycontacts", "my contacts", "starred"})

# Outlook header aliases (case-insensitive) by the field they fill: English, Danish, German.
OUTLOOK_ALIASES: dict[str, tuple[str, ...]] = {
    "given_name": ("first name", "fornavn", "vorname"),
    "middle_name": ("middle name", "mellemnavn", "weitere vornamen"),
    "family_name": ("last name", "efternavn", "nachname"),
    "organisation": ("company", "firma"),
    "title": ("job title", "stilling", "position"),
    "emails": (
        "e-mail address", "e-mail 2 address", "e-mail 3 address",
        "mailadresse", "mailadresse 2", "mailadresse 3",
        "e-mail-adresse", "e-mail 2-adresse", "e-mail 3-adresse",
        "e-mail 2: adresse", "e-mail 3: adresse",
    ),
    "phones": (
        "mobile phone", "business phone", "business phone 2", "home phone", "home phone 2",
        "primary phone", "other phone", "company main phone",
        "mobiltelefon", "telefon (arbejde)", "telefon 2 (arbejde)", "telefon (privat)",
        "telefon 2 (privat)", "primær telefon", "anden telefon", "firmaets hovedtelefon",
        "telefon geschäftlich", "telefon geschäftlich 2", "telefon privat",
        "telefon privat 2", "haupttelefon", "weiteres telefon", "telefon firma",
    ),
    "notes": ("notes", "noter", "bemærkninger", "notizen"),
    "tags": ("categories", "kategorier", "kategorien"),
    "urls": ("web page", "webside", "webadresse", "webseite", "web-seite"),
    "birthday": ("birthday", "fødselsdag", "geburtstag"),
    "city": ("business city", "home city", "by (arbejde)", "by (privat)",
             "ort geschäftlich", "ort privat"),
    "country": ("business country/region", "home country/region", "land/område (arbejde)",
                "land/område (privat)", "land/region geschäftlich", "land/region privat"),
}  # fmt: skip
_OUTLOOK_FIELD = {alias: name for name, aliases in OUTLOOK_ALIASES.items() for alias in aliases}
_OUTLOOK_MIN_MATCHES = 8


# -- detection -----------------------------------------------------------------------


def _header_keys(path: Path) -> list[str] | None:
    if path.is_dir():
        return None
    source = open_source(path)
    try:
        members = source.members()
        if len(members) != 1:
            return None
        head = source.head(members[0])
    finally:
        source.close()
    table = read_table(head, path, partial=True)
    return table.keys if table else None


def is_google(keys: list[str]) -> bool:
    present = set(keys)
    numbered = any(_NUMBERED.match(k) for k in keys)
    current = {"first name", "last name", "labels"} <= present
    older = {"given name", "family name", "group membership"} <= present
    return numbered and (current or older)


def is_outlook(keys: list[str]) -> bool:
    matched = {_OUTLOOK_FIELD[k] for k in keys if k in _OUTLOOK_FIELD}
    hits = sum(1 for k in keys if k in _OUTLOOK_FIELD)
    names = bool(matched & {"given_name", "family_name"})
    return names and hits >= _OUTLOOK_MIN_MATCHES and not is_google(keys)


def _detector(test: Callable[[list[str]], bool]) -> Callable[[Path], bool]:
    def detect(path: Path) -> bool:
        keys = _header_keys(path)
        return bool(keys) and test(keys or [])

    return detect


def _open_table(path: Path, test: Callable[[list[str]], bool], label: str) -> Table:
    table = read_table(read_bytes(path), path)
    if table is None or not test(table.keys):
        raise FormatError(path, f"this is not a {label} file (its header row is not one)")
    return table


# -- Google --------------------------------------------------------------------------


def read_google(path: Path) -> ParsedFile:
    table = _open_table(path, is_google, "Google Contacts CSV")
    numbered = _numbered_columns(table.keys)
    idx = table.index
    col = {
        "given": idx("first name", "given name"),
        "middle": idx("middle name", "additional name"),
        "family": idx("last name", "family name"),
        "full": idx("name"),
        "organisation": idx("organization name"),
        "title": idx("organization title"),
        "birthday": idx("birthday"),
        "notes": idx("notes"),
        "labels": idx("labels", "group membership"),
    }
    records, skipped = NetworkRecords(), []
    for line, row in table.rows:
        if not any(c.strip() for c in row):
            continue
        person = _google_person(f"row-{line}", row, col, numbered)
        if person is None:
            skipped.append(Skipped(line, "no name, e-mail or phone"))
        else:
            records.persons.append(person)
    return ParsedFile(str(path), GOOGLE, records, skipped)


def _numbered_columns(keys: list[str]) -> dict[tuple[str, str], list[int]]:
    """Columns of the numbered groups by (group, part): ("e-mail", "value") -> [..]."""
    out: dict[tuple[str, str], list[int]] = {}
    for i, key in enumerate(keys):
        match = _NUMBERED.match(key)
        if match:
            out.setdefault((match["group"], match["part"]), []).append(i)
    return out


def _values(row: list[str], columns: list[int]) -> list[str]:
    out: list[str] = []
    for i in columns:
        for value in cell(row, i).split(_MULTI):
            value = value.strip()
            if value and value not in out:
                out.append(value)
    return out


def _google_person(
    key: str,
    row: list[str],
    col: dict[str, int | None],
    numbered: dict[tuple[str, str], list[int]],
) -> PersonRecord | None:
    given = " ".join(p for p in (cell(row, col["given"]), cell(row, col["middle"])) if p)
    family = cell(row, col["family"])
    if not (given or family) and cell(row, col["full"]):
        given, family = split_name(cell(row, col["full"]))
    person = PersonRecord(
        key=key,
        given_name=given,
        family_name=family,
        emails=_values(row, numbered.get(("e-mail", "value"), [])),
        phones=_values(row, numbered.get(("phone", "value"), [])),
        organisation=cell(row, col["organisation"])
        or next(iter(_values(row, numbered.get(("organization", "name"), []))), ""),
        title=cell(row, col["title"])
        or next(iter(_values(row, numbered.get(("organization", "title"), []))), ""),
        notes=cell(row, col["notes"]),
        tags=_labels(cell(row, col["labels"])),
    )
    _set_urls(person, _values(row, numbered.get(("website", "value"), [])))
    _set_birthday(person, cell(row, col["birthday"]))
    city = _values(row, numbered.get(("address", "city"), [])[:1])
    country = _values(row, numbered.get(("address", "country"), [])[:1])
    person.location = ", ".join(city + country)
    return _named(person)


def _labels(text: str) -> list[str]:
    out = []
    for label in text.split(_MULTI):
        label = label.strip()
        name = label.removeprefix("*").strip()
        if name and name.casefold() not in _SYSTEM_LABELS and name not in out:
            out.append(name)
    return out


def _set_urls(person: PersonRecord, urls: list[str]) -> None:
    for url in urls:
        if normalise_profile_url(url) and not person.linkedin_url:
            person.linkedin_url = url
        elif url not in person.urls:
            person.urls.append(url)


def _set_birthday(person: PersonRecord, text: str) -> None:
    person.birthday, person.birthday_month_day = parse_birthday(text)


def _named(person: PersonRecord) -> PersonRecord | None:
    fallback = person.organisation or next(iter(person.emails), "")
    person.display_name = display_name(person.given_name, person.family_name, fallback) or next(
        iter(person.phones), ""
    )
    return person if person.display_name else None


# -- Outlook -------------------------------------------------------------------------


def read_outlook(path: Path) -> ParsedFile:
    table = _open_table(path, is_outlook, "Outlook contacts CSV")
    columns: dict[str, list[int]] = {}
    for i, key in enumerate(table.keys):
        if key in _OUTLOOK_FIELD:
            columns.setdefault(_OUTLOOK_FIELD[key], []).append(i)
    records, skipped = NetworkRecords(), []
    for line, row in table.rows:
        if not any(c.strip() for c in row):
            continue
        person = _outlook_person(f"row-{line}", row, columns)
        if person is None:
            skipped.append(Skipped(line, "no name, e-mail or phone"))
        else:
            records.persons.append(person)
    return ParsedFile(str(path), OUTLOOK, records, skipped)


def _outlook_person(key: str, row: list[str], columns: dict[str, list[int]]) -> PersonRecord | None:
    def first(name: str) -> str:
        return next(iter(_values(row, columns.get(name, []))), "")

    given = " ".join(p for p in (first("given_name"), first("middle_name")) if p)
    person = PersonRecord(
        key=key,
        given_name=given,
        family_name=first("family_name"),
        emails=_values(row, columns.get("emails", [])),
        phones=_values(row, columns.get("phones", [])),
        organisation=first("organisation"),
        title=first("title"),
        notes=first("notes"),
        # Outlook joins categories with ";" (and "," in some locales).
        tags=[t.strip() for t in re.split(r"[;,]", first("tags")) if t.strip()],
        location=", ".join(p for p in (first("city"), first("country")) if p),
    )
    _set_urls(person, _values(row, columns.get("urls", [])))
    birthday = first("birthday")
    # Outlook writes "0.0.00" or "00-00-0000" for "no birthday".
    person.birthday = parse_date(birthday) if birthday.strip("0.-/ ") else None
    return _named(person)


GOOGLE_FORMAT = register(
    Format(GOOGLE, "Google Contacts CSV", _detector(is_google), read_google, 30)
)
OUTLOOK_FORMAT = register(
    Format(OUTLOOK, "Outlook contacts CSV", _detector(is_outlook), read_outlook, 40)
)
