"""Constraint and effective size: science.md's reference values and networkx's, to 1e-9."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from netkort.analysis.brokerage import (
    adjacency_from_edges,
    constraint,
    cut_points,
    effective_size,
    ego_constraint,
)


def star_with(among: list[tuple[int, int]]) -> tuple[float, float]:
    """Ego 0 with alters 1-4 and the given ties among the alters."""
    edges = [(0, 1), (0, 2), (0, 3), (0, 4), *among]
    matrix = adjacency_from_edges(5, edges)
    return float(constraint(matrix)[0]), float(effective_size(matrix)[0])


def test_an_ego_whose_alters_do_not_know_each_other_has_the_reference_values() -> None:
    c, es = star_with([])
    assert c == pytest.approx(0.25, abs=1e-12)
    assert es == pytest.approx(4.0, abs=1e-12)


def test_an_ego_whose_alters_all_know_each_other_has_the_reference_values() -> None:
    c, es = star_with([(1, 2), (1, 3), (1, 4), (2, 3), (2, 4), (3, 4)])
    assert round(c, 3) == 0.766
    assert es == pytest.approx(1.0, abs=1e-12)


def test_an_ego_with_two_tied_pairs_has_the_reference_values() -> None:
    c, es = star_with([(1, 2), (3, 4)])
    assert c == pytest.approx(0.5625, abs=1e-12)
    assert es == pytest.approx(3.0, abs=1e-12)


def as_matrix(graph: nx.Graph, weight: str | None) -> object:
    edges = list(graph.edges)
    weights = [graph[u][v][weight] for u, v in edges] if weight else None
    return adjacency_from_edges(graph.number_of_nodes(), edges, weights)


def assert_like_networkx(graph: nx.Graph, weight: str | None) -> None:
    matrix = as_matrix(graph, weight)
    ours_c, ours_es = constraint(matrix), effective_size(matrix)
    nodes = list(graph)
    # networkx's per-node formulas (its all-nodes weighted shortcut for effective size
    # normalises by the wrong node's maximum, so the per-node path is the reference).
    theirs_c = nx.constraint(graph, nodes=nodes, weight=weight)
    theirs_es = nx.effective_size(graph, nodes=nodes, weight=weight)
    for v in nodes:
        if math.isnan(theirs_c[v]):
            assert math.isnan(ours_c[v]) and math.isnan(ours_es[v])
            continue
        assert abs(ours_c[v] - theirs_c[v]) < 1e-9, v
        assert abs(ours_es[v] - theirs_es[v]) < 1e-9, v


def test_it_matches_networkx_on_the_karate_club() -> None:
    assert_like_networkx(nx.karate_club_graph(), None)
    assert_like_networkx(nx.karate_club_graph(), "weight")


def test_it_matches_networkx_on_a_weighted_random_graph_with_an_isolated_person() -> None:
    graph = nx.gnm_random_graph(120, 500, seed=7)
    graph.add_node(120)
    for u, v in graph.edges:
        graph[u][v]["weight"] = (u * 7 + v * 3) % 5 + 0.5
    assert_like_networkx(graph, "weight")


@given(
    st.integers(min_value=2, max_value=25).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(
                st.tuples(st.integers(0, n - 1), st.integers(0, n - 1), st.floats(0.1, 5.0)),
                max_size=80,
            ),
        )
    )
)
def test_it_matches_networkx_on_random_graphs(
    case: tuple[int, list[tuple[int, int, float]]],
) -> None:
    n, edges = case
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    for u, v, w in edges:
        if u != v:
            graph.add_edge(u, v, weight=w)  # a repeated pair keeps the last weight
    assert_like_networkx(graph, None)
    assert_like_networkx(graph, "weight")


def test_a_pair_given_twice_counts_once_with_its_largest_weight() -> None:
    matrix = adjacency_from_edges(3, [(0, 1), (1, 0), (1, 2)], [1.0, 3.0, 2.0])
    assert matrix[0, 1] == 3.0 and matrix[1, 0] == 3.0
    assert matrix.nnz == 4


def test_the_ego_shortcut_matches_networkx_on_the_ego_network() -> None:
    graph = nx.gnm_random_graph(60, 300, seed=2)
    for u, v in graph.edges:
        graph[u][v]["weight"] = 1 + (u + v) % 4
    alters = sorted(graph.neighbors(0))
    index = {a: i for i, a in enumerate(alters)}
    sub = list(graph.subgraph(alters).edges)
    among = adjacency_from_edges(
        len(alters),
        [(index[u], index[v]) for u, v in sub],
        [graph[u][v]["weight"] for u, v in sub],
    )
    weights = np.array([graph[0][a]["weight"] for a in alters], dtype=float)
    c, es = ego_constraint(weights, among)
    ego = nx.ego_graph(graph, 0)
    assert abs(c - nx.constraint(ego, [0], weight="weight")[0]) < 1e-9
    assert abs(es - nx.effective_size(ego, [0], weight="weight")[0]) < 1e-9


def test_a_bridge_between_two_clusters_is_found_as_broker() -> None:
    # Two cliques of five, 0-4 and 6-10, joined only through person 5.
    left = [(a, b) for a in range(5) for b in range(a + 1, 5)]
    right = [(a, b) for a in range(6, 11) for b in range(a + 1, 11)]
    matrix = adjacency_from_edges(11, [*left, *right, (4, 5), (5, 6)])
    points = cut_points(matrix)
    assert points[0].node == 5
    assert points[0].separated == 5
    assert {p.node for p in points} == {4, 5, 6}
    values = constraint(matrix)
    assert int(np.nanargmin(values)) == 5


def separated_by_brute_force(graph: nx.Graph, v: int) -> int:
    component = nx.node_connected_component(graph, v)
    rest = graph.subgraph(component - {v})
    sizes = [len(c) for c in nx.connected_components(rest)]
    return len(component) - 1 - max(sizes)


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=60))
def test_cut_points_match_networkx_and_a_brute_force_count(edges: list[tuple[int, int]]) -> None:
    graph = nx.Graph()
    graph.add_nodes_from(range(31))
    graph.add_edges_from((a, b) for a, b in edges if a != b)
    matrix = adjacency_from_edges(31, [(a, b) for a, b in edges])
    found = {c.node: c.separated for c in cut_points(matrix, limit=100)}
    assert set(found) == set(nx.articulation_points(graph))
    for v, separated in found.items():
        assert separated == separated_by_brute_force(graph, v)
