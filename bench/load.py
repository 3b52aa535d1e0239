"""Load test of server mode: gunicorn and PostgreSQL on 127.0.0.1, many users at once.

Builds (once, then reuses) a PostgreSQL database of --clients workspaces of --persons
persons each (the demo network, copied by SQL after the first is generated) and
--coaches coaches who may read some clients' networks. Starts gunicorn on a free
loopback port in server mode and lets --users simulated users browse for --duration
seconds: clients their own network, coaches their clients'. Each user waits 1-5 s
between pages, as people reading pages do. Pages: the people list (first pages and
searches), person pages, the map's data and the plan, where those pages exist.

Each network is analysed once before the load, as on a server that has been running (the
measures are kept on disk for every worker process); that first analysis is timed and
printed apart. The users browse for --warmup seconds before the measured --duration, so
that the figures describe a server that has been running: in the warm-up each worker
process reads the measures of the networks it serves from the shared cache once.
Prints p50/p95/p99 latency per page and overall, requests per second, errors and the
server's CPU time per request; exits 1 if p95 is over --target-ms or any request
failed. Loopback only, bounded in time.

    .venv/bin/python bench/load.py [--users 100] [--duration 60] [--warmup 60] [--reset]
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

POSTGRES = os.environ.get("NETKORT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432")
HOST = "127.0.0.1"


def server_env(database_url: str, data_dir: str) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("NETKORT_")},
        "NETKORT_MODE": "server",
        "NETKORT_SECRET_KEY": "bench-" + "k" * 50,
        "NETKORT_ALLOWED_HOSTS": HOST,
        "NETKORT_DATABASE_URL": database_url,
        "NETKORT_EMAIL_HOST": HOST,
        "NETKORT_FROM_EMAIL": "bench@example.invalid",
        "NETKORT_DATA_DIR": data_dir,
        "NETKORT_LANGUAGE": "en",
    }


def ensure_database(name: str, reset: bool) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and reset:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


# --- building the data -------------------------------------------------------------


def clone_workspace(source_id: int, target_id: int, offset: int) -> None:
    """Copy every row of one workspace into another, ids shifted by ``offset``.

    PostgreSQL checks Django's foreign keys at commit (they are deferred), so the
    tables can be copied in any order inside one transaction.
    """
    from django.apps import apps
    from django.db import connection, models

    from netkort.store.models import AccessLogEntry, Person, Workspace, WorkspaceGrant

    skip = {Workspace, WorkspaceGrant, AccessLogEntry}
    with connection.cursor() as cursor:
        for model in apps.get_app_config(Person._meta.app_label).get_models():
            names = {f.name for f in model._meta.concrete_fields}
            if model in skip or "workspace" not in names:
                continue
            columns, values = [], []
            for f in model._meta.concrete_fields:
                column = connection.ops.quote_name(f.column)
                columns.append(column)
                if isinstance(f, models.ForeignKey) and f.related_model is Workspace:
                    values.append(str(target_id))
                elif f.primary_key or (
                    isinstance(f, models.ForeignKey) and f.related_model not in skip
                ):
                    values.append(f"{column} + {offset}")
                else:
                    values.append(column)
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"SELECT {', '.join(values)} FROM {table} WHERE workspace_id = %s",
                [source_id],
            )


def reset_sequences() -> None:
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection

    from netkort.store.models import Person

    models = list(apps.get_app_config(Person._meta.app_label).get_models())
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


def build(clients: int, coaches: int, persons: int) -> None:
    from django.db import transaction

    from netkort.services import accounts, demo
    from netkort.store.models import Workspace, WorkspaceGrant

    if Workspace.objects.filter(settings__bench__persons=persons).count() >= clients:
        return
    started = time.perf_counter()
    first = accounts.create_user("client000", "client000@example.invalid")
    template = first.workspaces.get()
    demo.load_demo(template, size=persons)
    print(f"  generated the first network of {persons} persons", flush=True)
    for i in range(1, clients):
        with transaction.atomic():
            user = accounts.create_user(f"client{i:03d}", f"client{i:03d}@example.invalid")
            target = user.workspaces.get()
            # An empty workspace's own contexts and profile give way to the copies.
            target.contexts.all().delete()
            Workspace.objects.filter(pk=target.pk).update(settings=template.settings)
            from netkort.store.models import Profile

            Profile.objects.filter(workspace=target).delete()
            clone_workspace(template.pk, target.pk, offset=i * 100_000_000)
        if i % 10 == 0:
            print(f"  {i + 1} networks", flush=True)
    reset_sequences()
    workspaces = list(Workspace.objects.filter(owner__username__startswith="client"))
    for j in range(coaches):
        coach = accounts.create_user(f"coach{j:03d}", f"coach{j:03d}@example.invalid", coach=True)
        for k in range(3):
            workspace = workspaces[(j * 3 + k) % len(workspaces)]
            WorkspaceGrant.objects.get_or_create(workspace=workspace, user=coach, level="read")
    for workspace in workspaces:
        workspace.settings["bench"] = {"persons": persons}
        workspace.save(update_fields=["settings"])
    from django.db import connection

    with connection.cursor() as cursor:
        # Fresh statistics, and the visibility map that lets counts read only the indexes
        # (autovacuum does both on a running server).
        cursor.execute("VACUUM ANALYZE")
    print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)


def analysed(count: int) -> None:
    """Analyse the first ``count`` networks once, as a running server has after their
    first visit: the measures are kept on disk for all worker processes and restarts
    (services.measures_cache), so the load below browses networks already analysed.
    The time the first analysis takes is printed here, apart from the page latencies."""
    from netkort.services import analysis
    from netkort.store.models import Workspace

    workspaces = list(
        Workspace.objects.filter(owner__username__startswith="client").order_by("owner__username")
    )[:count]
    seconds = []
    for workspace in workspaces:
        started = time.perf_counter()
        analysis.measures(workspace)
        seconds.append(time.perf_counter() - started)
    if seconds:
        print(
            f"analysed {len(seconds)} networks once (kept for the server's processes): "
            f"p50 {statistics.median(seconds):.2f} s, max {max(seconds):.2f} s each",
            flush=True,
        )


@dataclass
class Visitor:
    """A simulated user: their session cookie and the pages they browse."""

    cookie: str
    paths: dict[str, list[str]] = field(default_factory=dict)


def visitors(count: int, active: int = 0) -> list[Visitor]:
    """``count`` signed-in users; with ``active``, only the first ``active`` clients'
    networks are browsed (users who see none of them sit out, others sign in twice)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore
    from django.urls import NoReverseMatch, reverse

    from netkort.services.access import workspaces_for
    from netkort.store.models import Person

    def path(name: str, **kwargs: object) -> str | None:
        try:
            return reverse(f"netkort:{name}", kwargs=kwargs)
        except NoReverseMatch:
            return None

    users = list(User.objects.filter(username__startswith="coach").order_by("username"))
    users += list(User.objects.filter(username__startswith="client").order_by("username"))
    # Clients and coaches alternate, so any count has both.
    coaches, clients = (
        [u for u in users if u.username.startswith("coach")],
        [u for u in users if u.username.startswith("client")],
    )
    mixed = [u for pair in zip(clients, coaches, strict=False) for u in pair]
    mixed += clients[len(coaches) :] + coaches[len(clients) :]
    if active:
        allowed = {f"client{i:03d}" for i in range(active)}
        mixed = [u for u in mixed if any(w.owner.username in allowed for w in workspaces_for(u))]
    chosen = [mixed[i % len(mixed)] for i in range(count)]
    out = []
    for user in chosen:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        pages: dict[str, list[str]] = defaultdict(list)
        for workspace in workspaces_for(user):
            if active and workspace.owner.username >= f"client{active:03d}":
                continue
            ws = workspace.uid
            ids = list(
                Person.objects.filter(workspace=workspace).values_list("pk", flat=True)[:300]
            )
            people = path("people", ws=ws)
            if people:
                pages["people list"] += [people, f"{people}?page=3", f"{people}?q=an"]
            pages["person page"] += [f"{path('person', ws=ws, pk=pk)}" for pk in ids]
            for label, name in (("map data", "map-data"), ("plan", "plan")):
                found = path(name, ws=ws)
                if found:
                    pages[label].append(found)
        out.append(Visitor(f"sessionid={session.session_key}", dict(pages)))
    return out


# --- running the load --------------------------------------------------------------

WEIGHTS = {"people list": 35, "person page": 45, "map data": 10, "plan": 10}


@dataclass
class Results:
    lock: threading.Lock = field(default_factory=threading.Lock)
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)


def browse(
    visitor: Visitor, port: int, measured_from: float, deadline: float, results: Results, seed: int
) -> None:
    """Browse until ``deadline``; only pages asked for after ``measured_from`` count."""
    rng = random.Random(seed)
    kinds = [k for k in WEIGHTS if visitor.paths.get(k)]
    weights = [WEIGHTS[k] for k in kinds]
    headers = {"Cookie": visitor.cookie, "X-Forwarded-Proto": "https", "Host": HOST}
    time.sleep(rng.uniform(0, 3))  # users arrive over the first seconds, not at once
    while time.monotonic() < deadline:
        kind = rng.choices(kinds, weights)[0]
        path = rng.choice(visitor.paths[kind])
        counted = time.monotonic() >= measured_from
        started = time.perf_counter()
        # A connection per page: the 1-5 s pauses outlast the server's keep-alive.
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as exc:
            status, path = 0, f"{path} ({exc.__class__.__name__})"
        finally:
            conn.close()
        elapsed = (time.perf_counter() - started) * 1000
        with results.lock:
            if status != 200:  # an error counts in the warm-up too
                results.errors.append(f"{status} {path}")
            elif counted:
                results.times[kind].append(elapsed)
        time.sleep(rng.uniform(1, 5))


def warm_up(visitors: list[Visitor], port: int, rounds: int) -> None:
    """Load every page once per worker and thread first: the first request of a process
    pays for imports, URL resolvers and translations, which is not what users wait for."""
    visitor = visitors[0]
    headers = {"Cookie": visitor.cookie, "X-Forwarded-Proto": "https", "Host": HOST}
    for _ in range(rounds):
        for paths in visitor.paths.values():
            conn = http.client.HTTPConnection(HOST, port, timeout=120)
            try:
                conn.request("GET", paths[0], headers=headers)
                conn.getresponse().read()
            finally:
                conn.close()


def wait_until_up(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped while starting")
        with socket.socket() as probe:
            if probe.connect_ex((HOST, port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit("gunicorn did not start within 60 s")


def server_cpu_seconds(pid: int) -> float | None:
    """CPU seconds used so far by gunicorn's master and its worker processes (Linux
    /proc; None elsewhere). Per request it says what a page costs the server, whatever
    else the machine is doing."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0
    try:
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            # After the command: state, ppid, ..., utime (12th) and stime (13th).
            if int(entry.name) == pid or int(fields[1]) == pid:
                total += int(fields[11]) + int(fields[12])
    except OSError:
        return None
    return total / ticks


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def report(results: Results, seconds: float, target: float) -> bool:
    every = [t for times in results.times.values() for t in times]
    print(f"\n{'page':<14}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for kind in WEIGHTS:
        times = results.times.get(kind)
        if times:
            print(
                f"{kind:<14}{len(times):>9}{statistics.median(times):>9.0f}"
                f"{percentile(times, 95):>9.0f}{percentile(times, 99):>9.0f}"
            )
    if not every:
        print("no request succeeded")
        return False
    p95 = percentile(every, 95)
    print(
        f"{'all':<14}{len(every):>9}{statistics.median(every):>9.0f}{p95:>9.0f}"
        f"{percentile(every, 99):>9.0f}"
    )
    print(f"\nrequests per second: {len(every) / seconds:.1f}")
    print(f"errors: {len(results.errors)}")
    for line in results.errors[:10]:
        print(f"  {line}")
    met = p95 <= target and not results.errors
    print(f"target p95 <= {target:.0f} ms and no errors: {'met' if met else 'MISSED'}")
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--clients", type=int, default=60, help="workspaces to build")
    parser.add_argument("--coaches", type=int, default=40)
    parser.add_argument("--persons", type=int, default=2000, help="persons per workspace")
    parser.add_argument("--duration", type=float, default=60, help="seconds measured (<= 600)")
    parser.add_argument(
        "--warmup",
        type=float,
        default=60,
        help="seconds of the same load before the measured ones, not counted: each worker "
        "process reads a network's measures from the shared cache on its first visit, and "
        "60 networks times the workers take about a minute of browsing to visit",
    )
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker")
    parser.add_argument("--target-ms", type=float, default=300)
    parser.add_argument("--database", default="nk_server_load")
    parser.add_argument("--reset", action="store_true", help="build the database anew")
    parser.add_argument(
        "--active",
        type=int,
        default=0,
        help="browse only the first N clients' networks (0: all); shows the effect of "
        "per-process caches that hold a few networks",
    )
    args = parser.parse_args()
    duration = min(args.duration, 600)

    data_dir = Path(os.environ.get("NETKORT_DATA_DIR") or "/tmp/netkort-load")
    data_dir.mkdir(parents=True, exist_ok=True)
    env = server_env(f"{POSTGRES}/{args.database}", str(data_dir))
    os.environ.update(env)
    ensure_database(args.database, args.reset)
    from netkort import cli

    cli.setup(None)
    print(f"database {args.database}: {args.clients} clients x {args.persons} persons")
    build(args.clients, args.coaches, args.persons)
    analysed(args.active or args.clients)
    people = visitors(args.users, args.active)
    print(f"{len(people)} simulated users", flush=True)

    port = free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [
            str(gunicorn),
            "netkort.web.wsgi:application",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--forwarded-allow-ips",
            HOST,
            "--log-level",
            "warning",
            "--preload",
        ],
        env=env,
    )
    try:
        wait_until_up(port, server)
        warm_up(people, port, rounds=args.workers * 2)
        results = Results()
        started = time.monotonic() + args.warmup
        deadline = started + duration
        threads = [
            threading.Thread(
                target=browse, args=(v, port, started, deadline, results, i), daemon=True
            )
            for i, v in enumerate(people)
        ]
        for thread in threads:
            thread.start()
        time.sleep(max(0.0, started - time.monotonic()))
        cpu_before = server_cpu_seconds(server.pid)
        time.sleep(max(0.0, deadline - time.monotonic()))
        cpu_after = server_cpu_seconds(server.pid)
        for thread in threads:
            thread.join(timeout=60)
        seconds = time.monotonic() - started
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    print(
        f"gunicorn {args.workers} workers x {args.threads} threads, {len(people)} users, "
        f"{seconds:.0f} s measured after {args.warmup:.0f} s of warm-up"
    )
    met = report(results, seconds, args.target_ms)
    served = sum(len(times) for times in results.times.values())
    if cpu_before is not None and cpu_after is not None and served:
        cpu = cpu_after - cpu_before
        print(
            f"server CPU: {cpu:.0f} s in all, {1000 * cpu / served:.0f} ms per request "
            f"({cpu / seconds:.2f} of {os.cpu_count()} cores)"
        )
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
