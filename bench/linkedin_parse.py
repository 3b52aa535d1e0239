"""Parse time of a synthetic LinkedIn archive (30,000 connections, 150,000 messages).

Generates the archive in a temporary folder (bench/synthetic_linkedin.py), then times
netkort.io's detection and parsing of the zip, and, for scale, a bare ``csv.reader`` pass
over the same files. Prints seconds and counts.

    .venv/bin/python bench/linkedin_parse.py [--connections 30000] [--messages 150000] [--runs 3]
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic_linkedin import write_archive

from netkort.io import detect, read_file


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--messages", type=int, default=150_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="netkort-bench-") as tmp:
        archive = Path(tmp) / "Basic_LinkedInDataExport_11-29-2026.zip"
        started = time.perf_counter()
        write_archive(archive, args.connections, args.messages, seed=1)
        print(f"generated {archive.stat().st_size / 2**20:.1f} MiB zip in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        floor = min(_time(lambda: _bare_csv(archive)) for _ in range(args.runs))
        best, best_cpu = float("inf"), float("inf")
        for _ in range(args.runs):
            started, started_cpu = time.perf_counter(), time.process_time()
            fmt = detect(archive)
            parsed = read_file(archive, fmt.name)
            best = min(best, time.perf_counter() - started)
            best_cpu = min(best_cpu, time.process_time() - started_cpu)
        tracemalloc.start()
        read_file(archive, "linkedin")
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    records = parsed.records
    print(f"format {parsed.format}: {len(records.persons)} persons, "
          f"{len(records.interactions)} interactions, {len(records.favours)} favours, "
          f"{len(parsed.skipped)} rows skipped")  # fmt: skip
    print(f"parse: {best:.2f} s wall, {best_cpu:.2f} s CPU (best of {args.runs}); "
          f"bare csv.reader floor: {floor:.2f} s; ratio {best / floor:.1f}; "
          f"peak traced memory {peak / 2**20:.0f} MiB")  # fmt: skip
    return 0


def _time(work: object) -> float:
    started = time.perf_counter()
    work()  # type: ignore[operator]
    return time.perf_counter() - started


def _bare_csv(archive: Path) -> int:
    rows = 0
    with zipfile.ZipFile(archive) as zf:
        for name in zf.namelist():
            text = zf.read(name).decode("utf-8")
            rows += sum(1 for _ in csv.reader(io.StringIO(text, newline="")))
    return rows


if __name__ == "__main__":
    sys.exit(main())
