"""Import time of a synthetic LinkedIn archive (30,000 connections, 150,000 messages).

Generates the archive (bench/synthetic_linkedin.py) in a temporary folder, measures a
floor in the same run (plain ``csv`` parsing of Connections.csv and messages.csv out of
the zip plus SQLite ``executemany`` of the same rows into two plain tables), then, in a
fresh process on a new SQLite database, times ``netkort import`` of the zip, and again
(the re-import must change nothing). Prints seconds, the ratio to the floor, the counts
and the import process's peak memory. Targets: each import ≤ 10 s, peak ≤ 1 GB.

    .venv/bin/python bench/import_linkedin.py [--connections 30000] [--messages 150000]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synthetic_linkedin import write_archive  # noqa: E402


def floor(archive: Path, db: Path) -> float:
    """Seconds for the least any importer must do: read the CSVs, insert the rows."""
    csv.field_size_limit(2**31 - 1)
    started = time.perf_counter()
    with zipfile.ZipFile(archive) as zf:
        connections = _rows(zf.read("Connections.csv").decode("utf-8"), "First Name")
        messages = _rows(zf.read("messages.csv").decode("utf-8"), "CONVERSATION ID")
    con = sqlite3.connect(db)
    con.execute(f"create table c ({', '.join(f'c{i} text' for i in range(7))})")
    con.execute(f"create table m ({', '.join(f'c{i} text' for i in range(12))})")
    con.executemany("insert into c values (?,?,?,?,?,?,?)", (r[:7] for r in connections))
    con.executemany(
        "insert into m values (?,?,?,?,?,?,?,?,?,?,?,?)", (_pad(r, 12) for r in messages)
    )
    con.commit()
    con.close()
    return time.perf_counter() - started


def _rows(text: str, header_start: str) -> list[list[str]]:
    lines = text[text.index(header_start) :] if header_start in text else text
    rows = list(csv.reader(io.StringIO(lines)))
    return rows[1:]


def _pad(row: list[str], n: int) -> list[str]:
    return (row + [""] * n)[:n]


def child(archive: str, db: str) -> int:
    """Run in a fresh process: import twice, print timings and peak memory as JSON."""
    from netkort import cli

    cli.setup(db)
    from netkort.services import workspaces
    from netkort.services.importing import import_files
    from netkort.store.models import Interaction, Person

    workspace = workspaces.local_workspace()
    times, reports, stages = [], [], []
    for _ in range(2):
        started = time.perf_counter()
        report = import_files(workspace, [archive])
        times.append(time.perf_counter() - started)
        reports.append(report.files[0].as_dict())
        stages.append(report.timings)
    result = {
        "times": times,
        "stages": stages,
        "first": {k: v for k, v in reports[0].items() if k != "skipped"},
        "second": {k: v for k, v in reports[1].items() if k != "skipped"},
        "persons": Person.objects.count(),
        "interactions": Interaction.objects.count(),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    print(json.dumps(result))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--messages", type=int, default=150_000)
    parser.add_argument("--child", nargs=2, metavar=("ARCHIVE", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(*args.child)

    tmp = Path(tempfile.mkdtemp(prefix="netkort-bench-import-"))
    archive = write_archive(tmp / "archive.zip", args.connections, args.messages, seed=1)
    floor_s = floor(archive, tmp / "floor.sqlite3")
    env = {**os.environ, "NETKORT_DATA_DIR": str(tmp)}
    env.pop("NETKORT_DATABASE_URL", None)
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(archive), str(tmp / "netkort.sqlite3")],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    first, second = result["times"]
    print(f"archive: {args.connections} connections, {args.messages} messages ({tmp})")
    print(f"floor (csv + sqlite executemany): {floor_s:.2f} s")
    print(f"import:    {first:.2f} s  ({first / floor_s:.1f}x floor)  target <= 10 s")
    print(f"re-import: {second:.2f} s  ({second / floor_s:.1f}x floor)  target <= 10 s")
    print(f"stages (s), import:    {result['stages'][0]}")
    print(f"stages (s), re-import: {result['stages'][1]}")
    print(f"first:  {result['first']}")
    print(f"second: {result['second']}")
    print(f"stored: {result['persons']} persons, {result['interactions']} interactions")
    print(f"peak memory of the import process: {result['peak_mb']:.0f} MB  target <= 1024 MB")
    s = result["second"]
    unchanged = s["persons_new"] + s["persons_merged"] + s["persons_updated"] == 0
    ok = first <= 10 and second <= 10 and result["peak_mb"] <= 1024
    return 0 if ok and unchanged and s["interactions_new"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
