"""Server time and size of the map's data endpoint at 30,000 persons.

Builds a demo database of --size persons in a temporary SQLite file (or uses --db; a
file that already holds the demo network is reused), then times the map data endpoint
in-process through Django's full request stack, without and with gzip, and prints p50
and p95 in milliseconds (wall clock, and the process's CPU time, which a busy machine
disturbs less) and the size of the answer.

    .venv/bin/python bench/map_data.py [--size 30000] [--runs 5] [--db PATH_OR_URL]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from harness import open_demo, p50_p95, signed_in_client


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", help="an existing database to use instead of a new one")
    args = parser.parse_args()

    workspace, persons = open_demo(args.db, args.size)
    from netkort.store.models import Tie

    client = signed_in_client()
    url = f"/w/{workspace.uid}/map/data/"
    ties = Tie.objects.filter(workspace=workspace).count()
    print(f"map data, {persons} persons, {ties} ties, {args.runs} runs each")
    for name, headers in (("plain", {}), ("gzip", {"HTTP_ACCEPT_ENCODING": "gzip"})):
        times: list[float] = []
        cpu: list[float] = []
        body = b""
        for _ in range(args.runs):
            t0, c0 = time.perf_counter(), time.process_time()
            response = client.get(url, **headers)  # type: ignore[arg-type]
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            assert response.status_code == 200, response.status_code
            body = response.content
        p50, p95 = p50_p95(times)
        print(
            f"  {name:6} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   "
            f"(CPU p50 {statistics.median(cpu):6.1f} ms)   {len(body) / 1e6:5.2f} MB sent"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
