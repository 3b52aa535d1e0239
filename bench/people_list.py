"""Server time of the people list at 30,000 persons.

Builds a demo database of --size persons in a temporary SQLite file (or uses --db), then
times the people list page in-process through Django's full request stack: the first
page, a search, and a filtered page. Prints p50 and p95 in milliseconds.

    .venv/bin/python bench/people_list.py [--size 30000] [--runs 40] [--db PATH_OR_URL]
"""

from __future__ import annotations

import argparse
import sys
import time

from harness import open_demo, p50_p95, signed_in_client


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--db", help="an existing database to use instead of a new one")
    args = parser.parse_args()

    workspace, persons = open_demo(args.db, args.size)
    from netkort.store.models import Context

    client = signed_in_client()
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
    print(f"people list, {persons} persons, {args.runs} runs each (ms)")
    for name, (url, params) in cases.items():
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            response = client.get(url, params)
            times.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, response.status_code
        p50, p95 = p50_p95(times)
        print(f"  {name:42} p50 {p50:7.1f}   p95 {p95:7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
