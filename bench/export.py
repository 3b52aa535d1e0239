"""Export, backup and restore times at 30,000 persons and their interactions.

Builds a demo database of --size persons in a temporary SQLite file (or uses --db; the
building takes about a minute, so pass the same --db again to reuse it), then times the
xlsx export, the JSON backup and a restore of that backup into a new workspace. The
restore (reading the JSON included) is rolled back afterwards, so the database is left
as it was. Prints wall and CPU seconds and the process's peak memory after each step.

    .venv/bin/python bench/export.py [--size 30000] [--db PATH_OR_URL]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time

from harness import open_demo


class Rollback(Exception):
    pass


def peak_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=30_000)
    parser.add_argument("--db", help="a database to use (built when it has no demo yet)")
    args = parser.parse_args()

    workspace, _ = open_demo(args.db, args.size)
    from django.contrib.auth.models import User
    from django.db import transaction

    from netkort.services import backup, workspaces
    from netkort.services.export import ExportOptions, export
    from netkort.store.models import Interaction, Person

    persons = Person.objects.filter(workspace=workspace).count()
    interactions = Interaction.objects.filter(workspace=workspace).count()
    print(f"{persons} persons, {interactions} interactions")

    print("step       wall s   cpu s    size MB  peak MB   goal")

    def report(name: str, wall: float, cpu: float, size: int, goal: str) -> None:
        print(f"  {name:8} {wall:7.2f} {cpu:7.2f} {size / 1e6:9.1f} {peak_mb():8.0f}   {goal}")

    t0, c0 = time.perf_counter(), time.process_time()
    xlsx = export(workspace, ExportOptions("xlsx", language="da")).data
    report("xlsx", time.perf_counter() - t0, time.process_time() - c0, len(xlsx), "≤ 10 s")
    del xlsx

    t0, c0 = time.perf_counter(), time.process_time()
    data = backup.backup_bytes(workspace)
    report("backup", time.perf_counter() - t0, time.process_time() - c0, len(data), "≤ 10 s")

    owner, _ = User.objects.get_or_create(username="bench-restore")
    t0, c0 = time.perf_counter(), time.process_time()
    try:
        with transaction.atomic():
            target = workspaces.create_workspace(owner, "restored")
            backup.restore(target, backup.load_backup_bytes(data))
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
            raise Rollback
    except Rollback:
        pass
    report("restore", wall, cpu, len(data), "≤ 20 s; peak ≤ 1024 MB")
    print("(cpu s: this process's own time, which a busy machine does not inflate as much)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
