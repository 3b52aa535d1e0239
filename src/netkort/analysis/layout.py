"""Positions for the network map, computed once on the server.

Two pictures of the same network, both with "me" at the origin:

* the ring map: rings by closeness (1 nearest; unknown closeness on an outer ring of its
  own), sectors by context (a person sits in the sector of their main context; persons
  without a context share one sector), and within a sector each organisation keeps a
  wedge of its own, so colleagues cluster across all rings;
* the mind map: me → one hub per context → that context's persons, fanned out beyond
  the hub like a radial tree drawn on a whiteboard.

Everything is vectorised with numpy, so 30,000 persons take milliseconds, and
deterministic: equal inputs give equal positions (the small jitter that keeps the grid
from looking like a grid is a hash of the person's id, not a random draw).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

#: the coordinate scale: the outermost ring ends at about this radius
SCALE = 1000.0
RINGS = 5
#: (inner, outer) radius of rings 1..5 and, last, the ring of unknown closeness
RING_BANDS: tuple[tuple[float, float], ...] = (
    *((0.10 + i * 0.16, 0.24 + i * 0.16) for i in range(RINGS)),
    (0.92, 1.05),
)
#: the sector of persons without a context
NO_SECTOR = -1
#: no organisation
NO_ORG = -1
# Each sector keeps a small share of the circle however few persons it has, so a small
# context stays visible, and a gap separates neighbouring sectors.
_MIN_SHARE = 0.03
_GAP = 0.012
_MIND_HUB_RADIUS = 0.32
_MIND_BAND = (0.48, 1.05)


@dataclass(frozen=True, slots=True)
class Sector:
    """A context's slice of the circle, in radians (counter-clockwise from east)."""

    key: int
    start: float
    end: float
    persons: int

    @property
    def middle(self) -> float:
        return (self.start + self.end) / 2


@dataclass(frozen=True, slots=True)
class Layout:
    """Positions in map units (see ``SCALE``), one per input person, plus the guides."""

    x: FloatArray
    y: FloatArray
    sectors: list[Sector]
    #: mind map only: one hub per sector, in the sectors' order
    hubs: list[tuple[float, float]]


def ring_of(closeness: IntArray) -> IntArray:
    """Ring index 0..5 from closeness 1..5; anything else (0, unknown) is ring 5."""
    closeness = np.asarray(closeness, dtype=np.int64)
    valid = (closeness >= 1) & (closeness <= RINGS)
    return np.where(valid, closeness - 1, RINGS)


def sectors_for(sector: IntArray) -> list[Sector]:
    """The circle shared among the sectors present, in ascending key order, no-context last.

    A sector's share grows with its persons, never below ``_MIN_SHARE``.
    """
    keys, counts = np.unique(np.asarray(sector, dtype=np.int64), return_counts=True)
    order = np.argsort(np.where(keys == NO_SECTOR, np.iinfo(np.int64).max, keys), kind="stable")
    keys, counts = keys[order], counts[order]
    if len(keys) == 0:
        return []
    weights = counts / counts.sum()
    weights = np.maximum(weights, _MIN_SHARE)
    spans = weights / weights.sum() * 2 * np.pi
    ends = np.cumsum(spans)
    starts = ends - spans
    # Start at the top and go clockwise, the way people read a clock face.
    base = np.pi / 2
    gap = min(_GAP * 2 * np.pi, float(spans.min()) / 4) if len(keys) > 1 else 0.0
    return [
        Sector(int(k), base - float(e) + gap / 2, base - float(s) - gap / 2, int(c))
        for k, s, e, c in zip(keys, starts, ends, counts, strict=True)
    ]


def _jitter(ids: IntArray, salt: float) -> FloatArray:
    """A stable pseudo-random number in [-0.5, 0.5) per id."""
    value = np.sin(np.asarray(ids, dtype=np.float64) * 12.9898 + salt) * 43758.5453
    return value - np.floor(value) - 0.5


def _ranks(cell: IntArray, order: IntArray) -> tuple[IntArray, IntArray]:
    """Each person's rank within its cell (by ``order``) and each person's cell size."""
    n = len(cell)
    by_cell = order[np.argsort(cell[order], kind="stable")]
    sorted_cells = cell[by_cell]
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_cells)) + 1] if n else np.zeros(0, np.int64)
    lengths = np.diff(np.r_[starts, n])
    run_start = np.repeat(starts, lengths)
    rank = np.empty(n, dtype=np.int64)
    rank[by_cell] = np.arange(n) - run_start
    size = np.empty(n, dtype=np.int64)
    size[by_cell] = np.repeat(lengths, lengths)
    return rank, size


def _fill(
    ids: IntArray,
    rank: IntArray,
    size: IntArray,
    angles: tuple[FloatArray, FloatArray],
    radii: tuple[FloatArray, FloatArray],
) -> tuple[FloatArray, FloatArray]:
    """Spread each cell's persons over its annular wedge, column by column in rank order.

    Columns run along the angle, so consecutive ranks (e.g. one organisation) stay
    together; the number of rows makes the cells of the grid roughly square.
    """
    a0, a1 = angles
    r0, r1 = radii
    depth = r1 - r0
    arc = np.maximum((r0 + r1) / 2 * np.abs(a1 - a0), 1e-9)
    rows = np.clip(np.rint(np.sqrt(size * depth / arc)), 1, np.maximum(size, 1))
    cols = np.ceil(size / rows)
    col = rank // rows.astype(np.int64)
    row = rank % rows.astype(np.int64)
    u = (col + 0.5 + 0.6 * _jitter(ids, 1.0)) / cols
    v = (row + 0.5 + 0.6 * _jitter(ids, 2.0)) / rows
    theta = a0 + (a1 - a0) * u
    radius = (r0 + depth * v) * SCALE
    return radius * np.cos(theta), radius * np.sin(theta)


def sector_of(sector: IntArray, sectors: list[Sector]) -> IntArray:
    """Each person's position in ``sectors`` (every key must have its sector)."""
    sector = np.asarray(sector, dtype=np.int64)
    if len(sector) == 0:
        return np.zeros(0, dtype=np.int64)
    keys = np.array([s.key for s in sectors], dtype=np.int64)
    order = np.argsort(keys)
    return order[np.searchsorted(keys[order], sector)]


def ring_layout(
    ids: IntArray, sector: IntArray, closeness: IntArray, organisation: IntArray
) -> Layout:
    """The ring map: rings by closeness, sectors by context, organisations as wedges.

    ``ids`` are the persons' ids (they decide the order inside a cell and the jitter);
    ``sector`` the main context's key (``NO_SECTOR`` for none); ``closeness`` 1..5 or 0
    for unknown; ``organisation`` an organisation key or ``NO_ORG``.
    """
    ids = np.asarray(ids, dtype=np.int64)
    sector = np.asarray(sector, dtype=np.int64)
    organisation = np.asarray(organisation, dtype=np.int64)
    sectors = sectors_for(sector)
    if len(ids) == 0:
        return Layout(np.zeros(0), np.zeros(0), sectors, [])
    s_idx = sector_of(sector, sectors)
    # Wedges: (sector, organisation) groups, persons without organisation last in each.
    org_key = np.where(organisation == NO_ORG, np.iinfo(np.int32).max, organisation)
    groups, group_of, group_n = np.unique(
        s_idx * (np.int64(1) << 32) + org_key, return_inverse=True, return_counts=True
    )
    group_sector = groups >> 32
    sector_n = np.array([s.persons for s in sectors], dtype=np.float64)
    # Cumulative share of each group inside its sector, in group order.
    cum = np.cumsum(group_n) - group_n
    first_in_sector = np.r_[0, np.flatnonzero(np.diff(group_sector)) + 1]
    sector_offset = np.repeat(cum[first_in_sector], np.diff(np.r_[first_in_sector, len(groups)]))
    frac0 = (cum - sector_offset) / sector_n[group_sector]
    frac1 = frac0 + group_n / sector_n[group_sector]
    starts = np.array([s.start for s in sectors])
    ends = np.array([s.end for s in sectors])
    g_a0 = ends[group_sector] - (ends - starts)[group_sector] * frac0
    g_a1 = ends[group_sector] - (ends - starts)[group_sector] * frac1

    ring = ring_of(closeness)
    cell = group_of.astype(np.int64) * (RINGS + 1) + ring
    rank, size = _ranks(cell, np.argsort(ids, kind="stable"))
    bands = np.array(RING_BANDS)
    x, y = _fill(
        ids,
        rank,
        size,
        (g_a0[group_of], g_a1[group_of]),
        (bands[ring, 0], bands[ring, 1]),
    )
    return Layout(x, y, sectors, [])


def mind_map_layout(
    ids: IntArray, sector: IntArray, closeness: IntArray, organisation: IntArray
) -> Layout:
    """The mind map: me → a hub per context → its persons, fanned out beyond the hub.

    Inside a fan the closest persons come first (clockwise), colleagues side by side.
    """
    ids = np.asarray(ids, dtype=np.int64)
    sector = np.asarray(sector, dtype=np.int64)
    sectors = sectors_for(sector)
    hubs = [
        (
            _MIND_HUB_RADIUS * SCALE * float(np.cos(s.middle)),
            _MIND_HUB_RADIUS * SCALE * float(np.sin(s.middle)),
        )
        for s in sectors
    ]
    if len(ids) == 0:
        return Layout(np.zeros(0), np.zeros(0), sectors, hubs)
    s_idx = sector_of(sector, sectors)
    org_key = np.where(np.asarray(organisation) == NO_ORG, np.iinfo(np.int32).max, organisation)
    order = np.lexsort((ids, org_key, ring_of(closeness)))
    rank, size = _ranks(s_idx, order)
    starts = np.array([s.start for s in sectors])
    ends = np.array([s.end for s in sectors])
    n = len(ids)
    x, y = _fill(
        ids,
        rank,
        size,
        (ends[s_idx], starts[s_idx]),
        (np.full(n, _MIND_BAND[0]), np.full(n, _MIND_BAND[1])),
    )
    return Layout(x, y, sectors, hubs)
