"""The triage suggestion rules: who comes first against a goal, with which roles and why."""

from __future__ import annotations

from netkort.domain.triage import (
    Candidate,
    GoalCriteria,
    ReasonKind,
    Role,
    order,
    suggest,
)

GOAL = GoalCriteria(
    organisations={7: "Nordlys Energi"},
    roles=("Programleder", "Head of Digital"),
    industries=("Energy",),
    places=("Aarhus",),
    keywords=("grøn omstilling",),
)


def test_it_puts_persons_at_a_target_organisation_first_and_names_it() -> None:
    s = suggest(Candidate(1, organisation_id=7, title="Engineer"), GOAL)
    assert s.reason.kind == ReasonKind.TARGET_ORGANISATION
    assert s.reason.value == "Nordlys Energi"
    assert s.roles == {Role.INFORMATION, Role.INTERMEDIARY}


def test_it_suggests_direct_access_for_a_manager_at_a_target_organisation() -> None:
    s = suggest(Candidate(1, organisation_id=7, title="Direktør for IT"), GOAL)
    assert s.roles == {Role.DIRECT_ACCESS, Role.INFORMATION}


def test_it_matches_a_target_role_in_the_title_folded() -> None:
    s = suggest(Candidate(1, title="Senior programleder"), GOAL)
    assert (s.reason.kind, s.reason.value) == (ReasonKind.TARGET_ROLE, "Programleder")
    assert s.roles == {Role.INFORMATION}


def test_it_matches_industry_place_and_keyword_in_that_order() -> None:
    assert suggest(Candidate(1, industry="energy", location="Aarhus"), GOAL).reason.kind == (
        ReasonKind.TARGET_INDUSTRY
    )
    assert suggest(Candidate(1, location="Aarhus C"), GOAL).reason == (
        suggest(Candidate(2, location="aarhus c"), GOAL).reason
    )
    # Folded: the old spelling "Århus" is the same place as "Aarhus".
    assert suggest(Candidate(1, location="Århus"), GOAL).reason.kind == ReasonKind.TARGET_PLACE
    found = suggest(Candidate(1, text="Arbejder med gron omstilling"), GOAL)
    assert found.reason.kind == ReasonKind.NONE
    found = suggest(Candidate(1, text="Arbejder med grøn omstilling i kommunen"), GOAL)
    assert (found.reason.kind, found.reason.value) == (ReasonKind.KEYWORD, "grøn omstilling")


def test_a_short_word_does_not_match_inside_another() -> None:
    goal = GoalCriteria(places=("Ry",))
    assert suggest(Candidate(1, location="Ry"), goal).reason.kind == ReasonKind.TARGET_PLACE
    assert suggest(Candidate(1, location="Fredericia"), goal).reason.kind == ReasonKind.NONE


def test_close_persons_and_super_connectors_are_suggested_as_intermediaries() -> None:
    assert suggest(Candidate(1, closeness=2), GOAL).roles == {Role.INTERMEDIARY}
    assert suggest(Candidate(1, super_connector=True), GOAL).reason.kind == ReasonKind.CLOSE
    distant = suggest(Candidate(1, closeness=4), GOAL)
    assert distant.roles == frozenset() and distant.reason.kind == ReasonKind.NONE


def test_it_orders_by_rule_then_closeness_then_name() -> None:
    persons = [
        Candidate(1, closeness=1, sort_key="a"),
        Candidate(2, organisation_id=7, closeness=5, sort_key="b"),
        Candidate(3, title="Head of Digital", sort_key="c"),
        Candidate(4, organisation_id=7, closeness=2, sort_key="z"),
        Candidate(5, sort_key="a"),
        Candidate(6, organisation_id=7, sort_key="a"),
        Candidate(7, closeness=3, sort_key="b"),
        Candidate(8, closeness=3, sort_key="a"),
    ]
    assert [s.person_id for s in order(persons, GOAL)] == [4, 2, 6, 3, 1, 8, 7, 5]


def test_a_goal_without_criteria_orders_by_closeness() -> None:
    persons = [Candidate(1), Candidate(2, closeness=3), Candidate(3, closeness=1)]
    assert [s.person_id for s in order(persons, GoalCriteria())] == [3, 2, 1]
