"""The workbook round trip as a user makes it: `netkort export xlsx`, edits in a
spreadsheet, `netkort import` of the edited file, each a separate process on one database.

The edited persons are found by the "netkort id" column: they are updated, not added
again; a new row becomes a new person; nothing else changes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from cli import netkort


def persons(tmp: Path, db: Path) -> dict[int, dict[str, Any]]:
    rows = json.loads(netkort("people", "list", "--json", tmp=tmp, db=db).stdout)
    return {int(p["id"]): p for p in rows}


def assessments(tmp: Path, db: Path) -> dict[int, dict[str, Any]]:
    """Each person's assessment for the active goal, read from a backup of the database."""
    path = tmp / "check.json"
    netkort("export", "json", "-o", str(path), tmp=tmp, db=db)
    tables = json.loads(path.read_text("utf-8"))["tables"]
    goals = tables["goals"]
    active = 1 + [g[goals["fields"].index("is_active")] for g in goals["rows"]].index(True)
    fields, people = tables["assessments"]["fields"], tables["persons"]["rows"]
    names = tables["persons"]["fields"].index("display_name")
    out = {}
    for ref, row in enumerate(tables["assessments"]["rows"], start=1):
        a = {**dict(zip(fields, row, strict=True)), "ref": ref}  # as status changes name it
        if a["goal"] == active:
            out[people[a["person"] - 1][names]] = a
    return out


@pytest.fixture
def network(tmp_path: Path) -> tuple[Path, Path]:
    db = tmp_path / "netkort.sqlite3"
    netkort("demo", "--size", "40", tmp=tmp_path, db=db)
    return tmp_path, db


def edit_people(path: Path, edited: Path) -> dict[str, Any]:
    """Edit the People sheet as a user would; what was changed, for the checks."""
    book = openpyxl.load_workbook(path)
    sheet = book["People"]
    headers = [c.value for c in sheet[1]]
    col = {h: headers.index(h) + 1 for h in headers}
    rows = list(range(2, sheet.max_row + 1))
    # A person with a title to change, one without closeness, one to tag.
    titled = next(r for r in rows if sheet.cell(r, col["Title"]).value)
    distant = next(r for r in rows if not sheet.cell(r, col["Closeness"]).value and r != titled)
    tagged = next(r for r in rows if r not in (titled, distant))
    done = {
        "titled": sheet.cell(titled, col["netkort id"]).value,
        "distant": sheet.cell(distant, col["netkort id"]).value,
        "tagged": sheet.cell(tagged, col["netkort id"]).value,
    }
    sheet.cell(titled, col["Title"]).value = "Chief Networker"
    sheet.cell(distant, col["Closeness"]).value = 2
    tags = sheet.cell(tagged, col["Tags"])
    tags.value = ", ".join([*(tags.value or "").split(", "), "mentor"]).strip(", ")
    new = sheet.max_row + 1
    sheet.cell(new, col["Name"]).value = "Nanna Nyborg"
    sheet.cell(new, col["E-mails"]).value = "nanna@nyborg.dk"
    sheet.cell(new, col["Organisation"]).value = "Ærø Ølhus"
    sheet.cell(new, col["Education"]).value = "Aarhus Universitet"
    book.save(edited)
    return done


def test_an_edited_workbook_updates_the_same_persons_and_adds_the_new_row(
    network: tuple[Path, Path],
) -> None:
    tmp, db = network
    exported, edited = tmp / "network.xlsx", tmp / "edited.xlsx"
    netkort("export", "xlsx", "-o", str(exported), "--language", "en", tmp=tmp, db=db)
    before = persons(tmp, db)
    done = edit_people(exported, edited)

    netkort("import", str(edited), tmp=tmp, db=db)

    after = persons(tmp, db)
    assert len(after) == len(before) + 1  # the new row only: no duplicates
    (new_id,) = set(after) - set(before)
    new = after[new_id]
    assert new["display_name"] == "Nanna Nyborg"
    assert new["emails"] == ["nanna@nyborg.dk"]
    assert new["organization"] == "Ærø Ølhus"
    assert after[done["distant"]]["closeness"] == 2
    assert "mentor" in after[done["tagged"]]["tags"]
    # Nobody else changed (the sources only record that the sheet was seen).
    touched = {done["distant"], done["tagged"], done["titled"]}
    for pid, person in before.items():
        if pid not in touched:
            assert {**after[pid], "sources": None} == {**person, "sources": None}, pid

    # Importing the same edited file again changes nothing.
    netkort("import", str(edited), tmp=tmp, db=db)
    assert persons(tmp, db) == after


def test_an_edited_value_replaces_the_stored_one_from_another_source(
    network: tuple[Path, Path],
) -> None:
    tmp, db = network
    exported, edited = tmp / "network.xlsx", tmp / "edited.xlsx"
    netkort("export", "xlsx", "-o", str(exported), "--language", "en", tmp=tmp, db=db)
    done = edit_people(exported, edited)

    netkort("import", str(edited), tmp=tmp, db=db)

    # The demo's title came from another source; the user's edit in the sheet wins.
    assert persons(tmp, db)[done["titled"]]["title"] == "Chief Networker"


def edit_goal_sheet(path: Path, person: int, changes: dict[str, Any]) -> int:
    """Change cells of the person's row on the Goal sheet; the row's number."""
    book = openpyxl.load_workbook(path)
    goal = book["Goal"]
    headers = [c.value for c in goal[1]]
    row = next(r for r in range(2, goal.max_row + 1) if goal.cell(r, 1).value == person)
    for header, value in changes.items():
        goal.cell(row, headers.index(header) + 1).value = value
    book.save(path)
    return row


def status_changes(tmp: Path, db: Path) -> list[dict[str, Any]]:
    path = tmp / "moves.json"
    netkort("export", "json", "-o", str(path), tmp=tmp, db=db)
    table = json.loads(path.read_text("utf-8"))["tables"]["status_changes"]
    return [dict(zip(table["fields"], row, strict=True)) for row in table["rows"]]


def test_edits_on_the_goal_sheet_are_applied_to_the_same_assessments(
    network: tuple[Path, Path],
) -> None:
    tmp, db = network
    exported, edited = tmp / "network.xlsx", tmp / "edited.xlsx"
    netkort("export", "xlsx", "-o", str(exported), "--language", "en", tmp=tmp, db=db)
    done = edit_people(exported, edited)
    before = persons(tmp, db)
    moves_before = status_changes(tmp, db)
    edit_goal_sheet(edited, done["tagged"], {"Status": "Meeting booked", "Intermediary": "yes"})

    report = json.loads(netkort("import", str(edited), "--json", tmp=tmp, db=db).stdout)

    after = persons(tmp, db)
    assert len(after) == len(before) + 1  # the new row of the People sheet only
    judged = assessments(tmp, db)[after[done["tagged"]]["display_name"]]
    assert judged["status"] == "meeting_booked"
    assert judged["is_intermediary"] is True
    assert judged["judged_at"]
    # The move is dated in the pipeline's history, as a move on the board is.
    moves = status_changes(tmp, db)
    (move,) = [m for m in moves if m not in moves_before]
    assert move["to_status"] == "meeting_booked"
    assert move["assessment"] == judged["ref"]
    (file,) = report["files"]
    assert file["skipped"] == []

    # Importing the same file again changes nothing more.
    again = json.loads(netkort("import", str(edited), "--json", tmp=tmp, db=db).stdout)
    assert again["files"][0]["persons_updated"] == 0
    assert status_changes(tmp, db) == moves
    assert assessments(tmp, db)[after[done["tagged"]]["display_name"]] == judged


def test_an_unknown_status_on_the_goal_sheet_leaves_the_row_out_and_says_where(
    network: tuple[Path, Path],
) -> None:
    tmp, db = network
    exported = tmp / "network.xlsx"
    netkort("export", "xlsx", "-o", str(exported), "--language", "en", tmp=tmp, db=db)
    first = next(iter(persons(tmp, db)))
    name = persons(tmp, db)[first]["display_name"]
    was = assessments(tmp, db).get(name)
    row = edit_goal_sheet(exported, first, {"Status": "Almost there", "Information": "yes"})

    report = json.loads(netkort("import", str(exported), "--json", tmp=tmp, db=db).stdout)

    (skipped,) = report["files"][0]["skipped"]
    assert skipped["line"] == row
    assert "Almost there" in skipped["reason"] and "status" in skipped["reason"]
    assert assessments(tmp, db).get(name) == was  # nothing of the row was applied
