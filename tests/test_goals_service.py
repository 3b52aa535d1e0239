"""Goals: create, edit, archive, activate; exactly one goal is active."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.utils import translation

from netkort.services import goals
from netkort.services.errors import UserError
from netkort.services.organisations import OrganisationBook
from netkort.store.models import Goal, Organisation, Workspace


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The messages are checked in English; the Danish catalogue has them too."""
    with translation.override("en"):
        yield


def job(title: str = "Ny stilling", **kw: object) -> goals.GoalFields:
    return goals.GoalFields(title=title, kind="job", **kw)  # type: ignore[arg-type]


def test_the_first_goal_becomes_active_and_links_existing_organisations(
    workspace: Workspace,
) -> None:
    existing = OrganisationBook(workspace).get("Nordlys Energi A/S")
    assert existing is not None
    goal = goals.create_goal(
        workspace,
        job(
            target_organisations=["nordlys energi a/s", "Fjordbank"],
            roles=["Programleder", " programleder ", ""],
            deadline=dt.date(2027, 3, 1),
        ),
    )
    assert goal.is_active
    assert [o.name for o in goals.target_organisations(goal)] == ["Fjordbank", "Nordlys Energi A/S"]
    assert existing in goals.target_organisations(goal)
    assert Organisation.objects.filter(workspace=workspace).count() == 2
    assert goal.roles == ["Programleder"]
    assert goals.as_dict(goal)["deadline"] == "2027-03-01"


def test_activating_a_goal_rests_the_other(workspace: Workspace) -> None:
    first = goals.create_goal(workspace, job("First"))
    second = goals.create_goal(workspace, job("Second"))
    assert not second.is_active
    goals.activate_goal(workspace, second)
    first.refresh_from_db()
    assert not first.is_active
    assert goals.active_goal(workspace) == second
    third = goals.create_goal(workspace, job("Third"), activate=True)
    assert list(Goal.objects.filter(workspace=workspace, is_active=True)) == [third]


def test_archiving_hides_the_goal_and_activating_brings_it_back(workspace: Workspace) -> None:
    goal = goals.create_goal(workspace, job())
    goals.archive_goal(workspace, goal)
    assert goals.active_goal(workspace) is None
    assert list(goals.goals_of(workspace)) == []
    assert list(goals.goals_of(workspace, archived=True)) == [goal]
    goals.activate_goal(workspace, goal)
    goal.refresh_from_db()
    assert goal.is_active and goal.archived_at is None


def test_editing_replaces_the_target_organisations(workspace: Workspace) -> None:
    goal = goals.create_goal(workspace, job(target_organisations=["A", "B"]))
    fields = goals.fields_of(goal)
    fields.target_organisations = ["B", "C"]
    fields.title = "  Changed   title "
    goals.update_goal(workspace, goal, fields)
    assert goal.title == "Changed title"
    assert [o.name for o in goals.target_organisations(goal)] == ["B", "C"]


def test_a_goal_needs_a_title_and_a_known_kind(workspace: Workspace) -> None:
    with pytest.raises(UserError, match="needs a title"):
        goals.create_goal(workspace, job("  "))
    with pytest.raises(UserError, match="no goal kind “party”"):
        goals.create_goal(workspace, goals.GoalFields(title="x", kind="party"))
    assert not Goal.objects.filter(workspace=workspace).exists()


def test_a_goal_of_another_workspace_cannot_be_touched(
    workspace: Workspace, charlies_workspace: Workspace
) -> None:
    goal = goals.create_goal(charlies_workspace, job())
    with pytest.raises(UserError):
        goals.get_goal(workspace, goal.pk)
    with pytest.raises(UserError):
        goals.archive_goal(workspace, goal)
    goal.refresh_from_db()
    assert goal.archived_at is None
