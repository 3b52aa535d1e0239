"""The Goal sheet of an edited workbook imports back onto the same assessments.

Exported by the service, edited with openpyxl as a spreadsheet would, imported by the
import service: roles as the triage records them, a status as a dated move through the
pipeline, the next step and notes; unknown labels and ids are reported by row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.utils import translation

from netkort.domain.triage import Role
from netkort.io.export_tables import GOAL_COLUMNS
from netkort.services import outreach, triage
from netkort.services.export import ExportOptions, export
from netkort.services.goals import GoalFields, archive_goal, create_goal
from netkort.services.importing import import_files
from netkort.services.people import PersonFields, add_person
from netkort.store.models import Assessment, Goal, Person, StatusChange, Workspace

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def network(workspace: Workspace) -> dict[str, Any]:
    """Three persons and an active goal; Åse is judged and contacted."""
    goal = create_goal(workspace, GoalFields(title="Job at Ærø Ølhus"), activate=True)
    people = {
        name: add_person(workspace, PersonFields(display_name=name, organisation="Ærø Ølhus"))
        for name in ("Åse Ødegård", "Bo Berg", "Cai Holm")
    }
    aase = people["Åse Ødegård"]
    triage.judge(workspace, goal, aase, triage.Judgement(roles=frozenset({Role.INFORMATION})))
    assessment = outreach.add_to_pipeline(workspace, aase, goal)
    outreach.move(workspace, assessment, "contacted")
    return {"goal": goal, **people}


def exported(workspace: Workspace, tmp_path: Path, language: str, goal: int | None = None) -> Path:
    path = tmp_path / f"netkort-{language}.xlsx"
    path.write_bytes(export(workspace, ExportOptions("xlsx", goal=goal, language=language)).data)
    return path


def edit(path: Path, language: str, rows: dict[int, dict[str, Any]]) -> dict[int, int]:
    """Set cells of the Goal sheet by field (``GOAL_COLUMNS``) for persons by id; their
    row numbers."""
    pick = 0 if language == "en" else 1
    book = openpyxl.load_workbook(path)
    sheet = book["Goal" if language == "en" else "Mål"]
    headers = [c.value for c in sheet[1]]
    where = {}
    for row in range(2, sheet.max_row + 1):
        pid = sheet.cell(row, 1).value
        if pid in rows:
            where[pid] = row
            for key, value in rows[pid].items():
                sheet.cell(row, headers.index(GOAL_COLUMNS[key][pick]) + 1).value = value
    book.save(path)
    return where


def assessment(person: Person, goal: Goal) -> Assessment:
    return Assessment.objects.get(person=person, goal=goal)


def test_a_danish_workbook_edited_in_danish_is_applied(
    workspace: Workspace, network: dict[str, Any], tmp_path: Path
) -> None:
    goal, aase, bo = network["goal"], network["Åse Ødegård"], network["Bo Berg"]
    path = exported(workspace, tmp_path, "da")
    edit(
        path,
        "da",
        {
            aase.pk: {"status": "Møde aftalt", "intermediary": "ja", "information": "nej"},
            bo.pk: {
                "direct_access": "x",
                "next_step": "Ring om kaffe",
                "next_step_date": dt.datetime(2026, 12, 24),
                "notes": "Kender chefen",
            },
        },
    )
    moves = StatusChange.objects.count()

    report = import_files(workspace, [path])

    (file,) = report.files
    assert file.skipped == []
    # Each person is counted once, whatever the two sheets changed.
    total = Person.objects.filter(workspace=workspace).count()
    assert file.persons_new == 0
    assert file.persons_merged + file.persons_updated + file.persons_unchanged == total
    a = assessment(aase, goal)
    assert (a.status, a.is_information, a.is_intermediary, a.is_direct_access) == (
        "meeting_booked", False, True, False,
    )  # fmt: skip
    (move,) = StatusChange.objects.filter(assessment=a).order_by("-id")[:1]
    assert (move.from_status, move.to_status) == ("contacted", "meeting_booked")
    assert StatusChange.objects.count() == moves + 1
    b = assessment(bo, goal)
    assert b.is_direct_access and b.judged_at is not None
    assert (b.next_step, b.next_step_date, b.notes) == (
        "Ring om kaffe", dt.date(2026, 12, 24), "Kender chefen",
    )  # fmt: skip
    assert b.status == "not_contacted"
    # Cai was left as exported: no assessment appears for him.
    assert not Assessment.objects.filter(person=network["Cai Holm"]).exists()

    # The same file again changes nothing.
    again = import_files(workspace, [path]).files[0]
    assert again.persons_updated == 0 and again.skipped == []
    assert again.persons_unchanged == total
    assert StatusChange.objects.count() == moves + 1

    # A person changed on the Goal sheet only counts as updated.
    edit(path, "da", {aase.pk: {"status": "Mødt"}})
    third = import_files(workspace, [path]).files[0]
    assert (third.persons_updated, third.persons_unchanged) == (1, total - 1)
    assert assessment(aase, goal).status == "met"


def test_english_labels_in_a_danish_workbook_and_closing_with_an_outcome(
    workspace: Workspace, network: dict[str, Any], tmp_path: Path
) -> None:
    goal, aase = network["goal"], network["Åse Ødegård"]
    path = exported(workspace, tmp_path, "da")
    edit(path, "da", {aase.pk: {"status": "Closed", "outcome": "Gave information"}})

    import_files(workspace, [path])

    a = assessment(aase, goal)
    assert (a.status, a.outcome) == ("closed", "informed")


def test_rows_go_to_the_goal_the_workbook_was_exported_for(
    workspace: Workspace, network: dict[str, Any], tmp_path: Path
) -> None:
    active, bo = network["goal"], network["Bo Berg"]
    other = create_goal(workspace, GoalFields(title="Sparring"))
    assert not other.is_active
    path = exported(workspace, tmp_path, "en", goal=other.pk)
    edit(path, "en", {bo.pk: {"status": "Planned"}})

    import_files(workspace, [path])

    assert assessment(bo, other).status == "planned"
    assert not Assessment.objects.filter(person=bo, goal=active).exists()


def test_a_goal_sheet_without_the_goal_column_is_about_the_active_goal(
    workspace: Workspace, network: dict[str, Any], tmp_path: Path
) -> None:
    goal, bo = network["goal"], network["Bo Berg"]
    path = exported(workspace, tmp_path, "en")
    edit(path, "en", {bo.pk: {"status": "Met"}})
    book = openpyxl.load_workbook(path)
    sheet = book["Goal"]
    headers = [c.value for c in sheet[1]]
    sheet.delete_cols(headers.index(GOAL_COLUMNS["goal_id"][0]) + 1)
    book.save(path)

    import_files(workspace, [path])

    assert assessment(bo, goal).status == "met"


def test_rows_that_cannot_be_applied_are_left_out_whole_and_reported_by_line(
    workspace: Workspace, network: dict[str, Any], tmp_path: Path
) -> None:
    goal, aase, bo = network["goal"], network["Åse Ødegård"], network["Bo Berg"]
    cai = network["Cai Holm"]
    path = exported(workspace, tmp_path, "en")
    rows = edit(
        path,
        "en",
        {
            # Closing needs an outcome: the role edit of the same row is not applied.
            aase.pk: {"status": "Closed", "direct_access": "yes"},
            bo.pk: {"status": "Almost there"},
            cai.pk: {"intermediary": "yes"},  # this one is fine
        },
    )
    book = openpyxl.load_workbook(path)
    sheet = book["Goal"]
    stranger = sheet.max_row + 1
    sheet.cell(stranger, 1).value = 999_999
    sheet.cell(stranger, 8).value = "Met"
    book.save(path)

    report = import_files(workspace, [path])

    skipped = {s.line: s.reason for s in report.files[0].skipped}
    assert set(skipped) == {rows[aase.pk], rows[bo.pk], stranger}
    assert "outcome" in skipped[rows[aase.pk]] or "how it ended" in skipped[rows[aase.pk]]
    assert "“Almost there” is not a pipeline status" in skipped[rows[bo.pk]]
    assert "999999" in skipped[stranger]
    a = assessment(aase, goal)
    assert (a.status, a.is_direct_access) == ("contacted", False)
    assert not Assessment.objects.filter(person=bo).exists()
    assert assessment(cai, goal).is_intermediary


def test_an_archived_goal_is_not_changed(
    workspace: Workspace, network: dict[str, Any], tmp_path: Path
) -> None:
    goal, aase = network["goal"], network["Åse Ødegård"]
    path = exported(workspace, tmp_path, "en")
    rows = edit(path, "en", {aase.pk: {"status": "Met"}})
    archive_goal(workspace, goal)

    report = import_files(workspace, [path])

    (skipped,) = report.files[0].skipped
    assert skipped.line == rows[aase.pk] and "archived" in skipped.reason
    assert assessment(aase, goal).status == "contacted"


def test_a_dry_run_changes_no_assessment(
    workspace: Workspace, network: dict[str, Any], tmp_path: Path
) -> None:
    goal, aase = network["goal"], network["Åse Ødegård"]
    path = exported(workspace, tmp_path, "en")
    import_files(workspace, [path])  # the sheet is known now: no persons merged below
    edit(path, "en", {aase.pk: {"status": "Met", "intermediary": "yes"}})
    moves = StatusChange.objects.count()

    report = import_files(workspace, [path], dry_run=True)

    assert report.files[0].persons_updated == 1
    a = assessment(aase, goal)
    assert (a.status, a.is_intermediary) == ("contacted", False)
    assert StatusChange.objects.count() == moves


def test_closeness_edited_on_either_sheet_is_applied_and_the_people_sheet_wins(
    workspace: Workspace, network: dict[str, Any], tmp_path: Path
) -> None:
    aase, bo, cai = network["Åse Ødegård"], network["Bo Berg"], network["Cai Holm"]
    for person, closeness in ((aase, 3), (bo, 3), (cai, 3)):
        person.closeness = closeness
        person.save()
    path = exported(workspace, tmp_path, "en")
    edit(path, "en", {aase.pk: {"closeness": 1}, bo.pk: {"closeness": 5}})
    book = openpyxl.load_workbook(path)
    people = book["People"]
    headers = [c.value for c in people[1]]
    column = headers.index("Closeness") + 1
    for r in range(2, people.max_row + 1):
        if people.cell(r, 1).value == bo.pk:
            people.cell(r, column).value = 2  # both sheets edited: the People sheet wins
        if people.cell(r, 1).value == cai.pk:
            people.cell(r, column).value = 4  # the Goal sheet still says 3
    book.save(path)

    import_files(workspace, [path])

    closeness = dict(
        Person.objects.filter(pk__in=[aase.pk, bo.pk, cai.pk]).values_list("pk", "closeness")
    )
    assert closeness == {aase.pk: 1, bo.pk: 2, cai.pk: 4}
    aase.refresh_from_db()
    assert aase.provenance["closeness"]["user"] is True
