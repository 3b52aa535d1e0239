"""Shared by the benchmarks: the demo database, a signed-in client, percentiles.

    workspace, persons = open_demo(args.db, args.size)

Without ``db`` the database is a new SQLite file in a temporary folder; with it (a path
or a postgresql:// URL) a database that already holds the demo of that size is reused.
"""

from __future__ import annotations

import math
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.test import Client

    from netkort.store.models import Workspace


def open_demo(db: str | None, size: int) -> tuple[Workspace, int]:
    tmp = tempfile.mkdtemp(prefix="netkort-bench-")
    os.environ.setdefault("NETKORT_DATA_DIR", tmp)
    from netkort import cli

    cli.setup(db or str(Path(tmp) / "bench.sqlite3"))
    from netkort.services import demo, workspaces

    workspace = workspaces.local_workspace()
    started = time.perf_counter()
    result = demo.load_demo(workspace, size=size)
    if result.created:
        print(
            f"built the demo network: {result.persons} persons, {result.interactions} "
            f"interactions in {time.perf_counter() - started:.1f} s"
        )
    return workspace, result.persons


def signed_in_client() -> Client:
    """A test client signed in as the local owner, as the login link would."""
    from django.test import Client

    from netkort.services import login_links, workspaces

    client = Client(SERVER_NAME="127.0.0.1")
    client.get(f"/login/{login_links.mint(workspaces.local_owner())}/")
    return client


def p50_p95(samples: list[float]) -> tuple[float, float]:
    """The median and the 95th percentile (nearest rank) of the samples."""
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(1, math.ceil(0.95 * len(ordered))) - 1]
