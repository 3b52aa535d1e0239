"""The Import page (upload, report) and the Possible duplicates page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netkort.io import sheet
from netkort.services import duplicates, import_jobs
from netkort.services.errors import NotFound, UserError
from netkort.services.importing import (
    ImportFailed,
    ImportReport,
    formats,
    import_files,
    remember_mapping,
    remembered_mapping,
    sheet_preview,
)
from netkort.store.labels import JOB_STATES
from netkort.store.models import ImportBatch, ImportJob, Workspace
from netkort.web.import_forms import DecisionForm, ImportForm
from netkort.web.views.decorators import render_page, user_of, workspace_view


def _format_choices() -> list[tuple[str, str]]:
    return [(f.name, f.label) for f in formats().values()]


def save_uploads(files: list[UploadedFile], folder: Path) -> list[tuple[Path, str]]:
    """Write uploads under safe, unique names; returns (path, name the user gave)."""
    saved: list[tuple[Path, str]] = []
    used: set[str] = set()
    for i, item in enumerate(files):
        shown = Path(item.name or "").name or f"upload-{i + 1}"
        try:
            safe = get_valid_filename(shown)[-120:]
        except Exception:
            safe = ""
        if not safe or safe in used or safe.startswith("."):
            safe = f"{i + 1}-{safe.lstrip('.') or 'upload'}"
        used.add(safe)
        path = folder / safe
        with path.open("wb") as out:
            for chunk in item.chunks():
                out.write(chunk)
        saved.append((path, shown))
    return saved


PENDING = "netkort_import_pending"


@workspace_view(write=True)
def import_page(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    choices = _format_choices()
    if request.method != "POST":
        return _import_form(request, workspace, ImportForm(formats=choices))
    form = ImportForm(request.POST, request.FILES, formats=choices)
    if not form.is_valid():
        return _import_form(request, workspace, form, status=400)
    _forget_pending(request)
    folder = import_jobs.upload_folder()
    saved = save_uploads(form.cleaned_data["uploads"], folder)
    job: dict[str, Any] = {
        "folder": str(folder),
        "files": [[str(p), name] for p, name in saved],
        "format": form.cleaned_data["format"] or "",
        "dry_run": bool(form.cleaned_data["dry_run"]),
        "mappings": {},
    }
    if _needs_mapping(workspace, job):
        request.session[PENDING] = job
        return redirect("netkort:import-map", ws=workspace.uid)
    return _run(request, workspace, job)


def _needs_mapping(workspace: Workspace, job: dict[str, Any]) -> bool:
    """Use remembered mappings; True when a spreadsheet of a new shape needs one."""
    if job["format"] not in ("", sheet.NAME):
        return False
    missing = False
    for path, _name in job["files"]:
        preview = sheet_preview(Path(path))
        if preview is None:
            continue
        known = remembered_mapping(workspace, preview.signature)
        if known is not None:
            job["mappings"][path] = known
        else:
            missing = True
    return missing


def _run(request: HttpRequest, workspace: Workspace, job: dict[str, Any]) -> HttpResponse:
    folder = Path(job["folder"])
    size = sum(Path(p).stat().st_size for p, _name in job["files"])
    if import_jobs.in_background(size):
        return _start_job(request, workspace, job)
    error, report = "", None
    try:
        report = import_files(
            workspace,
            [p for p, _name in job["files"]],
            format=job["format"] or None,
            dry_run=job["dry_run"],
            names=[name for _path, name in job["files"]],
            mappings=job["mappings"],
        )
    except ImportFailed as exc:
        error = _with_names(str(exc), folder)
    finally:
        import_jobs.remove_folder(folder)
    form = ImportForm(formats=_format_choices())
    return _import_form(request, workspace, form, report, error, status=400 if error else 200)


def _start_job(request: HttpRequest, workspace: Workspace, job: dict[str, Any]) -> HttpResponse:
    """A big upload: import it in the background and show its progress."""
    created = import_jobs.create(
        workspace,
        user_of(request).pk,
        Path(job["folder"]),
        [(Path(p), name) for p, name in job["files"]],
        format=job["format"],
        dry_run=job["dry_run"],
        mappings=job["mappings"],
    )
    # The worker's own connection must find the row: start it once it is committed.
    transaction.on_commit(lambda: import_jobs.submit(created.pk))
    return redirect("netkort:import-job", ws=workspace.uid, pk=created.pk)


@workspace_view(write=True)
def import_job(request: HttpRequest, workspace: Workspace, pk: int) -> HttpResponse:
    """A background import: its progress while it runs (polled by htmx), then the report."""
    job = ImportJob.objects.filter(workspace=workspace, pk=pk).first()
    if job is None:
        raise Http404("no such import")
    if job.state in import_jobs.LIVE_STATES and import_jobs.reap(workspace):
        job.refresh_from_db()
    progress = import_jobs.progress_of(job)
    context = {
        "job": job,
        "live": job.state in import_jobs.LIVE_STATES,
        "state_label": JOB_STATES.get(job.state, job.state),
        "stage_label": STAGE_LABELS.get(progress.stage, ""),
        "progress": progress,
        "report": job.report if job.state == "done" else None,
        "names": [f.get("name", "") for f in job.files],
    }
    if getattr(request, "htmx", False):
        return render_page(request, workspace, "netkort/importing/_job.html", context)
    return render_page(request, workspace, "netkort/importing/job.html", context, nav="import")


# In the order an import goes through them: the contacts (messages, meetings) are
# matched with their people before anything is written.
STAGE_LABELS = {
    "parse": gettext_lazy("Reading the files"),
    "persons": gettext_lazy("Matching people with your network"),
    "interactions": gettext_lazy("Matching contacts with people"),
    "save": gettext_lazy("Saving people and contacts"),
    "finish": gettext_lazy("Finishing"),
}


def _import_form(
    request: HttpRequest,
    workspace: Workspace,
    form: ImportForm,
    report: ImportReport | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {
        "form": form,
        "report": report,
        "error": error,
        "recent": ImportBatch.objects.filter(workspace=workspace).order_by("-started_at")[:10],
        "pending": duplicates.count(workspace),
        "jobs": _live_jobs(workspace),
    }
    return render_page(
        request, workspace, "netkort/importing/import.html", context, nav="import", status=status
    )


def _live_jobs(workspace: Workspace) -> list[ImportJob]:
    live = ImportJob.objects.filter(workspace=workspace, state__in=import_jobs.LIVE_STATES)
    if live.exists():
        import_jobs.reap(workspace)
    return list(live.order_by("-created_at")[:5])


def _pending(request: HttpRequest) -> dict[str, Any] | None:
    job = request.session.get(PENDING)
    if not isinstance(job, dict):
        return None
    # Only folders this app made, and still there.
    if not import_jobs.is_upload_folder(Path(job.get("folder", ""))):
        return None
    return job


def _forget_pending(request: HttpRequest) -> None:
    job = _pending(request)
    if job is not None:
        import_jobs.remove_folder(Path(job["folder"]))
    request.session.pop(PENDING, None)


@workspace_view(write=True)
def import_map(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    """Preview each new spreadsheet and let the user say what its columns hold."""
    job = _pending(request)
    if job is None:
        messages.info(request, _("Choose the files to import again."))
        return redirect("netkort:import", ws=workspace.uid)
    sheets = []
    for path, name in job["files"]:
        if path in job["mappings"]:
            continue
        preview = sheet_preview(Path(path))
        if preview is not None:
            sheets.append((path, name, preview))
    if request.method == "POST":
        for i, (path, _name, preview) in enumerate(sheets):
            mapping = {
                header: request.POST.get(f"s{i}-c{j}", "")
                for j, header in enumerate(preview.headers)
            }
            mapping = {h: f for h, f in mapping.items() if f in sheet.FIELDS}
            job["mappings"][path] = mapping
            remember_mapping(workspace, preview.signature, mapping)
        request.session.pop(PENDING, None)
        return _run(request, workspace, job)
    context = {
        "sheets": [
            {
                "index": i,
                "name": name,
                "preview": preview,
                "columns": [
                    (j, header, preview.mapping.get(header, ""), [row[j] for row in preview.rows])
                    for j, header in enumerate(preview.headers)
                ],
            }
            for i, (path, name, preview) in enumerate(sheets)
        ],
        "fields": [("", _("(leave out)")), *[(f, FIELD_LABELS.get(f, f)) for f in sheet.FIELDS]],
    }
    return render_page(request, workspace, "netkort/importing/map.html", context, nav="import")


FIELD_LABELS = {
    "display_name": gettext_lazy("Full name"),
    "given_name": gettext_lazy("Given name"),
    "family_name": gettext_lazy("Family name"),
    "emails": gettext_lazy("E-mail"),
    "phones": gettext_lazy("Phone"),
    "organisation": gettext_lazy("Organisation"),
    "title": gettext_lazy("Title"),
    "industry": gettext_lazy("Industry"),
    "location": gettext_lazy("Location"),
    "schools": gettext_lazy("Education (schools)"),
    "linkedin_url": gettext_lazy("LinkedIn profile"),
    "urls": gettext_lazy("Web addresses"),
    "notes": gettext_lazy("Notes"),
    "how_met": gettext_lazy("How you met (kept in the notes)"),
    "tags": gettext_lazy("Tags"),
    "contexts": gettext_lazy("Where you know them from"),
    "closeness": gettext_lazy("Closeness (1–5)"),
    "birthday": gettext_lazy("Birthday"),
    "first_met": gettext_lazy("First met"),
    "connected_on": gettext_lazy("Connected on LinkedIn"),
    "netkort_id": gettext_lazy("netkort id"),
}


def _with_names(message: str, folder: Path) -> str:
    """Messages name the saved copy; the user knows the file by its own name."""
    return message.replace(str(folder) + "/", "")


@workspace_view(write=True)
def duplicates_page(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    if request.method == "POST":
        form = DecisionForm(request.POST)
        if form.is_valid():
            a, b = form.cleaned_data["a"], form.cleaned_data["b"]
            try:
                if form.cleaned_data["action"] == "separate":
                    duplicates.keep_apart(workspace, a, b)
                    messages.success(request, _("Kept apart; they will not be proposed again."))
                else:
                    kept, other = (b, a) if form.cleaned_data["keep"] == "b" else (a, b)
                    person = duplicates.merge(workspace, kept, other)
                    messages.success(
                        request, _("Merged into %(name)s.") % {"name": person.display_name}
                    )
            except NotFound:
                messages.error(request, _("One of the two persons no longer exists."))
            except UserError as exc:
                messages.error(request, str(exc))
        return redirect("netkort:duplicates", ws=workspace.uid)
    context = {"proposals": duplicates.proposals(workspace)}
    return render_page(
        request, workspace, "netkort/importing/duplicates.html", context, nav="import"
    )
