"""The Goal sheet of a netkort workbook is read as assessment records (format half).

The reader recognises the sheet by its header row in either language
(``GOAL_COLUMNS``), whatever the sheet is called, and reads each row as the export
wrote it or as people edit it; a row it cannot read is left out with its line.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from netkort.domain.records import AssessmentRecord
from netkort.io import read_file
from netkort.io.export_tables import GOAL_COLUMNS, PEOPLE_COLUMNS, Sheet, people_columns
from netkort.io.export_xlsx import write_xlsx
from netkort.io.sheet import read_sheet


def workbook(path: Path, language: str, goal_rows: list[list[object]], title: str = "") -> Path:
    """A workbook with a People sheet and a Goal sheet (rows by GOAL_COLUMNS order)."""
    pick = 0 if language == "en" else 1
    people = Sheet("people", "People", "Personer", people_columns())
    people.rows = [[17, "Åse Ødegård", *[""] * (len(PEOPLE_COLUMNS) - 2)]]
    with path.open("wb") as out:
        write_xlsx([people], out, language)
    book = openpyxl.load_workbook(path)
    goal = book.create_sheet(title or ("Goal" if language == "en" else "Mål"))
    goal.append([pair[pick] for pair in GOAL_COLUMNS.values()])
    for row in goal_rows:
        goal.append(row)
    book.save(path)
    return path


def row(**cells: object) -> list[object]:
    return [cells.get(key) for key in GOAL_COLUMNS]


@pytest.mark.parametrize("language", ["en", "da"])
def test_the_rows_are_read_as_the_export_writes_them(tmp_path: Path, language: str) -> None:
    yes, no = ("yes", "no") if language == "en" else ("ja", "nej")
    path = workbook(
        tmp_path / "netkort.xlsx",
        language,
        [
            row(id=17, name="Åse Ødegård", information=yes, intermediary=no, direct_access=no,
                status="Meeting booked", outcome="", next_step="Ring om kaffe",
                next_step_date=dt.datetime(2026, 12, 24), notes="Kender chefen", goal_id=3),
            row(id=42, name="Bo Berg"),  # not assessed: blanks leave everything as it is
        ],
    )  # fmt: skip

    records = read_file(path).records

    assert [p.netkort_id for p in records.persons] == [17]
    assert records.assessments == [
        AssessmentRecord(
            netkort_id=17, line=2, goal_id=3, is_information=True, is_intermediary=False,
            is_direct_access=False, status="Meeting booked", next_step="Ring om kaffe",
            next_step_date=dt.date(2026, 12, 24), notes="Kender chefen",
        ),
        AssessmentRecord(netkort_id=42, line=3),
    ]  # fmt: skip


def test_roles_as_people_type_them_and_dates_as_text(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "netkort.xlsx",
        "en",
        [
            row(id=1, information="X", intermediary=True, direct_access=False,
                next_step_date="24.12.2026", closeness=2),
            row(id="2", information="Ja", intermediary="NEJ", direct_access="true"),
        ],
        title="My goal sheet",
    )  # fmt: skip

    first, second = read_file(path).records.assessments

    assert (first.is_information, first.is_intermediary, first.is_direct_access) == (
        True, True, False,
    )  # fmt: skip
    assert first.next_step_date == dt.date(2026, 12, 24)
    assert (first.closeness, second.closeness) == (2, None)
    assert first.goal_id is None
    assert (second.is_information, second.is_intermediary, second.is_direct_access) == (
        True, False, True,
    )  # fmt: skip


def test_a_row_that_cannot_be_read_is_left_out_with_its_line(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "netkort.xlsx",
        "en",
        [
            row(id=1, intermediary="maybe"),
            row(name="Someone new", status="Met"),  # no id: not a stored person
            row(id=3, next_step_date="soon"),
            row(id=4, goal_id="the job"),
            row(id=6, closeness="close"),
            row(),  # an empty row is no problem
            row(id=5, status="Met"),
        ],
    )

    parsed = read_file(path)

    assert [a.netkort_id for a in parsed.records.assessments] == [5]
    problems = {s.line: s.reason for s in parsed.skipped}
    assert set(problems) == {2, 3, 4, 5, 6}
    assert "closeness 'close' is not 1 to 5" in problems[6]
    assert "Intermediary 'maybe' is not yes or no" in problems[2]
    assert "no netkort id" in problems[3]
    assert "'soon' is not a date" in problems[4]
    assert "'the job' is not a number" in problems[5]
    assert all(reason.startswith("Goal: ") for reason in problems.values())


def test_the_goal_sheet_is_read_with_a_chosen_column_mapping_too(tmp_path: Path) -> None:
    path = workbook(tmp_path / "netkort.xlsx", "da", [row(id=17, status="Mødt")])

    parsed = read_sheet(path, {"Navn": "display_name"})

    assert [a.status for a in parsed.records.assessments] == ["Mødt"]


def test_a_sheet_without_the_goal_columns_gives_no_assessments(tmp_path: Path) -> None:
    path = tmp_path / "people.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Status", "Notes"])
    sheet.append(["Åse", "Met", "hello"])
    book.save(path)

    parsed = read_file(path)

    assert parsed.records.assessments == []
    assert [p.display_name for p in parsed.records.persons] == ["Åse"]
