"""Relevance is remembered per goal on the candidates: a changed goal is ranked afresh,
and what a caller does with the arrays it gets cannot change the next ranking."""

from __future__ import annotations

from netkort.domain.ranking import DEFAULT_WEIGHTS, GoalSpec, Overrides, rank, score_parts

from .test_ranking import OTHER, TARGET, THIRD, P, candidates

PEOPLE = [
    P("Ann at the target", org=TARGET, strength=0.2),
    P("Bo, data analyst", org=OTHER, title="Data analyst", strength=0.4),
    P("Cy at the third", org=THIRD, strength=0.6, mutual=3),
    P("Di, nurse", title="Nurse", strength=0.8),
]
TIES = [(0, 2), (1, 3)]


def ranked(goal: GoalSpec, cached: object = None) -> list[tuple[str, float, tuple[str, ...]]]:
    c = cached if cached is not None else candidates(PEOPLE, TIES)
    return [
        (r.display_name, r.score, tuple(x.code for x in r.reasons))
        for r in rank(c, goal)  # type: ignore[arg-type]
    ]


def test_it_ranks_each_goal_as_fresh_candidates_would() -> None:
    shared = candidates(PEOPLE, TIES)
    goals = [
        GoalSpec(targets=frozenset({TARGET})),
        GoalSpec(targets=frozenset({THIRD})),
        GoalSpec(roles=("nurse",), labels={"nurse": "Nurse"}),
        GoalSpec(),
        GoalSpec(targets=frozenset({TARGET})),
    ]
    results = [ranked(goal, shared) for goal in goals]
    assert results == [ranked(goal) for goal in goals]
    assert results[0][0][0] == "Ann at the target"
    assert results[1][0][0] == "Cy at the third"
    assert results[2][0][0] == "Di, nurse"


def test_a_new_label_for_the_same_criteria_reads_in_the_reasons() -> None:
    shared = candidates(PEOPLE, TIES)
    rank(shared, GoalSpec(roles=("nurse",), labels={"nurse": "Nurse"}))
    again = rank(shared, GoalSpec(roles=("nurse",), labels={"nurse": "Sygeplejerske"}))
    assert again[0].display_name == "Di, nurse"
    match = [r for r in again[0].reasons if r.code == "role_match"]
    assert [r.values for r in match] == [{"term": "Sygeplejerske"}]


def test_changing_the_arrays_a_caller_got_does_not_change_the_next_ranking() -> None:
    shared = candidates(PEOPLE, TIES)
    goal = GoalSpec(targets=frozenset({TARGET}))
    expected = ranked(goal)
    _, _, scored = score_parts(shared, goal, Overrides(), dict(DEFAULT_WEIGHTS))
    scored.relevance[:] = 0.0
    scored.direct[:] = 0.0
    scored.indirect[:] = 5.0
    assert ranked(goal, shared) == expected
