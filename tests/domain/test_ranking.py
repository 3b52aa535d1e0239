"""The action list: scenarios with a clear right answer, parts that add up, user control."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from netkort.analysis.brokerage import adjacency_from_edges
from netkort.analysis.paths import Position
from netkort.domain.ranking import DEFAULT_WEIGHTS, PARTS, Candidates, GoalSpec, Overrides, rank

TARGET, OTHER, THIRD = 1, 2, 3


@dataclass
class P:
    name: str
    org: int | None = None
    title: str = ""
    strength: float = 0.0
    dormant: float = 0.0
    closeness_reasons: tuple[()] = ()
    mutual: int = 0
    separated: int = 0
    super_connector: bool = False
    given: int = 0
    received: int = 0
    constraint: float = float("nan")
    history: list[tuple[int, int, int]] = field(default_factory=list)


def candidates(people: list[P], ties: list[tuple[int, int]] = ()) -> Candidates:  # type: ignore[assignment]
    n = len(people)
    return Candidates(
        ids=np.arange(100, 100 + n),
        names=[p.name for p in people],
        organisation=[p.org for p in people],
        organisation_names={TARGET: "Ørsted", OTHER: "Fjordbank", THIRD: "Kodehuset"},
        titles=[p.title for p in people],
        industries=[""] * n,
        places=[""] * n,
        folded_titles=[p.title.lower() for p in people],
        folded_industries=[""] * n,
        folded_places=[""] * n,
        folded_text=[p.title.lower() for p in people],
        strength=np.array([p.strength for p in people], dtype=float),
        constraint=np.array([p.constraint for p in people], dtype=float),
        mutual=np.array([p.mutual for p in people]),
        separated=np.array([p.separated for p in people]),
        dormant=np.array([p.dormant for p in people], dtype=float),
        favours_given=np.array([p.given for p in people]),
        favours_received=np.array([p.received for p in people]),
        super_connector=np.array([p.super_connector for p in people]),
        ties=adjacency_from_edges(n, list(ties), [0.5] * len(ties)),
        history=[Position(i, org, s, e) for i, p in enumerate(people) for org, s, e in p.history],
    )


GOAL = GoalSpec(targets=frozenset({TARGET}))


def test_the_only_person_at_the_target_organisation_ranks_first() -> None:
    people = [P(f"Friend {i}", org=OTHER, strength=0.95, mutual=9) for i in range(20)]
    people.append(P("Stranger at Ørsted", org=TARGET, strength=0.0))
    result = rank(candidates(people), GOAL)
    assert result[0].display_name == "Stranger at Ørsted"
    assert result[0].reasons[0].code == "works_at"
    assert result[0].reasons[0].values == {"organisation": "Ørsted"}


def test_a_dormant_former_manager_at_the_target_beats_a_stranger_there() -> None:
    people = [
        P("Stranger", org=TARGET),
        P("Former manager", org=TARGET, title="Head of Operations", strength=0.35, dormant=0.8),
    ]
    result = rank(candidates(people), GOAL)
    assert [r.display_name for r in result] == ["Former manager", "Stranger"]
    assert result[0].parts["dormant"] > 0 and result[1].parts["dormant"] == 0
    assert "dormant" in [r.code for r in result[0].reasons]


def test_ten_colleagues_from_one_employer_do_not_fill_the_top_ten() -> None:
    people = [P(f"Colleague {i}", org=TARGET, strength=0.6) for i in range(12)]
    people += [P(f"Banker {i}", org=OTHER, title="programleder", strength=0.3) for i in range(4)]
    people += [P(f"Coder {i}", org=THIRD, strength=0.2) for i in range(4)]
    goal = GoalSpec(targets=frozenset({TARGET}), roles=("programleder",))
    top = rank(candidates(people), goal, top=10)
    employers = [r.display_name.split()[0] for r in top]
    assert employers.count("Colleague") < 10
    assert "Banker" in employers
    assert top[0].display_name.startswith("Colleague")


def test_the_parts_add_up_to_the_score_and_each_has_a_name() -> None:
    people = [P("A", org=TARGET, strength=0.5, mutual=10, constraint=0.2, given=2)]
    [row] = rank(candidates(people), GOAL)
    assert set(row.parts) == set(PARTS)
    assert abs(sum(row.parts.values()) - row.score) < 0.3
    codes = {r.code for r in row.reasons}
    assert {"works_at", "mutual", "low_constraint", "give_take"} <= codes


def test_someone_who_knows_an_insider_comes_before_someone_who_does_not() -> None:
    people = [P("Insider", org=TARGET), P("Knows insider", strength=0.5), P("Other", strength=0.5)]
    result = rank(candidates(people, [(0, 1)]), GOAL)
    names = [r.display_name for r in result]
    assert names.index("Knows insider") < names.index("Other")
    knows = next(r for r in result if r.display_name == "Knows insider")
    reason = next(r for r in knows.reasons if r.code == "knows_insider")
    assert reason.values["name"] == "Insider"


def test_a_former_employee_from_the_history_is_relevant_with_the_years() -> None:
    people = [P("Old hand", org=OTHER, history=[(TARGET, 2019, 2022)]), P("Other", org=OTHER)]
    result = rank(candidates(people), GOAL)
    assert result[0].display_name == "Old hand"
    worked = next(r for r in result[0].reasons if r.code == "worked_at")
    assert worked.values == {"organisation": "Ørsted", "start": 2019, "end": 2022}


def test_someone_who_knows_a_former_employee_hears_the_target_and_the_years() -> None:
    people = [
        P("Old hand", org=OTHER, history=[(TARGET, None, 2026)]),  # type: ignore[list-item]
        P("Friend of the old hand", org=THIRD, strength=0.8),
        P("Stranger", org=THIRD),
    ]
    result = rank(candidates(people, [(0, 1)]), GOAL)
    assert [r.display_name for r in result] == ["Old hand", "Friend of the old hand", "Stranger"]
    worked = next(r for r in result[0].reasons if r.code == "worked_at")
    assert worked.values == {"organisation": "Ørsted", "start": "", "end": 2026}
    knows = next(r for r in result[1].reasons if r.code == "knows_insider")
    assert knows.values == {
        "name": "Old hand", "current": 0, "organisation": "Ørsted", "start": "", "end": 2026,
    }  # fmt: skip
    assert result[0].parts["relevance"] > result[1].parts["relevance"] > 0


def test_pins_come_first_hidden_persons_are_left_out_and_overrides_set_the_score() -> None:
    people = [P("Best", org=TARGET, strength=0.9), P("Middle", org=TARGET), P("Low")]
    cands = candidates(people)
    overrides = Overrides(pinned=[102], hidden={100}, scores={101: 99.0})
    result = rank(cands, GOAL, overrides)
    assert [r.display_name for r in result] == ["Low", "Middle"]
    assert result[0].pinned and result[0].reasons[0].code == "pinned"
    assert result[1].overridden and result[1].score == 99.0


def test_roles_judged_for_the_goal_raise_access() -> None:
    people = [P("Judged"), P("Not judged")]
    overrides = Overrides(judged={100: {"direct_access"}})
    result = rank(candidates(people), GoalSpec(), overrides)
    assert result[0].display_name == "Judged"
    assert result[0].parts["access"] > result[1].parts["access"]
    assert "judged_direct_access" in [r.code for r in result[0].reasons]


def test_a_goal_that_names_nothing_ranks_by_the_other_parts() -> None:
    people = [P("Weak", strength=0.1), P("Strong", strength=0.9)]
    result = rank(candidates(people), GoalSpec())
    assert [r.display_name for r in result] == ["Strong", "Weak"]
    assert result[0].reasons[0].code == "goal_open"


def test_weights_are_settings_and_invalid_ones_fall_back_to_the_defaults() -> None:
    people = [P("Bridge", separated=5, mutual=2), P("Friend", strength=0.9)]
    cands = candidates(people)
    novelty_first = rank(cands, GoalSpec(), weights={"novelty": 1.0, "willingness": 0.0})
    assert novelty_first[0].display_name == "Bridge"
    willing_first = rank(cands, GoalSpec(), weights={"novelty": -3, "willingness": 1.0})
    assert willing_first[0].display_name == "Friend"
    assert DEFAULT_WEIGHTS["relevance"] == 0.45


def test_a_person_moved_down_for_variety_is_told_why() -> None:
    people = [P(f"Colleague {i}", org=TARGET, strength=0.6) for i in range(3)]
    people.append(P("Outsider", org=OTHER, title="programleder", strength=0.3))
    goal = GoalSpec(targets=frozenset({TARGET}), roles=("programleder",))
    result = rank(candidates(people), goal)
    # 58 points each for the colleagues, 32 for the outsider: the third colleague's
    # 58 · 0.6² = 21 puts the outsider third.
    assert [r.display_name for r in result] == [
        "Colleague 0",
        "Colleague 1",
        "Outsider",
        "Colleague 2",
    ]
    moved = [r for r in result if any(x.code == "varied" for x in r.reasons)]
    assert [r.display_name for r in moved] == ["Colleague 2"]
    assert moved[0].reasons[-1].values == {"organisation": "Ørsted"}
