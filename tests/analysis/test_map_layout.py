"""The map's positions: rings by closeness, sectors by context, organisations together."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from netkort.analysis.layout import (
    NO_ORG,
    NO_SECTOR,
    RING_BANDS,
    SCALE,
    mind_map_layout,
    ring_layout,
    sector_of,
    sectors_for,
)


def network(n: int, seed: int = 7) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    ids = rng.permutation(np.arange(1, n + 1) * 3)
    sector = rng.integers(-1, 8, n)
    closeness = rng.integers(0, 6, n)
    organisation = rng.integers(-1, 25, n)
    return ids, sector, closeness, organisation


def angle_in(theta: np.ndarray, start: float, end: float) -> np.ndarray:
    """Whether each angle lies in [start, end], the interval taken modulo a full turn."""
    span = (end - start) % (2 * np.pi)
    return (theta - start) % (2 * np.pi) <= span + 1e-9


def test_it_puts_each_closeness_on_its_own_ring_and_unknown_outside() -> None:
    ids, sector, closeness, organisation = network(3000)
    layout = ring_layout(ids, sector, closeness, organisation)
    radius = np.hypot(layout.x, layout.y) / SCALE
    for value in range(1, 6):
        inner, outer = RING_BANDS[value - 1]
        on_ring = radius[closeness == value]
        assert on_ring.min() >= inner and on_ring.max() <= outer, value
    assert radius[closeness == 0].min() >= RING_BANDS[-1][0]
    assert radius[closeness == 5].max() < radius[closeness == 0].min()
    assert radius[closeness == 1].max() < radius[closeness == 2].min()


def test_it_puts_each_person_in_the_sector_of_their_main_context() -> None:
    ids, sector, closeness, organisation = network(2000)
    layout = ring_layout(ids, sector, closeness, organisation)
    theta = np.arctan2(layout.y, layout.x)
    keys = [s.key for s in layout.sectors]
    assert keys == [*range(8), NO_SECTOR]  # the persons without a context come last
    for s in layout.sectors:
        assert angle_in(theta[sector == s.key], s.start, s.end).all(), s.key
        assert s.persons == int((sector == s.key).sum())


def test_sectors_share_the_circle_by_size_but_a_small_one_stays_visible() -> None:
    sector = np.array([0] * 990 + [1] * 9 + [NO_SECTOR])
    big, small, none = sectors_for(sector)
    assert big.end - big.start > 10 * (small.end - small.start)
    assert small.end - small.start > 0.1
    assert none.key == NO_SECTOR and none.persons == 1
    spans = sum(s.end - s.start for s in (big, small, none))
    assert spans < 2 * np.pi  # gaps keep the sectors apart


def test_colleagues_sit_together_in_one_wedge_of_their_sector() -> None:
    ids, sector, closeness, organisation = network(4000)
    layout = ring_layout(ids, sector, closeness, organisation)
    theta = np.arctan2(layout.y, layout.x) % (2 * np.pi)
    mine = (sector == 2) & (closeness == 4)
    wedges = []
    for org in range(25):
        angles = theta[mine & (organisation == org)]
        if len(angles) > 1:
            wedges.append((angles.min(), angles.max(), org))
    wedges.sort()
    assert len(wedges) > 10
    for (_a0, a1, org), (b0, _b1, other) in itertools.pairwise(wedges):
        assert a1 <= b0 + 1e-9, (org, other)  # no other organisation's wedge overlaps


def test_an_organisation_keeps_its_wedge_from_ring_to_ring() -> None:
    ids, sector, closeness, organisation = network(6000)
    layout = ring_layout(ids, sector, closeness, organisation)
    theta = np.arctan2(layout.y, layout.x) % (2 * np.pi)
    chosen = (sector == 3) & (organisation == 5)
    inner = theta[chosen & (closeness == 2)]
    outer = theta[chosen & (closeness == 5)]
    assert abs(float(np.median(inner)) - float(np.median(outer))) < 0.1


def test_it_is_deterministic_and_keeps_persons_apart() -> None:
    ids, sector, closeness, organisation = network(1500)
    first = ring_layout(ids, sector, closeness, organisation)
    second = ring_layout(ids.copy(), sector.copy(), closeness.copy(), organisation.copy())
    assert np.array_equal(first.x, second.x) and np.array_equal(first.y, second.y)
    points = np.round(np.c_[first.x, first.y], 3)
    assert len(np.unique(points, axis=0)) == len(ids)


def test_a_person_keeps_their_place_when_the_input_order_changes() -> None:
    ids, sector, closeness, organisation = network(500)
    layout = ring_layout(ids, sector, closeness, organisation)
    order = np.argsort(ids)
    shuffled = ring_layout(ids[order], sector[order], closeness[order], organisation[order])
    assert np.allclose(layout.x[order], shuffled.x)
    assert np.allclose(layout.y[order], shuffled.y)


def test_it_lays_out_thirty_thousand_persons_at_distinct_finite_places() -> None:
    # Its speed is measured by bench/map_data.py, not asserted here.
    ids, sector, closeness, organisation = network(30_000)
    for layout in (
        ring_layout(ids, sector, closeness, organisation),
        mind_map_layout(ids, sector, closeness, organisation),
    ):
        assert np.isfinite(layout.x).all() and np.isfinite(layout.y).all()
        assert (
            len({(round(x, 3), round(y, 3)) for x, y in zip(layout.x, layout.y, strict=True)})
            > 29_000
        )


@pytest.mark.parametrize("layout_of", [ring_layout, mind_map_layout])
def test_it_copes_with_an_empty_network_and_a_single_person(layout_of: object) -> None:
    empty = np.zeros(0, dtype=np.int64)
    nothing = layout_of(empty, empty, empty, empty)  # type: ignore[operator]
    assert len(nothing.x) == 0 and nothing.sectors == []
    one = layout_of(np.array([5]), np.array([NO_SECTOR]), np.array([0]), np.array([NO_ORG]))  # type: ignore[operator]
    assert len(one.x) == 1 and np.isfinite(one.x).all() and np.isfinite(one.y).all()
    assert [s.key for s in one.sectors] == [NO_SECTOR]


def test_the_mind_map_fans_each_context_out_beyond_its_hub() -> None:
    ids, sector, closeness, organisation = network(3000)
    layout = mind_map_layout(ids, sector, closeness, organisation)
    assert len(layout.hubs) == len(layout.sectors) == 9
    theta = np.arctan2(layout.y, layout.x)
    radius = np.hypot(layout.x, layout.y)
    for s, (hx, hy) in zip(layout.sectors, layout.hubs, strict=True):
        members = sector == s.key
        assert angle_in(theta[members], s.start, s.end).all()
        assert radius[members].min() > np.hypot(hx, hy)
        assert angle_in(np.array([np.arctan2(hy, hx)]), s.start, s.end).all()


def test_the_mind_map_puts_the_closest_persons_first_in_a_fan() -> None:
    n = 400
    ids = np.arange(1, n + 1)
    sector = np.zeros(n, dtype=np.int64)
    closeness = np.where(ids <= 40, 1, 5)
    layout = mind_map_layout(ids, sector, closeness, np.full(n, NO_ORG))
    # The fan is filled clockwise from the sector's end: the closest sit at its start.
    end = layout.sectors[0].end
    offset = (end - np.arctan2(layout.y, layout.x)) % (2 * np.pi)
    assert offset[closeness == 1].max() < offset[closeness == 5].min() + 0.05


def test_sector_of_maps_keys_to_positions() -> None:
    sectors = sectors_for(np.array([4, 4, 9, NO_SECTOR]))
    assert sector_of(np.array([9, NO_SECTOR, 4]), sectors).tolist() == [1, 2, 0]
