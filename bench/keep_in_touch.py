"""Server time of the Today page, the due list and the calendar feed.

Builds a demo database of --size persons in a temporary SQLite file (or uses --db), then
times, in-process: ``keep_in_touch.due`` (the rhythm of every person), the Today page
through Django's full request stack, and the calendar feed. Prints p50 and p95 in ms.

    .venv/bin/python bench/keep_in_touch.py [--size 30000] [--runs 10] [--db PATH_OR_URL]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--db", help="an existing database to use instead of a new one")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="netkort-bench-")
    os.environ.setdefault("NETKORT_DATA_DIR", tmp)
    from netkort import cli

    cli.setup(args.db or str(Path(tmp) / "bench.sqlite3"))

    from django.test import Client

    from netkort.services import demo, keep_in_touch, login_links, workspaces

    workspace = workspaces.local_workspace()
    started = time.perf_counter()
    result = demo.load_demo(workspace, size=args.size)
    if result.created:
        print(
            f"built demo network: {result.persons} persons in {time.perf_counter() - started:.1f} s"
        )
    client = Client(SERVER_NAME="127.0.0.1")
    client.get(f"/login/{login_links.mint(workspaces.local_owner())}/")
    today = f"/w/{workspace.uid}/today/"
    feed = f"/feed/{workspace.feed_token}.ics"
    print(f"due today: {len(keep_in_touch.due(workspace))} persons")
    cases: dict[str, Callable[[], object]] = {
        "due list (service)": lambda: keep_in_touch.due(workspace),
        "Today page": lambda: client.get(today),
        "calendar feed": lambda: client.get(feed),
    }
    for name, fn in cases.items():
        p50, p95 = timed(fn, args.runs)
        print(f"{name:<22} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
