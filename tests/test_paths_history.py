"""Former employers from imported work history: paths in and the action list find them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from netkort.services import analysis, plan
from netkort.services.importing import import_files
from netkort.store.models import Goal, GoalOrganisation, Organisation, Person, Workspace

pytestmark = pytest.mark.django_db

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
BEFORE = HEADER + (
    "Mette,Lund,https://www.linkedin.com/in/mette-lund,,Ørsted,Engineer,05 Mar 2019\n"
    "Jonas,Berg,https://www.linkedin.com/in/jonas-berg,,Fjordbank,Analyst,01 Feb 2020\n"
)
AFTER = HEADER + (
    "Mette,Lund,https://www.linkedin.com/in/mette-lund,,Vestenvind,Lead Engineer,05 Mar 2019\n"
    "Jonas,Berg,https://www.linkedin.com/in/jonas-berg,,Fjordbank,Analyst,01 Feb 2020\n"
)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def connections(folder: Path, text: str) -> Path:
    folder.mkdir()
    path = folder / "Connections.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def moved(workspace: Workspace, tmp_path: Path) -> Person:
    """Mette worked at Ørsted in the first export and at Vestenvind in the newer one."""
    import_files(workspace, [connections(tmp_path / "2024", BEFORE)])
    import_files(workspace, [connections(tmp_path / "2026", AFTER)])
    mette = Person.objects.get(workspace=workspace, linkedin_url__contains="mette-lund")
    assert mette.organisation is not None and mette.organisation.name == "Vestenvind"
    history = mette.provenance["organisation"]["history"]
    assert [h["organisation"] for h in history] == ["Ørsted"]
    return mette


def test_paths_to_the_old_employer_find_who_used_to_work_there(
    workspace: Workspace, moved: Person
) -> None:
    orgs, rows = analysis.paths_to(workspace, "Ørsted")
    assert [o.name for o in orgs] == ["Ørsted"]
    assert [(r.via.id, r.insider.id, r.current, r.organisation) for r in rows] == [
        (moved.pk, moved.pk, False, "Ørsted")
    ]
    year = timezone.localdate().year
    assert (rows[0].start, rows[0].end) == (None, year)
    assert rows[0].when == f"left by {year}"
    assert rows[0].as_dict()["works_there_now"] is False
    # She works at Vestenvind now, and is found there as a current employee.
    _orgs, now = analysis.paths_to(workspace, "Vestenvind")
    assert [(r.via.id, r.current) for r in now] == [(moved.pk, True)]


def test_the_action_list_ranks_a_former_employee_first_with_the_reason(
    workspace: Workspace, moved: Person
) -> None:
    goal = Goal.objects.create(workspace=workspace, kind="job", title="Ørsted", is_active=True)
    orsted = Organisation.objects.get(workspace=workspace, name="Ørsted")
    GoalOrganisation.objects.create(workspace=workspace, goal=goal, organisation=orsted)
    rows = plan.plan_for(workspace, goal).rows
    assert rows[0].person_id == moved.pk
    year = timezone.localdate().year
    assert f"Used to work at Ørsted (left by {year})" in rows[0].reasons
    assert rows[0].parts["relevance"] > rows[1].parts["relevance"]


def test_the_paths_page_says_used_to_work_there_with_the_year(
    alice: User, workspace: Workspace, moved: Person
) -> None:
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(alice)
    address = reverse("netkort:analysis", kwargs={"ws": workspace.uid})
    page = client.get(address, {"to": "Ørsted"})
    assert page.status_code == 200
    html = page.content.decode()
    assert f"used to work there ({timezone.localdate().year})" not in html
    assert f"used to work there (left by {timezone.localdate().year})" in html
