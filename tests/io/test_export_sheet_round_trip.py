"""An exported People sheet, edited in a spreadsheet, reads back onto the same persons.

This is the format half of the round trip: the writer's columns (PEOPLE_COLUMNS) are
recognised by the sheet reader, the ids come back, and the edits with them.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from netkort.io import read_file
from netkort.io.export_csv import write_csv
from netkort.io.export_tables import PEOPLE_COLUMNS, Sheet, people_columns
from netkort.io.export_xlsx import write_xlsx
from netkort.io.sheet import guess_mapping

ROWS = [
    [
        17,
        "Åse Ødegård",
        "Åse",
        "Ødegård",
        "Ærø Ølhus, A/S",
        "=Chief",
        "aase@example.dk, aase@private.dk",
        "+4520304050",
        "https://www.linkedin.com/in/aase",
        "Friends, Former colleagues",
        2,
        "vip, sparring",
        "Met at <the> club",
        "Aarhus Universitet, DTU",
    ],
    [42, "مريم الحسن", "مريم", "الحسن", "", "", "", "", "", "", None, "", "", ""],
]


def people() -> Sheet:
    sheet = Sheet("people", "People", "Personer", people_columns())
    sheet.rows = [list(r) for r in ROWS]
    return sheet


@pytest.mark.parametrize("language", ["en", "da"])
def test_every_column_is_recognised_by_the_sheet_import(language: str) -> None:
    pick = 0 if language == "en" else 1
    headers = [pair[pick] for pair in PEOPLE_COLUMNS.values()]
    mapping = guess_mapping(headers)
    assert [mapping.get(h) for h in headers] == [
        "netkort_id", "display_name", "given_name", "family_name", "organisation", "title",
        "emails", "phones", "linkedin_url", "contexts", "closeness", "tags", "notes",
        "schools",
    ]  # fmt: skip


@pytest.mark.parametrize("language", ["en", "da"])
def test_an_edited_workbook_reads_back_onto_the_same_ids(tmp_path: Path, language: str) -> None:
    path = tmp_path / "netkort.xlsx"
    with path.open("wb") as out:
        write_xlsx([people()], out, language)
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    sheet["F2"] = "Chief Networker"
    sheet["K3"] = 4
    book.save(path)

    persons = read_file(path).records.persons
    assert [p.netkort_id for p in persons] == [17, 42]
    aase, maryam = persons
    assert aase.title == "Chief Networker"
    assert aase.emails == ["aase@example.dk", "aase@private.dk"]
    assert aase.phones == ["+4520304050"]
    assert aase.context_names == ["Friends", "Former colleagues"]
    assert aase.tags == ["vip", "sparring"]
    assert aase.organisation == "Ærø Ølhus, A/S"
    assert aase.schools == ["Aarhus Universitet", "DTU"]
    assert maryam.display_name == "مريم الحسن"
    assert maryam.closeness == 4


def test_a_guarded_csv_reads_back_without_the_guard(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(write_csv(people(), "da", ";"))
    assert "'=Chief" in path.read_text("utf-8-sig")
    persons = read_file(path).records.persons
    assert [p.netkort_id for p in persons] == [17, 42]
    assert persons[0].title == "=Chief"
    assert persons[0].phones == ["+4520304050"]
