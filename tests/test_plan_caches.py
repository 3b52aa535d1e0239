"""The action list stays right while its inputs are remembered: the goal's relevance per
goal criteria, and the measures' data version (on SQLite from the database's own change
counters) until anything in the data changes."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from django.db import connection
from django.utils import translation

from netkort.services import analysis, plan
from netkort.services.organisations import OrganisationBook
from netkort.services.people import PersonFields, add_person
from netkort.store.models import Goal, GoalOrganisation, Person, Tie, Workspace


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def target(workspace: Workspace, goal: Goal, organisation: str) -> None:
    org = OrganisationBook(workspace).get(organisation)
    assert org is not None
    GoalOrganisation.objects.filter(goal=goal).delete()
    GoalOrganisation.objects.create(workspace=workspace, goal=goal, organisation=org)


def network(workspace: Workspace) -> tuple[Goal, Person, Person]:
    for n in range(5):
        add_person(workspace, PersonFields(display_name=f"Friend {n}", closeness=2))
    at_vestas = add_person(workspace, PersonFields(display_name="Vera", organisation="Vestas"))
    at_bank = add_person(
        workspace, PersonFields(display_name="Bo", organisation="Fjordbank", title="Data analyst")
    )
    goal = Goal.objects.create(workspace=workspace, kind="job", title="A job", is_active=True)
    target(workspace, goal, "Vestas")
    return goal, at_vestas, at_bank


def first(workspace: Workspace, goal: Goal) -> plan.Row:
    return plan.plan_for(workspace, goal, top=3).rows[0]


def test_it_ranks_for_the_goal_as_it_is_now_when_the_goal_changes(workspace: Workspace) -> None:
    goal, at_vestas, at_bank = network(workspace)
    assert first(workspace, goal).person_id == at_vestas.pk
    target(workspace, goal, "Fjordbank")
    assert first(workspace, goal).person_id == at_bank.pk
    assert first(workspace, goal).reasons[0] == "Works at Fjordbank"
    GoalOrganisation.objects.filter(goal=goal).delete()
    goal.roles = ["Data analyst"]
    goal.save()
    top = first(workspace, goal)
    assert top.person_id == at_bank.pk
    assert "Title matches the role “Data analyst”" in top.reasons


def test_it_sees_a_change_made_on_the_same_connection(workspace: Workspace) -> None:
    goal, at_vestas, at_bank = network(workspace)
    before = analysis.measures(workspace)
    assert analysis.measures(workspace) is before  # nothing changed: the cache holds
    assert first(workspace, goal).person_id == at_vestas.pk
    at_bank.organisation = OrganisationBook(workspace).get("Vestas")
    at_bank.save()
    at_vestas.organisation = None
    at_vestas.save()
    assert analysis.measures(workspace) is not before
    assert first(workspace, goal).person_id == at_bank.pk


def test_it_sees_a_tie_strength_changed_in_place(workspace: Workspace) -> None:
    _goal, at_vestas, _at_bank = network(workspace)
    friend = Person.objects.get(workspace=workspace, display_name="Friend 0")
    tie = Tie.objects.create(workspace=workspace, a=friend, b=at_vestas, source="typed",
                             strength=0.2)  # fmt: skip
    weak = analysis.measures(workspace).candidates
    Tie.objects.filter(pk=tie.pk).update(strength=0.9)
    strong = analysis.measures(workspace).candidates
    assert strong is not weak
    i = strong.index_of()[friend.pk]
    assert strong.ties[i].data.tolist() == [0.9]


@pytest.mark.django_db(transaction=True)
def test_it_sees_a_change_committed_by_another_connection(workspace: Workspace) -> None:
    goal, at_vestas, _at_bank = network(workspace)
    assert first(workspace, goal).person_id == at_vestas.pk
    before = analysis.measures(workspace)

    def elsewhere() -> None:
        # Another thread has its own database connection, as another server process would.
        try:
            Person.objects.filter(pk=at_vestas.pk).delete()
        finally:
            connection.close()

    worker = threading.Thread(target=elsewhere)
    worker.start()
    worker.join()
    assert not Person.objects.filter(pk=at_vestas.pk).exists()
    assert analysis.measures(workspace) is not before
    assert all(r.person_id != at_vestas.pk for r in plan.plan_for(workspace, goal).rows)


def test_the_freshness_check_reads_the_aggregates_only_after_a_write(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's change counters and PostgreSQL's log position stand in for the
    aggregates while nothing was written; any write makes them read again."""
    network(workspace)
    reads: list[int] = []
    real = analysis._stored_version

    def counted(ws: int) -> tuple[object, ...]:
        reads.append(ws)
        return real(ws)

    monkeypatch.setattr(analysis, "_stored_version", counted)
    analysis.forget(workspace)
    first_version = analysis.data_version(workspace)
    for _ in range(2):
        seen = analysis._stamps[workspace.pk][1]
        before = analysis._postgres_stamp()
        read = len(reads)
        assert analysis.data_version(workspace) == first_version
        # PostgreSQL's log position is the whole server's: autovacuum, or pruning of a
        # page by any reader, moves it too. Where it stood still, nothing was read.
        after = analysis._postgres_stamp()
        if before is None or (before[1] == seen and after is not None and after[1] == seen):
            assert len(reads) == read
    friend = Person.objects.get(workspace=workspace, display_name="Friend 0")
    read = len(reads)
    Person.objects.filter(pk=friend.pk).update(closeness=5)  # no updated_at: same aggregates
    assert analysis.data_version(workspace) == first_version
    assert len(reads) == read + 1
    Tie.objects.create(workspace=workspace, a=friend, b=Person.objects.get(display_name="Vera"),
                       source="typed")  # fmt: skip
    assert analysis.data_version(workspace) != first_version
    assert len(reads) == read + 2
