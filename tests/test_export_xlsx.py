"""The workbook: six sheets a coach and a client can work in, with nothing a formula."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest

from export_network import FORMULAS, TRICKY_NAMES, build_network
from netkort.io.export_tables import PEOPLE_COLUMNS
from netkort.services.export import ExportOptions, export
from netkort.store.models import Interaction, Person, Workspace


@pytest.fixture
def full(workspace: Workspace) -> Workspace:
    build_network(workspace)
    return workspace


def workbook(workspace: Workspace, language: str = "en") -> openpyxl.Workbook:
    data = export(workspace, ExportOptions("xlsx", language=language)).data
    return openpyxl.load_workbook(io.BytesIO(data))


def excel_text(value: object) -> object:
    """A cell as Excel shows it: the file escapes control characters as _x000D_, which
    Excel reads back and openpyxl leaves as they are."""
    if not isinstance(value, str):
        return value
    return re.sub(r"_x([0-9A-F]{4})_", lambda m: chr(int(m.group(1), 16)), value)


def rows(sheet: openpyxl.worksheet.worksheet.Worksheet) -> list[list[object]]:
    return [[excel_text(v) for v in r] for r in sheet.iter_rows(values_only=True)]


def test_it_has_the_six_sheets_in_english_and_danish(full: Workspace) -> None:
    assert workbook(full, "en").sheetnames == [
        "People", "Contexts", "Goal", "Action plan", "Interactions", "Favours",
    ]  # fmt: skip
    assert workbook(full, "da").sheetnames == [
        "Personer", "Kontekster", "Mål", "Handlingsplan", "Interaktioner", "Tjenester",
    ]  # fmt: skip


def test_the_people_sheet_starts_with_the_stored_id(full: Workspace) -> None:
    for language, pick in (("en", 0), ("da", 1)):
        sheet = workbook(full, language)["People" if language == "en" else "Personer"]
        table = rows(sheet)
        assert table[0] == [pair[pick] for pair in PEOPLE_COLUMNS.values()]
        ids = {r[0] for r in table[1:]}
        assert ids == set(Person.objects.filter(workspace=full).values_list("pk", flat=True))


def test_every_person_and_interaction_is_there(full: Workspace) -> None:
    book = workbook(full)
    assert book["People"].max_row - 1 == Person.objects.filter(workspace=full).count()
    assert book["Goal"].max_row - 1 == Person.objects.filter(workspace=full).count()
    assert book["Interactions"].max_row - 1 == Interaction.objects.filter(workspace=full).count()


def test_formula_like_text_is_written_as_text(full: Workspace) -> None:
    data = export(full, ExportOptions("xlsx", language="en")).data
    # openpyxl keeps formulas as "=..." strings with data_type "f"; none may be there.
    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    people = {r[1]: r for r in rows(book["People"])}
    for name in FORMULAS:
        assert name in people, name
        assert people[name][5] in FORMULAS
    assert "<f>" not in _sheet_xml(data)


def _sheet_xml(data: bytes) -> str:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "".join(
            archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/")
        )


def test_names_with_markup_emoji_and_right_to_left_text_survive(full: Workspace) -> None:
    names = {r[1] for r in rows(workbook(full)["People"])}
    for name in TRICKY_NAMES:
        assert name in names


def test_sheets_have_a_styled_frozen_filtered_header(full: Workspace) -> None:
    book = workbook(full)
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:"), sheet.title
        assert sheet["A1"].font.b, sheet.title
    people = book["People"]
    assert people.column_dimensions["B"].width > 20


def test_roles_status_and_closeness_have_dropdowns(full: Workspace) -> None:
    goal = workbook(full)["Goal"]
    headers = rows(goal)[0]
    by_column = {}
    for validation in goal.data_validations.dataValidation:
        column = str(validation.sqref).split(":")[0].rstrip("0123456789")
        by_column[headers[ord(column) - ord("A")]] = validation.formula1
    assert by_column["Closeness"] == '"1,2,3,4,5"'
    assert by_column["Information"] == '"yes,no"'
    assert by_column["Direct access"] == '"yes,no"'
    assert "Meeting booked" in by_column["Status"]


def test_the_goal_sheet_shows_the_assessments(full: Workspace) -> None:
    table = rows(workbook(full)["Goal"])
    headers = table[0]
    booked = [r for r in table[1:] if r[headers.index("Status")] == "Meeting booked"]
    assert len(booked) == 3
    assert all(r[headers.index("Next step")].startswith("Ring om") for r in booked)
    plan = rows(workbook(full)["Action plan"])
    assert len(plan) - 1 == 6
    assert plan[1][0] is not None and plan[1][0].year == 2026


def test_interactions_are_shown_in_local_time(full: Workspace) -> None:
    import datetime as dt

    table = rows(workbook(full)["Interactions"])
    headers = table[0]
    when, summary = headers.index("When"), headers.index("Summary")
    (planned,) = [r for r in table[1:] if r[summary] == "Kaffe hos <Åse> & co"]
    # Stored as 09:30 UTC on 3 December: 10:30 in Copenhagen (winter time).
    assert abs(planned[when] - dt.datetime(2026, 12, 3, 10, 30)) < dt.timedelta(seconds=1)
    summer = Interaction.objects.filter(workspace=full).first()
    assert summer is not None
    summer.occurred_at = dt.datetime(2026, 7, 1, 9, 30, tzinfo=dt.UTC)
    summer.summary = "Sommer"
    summer.save()
    table = rows(workbook(full)["Interactions"])
    (moved,) = [r for r in table[1:] if r[summary] == "Sommer"]
    assert abs(moved[when] - dt.datetime(2026, 7, 1, 11, 30)) < dt.timedelta(seconds=1)
