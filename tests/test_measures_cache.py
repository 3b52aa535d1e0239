"""Measures are computed once per data version and shared between processes; a person's
tie strength is read for that person alone, and is always current."""

from __future__ import annotations

import collections
import gc
import types
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netkort.domain import tie_strength
from netkort.domain.tie_strength import Reason
from netkort.services import analysis, demo
from netkort.services.interactions import NewInteraction, log_interaction
from netkort.services.measures_cache import MeasuresCache
from netkort.store.models import Person, Workspace


@pytest.fixture
def network(workspace: Workspace) -> Workspace:
    demo.load_demo(workspace, size=150)
    analysis.forget(workspace)
    return workspace


def test_one_persons_strength_is_what_the_whole_network_analysis_says(network: Workspace) -> None:
    m = analysis.measures(network)
    c = m.candidates
    assert c.size == Person.objects.filter(workspace=network).count()
    compared = 0
    for i, pid in enumerate(c.ids.tolist()):
        found = analysis.strength_of(network, pid)
        assert found is not None
        strength, ring, reasons = found
        assert strength == pytest.approx(float(c.strength[i]), abs=1e-12), pid
        assert ring == m.rings[pid]
        assert reasons == c.strength_reasons_of(i)
        compared += 1
    assert compared == 150
    # The demo network has estimated persons in the inner rings, not only typed closeness.
    assert any(f is not None for f in m.ring_floors)


def test_after_a_new_contact_the_estimate_is_current_without_analysing_everything(
    network: Workspace,
) -> None:
    before = analysis.measures(network)
    quiet = min(
        (p for p in Person.objects.filter(workspace=network, closeness__isnull=True)),
        key=lambda p: before.candidates.strength[before.candidates.index_of()[p.pk]],
    )
    old_strength, _, _ = analysis.strength_of(network, quiet.pk) or (0.0, 0, ())
    for _ in range(4):
        log_interaction(network, [quiet], NewInteraction(channel="meeting", direction="mutual"))
    strength, ring, reasons = analysis.strength_of(network, quiet.pk) or (0.0, 0, ())
    assert strength > old_strength
    contact = next(r for r in reasons if r.code.startswith("contact_"))
    assert contact.values["days"] == 0
    # The whole network was not analysed again for the person page...
    version = analysis.data_version(network)
    assert analysis.kept.peek(network.pk, version) is None
    # ...and the ring placed the fresh estimate by the last analysis's ring floors.
    assert ring == tie_strength.ring_by_floors(strength, before.ring_floors)
    # The next full analysis agrees on the strength.
    after = analysis.measures(network)
    i = after.candidates.index_of()[quiet.pk]
    assert float(after.candidates.strength[i]) == pytest.approx(strength, abs=1e-12)


def test_another_process_reads_the_measures_instead_of_computing_them(network: Workspace) -> None:
    computed = analysis.measures(network)
    version = analysis.data_version(network)
    other_process = MeasuresCache(size=lambda m: int(m.candidates.size))

    def compute_again() -> analysis.Measures:
        raise AssertionError("the measures were computed a second time")

    shared = other_process.get(network.pk, version, compute=compute_again)
    assert shared is not computed
    assert shared.version == computed.version
    assert shared.candidates.ids.tolist() == computed.candidates.ids.tolist()
    assert shared.candidates.strength.tolist() == computed.candidates.strength.tolist()
    assert shared.rings == computed.rings


def test_forgetting_drops_the_shared_copy_too(network: Workspace) -> None:
    analysis.measures(network)
    version = analysis.data_version(network)
    analysis.forget(network)
    assert MeasuresCache(size=lambda m: 1).peek(network.pk, version) is None


@dataclass
class Fake:
    persons: int


def test_memory_keeps_the_most_recently_used_networks_within_its_budget() -> None:
    cache = MeasuresCache(size=lambda f: f.persons, budget=5_000)
    computed: list[int] = []

    def make(ws: int, persons: int) -> Fake:
        computed.append(ws)
        return Fake(persons)

    for ws in (9_001, 9_002, 9_003):
        cache.get(ws, ("v", ws), compute=lambda ws=ws: make(ws, 2_000))
    cache.clear_memory()
    for ws in (9_001, 9_002, 9_003):  # from the shared cache, not computed again
        cache.get(ws, ("v", ws), compute=lambda ws=ws: make(ws, 2_000))
    assert computed == [9_001, 9_002, 9_003]
    assert cache.peek(9_003, ("v", 9_003)) == Fake(2_000)
    assert cache.peek(9_003, ("another version",)) is None
    assert list(cache._memory) == [9_002, 9_003]  # 6,000 persons exceed the budget of 5,000
    for ws in (9_001, 9_002, 9_003):
        cache.forget(ws)


@given(
    st.lists(
        st.tuples(
            st.floats(min_value=0.0, max_value=1.0, allow_nan=False),
            st.one_of(st.none(), st.integers(min_value=1, max_value=5)),
        ),
        min_size=1,
        max_size=300,
        unique_by=lambda t: t[0],
    )
)
def test_ring_floors_place_every_estimate_where_ranking_put_it(
    people: list[tuple[float, int | None]],
) -> None:
    strengths = [s for s, _ in people]
    closeness = [c for _, c in people]
    rings = tie_strength.assign_rings(strengths, closeness)
    floors = tie_strength.ring_floors(strengths, closeness, rings)
    for s, c, ring in zip(strengths, closeness, rings, strict=True):
        if c is None:
            assert tie_strength.ring_by_floors(s, floors) == ring


def test_an_empty_network_has_measures_too(workspace: Workspace) -> None:
    m = analysis.measures(workspace)
    assert m.candidates.size == 0
    assert m.rings == {}
    assert m.ring_floors == (None, None, None, None)
    assert analysis.strength_of(workspace, 1) is None


def test_measures_read_from_the_shared_cache_stay_in_memory(network: Workspace) -> None:
    analysis.measures(network)
    other_process = MeasuresCache(size=lambda m: int(m.candidates.size))
    found = other_process.peek(network.pk, analysis.data_version(network))
    assert found is not None
    assert other_process.peek(network.pk, analysis.data_version(network)) is found


def test_the_latest_summary_comes_with_the_pointer_not_the_measures(network: Workspace) -> None:
    m = analysis.measures(network)
    other_process = MeasuresCache(
        size=lambda m: int(m.candidates.size), summary=analysis.placement_of
    )
    placed = other_process.latest(network.pk)
    assert placed == analysis.placement_of(m)
    assert placed.floors == m.ring_floors and len(placed) == m.candidates.size
    assert other_process.latest(network.pk) is placed  # kept, not read again
    assert other_process._memory == {}  # the measures themselves were not read
    analysis.forget(network)
    assert MeasuresCache(size=lambda m: 1, summary=analysis.placement_of).latest(network.pk) is None


def test_summaries_kept_in_memory_stay_within_their_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from netkort.services import measures_cache

    monkeypatch.setattr(measures_cache, "SUMMARY_BUDGET", 5_000)
    cache = MeasuresCache(size=lambda m: 1, summary=lambda m: list(range(2_000)))
    for workspace_id in range(10):
        cache._keep_summary(workspace_id, ("key", list(range(2_000))))
    assert list(cache._summaries) == [8, 9]


def test_kept_measures_leave_the_garbage_collector_little_to_walk(network: Workspace) -> None:
    """A server process keeps dozens of networks' measures: every full collection walks
    the objects the collector tracks among them while the process's threads wait."""
    m = analysis.measures(network)
    for _ in range(4):  # nested tuples leave the collector's lists a level per pass
        gc.collect()
    seen: set[int] = set()
    stack: list[object] = [m.candidates]
    kept: list[object] = []
    while stack:
        item = stack.pop()
        if id(item) in seen or isinstance(item, type | types.ModuleType | types.FunctionType):
            continue
        seen.add(id(item))
        if gc.is_tracked(item):
            kept.append(item)
            stack.extend(gc.get_referents(item))
    # A handful of containers, whatever the size of the network (150 persons here).
    assert len(kept) < 60, collections.Counter(type(o).__name__ for o in kept)
    assert not gc.is_tracked(m.candidates.names)
    assert not gc.is_tracked(m.candidates.strength_reasons)
    assert all(isinstance(r, Reason) for r in m.candidates.strength_reasons_of(0))
