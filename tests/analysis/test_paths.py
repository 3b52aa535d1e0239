"""Paths in: insiders now and before, and the people who know them."""

from __future__ import annotations

import numpy as np

from netkort.analysis.brokerage import adjacency_from_edges
from netkort.analysis.paths import (
    FORMER_FACTOR,
    Position,
    best_path_score,
    history_positions,
    paths_in,
    year_of,
)

ORSTED = 7


def test_it_ranks_direct_and_one_step_paths_by_tie_strength_along_the_path() -> None:
    # 0 works there; 1 worked there 2019-2022; 2 knows 1 well; 3 knows 0 a little.
    organisation = [ORSTED, 3, None, None, None]
    history = [Position(1, ORSTED, 2019, 2022)]
    strength = np.array([0.2, 0.5, 0.9, 0.3, 0.8])
    ties = adjacency_from_edges(5, [(1, 2), (0, 3)], [0.9, 0.2])
    found = paths_in({ORSTED}, organisation, history, strength, ties)
    assert [(p.via, p.insider) for p in found] == [(2, 1), (1, 1), (0, 0), (3, 0)]
    mette_jonas = found[0]
    assert not mette_jonas.current and (mette_jonas.start, mette_jonas.end) == (2019, 2022)
    assert mette_jonas.score == 0.9 * 0.9 * 0.8
    assert 4 not in {p.via for p in found}


def test_the_best_path_scores_feed_the_ranking() -> None:
    organisation = [ORSTED, None, None]
    ties = adjacency_from_edges(3, [(0, 1)], [0.0])  # known, strength unknown
    direct, indirect = best_path_score({ORSTED}, organisation, [], ties)
    assert direct.tolist() == [1.0, 0.0, 0.0]
    assert indirect.tolist() == [0.0, 0.5, 0.0]


def test_a_work_history_becomes_former_positions_with_the_years_known() -> None:
    orgs = {"orsted": ORSTED, "fjordbank": 3}
    entries = [
        {"organisation": "Ørsted", "title": "Engineer", "until": "2026-12-03", "source": "li"},
        {"organisation": "Fjordbank", "since": 2015, "end": "2018-06"},
        {"organisation": "Nowhere Inc", "until": "2020-01-01"},  # not in the network
        {"organisation": "Ørsted", "until": "2027-01-01"},  # the same employer again
        "garbage",
    ]
    key = {"Ørsted": "orsted", "Fjordbank": "fjordbank"}.get
    positions = history_positions(4, entries, orgs, lambda n: key(n) or n.lower())
    assert positions == [Position(4, ORSTED, None, 2026), Position(4, 3, 2015, 2018)]
    # The employer they are at now is not a former one.
    assert history_positions(4, entries[:1], orgs, lambda n: "orsted", current=ORSTED) == []


def test_years_are_read_from_numbers_and_dates_only() -> None:
    assert [year_of(v) for v in (2019, "2019-05-01", "2019", "soon", None, True, 12)] == [
        2019, 2019, 2019, None, None, None, None,
    ]  # fmt: skip


def test_a_former_employee_opens_the_door_and_names_the_target_they_were_at() -> None:
    # 0 used to work at Ørsted (left by 2026) and now works at 3; 1 knows 0.
    organisation = [3, None]
    history = [Position(0, ORSTED, None, 2026)]
    ties = adjacency_from_edges(2, [(0, 1)], [0.7])
    found = paths_in({ORSTED}, organisation, history, np.array([0.6, 0.9]), ties)
    assert [(p.via, p.insider, p.current, p.organisation, p.end) for p in found] == [
        (1, 0, False, ORSTED, 2026),
        (0, 0, False, ORSTED, 2026),
    ]
    direct, indirect = best_path_score({ORSTED}, organisation, history, ties)
    assert direct.tolist() == [FORMER_FACTOR, 0.0]
    assert indirect.tolist() == [0.0, 0.7 * FORMER_FACTOR]
