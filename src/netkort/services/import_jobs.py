"""Big uploads are imported in the background: a job row, a worker thread, progress.

The upload view saves the files in a private folder of the data directory
(``upload_folder``), creates an ``ImportJob`` and, once that row is committed, hands its
id to the one worker thread of the process (``submit``). The worker runs the same
``import_files`` as the synchronous path, in its own database connection and its own
all-or-nothing transaction, then stores the report (or the error) on the job and
deletes the uploaded files.

Progress (stage, done, total) is written at most every ``PROGRESS_EVERY`` seconds, apart
from the import's transaction so that it never becomes part of it: on PostgreSQL into
the job row through a second connection; on SQLite, where the import's transaction
holds the only write lock until it ends, into a small file beside the uploads, which
``progress_of`` reads.

A job whose process died stays "queued" or "running" in the database; ``reap`` marks
such jobs failed (their process is gone, or they are older than ``STALE_AFTER``). It
runs when a process starts its worker and when a job or the import page is opened.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import shutil
import socket
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, OperationalError, close_old_connections, connections
from django.db import connection as db_connection
from django.utils import timezone
from django.utils.translation import gettext as _

from netkort import config
from netkort.services.importing import ImportFailed, ImportReport, import_files
from netkort.store.models import ImportJob, Workspace

log = logging.getLogger(__name__)

PROGRESS_EVERY = 0.5  # seconds between two progress writes
STALE_AFTER = timedelta(hours=6)
LIVE_STATES = ("queued", "running")
UPLOADS = "uploads"
FOLDER_PREFIX = "netkort-upload-"
PROGRESS_FILE = ".progress.json"
SKIPPED_KEPT = 1000  # skipped rows kept per file in the stored report

# This process: a job's "runner" names it, so another process can tell whether it lives.
RUNNER = {"host": socket.gethostname(), "pid": os.getpid(), "token": uuid.uuid4().hex}


def in_background(total_bytes: int) -> bool:
    """Whether an upload of that size is imported in the background (smaller ones are
    imported at once, which feels instant); the setting NETKORT_BACKGROUND_IMPORT_BYTES,
    from the environment variable NETKORT_BACKGROUND_IMPORT_MB."""
    limit: int = settings.NETKORT_BACKGROUND_IMPORT_BYTES
    return total_bytes > limit


# --- Private upload folders -------------------------------------------------------------


def uploads_root() -> Path:
    root = config.data_dir() / UPLOADS
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    return root


def upload_folder() -> Path:
    """A new folder only this user account can read, for one upload's files."""
    return Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX, dir=uploads_root()))


def is_upload_folder(folder: Path) -> bool:
    """Whether ``folder`` is one ``upload_folder`` made (and still there)."""
    try:
        inside = folder.resolve().parent == uploads_root().resolve()
    except OSError:
        return False
    return inside and folder.name.startswith(FOLDER_PREFIX) and folder.is_dir()


def remove_folder(folder: Path) -> None:
    if is_upload_folder(folder):
        shutil.rmtree(folder, ignore_errors=True)


# --- Creating and running jobs ------------------------------------------------------------


def create(
    workspace: Workspace,
    user_id: int | None,
    folder: Path,
    files: list[tuple[Path, str]],
    *,
    format: str = "",
    dry_run: bool = False,
    mappings: dict[str, dict[str, str]] | None = None,
) -> ImportJob:
    """A queued job for files saved in ``folder``; ``submit`` it once committed."""
    job = ImportJob.objects.create(
        workspace=workspace,
        created_by_id=user_id,
        state="queued",
        files=[{"name": name, "path": str(path)} for path, name in files],
        options={
            "format": format,
            "dry_run": dry_run,
            "mappings": mappings or {},
            "folder": str(folder),
            "runner": RUNNER,
        },
    )
    _worker.claim(job.pk)
    return job


def run(job_id: int) -> ImportJob | None:
    """Import a job's files, record the outcome, delete the files. Never raises."""
    try:
        return _run(job_id)
    finally:
        _worker.release(job_id)


def _run(job_id: int) -> ImportJob | None:
    job = ImportJob.objects.filter(pk=job_id, state="queued").first()
    if job is None:
        return None
    folder = Path(str(job.options.get("folder", "")))
    _update(job_id, state="running", stage="parse", done=0, total=len(job.files))
    sink = ProgressSink(job_id, folder)
    try:
        report = import_files(
            job.workspace,
            [f["path"] for f in job.files],
            format=job.options.get("format") or None,
            dry_run=bool(job.options.get("dry_run")),
            names=[f["name"] for f in job.files],
            mappings=job.options.get("mappings") or None,
            progress=sink,
        )
    except ImportFailed as exc:
        _finish(job_id, "failed", error=_shown(str(exc), folder, job.files))
    except Exception:
        log.exception("import job %s failed", job_id)
        _finish(
            job_id,
            "failed",
            error=_("The import stopped because of an error in netkort. Nothing was imported."),
        )
    else:
        _finish(job_id, "done", report=stored_report(report))
    finally:
        remove_folder(folder)
    return ImportJob.objects.filter(pk=job_id).first()


def stored_report(report: ImportReport) -> dict[str, Any]:
    """The report as the job keeps it: what the import page's report shows."""
    files = []
    for f in report.files:
        entry = f.as_dict()
        entry["label"] = f.label
        entry["skipped_total"] = len(f.skipped)
        entry["skipped"] = entry["skipped"][:SKIPPED_KEPT]
        files.append(entry)
    return {
        "files": files,
        "persons_total": report.persons_total,
        "dry_run": report.dry_run,
        "proposals": report.proposals,
    }


def _shown(message: str, folder: Path, files: list[dict[str, str]]) -> str:
    """Messages name the saved copy; the user knows the file by its own name."""
    for entry in files:
        message = message.replace(entry["path"], entry["name"])
    return message.replace(str(folder) + os.sep, "")


def _finish(
    job_id: int, state: str, *, report: dict[str, Any] | None = None, error: str = ""
) -> None:
    _update(
        job_id,
        state=state,
        report=report or {},
        error=error,
        finished_at=timezone.now(),
    )


def _update(job_id: int, **values: Any) -> None:
    """Update the job row, retrying briefly while SQLite is busy with another writer."""
    for attempt in range(20):
        try:
            ImportJob.objects.filter(pk=job_id).update(**values)
            return
        except OperationalError:
            if attempt == 19:
                raise
            time.sleep(0.25)


class ProgressSink:
    """The import's progress callback: writes (stage, done, total) now and then."""

    def __init__(self, job_id: int, folder: Path, every: float = PROGRESS_EVERY) -> None:
        self.job_id = job_id
        self.folder = folder
        self.every = every
        self.last = 0.0
        self.stage = ""
        self.vendor = db_connection.vendor

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if stage == self.stage and now - self.last < self.every:
            return
        self.stage, self.last = stage, now
        try:
            if self.vendor == "sqlite":
                self._to_file(stage, done, total)
            else:
                self._to_row(stage, done, total)
        except Exception:
            # Progress is a courtesy: never let it stop the import.
            log.warning("import job %s: progress not written", self.job_id, exc_info=True)

    def _to_file(self, stage: str, done: int, total: int) -> None:
        if not is_upload_folder(self.folder):
            return
        target = self.folder / PROGRESS_FILE
        temporary = target.with_suffix(".tmp")
        temporary.write_text(json.dumps({"stage": stage[:40], "done": done, "total": total}))
        os.replace(temporary, target)

    def _to_row(self, stage: str, done: int, total: int) -> None:
        # A connection of its own, in autocommit: outside the import's transaction.
        other = connections.create_connection(DEFAULT_DB_ALIAS)
        try:
            table = other.ops.quote_name(ImportJob._meta.db_table)
            with other.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET stage = %s, done = %s, total = %s "
                    "WHERE id = %s AND state = 'running'",
                    [stage[:40], max(done, 0), max(total, 0), self.job_id],
                )
        finally:
            other.close()


@dataclass(frozen=True, slots=True)
class Progress:
    stage: str
    done: int
    total: int

    @property
    def percent(self) -> int:
        return min(100, 100 * self.done // self.total) if self.total else 0


def progress_of(job: ImportJob) -> Progress:
    """The job's latest progress, from its row or (SQLite) the file beside the uploads."""
    found = Progress(job.stage, job.done, job.total)
    if job.state != "running":
        return found
    folder = Path(str(job.options.get("folder", "")))
    try:
        if is_upload_folder(folder) and (folder / PROGRESS_FILE).is_file():
            data = json.loads((folder / PROGRESS_FILE).read_text())
            found = Progress(str(data["stage"]), int(data["done"]), int(data["total"]))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return found


# --- Dead jobs ---------------------------------------------------------------------------


def reap(workspace: Workspace | None = None) -> int:
    """Mark failed the queued or running jobs whose process is gone; how many."""
    jobs = ImportJob.objects.filter(state__in=LIVE_STATES)
    if workspace is not None:
        jobs = jobs.filter(workspace=workspace)
    dead = [job for job in jobs.only("id", "options", "created_at") if not _alive(job)]
    for job in dead:
        ImportJob.objects.filter(pk=job.pk, state__in=LIVE_STATES).update(
            state="failed",
            error=_(
                "The import was interrupted: netkort stopped while it ran. Nothing was "
                "imported; upload the files again."
            ),
            finished_at=timezone.now(),
        )
        remove_folder(Path(str(job.options.get("folder", ""))))
    return len(dead)


def _alive(job: ImportJob) -> bool:
    if timezone.now() - job.created_at > STALE_AFTER:
        return False
    runner = job.options.get("runner") or {}
    if runner.get("token") == RUNNER["token"]:
        return _worker.owns(job.pk)
    if runner.get("host") != RUNNER["host"]:
        return True  # another machine's process: only its age tells
    try:
        pid = int(runner.get("pid", 0))
        if pid <= 0:
            return False
        os.kill(pid, 0)
    except (ProcessLookupError, ValueError, TypeError):
        return False
    except PermissionError:
        return True  # a process of another user has that id
    return True


# --- The worker thread ---------------------------------------------------------------------


class _Worker:
    """One thread per process that runs the submitted jobs one after the other."""

    def __init__(self, runner: Callable[[int], object]) -> None:
        self.runner = runner
        self.jobs: queue.Queue[int] = queue.Queue()
        self.pending: set[int] = set()
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None

    def claim(self, job_id: int) -> None:
        """The job belongs to this process until ``release``: it is not a dead one."""
        with self.lock:
            self.pending.add(job_id)

    def release(self, job_id: int) -> None:
        with self.lock:
            self.pending.discard(job_id)

    def submit(self, job_id: int) -> None:
        with self.lock:
            self.pending.add(job_id)
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(
                    target=self._loop, name="netkort-import", daemon=True
                )
                self.thread.start()
        self.jobs.put(job_id)

    def owns(self, job_id: int) -> bool:
        with self.lock:
            return job_id in self.pending

    def wait(self, timeout: float) -> bool:
        """Wait until every submitted job has ended; False on timeout."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.jobs.unfinished_tasks:
                return True
            time.sleep(0.05)
        return False

    def _loop(self) -> None:
        try:
            reap()
        except Exception:
            log.warning("could not check for interrupted imports", exc_info=True)
        finally:
            close_old_connections()
        while True:
            job_id = self.jobs.get()
            try:
                self.runner(job_id)
            except Exception:
                log.exception("import job %s: the worker failed", job_id)
            finally:
                self.release(job_id)
                # This thread's connection: closed between jobs, opened by the next.
                for conn in connections.all(initialized_only=True):
                    conn.close()
                self.jobs.task_done()


_worker = _Worker(run)


def submit(job_id: int) -> None:
    """Run the job in this process's worker thread (call once its row is committed)."""
    _worker.submit(job_id)


def wait(timeout: float = 60.0) -> bool:
    """Wait for this process's submitted jobs to end (for tests and the CLI)."""
    return _worker.wait(timeout)
