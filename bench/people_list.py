"""Server time of the people list at 30,000 persons.

Builds a demo database of --size persons in a temporary SQLite file (or uses --db), then
times the people list page in-process through Django's full request stack: the first
page, a search, and a filtered page. Prints p50 and p95 in milliseconds.

    .venv/bin/python bench/people_list.py [--size 30000] [--runs 40] [--db PATH_OR_URL]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--db", help="an existing database to use instead of a new one")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="netkort-bench-")
    os.environ.setdefault("NETKORT_DATA_DIR", tmp)
    from netkort import cli

    cli.setup(args.db or str(Path(tmp) / "bench.sqlite3"))

    from django.test import Client

    from netkort.services import demo, login_links, workspaces
    from netkort.store.models import Context

    workspace = workspaces.local_workspace()
    started = time.perf_counter()
    result = demo.load_demo(workspace, size=args.size)
    if result.created:
        print(
            f"built demo network: {result.persons} persons, {result.interactions} "
            f"interactions in {time.perf_counter() - started:.1f} s"
        )

    client = Client(SERVER_NAME="127.0.0.1")
    token = login_links.mint(workspaces.local_owner())
    client.get(f"/login/{token}/")
    base = f"/w/{workspace.uid}/people/"
    friends = Context.objects.get(workspace=workspace, key="friends").pk
    cases = {
        "first page": (base, {}),
        "search 'søren'": (base, {"q": "søren"}),
        "search 'nordlys energi'": (base, {"q": "nordlys energi"}),
        "filtered: friends, closeness 3, page 2": (
            base,
            {"context": friends, "closeness": "3", "page": "2"},
        ),
        "sorted by last contact, page 100": (base, {"sort": "-last_contact", "page": "100"}),
    }
    print(f"people list, {result.persons} persons, {args.runs} runs each (ms)")
    for name, (url, params) in cases.items():
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            response = client.get(url, params)
            times.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, response.status_code
        times.sort()
        p95 = times[max(0, int(len(times) * 0.95) - 1)]
        print(f"  {name:42} p50 {statistics.median(times):7.1f}   p95 {p95:7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
