"""The action list end to end: stored persons, interactions and a goal, ranked."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from netkort.services import analysis, plan
from netkort.services.organisations import OrganisationBook
from netkort.services.people import PersonFields, add_person, refresh_contact_stats
from netkort.store.models import (
    Goal,
    GoalOrganisation,
    Interaction,
    InteractionPerson,
    Person,
    Tie,
    Workspace,
)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Reasons are checked in English; the Danish catalogue will have them too."""
    with translation.override("en"):
        yield


def goal_at(workspace: Workspace, organisation: str) -> Goal:
    goal = Goal.objects.create(workspace=workspace, kind="job", title="A job", is_active=True)
    org = OrganisationBook(workspace).get(organisation)
    assert org is not None
    GoalOrganisation.objects.create(workspace=workspace, goal=goal, organisation=org)
    return goal


def talk(workspace: Workspace, person: Person, times: int, years_ago: float) -> None:
    when = timezone.now() - timedelta(days=365.25 * years_ago)
    for n in range(times):
        interaction = Interaction.objects.create(
            workspace=workspace, occurred_at=when - timedelta(days=7 * n), channel="meeting",
            direction="mutual",
        )  # fmt: skip
        InteractionPerson.objects.create(
            workspace=workspace, interaction=interaction, person=person
        )
    refresh_contact_stats(workspace, [person.pk])


def test_a_dormant_former_manager_at_the_target_beats_a_stranger_there(
    workspace: Workspace,
) -> None:
    goal = goal_at(workspace, "Ørsted")
    for n in range(12):
        add_person(workspace, PersonFields(display_name=f"Friend {n}", organisation="Fjordbank",
                                           closeness=1))  # fmt: skip
    stranger = add_person(workspace, PersonFields(display_name="Stranger", organisation="Ørsted"))
    manager = add_person(
        workspace, PersonFields(display_name="Former manager", organisation="Ørsted")
    )
    talk(workspace, manager, times=15, years_ago=4)
    rows = plan.plan_for(workspace, goal, top=5).rows
    assert [r.display_name for r in rows[:2]] == ["Former manager", "Stranger"]
    assert rows[0].person_id == manager.pk and rows[1].person_id == stranger.pk
    assert "A dormant tie worth reviving" in rows[0].reasons
    assert "Silent for 4 years" in rows[0].reasons
    assert rows[0].parts["dormant"] > 0


def test_the_only_person_at_the_target_ranks_first_and_measures_follow_changes(
    workspace: Workspace,
) -> None:
    goal = goal_at(workspace, "Vestas")
    people = [
        add_person(workspace, PersonFields(display_name=f"Close {n}", closeness=1))
        for n in range(6)
    ]
    insider = add_person(workspace, PersonFields(display_name="Insider", organisation="Vestas"))
    first = plan.plan_for(workspace, goal, top=3).rows
    assert first[0].person_id == insider.pk
    assert first[0].reasons[0] == "Works at Vestas"
    # A new tie makes someone a path in; the cached measures notice the change.
    Tie.objects.create(workspace=workspace, a=people[0], b=insider, source="typed", strength=0.9)
    second = plan.plan_for(workspace, goal, top=3).rows
    assert second[1].person_id == people[0].pk
    assert "Knows Insider, who works at Vestas" in second[1].reasons
    assert analysis.measures(workspace).known_ties == 1
