"""Tables for the spreadsheet exports (xlsx and csv): columns, sheets and the formula guard.

The services fill the rows; the writers in ``export_xlsx`` and ``export_csv`` only lay
them out. ``PEOPLE_COLUMNS`` is the contract with the sheet import: a People sheet whose
first column is the stored person id can be edited and read back onto the same persons.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Cell = str | int | float | bool | dt.date | dt.datetime | None
Kind = Literal["text", "int", "date", "datetime", "bool"]

# A spreadsheet reads a cell starting with one of these as a formula (or, for tab and
# carriage return, as the start of one once the cell is trimmed).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# The People sheet and the csv: field -> (English header, Danish header). The first
# column holds the stored person id so an edited sheet updates the same persons.
PEOPLE_COLUMNS: dict[str, tuple[str, str]] = {
    "id": ("netkort id", "netkort-id"),
    "display_name": ("Name", "Navn"),
    "given_name": ("Given name", "Fornavn"),
    "family_name": ("Family name", "Efternavn"),
    "organisation": ("Organisation", "Organisation"),
    "title": ("Title", "Titel"),
    "emails": ("E-mails", "E-mails"),
    "phones": ("Phones", "Telefoner"),
    "linkedin_url": ("LinkedIn", "LinkedIn"),
    "contexts": ("Contexts", "Kontekster"),
    "closeness": ("Closeness", "Nærhed"),
    "tags": ("Tags", "Tags"),
    "notes": ("Notes", "Noter"),
    "schools": ("Education", "Uddannelse"),
}

# The Goal sheet: field -> (English header, Danish header). It is read back too: rows
# name their person by the stored id (first column) and the goal by its id (last column).
GOAL_COLUMNS: dict[str, tuple[str, str]] = {
    "id": ("netkort id", "netkort-id"),
    "name": ("Name", "Navn"),
    "organisation": ("Organisation", "Organisation"),
    "closeness": ("Closeness", "Nærhed"),
    "information": ("Information", "Information"),
    "intermediary": ("Intermediary", "Mellemled"),
    "direct_access": ("Direct access", "Direkte adgang"),
    "status": ("Status", "Status"),
    "outcome": ("Outcome", "Udfald"),
    "next_step": ("Next step", "Næste skridt"),
    "next_step_date": ("Next step date", "Dato for næste skridt"),
    "notes": ("Notes", "Noter"),
    "goal_id": ("netkort goal id", "netkort mål-id"),
}

# Several values in one cell (e-mails, phones, contexts, tags) are joined with this.
LIST_SEPARATOR = ", "


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet would take ``text`` for a formula."""
    return text.startswith(FORMULA_STARTS)


def guard_csv(text: str) -> str:
    """Text that a spreadsheet shows as written: a formula-like value gets a leading ``'``."""
    return "'" + text if is_formula_like(text) else text


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its field, headers in both languages, the kind of values and width.

    ``choices`` makes a dropdown (data validation) in xlsx; the service gives them in
    the language of the export.
    """

    key: str
    en: str
    da: str
    kind: Kind = "text"
    width: float = 16
    choices: tuple[str, ...] = ()

    def header(self, language: str) -> str:
        return self.da if language == "da" else self.en


@dataclass(slots=True)
class Sheet:
    """A named table; ``rows`` hold one value per column, in column order."""

    key: str
    en: str
    da: str
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)

    def title(self, language: str) -> str:
        return self.da if language == "da" else self.en

    def headers(self, language: str) -> list[str]:
        return [c.header(language) for c in self.columns]


PEOPLE_WIDTHS = {
    "id": 11,
    "display_name": 28,
    "given_name": 16,
    "family_name": 18,
    "organisation": 24,
    "title": 24,
    "emails": 30,
    "phones": 18,
    "linkedin_url": 34,
    "contexts": 28,
    "closeness": 11,
    "tags": 20,
    "notes": 40,
    "schools": 30,
}


def people_columns(closeness_choices: tuple[str, ...] = ("1", "2", "3", "4", "5")) -> list[Column]:
    """The People sheet's columns, in ``PEOPLE_COLUMNS`` order."""
    kinds: dict[str, Kind] = {"id": "int", "closeness": "int"}
    return [
        Column(
            key,
            en,
            da,
            kind=kinds.get(key, "text"),
            width=PEOPLE_WIDTHS[key],
            choices=closeness_choices if key == "closeness" else (),
        )
        for key, (en, da) in PEOPLE_COLUMNS.items()
    ]
