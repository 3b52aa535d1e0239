"""Paths in: insiders now and before, and the people who know them."""

from __future__ import annotations

import numpy as np

from netkort.analysis.brokerage import adjacency_from_edges
from netkort.analysis.paths import Position, best_path_score, paths_in

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
