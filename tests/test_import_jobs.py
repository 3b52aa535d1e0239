"""Background imports: the job runs a real file to the end (or fails and changes
nothing), reports progress, deletes its files; its page polls, then shows the report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from clients import client_for
from netkort.services import import_jobs
from netkort.store.models import (
    ImportBatch,
    ImportJob,
    Interaction,
    Person,
    Workspace,
    WorkspaceGrant,
)

pytestmark = pytest.mark.django_db

VCARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Hansen;Kristian;;;\r\nFN:Kristian Hansen\r\n"
    "ORG:Fjordbank;\r\nTEL;type=CELL:+45 20 12 34 56\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Kjær;Søren;;;\r\nFN:Søren Kjær\r\n"
    "EMAIL;type=INTERNET:soeren@novo.dk\r\nEND:VCARD\r\n"
)
CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Kristian,Hansen,https://www.linkedin.com/in/kristian-hansen,,Fjordbank,CFO,7 Feb 2022\n"
    "Mette,Ørsted,https://www.linkedin.com/in/mette-orsted,,Nordlys,CTO,05 Mar 2024\n"
)
MESSAGES = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n"
    "c1,,Mette Ørsted,https://www.linkedin.com/in/mette-orsted,Anne Holm,"
    "2024-03-05 14:02:11 UTC,,Hej Anne,INBOX\n"
    "c2,,Anne Holm,https://www.linkedin.com/in/anne-holm,Kristian Hansen,"
    "2024-04-02 10:00:00 UTC,,Kaffe?,INBOX\n"
)


def saved(name: str, content: bytes) -> tuple[Path, list[tuple[Path, str]]]:
    folder = import_jobs.upload_folder()
    path = folder / "1-upload"
    path.write_bytes(content)
    return folder, [(path, name)]


def archive_bytes(tmp_path: Path) -> bytes:
    target = tmp_path / "archive.zip"
    with zipfile.ZipFile(target, "w") as zf:
        zf.writestr("Connections.csv", CONNECTIONS)
        zf.writestr("messages.csv", MESSAGES)
    return target.read_bytes()


def rows(workspace: Workspace) -> dict[str, int]:
    return {
        "persons": Person.objects.filter(workspace=workspace).count(),
        "interactions": Interaction.objects.filter(workspace=workspace).count(),
        "batches": ImportBatch.objects.filter(workspace=workspace).count(),
    }


def test_a_job_imports_a_real_archive_to_the_end(
    alice: User, workspace: Workspace, tmp_path: Path
) -> None:
    folder, files = saved("Basic_LinkedInDataExport.zip", archive_bytes(tmp_path))
    job = import_jobs.create(workspace, alice.pk, folder, files)
    assert job.state == "queued" and folder.is_dir()

    finished = import_jobs.run(job.pk)

    assert finished is not None and finished.state == "done", finished and finished.error
    assert finished.finished_at is not None and not finished.error
    [entry] = finished.report["files"]
    assert entry["path"] == "Basic_LinkedInDataExport.zip"
    assert entry["format"] == "linkedin" and entry["label"].startswith("LinkedIn data archive")
    assert entry["persons_new"] == 3 and entry["interactions_new"] == 2
    assert finished.report["persons_total"] == 3
    assert Person.objects.filter(workspace=workspace).count() == 3
    assert not folder.exists(), "the uploaded files are deleted when the job ends"
    assert import_jobs.run(job.pk) is None, "a job runs once"


def test_a_failing_job_changes_nothing_and_says_why(
    alice: User, workspace: Workspace, tmp_path: Path
) -> None:
    good_folder, good = saved("contacts.vcf", VCARDS.encode())
    import_jobs.run(import_jobs.create(workspace, alice.pk, good_folder, good).pk)
    before = rows(workspace)
    broken = archive_bytes(tmp_path)[:300]  # a truncated zip
    folder, files = saved("Complete_LinkedInDataExport.zip", broken)
    job = import_jobs.create(workspace, alice.pk, folder, files)

    finished = import_jobs.run(job.pk)

    assert finished is not None and finished.state == "failed"
    assert "Complete_LinkedInDataExport.zip" in finished.error
    assert "Nothing was imported." in finished.error
    assert str(folder) not in finished.error and "netkort-upload-" not in finished.error
    assert finished.report == {} and finished.finished_at is not None
    assert rows(workspace) == before
    assert not folder.exists()


def test_the_error_names_the_file_as_the_user_knows_it(alice: User, workspace: Workspace) -> None:
    folder, files = saved("telefon.csv", "Name;Firma\n\x00\x01\x02".encode("utf-16"))
    finished = import_jobs.run(import_jobs.create(workspace, alice.pk, folder, files).pk)
    assert finished is not None and finished.state == "failed"
    assert "telefon.csv" in finished.error and "netkort-upload-" not in finished.error
    assert not Person.objects.filter(workspace=workspace).exists()


def test_progress_is_written_outside_the_import_and_read_back(
    alice: User, workspace: Workspace
) -> None:
    folder, files = saved("contacts.vcf", VCARDS.encode())
    job = import_jobs.create(workspace, alice.pk, folder, files)
    ImportJob.objects.filter(pk=job.pk).update(state="running")
    job.refresh_from_db()
    sink = import_jobs.ProgressSink(job.pk, folder, every=60)
    sink("persons", 1000, 30000)
    sink("persons", 2000, 30000)  # within the throttle: not written
    if connection.vendor == "sqlite":
        progress = import_jobs.progress_of(job)
        assert (progress.stage, progress.done, progress.total) == ("persons", 1000, 30000)
        assert progress.percent == 3
        sink("interactions", 5, 10)  # a new stage is written at once
        assert import_jobs.progress_of(job).stage == "interactions"
    import_jobs.remove_folder(folder)
    assert not folder.exists()


def test_a_job_of_a_dead_process_is_marked_failed(alice: User, workspace: Workspace) -> None:
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], check=True,
                          capture_output=True, text=True)  # fmt: skip
    folder, files = saved("contacts.vcf", VCARDS.encode())
    job = import_jobs.create(workspace, alice.pk, folder, files)
    runner = {**import_jobs.RUNNER, "token": "another process", "pid": int(gone.stdout)}
    ImportJob.objects.filter(pk=job.pk).update(options={**job.options, "runner": runner})
    old = import_jobs.create(workspace, alice.pk, import_jobs.upload_folder(), [])
    ImportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=1))
    alive = import_jobs.create(workspace, alice.pk, import_jobs.upload_folder(), [])

    assert import_jobs.reap(workspace) == 2

    job.refresh_from_db()
    assert job.state == "failed" and "interrupted" in job.error and "Nothing" in job.error
    assert not folder.exists()
    old.refresh_from_db()
    assert old.state == "failed"
    alive.refresh_from_db()
    assert alive.state == "queued", "a job of this living process is left alone"
    import_jobs.remove_folder(Path(alive.options["folder"]))
    assert os.getpid() == import_jobs.RUNNER["pid"]


# --- The pages ----------------------------------------------------------------------------


def import_url(workspace: Workspace) -> str:
    return reverse("netkort:import", kwargs={"ws": workspace.uid})


def job_url(job: ImportJob) -> str:
    return reverse("netkort:import-job", kwargs={"ws": job.workspace.uid, "pk": job.pk})


@pytest.fixture
def background(settings: Any) -> None:
    settings.NETKORT_BACKGROUND_IMPORT_BYTES = 100


def test_a_small_upload_is_imported_at_once(alice: User, workspace: Workspace) -> None:
    upload = SimpleUploadedFile("contacts.vcf", VCARDS.encode())
    response = client_for(alice).post(import_url(workspace), {"uploads": [upload]})
    assert response.status_code == 200
    assert "What the import did" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_big_upload_becomes_a_job_with_a_progress_page(
    alice: User, workspace: Workspace, background: None
) -> None:
    client = client_for(alice)
    upload = SimpleUploadedFile("../../Mine kontakter.vcf", VCARDS.encode())
    response = client.post(import_url(workspace), {"uploads": [upload]})

    job = ImportJob.objects.get(workspace=workspace)
    assert response.status_code == 302 and response["Location"] == job_url(job)
    assert job.state == "queued" and job.created_by == alice
    [entry] = job.files
    assert entry["name"] == "Mine kontakter.vcf"
    path = Path(entry["path"])
    assert path.is_file() and path.name == "Mine_kontakter.vcf"
    assert import_jobs.is_upload_folder(path.parent)
    assert path.parent.stat().st_mode & 0o077 == 0, "only netkort's own user may read it"
    assert not Person.objects.filter(workspace=workspace).exists()

    page = client.get(job_url(job)).content.decode()
    assert 'hx-trigger="every 1s"' in page and "<progress" in page and "Waiting" in page
    assert "Mine kontakter.vcf" in page and "<script>" not in page

    import_jobs.run(job.pk)
    fragment = client.get(job_url(job), headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and "hx-trigger" not in fragment
    assert "What the import did" in fragment and "Mine kontakter.vcf" in fragment
    assert "Your network now holds 2 persons." in fragment
    assert Person.objects.filter(workspace=workspace).count() == 2
    assert not path.parent.exists()


def test_a_failed_job_page_says_nothing_was_changed(
    alice: User, workspace: Workspace, background: None
) -> None:
    client = client_for(alice)
    junk = SimpleUploadedFile("export.zip", b"PK\x03\x04" + b"\x00" * 400)
    client.post(import_url(workspace), {"uploads": [junk]})
    job = ImportJob.objects.get(workspace=workspace)
    import_jobs.run(job.pk)
    page = client.get(job_url(job)).content.decode()
    assert 'role="alert"' in page and "export.zip" in page
    assert "Nothing in your network was changed." in page
    assert "hx-trigger" not in page
    assert not Person.objects.filter(workspace=workspace).exists()


def test_a_stranger_gets_404_on_a_job_and_a_reader_cannot_start_one(
    alice: User,
    bob: User,
    charlie: User,
    charlies_workspace: Workspace,
    workspace: Workspace,
    grant: WorkspaceGrant,
    background: None,
) -> None:
    folder, files = saved("contacts.vcf", VCARDS.encode())
    job = import_jobs.create(workspace, alice.pk, folder, files)
    stranger = client_for(charlie)
    assert stranger.get(job_url(job)).status_code == 404
    assert stranger.post(job_url(job)).status_code == 404
    other = reverse("netkort:import-job", kwargs={"ws": charlies_workspace.uid, "pk": job.pk})
    assert stranger.get(other).status_code == 404, "a job is found only in its workspace"
    reader = client_for(bob)
    upload = SimpleUploadedFile("contacts.vcf", VCARDS.encode())
    assert reader.post(import_url(workspace), {"uploads": [upload]}).status_code == 404
    assert ImportJob.objects.count() == 1
    import_jobs.remove_folder(folder)


def test_an_interrupted_job_is_shown_as_failed(
    alice: User, workspace: Workspace, background: None
) -> None:
    folder, files = saved("contacts.vcf", VCARDS.encode())
    job = import_jobs.create(workspace, alice.pk, folder, files)
    runner = {"host": import_jobs.RUNNER["host"], "pid": 0, "token": "a process before"}
    ImportJob.objects.filter(pk=job.pk).update(
        state="running", options={**job.options, "runner": runner}
    )
    client = client_for(alice)
    page = client.get(job_url(job)).content.decode()
    assert "The import was interrupted" in page and "Nothing in your network was changed." in page
    job.refresh_from_db()
    assert job.state == "failed"
    assert "An import is running" not in client.get(import_url(workspace)).content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_worker_thread_runs_a_submitted_job(alice: User, workspace: Workspace) -> None:
    folder, files = saved("contacts.vcf", VCARDS.encode())
    job = import_jobs.create(workspace, alice.pk, folder, files)
    import_jobs.submit(job.pk)
    assert import_jobs.wait(60)
    job.refresh_from_db()
    assert job.state == "done", job.error
    assert job.report["files"][0]["persons_new"] == 2
    assert not folder.exists()
    if connection.vendor == "postgresql":
        # Written through a second connection while the import's transaction was open.
        assert job.stage == "finish"


def test_the_stored_report_keeps_the_skipped_rows_within_bounds(
    alice: User, workspace: Workspace
) -> None:
    lines = ["BEGIN:VCARD", "VERSION:3.0", "FN:Anne Holm", "END:VCARD"]
    lines += ["BEGIN:VCARD", "VERSION:3.0", "END:VCARD"] * 3
    folder, files = saved("mix.vcf", "\r\n".join(lines).encode())
    finished = import_jobs.run(import_jobs.create(workspace, alice.pk, folder, files).pk)
    assert finished is not None and finished.state == "done", finished.error
    entry = finished.report["files"][0]
    assert entry["skipped_total"] == len(entry["skipped"])
    json.dumps(finished.report)


def test_the_job_page_names_the_stages_in_the_order_an_import_reaches_them(
    workspace: Workspace, tmp_path: Path
) -> None:
    from netkort.services.importing import import_files
    from netkort.web.views.importing import STAGE_LABELS

    archive = tmp_path / "Basic_LinkedInDataExport.zip"
    archive.write_bytes(archive_bytes(tmp_path))
    reached: list[str] = []
    import_files(workspace, [archive], progress=lambda stage, _d, _t: reached.append(stage))
    assert Interaction.objects.filter(workspace=workspace).count() == 2
    stages = list(dict.fromkeys(reached))
    assert set(stages) <= set(STAGE_LABELS)
    assert stages == [stage for stage in STAGE_LABELS if stage in stages]
    assert {"parse", "interactions", "save", "finish"} <= set(stages)
