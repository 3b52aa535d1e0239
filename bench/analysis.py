"""Network analysis at 30,000 persons and 300,000 known ties; constraint at 3,000 alters.

1. Builds the demo network of --size persons in a temporary SQLite file (or uses --db),
   then adds random known ties (mostly within organisations, as in life) until there are
   --ties in all.
2. Times every measure from the database, uncached (target ≤ 10 s), the freshness check
   that decides whether cached measures are current (target ≤ 50 ms), and the action list
   for the active goal once the measures are cached (target ≤ 300 ms; p50 and p95).
3. Times Burt's constraint for an ego with --alters alters, ours against networkx in the
   same run: networkx's all-nodes matrix path in full, and its per-node path (the one
   science.md measured) on a sample of alters, extrapolated. Prints the ratios and the
   largest difference between the values.

    .venv/bin/python bench/analysis.py [--size 30000] [--ties 300000] [--alters 3000]
                                       [--sample 2] [--runs 20] [--db PATH_OR_URL]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time

import networkx as nx
import numpy as np

from harness import open_demo, p50_p95


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=30_000)
    parser.add_argument("--ties", type=int, default=300_000)
    parser.add_argument("--alters", type=int, default=3_000)
    parser.add_argument("--sample", type=int, default=2, help="alters timed in networkx")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--db", help="an existing database to use instead of a new one")
    parser.add_argument("--no-ego", action="store_true", help="skip the ego comparison")
    args = parser.parse_args()

    network(args)
    if not args.no_ego:
        ego(args)
    return 0


def network(args: argparse.Namespace) -> None:
    workspace, _ = open_demo(args.db, args.size)
    from netkort.services import analysis, plan

    added = add_ties(workspace, args.ties)
    if added:
        print(f"added {added} random known ties")

    analysis.forget(workspace)
    started, cpu = time.perf_counter(), time.process_time()
    measures = analysis.measures(workspace)
    total, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"all measures, uncached, from the database: {total:.2f} s "
        f"({measures.composition.size} persons, {measures.known_ties} known ties; target ≤ 10 s)"
        f"; reading the database {measures.load_seconds:.2f} s, computing "
        f"{measures.seconds - measures.load_seconds:.2f} s; CPU time {cpu:.2f} s"
    )
    freshness(workspace, args.runs)
    goal = plan.goal_for(workspace)
    times, cpu_times = [], []
    for _ in range(args.runs):
        started, cpu = time.perf_counter(), time.process_time()
        rows = plan.plan_for(workspace, goal, top=50).rows
        times.append((time.perf_counter() - started) * 1000)
        cpu_times.append((time.process_time() - cpu) * 1000)
    p50, p95 = p50_p95(times)
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        f"action list, measures cached ({len(rows)} rows): p50 {p50:.0f} ms, "
        f"p95 {p95:.0f} ms (target ≤ 300 ms); CPU time p50 {statistics.median(cpu_times):.0f} ms"
    )


def freshness(workspace: object, runs: int) -> None:
    """The check whether cached measures are current: the aggregates read from the
    database, and the whole check while nothing is written (SQLite's change counters or
    PostgreSQL's log position then stand in for the aggregates)."""
    from django.db import connection

    from netkort.services import analysis

    analysis._stored_version(workspace.pk)  # type: ignore[attr-defined]
    times = []
    for _ in range(max(runs, 5)):
        started = time.perf_counter()
        analysis._stored_version(workspace.pk)  # type: ignore[attr-defined]
        times.append((time.perf_counter() - started) * 1000)
    p50, p95 = p50_p95(times)
    print(
        f"freshness check, the aggregates ({connection.vendor}): p50 {p50:.1f} ms, p95 {p95:.1f} ms"
    )
    analysis.data_version(workspace)  # type: ignore[arg-type]
    times = []
    for _ in range(max(runs, 5)):
        started = time.perf_counter()
        analysis.data_version(workspace)  # type: ignore[arg-type]
        times.append((time.perf_counter() - started) * 1000)
    p50, p95 = p50_p95(times)
    print(
        f"freshness check, nothing written since the last one: p50 {p50:.2f} ms, "
        f"p95 {p95:.2f} ms (target ≤ 50 ms)"
    )


def add_ties(workspace: object, wanted: int) -> int:
    from netkort.store.models import Person, Tie

    have = Tie.objects.filter(workspace=workspace).count()
    if have >= wanted:
        return 0
    rng = random.Random(7)
    rows = list(Person.objects.filter(workspace=workspace).values_list("id", "organisation_id"))
    ids = [pid for pid, _ in rows]
    by_org: dict[int, list[int]] = {}
    for pid, org in rows:
        if org:
            by_org.setdefault(org, []).append(pid)
    groups = list(by_org.values())
    seen = set(Tie.objects.filter(workspace=workspace).values_list("a_id", "b_id"))
    new: list[Tie] = []
    while have + len(new) < wanted:
        if rng.random() < 0.6 and groups:
            group = rng.choice(groups)
            a, b = rng.choice(group), rng.choice(group)
        else:
            a, b = rng.choice(ids), rng.choice(ids)
        pair = (min(a, b), max(a, b))
        if a == b or pair in seen:
            continue
        seen.add(pair)
        strength = round(rng.uniform(0.1, 1.0), 2) if rng.random() < 0.5 else None
        new.append(Tie(workspace=workspace, a_id=pair[0], b_id=pair[1], source="imported",
                       strength=strength))  # fmt: skip
    Tie.objects.bulk_create(new, batch_size=5000)
    return len(new)


def ego(args: argparse.Namespace) -> None:
    from netkort.analysis import brokerage

    n = args.alters
    rng = np.random.default_rng(3)
    # Alters in groups of about 50 (workplaces, clubs), tied mostly inside their group.
    group = rng.integers(0, max(1, n // 50), size=n)
    pairs = set()
    while len(pairs) < 10 * n:
        a = int(rng.integers(0, n))
        if rng.random() < 0.8:
            mates = np.flatnonzero(group == group[a])
            b = int(rng.choice(mates))
        else:
            b = int(rng.integers(0, n))
        if a != b:
            pairs.add((min(a, b), max(a, b)))
    edges = sorted(pairs)
    weights = rng.uniform(0.1, 1.0, size=n)

    started = time.perf_counter()
    among = brokerage.adjacency_from_edges(n, edges)
    ours_c, ours_es = brokerage.ego_constraint(weights, among)
    ours_local = brokerage.ego_local_constraints(weights, among)
    ours = time.perf_counter() - started
    print(f"ego with {n} alters, {len(edges)} ties among them: ours {ours * 1000:.1f} ms "
          f"(constraint {ours_c:.6f}, effective size {ours_es:.2f})")  # fmt: skip

    graph = nx.Graph()
    graph.add_nodes_from(range(n + 1))
    graph.add_edges_from(((a + 1, b + 1, {"weight": 1.0}) for a, b in edges))
    graph.add_edges_from((0, j + 1, {"weight": float(w)}) for j, w in enumerate(weights))
    started = time.perf_counter()
    whole = nx.constraint(graph, weight="weight")[0]
    matrix_path = time.perf_counter() - started
    print(f"networkx all-nodes matrix path: {matrix_path:.2f} s, value {whole:.6f}, "
          f"difference {abs(whole - ours_c):.1e}, ratio {matrix_path / ours:.0f}×")  # fmt: skip

    sample = rng.choice(n, size=min(args.sample, n), replace=False)
    started = time.perf_counter()
    theirs = [nx.local_constraint(graph, 0, int(j) + 1, weight="weight") for j in sample]
    per_alter = (time.perf_counter() - started) / len(sample)
    estimate = per_alter * n
    diff = max(abs(t - ours_local[j]) for t, j in zip(theirs, sample, strict=True))
    print(f"networkx per-node path (nx.constraint(G, [ego])): {per_alter:.2f} s per alter, "
          f"about {estimate / 60:.0f} min for all {n} (sampled {len(sample)}); ratio "
          f"about {estimate / ours:,.0f}×; largest difference {diff:.1e}")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
