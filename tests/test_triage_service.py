"""Judging persons against a goal: order, progress, skipping and resuming."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from django.utils import translation

from netkort.domain.records import PositionRecord, ProfileRecord
from netkort.domain.triage import ReasonKind, Role
from netkort.services import goals, triage
from netkort.services.errors import UserError
from netkort.services.network import write_profile
from netkort.services.organisations import OrganisationBook
from netkort.services.people import PersonFields, add_person
from netkort.store.models import Assessment, Goal, Interaction, Person, Workspace


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The messages are checked in English; the Danish catalogue has them too."""
    with translation.override("en"):
        yield


@pytest.fixture
def goal(workspace: Workspace) -> Goal:
    return goals.create_goal(
        workspace,
        goals.GoalFields(title="Job", target_organisations=["Nordlys Energi"], roles=["CTO"]),
    )


def person(workspace: Workspace, name: str, **kw: object) -> Person:
    return add_person(workspace, PersonFields(display_name=name, **kw))  # type: ignore[arg-type]


def test_it_starts_with_the_target_organisation_then_roles_then_the_closest(
    workspace: Workspace, goal: Goal
) -> None:
    close = person(workspace, "Carl Close", closeness=1)
    cto = person(workspace, "Dora CTO", title="CTO")
    target = person(workspace, "Anna Berg", organisation="nordlys energi")
    person(workspace, "Eve Far", closeness=5)
    first = triage.next_suggestion(workspace, goal, "en")
    assert first is not None and first.person_id == target.pk
    assert triage.reason_text(first.reason) == (
        "works at Nordlys Energi — one of your target organisations"
    )
    triage.judge(workspace, goal, target, triage.Judgement(frozenset({Role.INFORMATION})))
    second = triage.next_suggestion(workspace, goal, "en")
    assert second is not None and second.person_id == cto.pk
    triage.skip(workspace, goal, cto)
    third = triage.next_suggestion(workspace, goal, "en")
    assert third is not None and third.person_id == close.pk
    assert third.reason.kind == ReasonKind.CLOSE


def test_judging_records_roles_closeness_super_connector_and_note(
    workspace: Workspace, goal: Goal
) -> None:
    anna = person(workspace, "Anna Berg")
    judgement = triage.Judgement(
        frozenset({Role.INTERMEDIARY, Role.DIRECT_ACCESS}), 2, True, " Knows the CEO "
    )
    assessment = triage.judge(workspace, goal, anna, judgement)
    assert (assessment.is_information, assessment.is_intermediary) == (False, True)
    assert assessment.is_direct_access and assessment.judged_at is not None
    assert assessment.notes == "Knows the CEO"
    anna.refresh_from_db()
    assert anna.closeness == 2 and anna.is_super_connector and anna.is_user_typed("closeness")
    triage.judge(workspace, goal, anna, triage.Judgement(frozenset()))
    assert Assessment.objects.filter(goal=goal, person=anna).count() == 1
    assert triage.roles_of(triage.assessment_of(goal, anna)) == frozenset()


def test_progress_counts_judged_and_skipped_and_survives_a_reload(
    workspace: Workspace, goal: Goal
) -> None:
    a, b, c = (person(workspace, n) for n in ("A a", "B b", "C c"))
    triage.judge(workspace, goal, a, triage.Judgement(frozenset()))
    triage.skip(workspace, goal, b)
    fresh = Workspace.objects.get(pk=workspace.pk)
    assert triage.progress(fresh, goal) == triage.Progress(judged=1, total=3, skipped=1)
    found = triage.next_suggestion(fresh, goal, "en")
    assert found is not None and found.person_id == c.pk
    triage.judge(fresh, goal, c, triage.Judgement(frozenset()))
    assert triage.next_suggestion(fresh, goal, "en") is None
    triage.revisit_skipped(fresh, goal)
    again = triage.next_suggestion(fresh, goal, "en")
    assert again is not None and again.person_id == b.pk


def test_closeness_outside_one_to_five_and_archived_goals_are_refused(
    workspace: Workspace, goal: Goal
) -> None:
    anna = person(workspace, "Anna Berg")
    with pytest.raises(UserError, match="1 \\(inner circle\\) to 5"):
        triage.judge(workspace, goal, anna, triage.Judgement(frozenset(), closeness=7))
    goals.archive_goal(workspace, goal)
    with pytest.raises(UserError, match="archived"):
        triage.judge(workspace, goal, anna, triage.Judgement(frozenset()))
    assert not Assessment.objects.exists()


def test_it_finds_the_organisations_i_shared_with_the_person(workspace: Workspace) -> None:
    book = OrganisationBook(workspace)
    write_profile(
        workspace,
        ProfileRecord("Me", positions=[PositionRecord("Fjordbank", "Analyst")]),
        book,
    )
    bo = person(workspace, "Bo Holm", organisation="Fjordbank")
    shared = triage.shared_organisations(workspace, bo)
    assert [(p.organisation_name, p.title) for p in shared] == [("Fjordbank", "Analyst")]
    assert triage.shared_organisations(workspace, person(workspace, "Cy")) == []


def test_roles_are_read_from_text_for_the_command_line() -> None:
    assert triage.parse_roles("information, direct-access") == {
        Role.INFORMATION,
        Role.DIRECT_ACCESS,
    }
    assert triage.parse_roles("none") == frozenset()
    with pytest.raises(UserError, match="Known roles"):
        triage.parse_roles("boss")


def test_the_card_shows_the_latest_contacts_newest_first(workspace: Workspace) -> None:
    anna = person(workspace, "Anna Berg")
    for day in (1, 3, 2, 4):
        i = Interaction.objects.create(
            workspace=workspace,
            occurred_at=datetime(2026, 5, day, tzinfo=UTC),
            channel="phone",
            summary=f"call {day}",
        )
        i.persons.add(anna, through_defaults={"workspace": workspace})
    assert [i.summary for i in triage.recent_contacts(anna)] == ["call 4", "call 3", "call 2"]
