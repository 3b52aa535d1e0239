"""Server time of the Today page, the due list and the calendar feed.

Builds a demo database of --size persons in a temporary SQLite file (or uses --db), then
times, in-process: ``keep_in_touch.due`` (everyone due, as ``netkort due`` lists them),
``keep_in_touch.today_list`` (the Today page's data: the first 50 due and the count,
dormant ties, meetings, follow-ups, birthdays), the Today page through Django's full
request stack, and the calendar feed. Prints p50 and p95 in ms.

    .venv/bin/python bench/keep_in_touch.py [--size 30000] [--runs 10] [--db PATH_OR_URL]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from harness import open_demo, p50_p95, signed_in_client


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return p50_p95(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--db", help="an existing database to use instead of a new one")
    args = parser.parse_args()

    workspace, _ = open_demo(args.db, args.size)
    from netkort.services import keep_in_touch

    client = signed_in_client()
    today = f"/w/{workspace.uid}/today/"
    feed = f"/feed/{workspace.feed_token}.ics"
    print(f"due today: {len(keep_in_touch.due(workspace))} persons")
    cases: dict[str, Callable[[], object]] = {
        "due list (service)": lambda: keep_in_touch.due(workspace),
        "Today list (service)": lambda: keep_in_touch.today_list(workspace),
        "Today page": lambda: client.get(today),
        "calendar feed": lambda: client.get(feed),
    }
    for name, fn in cases.items():
        p50, p95 = timed(fn, args.runs)
        print(f"{name:<22} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
