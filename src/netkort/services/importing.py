"""Importing files: parse, merge with what is stored, write in one transaction, report.

Every file is parsed before anything is written, so unreadable input changes nothing.
Then each person record is matched (``netkort.domain.matching``) against the stored
persons and the ones imported so far: an automatic match is merged field by field, a
doubtful one becomes a new person plus a proposal on the "possible duplicates" page.

Merging follows the provenance kept per field in ``Person.provenance``
(``{field: {"source": fmt, "user": bool, ...}}``):

* an empty field takes the imported value;
* a value the user typed is never overwritten; the imported one is kept beside it
  under ``"others"``;
* a value from the same source is replaced (a newer export); when the organisation
  changes, the old one goes to ``provenance["organisation"]["history"]``;
* a value from another source is kept; the imported one goes under ``"others"``.

Interactions are keyed by ``(source, external_id)``; records without an id get a hash
of their content, so importing the same file again adds nothing.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import json
import logging
import operator
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from netkort.domain.birthdays import is_yearless, yearless
from netkort.domain.emails import normalise_email
from netkort.domain.matching import Decision, Evidence, Identity, Match, Matcher
from netkort.domain.names import display_name, fold, split_name
from netkort.domain.phones import to_e164
from netkort.domain.records import (
    AssessmentRecord,
    FavourRecord,
    InteractionRecord,
    NetworkRecords,
    PersonRecord,
    TieRecord,
)
from netkort.domain.triage import Role
from netkort.io import sheet
from netkort.io.base import FORMATS, Format, FormatError, ParsedFile, Skipped, by_priority
from netkort.io.detect import detect, read_file
from netkort.io.linkedin import profile_url
from netkort.services import duplicates, outreach, search, triage
from netkort.services.errors import UserError
from netkort.services.network import write_profile
from netkort.services.organisations import OrganisationBook
from netkort.services.people import names_of_context, refresh_contact_stats, set_derived
from netkort.services.sqlite_cache import big_page_cache
from netkort.store import labels
from netkort.store.models import (
    Assessment,
    Context,
    EmailAddress,
    Favour,
    Goal,
    ImportBatch,
    Interaction,
    InteractionPerson,
    Organisation,
    Person,
    PersonContext,
    PersonTag,
    PhoneNumber,
    SheetMapping,
    Tag,
    Tie,
    Workspace,
)

log = logging.getLogger(__name__)

BATCH = 2000
# Stage name, done, total: called now and then so a terminal or page can show progress.
Progress = Callable[[str, int, int], None]

# Plain text fields merged by the rules above, with how empty looks.
TEXT_FIELDS = ("given_name", "family_name", "title", "industry", "location", "notes")
DATE_FIELDS = ("first_met", "connected_on", "birthday")
# Fields written by ``bulk_update`` for stored persons that changed.
UPDATE_FIELDS = [
    *TEXT_FIELDS,
    *DATE_FIELDS,
    "display_name",
    "organisation",
    "linkedin_url",
    "urls",
    "schools",
    "closeness",
    "is_super_connector",
    "introduced_by",
    "primary_context",
    "provenance",
    "search_text",
    "sort_key_da",
    "sort_key_en",
    "updated_at",
]


class ImportFailed(UserError):
    """A file could not be imported; nothing was written."""

    def __init__(self, message: str, path: str = "", line: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.line = line


@dataclass(slots=True)
class FileReport:
    path: str
    format: str
    label: str = ""
    persons_new: int = 0
    persons_merged: int = 0
    persons_updated: int = 0
    persons_unchanged: int = 0
    interactions_new: int = 0
    favours_new: int = 0
    proposals: int = 0
    skipped: list[Skipped] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "persons_new": self.persons_new,
            "persons_merged": self.persons_merged,
            "persons_updated": self.persons_updated,
            "persons_unchanged": self.persons_unchanged,
            "interactions_new": self.interactions_new,
            "favours_new": self.favours_new,
            "proposals": self.proposals,
            "skipped": [{"line": s.line, "reason": s.reason} for s in self.skipped],
        }

    @property
    def skipped_total(self) -> int:
        return len(self.skipped)

    @property
    def counts(self) -> dict[str, int]:
        return {k: v for k, v in self.as_dict().items() if isinstance(v, int)}


@dataclass(slots=True)
class ImportReport:
    files: list[FileReport]
    persons_total: int
    dry_run: bool = False
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def proposals(self) -> int:
        return sum(f.proposals for f in self.files)

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": [f.as_dict() for f in self.files],
            "persons_total": self.persons_total,
            "dry_run": self.dry_run,
        }


# --- Formats -----------------------------------------------------------------------------


def formats() -> dict[str, Format]:
    """Every registered format, in the order detection tries them."""
    return {fmt.name: fmt for fmt in by_priority()}


def parse_file(
    path: Path, name: str | None = None, mapping: dict[str, str] | None = None
) -> ParsedFile:
    """Parse one file; any failure becomes an ``ImportFailed`` naming the file (and line).

    A ``mapping`` (column -> field) reads the file as a spreadsheet with those columns.
    """
    known = formats()
    if name and name not in known:
        raise ImportFailed(
            _("There is no format “%(name)s”. Known formats: %(known)s.")
            % {"name": name, "known": ", ".join(known)},
            str(path),
        )
    if mapping and name not in (None, sheet.NAME):
        raise ImportFailed(
            _("A column mapping is for spreadsheets; leave out --format or use --format sheet.")
        )
    try:
        if mapping:
            return sheet.read_sheet(path, mapping)
        return read_file(path, name)
    except FormatError as exc:
        raise ImportFailed(f"{exc} " + _("Nothing was imported."), exc.path, exc.line) from exc
    except Exception as exc:
        log.warning("reading %s failed", path, exc_info=True)
        raise ImportFailed(
            _("%(path)s could not be read (%(error)s). Nothing was imported.")
            % {"path": path, "error": type(exc).__name__},
            str(path),
        ) from exc


def sheet_preview(path: Path) -> sheet.SheetPreview | None:
    """The preview of a file the import would read as a spreadsheet, else None."""
    try:
        if detect(path).name != sheet.NAME:
            return None
        return sheet.preview(path)
    except Exception:
        return None


def remembered_mapping(workspace: Workspace, signature: str) -> dict[str, str] | None:
    found = SheetMapping.objects.filter(workspace=workspace, signature=signature).first()
    return dict(found.mapping) if found else None


def remember_mapping(workspace: Workspace, signature: str, mapping: dict[str, str]) -> None:
    """Keep the mapping the user chose for the next sheet of the same shape."""
    SheetMapping.objects.update_or_create(
        workspace=workspace, signature=signature[:64], defaults={"mapping": mapping}
    )


# --- The import ---------------------------------------------------------------------------


class _DryRun(Exception):
    def __init__(self, report: ImportReport) -> None:
        self.report = report


def import_files(
    workspace: Workspace,
    paths: Sequence[Path | str],
    *,
    format: str | None = None,
    dry_run: bool = False,
    mapping: dict[str, str] | None = None,
    progress: Progress | None = None,
    names: Sequence[str] | None = None,
    mappings: dict[str, dict[str, str]] | None = None,
) -> ImportReport:
    """Import every file in one transaction and report what each did.

    ``mapping`` (column -> field) reads every file as a spreadsheet; ``mappings`` does so
    per file (by path, as given). ``names`` are the names to report and record instead
    of the paths (the web upload saves files under safe names of its own). With
    ``dry_run`` the report is the same and nothing is kept.
    """
    if not paths:
        raise ImportFailed(_("Give at least one file to import."))
    with _no_gc_pauses():
        return _import(workspace, paths, format, dry_run, mapping, progress, names, mappings)


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """Hold the cyclic garbage collector during an import.

    An import allocates hundreds of thousands of records and rows that live until it
    ends; the collector would scan them all again and again (seconds at 30,000 persons)
    without freeing anything. It runs once afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _import(
    workspace: Workspace,
    paths: Sequence[Path | str],
    format: str | None,
    dry_run: bool,
    mapping: dict[str, str] | None,
    progress: Progress | None,
    names: Sequence[str] | None,
    mappings: dict[str, dict[str, str]] | None,
) -> ImportReport:
    parsed = []
    clock = time.perf_counter()
    for i, raw in enumerate(paths):
        if progress:
            progress("parse", i, len(paths))
        own = (mappings or {}).get(str(raw)) or mapping
        parsed.append(parse_file(Path(raw), format, own))
    shown = list(names) if names else [str(p) for p in paths]
    parse_seconds = time.perf_counter() - clock
    try:
        with transaction.atomic(), big_page_cache(mebibytes=256):
            report = _Importer(workspace, progress).run(parsed, shown, dry_run)
            if dry_run:
                raise _DryRun(report)
    except _DryRun as done:
        report = done.report
    report.timings = {"parse": round(parse_seconds, 3), **report.timings}
    return report


@dataclass(slots=True, eq=False)
class _Slot:
    """One person being imported into: a stored one or a new one, with pending rows."""

    person: Any  # a Person (new, or stored and changed) or a _Row (stored)
    new: bool
    sources: set[str]  # the sources the person had before this import
    emails: list[str]
    phones: list[str]
    tags: set[str]
    contexts: set[int]
    org_name: str = ""
    introducer: int | None = None  # the slot of the person who introduced them
    # Sources that described the person earlier in this import: a second record from the
    # same source only fills gaps, so that the import does not depend on record order.
    described_by: set[str] = field(default_factory=set)
    changed: bool = False
    touched: bool = False  # a stored person whose contact stats may have changed
    new_emails: list[tuple[str, str]] = field(default_factory=list)  # (address, label)
    new_phones: list[tuple[str, str]] = field(default_factory=list)  # (e164, raw)
    new_tags: list[str] = field(default_factory=list)
    new_contexts: list[int] = field(default_factory=list)
    # A new person's interactions in this import: their count and the latest.
    contacts: int = 0
    last_contact: datetime | None = None


@dataclass(slots=True)
class _Planned:
    """The new interactions of one file: rows to insert, and the slots each names."""

    source: str
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    people: dict[str, list[int]] = field(default_factory=dict)  # external id -> slots


# New persons from which the search index is filled in one statement after inserting.
BULK_INDEX = 1_000


class _Employed:
    """The organisation of a person being imported, kept in step with its id."""

    _organisation: Organisation | None
    organisation_id: int | None

    @property
    def organisation(self) -> Organisation | None:
        return self._organisation

    @organisation.setter
    def organisation(self, org: Organisation | None) -> None:
        self._organisation = org
        self.organisation_id = org.pk if org else None


class _Row(_Employed):
    """A stored person's fields as the import reads and changes them."""

    COLUMNS = (
        "id",
        *TEXT_FIELDS,
        *DATE_FIELDS,
        "display_name",
        "linkedin_url",
        "urls",
        "schools",
        "closeness",
        "is_super_connector",
        "provenance",
        "primary_context_id",
        "introduced_by_id",
        "organisation_id",
        "organisation__name",
    )

    def __init__(self, values: tuple[Any, ...]) -> None:
        data = dict(zip(self.COLUMNS, values, strict=True))
        self.pk: int = data.pop("id")
        self.org_name: str = data.pop("organisation__name") or ""
        self.provenance: dict[str, Any] = data.pop("provenance") or {}
        self.urls: list[str] = data.pop("urls") or []
        self._organisation: Organisation | None = None
        self.__dict__.update(data)

    def as_person(self, workspace: Workspace) -> Person:
        fields = {
            c: getattr(self, c) for c in self.COLUMNS if c not in ("id", "organisation__name")
        }
        person = Person(id=self.pk, workspace=workspace, **fields)
        if self._organisation is not None:
            person.organisation = self._organisation
        return person


class _NewPerson(_Employed):
    """A person this import creates: a Person's fields without a model instance's cost
    (30,000 instances take seconds); ``_insert_persons`` writes them and sets ``pk``."""

    def __init__(self, workspace_id: int, **values: Any) -> None:
        self.__dict__.update(_person_defaults())
        self.pk: int | None = None
        self.workspace_id = workspace_id
        self._organisation: Organisation | None = None
        for name, value in values.items():
            setattr(self, name, value)


@functools.cache
def _person_default_values() -> tuple[dict[str, Any], tuple[str, ...]]:
    """A new person's field values, and the names of those that need a fresh copy."""
    values = {f.attname: f.get_default() for f in Person._meta.concrete_fields if not f.primary_key}
    mutable = tuple(name for name, value in values.items() if isinstance(value, list | dict))
    return values, mutable


def _person_defaults() -> dict[str, Any]:
    """A new person's field values (fresh lists and dicts for the JSON fields)."""
    values, mutable = _person_default_values()
    fresh = dict(values)
    for name in mutable:
        fresh[name] = fresh[name].copy()
    return fresh


class _Importer:
    def __init__(self, workspace: Workspace, progress: Progress | None) -> None:
        self.ws = workspace
        self.region = workspace.default_region
        self.progress = progress
        self.today = timezone.localdate().isoformat()
        self.slots: list[_Slot] = []
        self.by_pk: dict[int, int] = {}
        self.timings: dict[str, float] = {}
        self._clock = time.perf_counter()
        self.matcher = Matcher()
        self.proposals: list[tuple[int, int, Evidence]] = []
        self.known: dict[str, set[str]] = {}  # source -> external ids of interactions
        self.contexts: dict[str, int] = {}
        self.context_names: dict[str, int] = {}
        for ctx in Context.objects.filter(workspace=workspace):
            if ctx.key:
                self.contexts[ctx.key] = ctx.pk
            for name in names_of_context(ctx):
                self.context_names.setdefault(name, ctx.pk)
        self._load_stored()

    # Loading ----------------------------------------------------------------------------

    def _load_stored(self) -> None:
        emails: dict[int, list[str]] = {}
        for pid, address in EmailAddress.objects.filter(workspace=self.ws).values_list(
            "person_id", "address"
        ):
            emails.setdefault(pid, []).append(address)
        phones: dict[int, list[str]] = {}
        for pid, e164 in PhoneNumber.objects.filter(workspace=self.ws).values_list(
            "person_id", "e164"
        ):
            phones.setdefault(pid, []).append(e164)
        tags: dict[int, set[str]] = {}
        for pid, name in PersonTag.objects.filter(workspace=self.ws).values_list(
            "person_id", "tag__name"
        ):
            tags.setdefault(pid, set()).add(name)
        contexts: dict[int, set[int]] = {}
        for pid, cid in PersonContext.objects.filter(workspace=self.ws).values_list(
            "person_id", "context_id"
        ):
            contexts.setdefault(pid, set()).add(cid)
        # Plain rows, not model instances: 30,000 instances cost seconds, and only the
        # persons an import changes need one (``_Row.as_person``).
        stored = Person.objects.filter(workspace=self.ws).order_by("pk").values_list(*_Row.COLUMNS)
        for values in stored.iterator(chunk_size=BATCH):
            row = _Row(values)
            slot = _Slot(
                person=row,
                new=False,
                sources=_sources_of(row.provenance),
                emails=emails.get(row.pk, []),
                phones=phones.get(row.pk, []),
                tags=tags.get(row.pk, set()),
                contexts=contexts.get(row.pk, set()),
                org_name=row.org_name,
            )
            ref = len(self.slots)
            self.slots.append(slot)
            self.by_pk[row.pk] = ref
            self.matcher.add(ref, self._identity_of(slot, slot.sources))

    def _identity_of(self, slot: _Slot, sources: Iterable[str] = ()) -> Identity:
        p = slot.person
        return Identity(
            given=fold(p.given_name),
            family=fold(p.family_name),
            organisation=fold(slot.org_name),
            linkedin=p.linkedin_url,
            emails=frozenset(slot.emails),
            phones=frozenset(slot.phones),
            sources=frozenset(sources),
        )

    # Running ----------------------------------------------------------------------------

    def run(self, parsed: list[ParsedFile], shown: list[str], dry_run: bool) -> ImportReport:
        started = timezone.now()
        self._lap("load")
        self._prepare_organisations(parsed)
        self._lap("organisations")
        files: list[tuple[ParsedFile, FileReport, dict[str, int]]] = []
        for pf, name in zip(parsed, shown, strict=True):
            label = FORMATS[pf.format].label if pf.format in FORMATS else pf.format
            report = FileReport(path=name, format=pf.format, label=label, skipped=list(pf.skipped))
            if pf.records.assessments:
                self._closeness_from_goal_sheet(pf.records)
            keys = self._merge_persons(pf.records.persons, pf.format, report)
            files.append((pf, report, keys))
        # New interactions are known before persons are written: a new person's contact
        # stats come from them (``_plan_interactions``), not from a pass over the database.
        plans = [
            self._plan_interactions(pf.records.interactions, pf.format, k) for pf, _r, k in files
        ]
        self._lap("match")
        if self.progress:
            self.progress("save", 0, 0)
        self._write_persons()
        self._lap("write persons")
        for (pf, report, keys), plan in zip(files, plans, strict=True):
            report.interactions_new = self._insert_interactions(plan)
            report.favours_new = self._write_favours(pf.records.favours, pf.format, keys)
            self._write_ties(pf.records.ties, keys)
            if pf.records.profile is not None:
                write_profile(self.ws, pf.records.profile, self.book)
            if pf.records.assessments:
                self._apply_assessments(pf.records, report)
        self._lap("write interactions")
        report_files = [r for _pf, r, _keys in files]
        if self.progress:
            self.progress("finish", 0, 0)
        self._store_proposals(report_files)
        self._lap("proposals")
        self._refresh_touched()
        self._lap("contact stats")
        for (pf, report, _keys), name in zip(files, shown, strict=True):
            self._record_batch(pf, report, name, started)
        total = Person.objects.filter(workspace=self.ws).count()
        return ImportReport(report_files, total, dry_run, self.timings)

    def _lap(self, stage: str) -> None:
        """Seconds spent per stage, for the benchmark and the log."""
        now = time.perf_counter()
        self.timings[stage] = round(now - self._clock, 3)
        self._clock = now

    def _tick(self, stage: str, done: int, total: int) -> None:
        if self.progress and (done % 1000 == 0 or done == total):
            self.progress(stage, done, total)

    def _prepare_organisations(self, parsed: list[ParsedFile]) -> None:
        """Create the missing organisations in bulk; the book then only looks them up."""
        names: dict[str, str] = {}
        for pf in parsed:
            for org in pf.records.organisations:
                names.setdefault(fold(org.name), " ".join(org.name.split()))
            for rec in pf.records.persons:
                if rec.organisation.strip():
                    names.setdefault(fold(rec.organisation), " ".join(rec.organisation.split()))
        names.pop("", None)
        known: set[str] = set()
        for folded, aliases in Organisation.objects.filter(workspace=self.ws).values_list(
            "name_folded", "aliases"
        ):
            known.add(folded)
            known.update(fold(a) for a in aliases)
        missing = [name for key, name in names.items() if key not in known]
        Organisation.objects.bulk_create(
            [
                Organisation(workspace=self.ws, name=n[:300], name_folded=fold(n[:300]))
                for n in missing
            ],
            batch_size=BATCH,
            ignore_conflicts=True,
        )
        self.book = OrganisationBook(self.ws)
        self.orgs: dict[str, Organisation] = {}
        for stored in Organisation.objects.filter(workspace=self.ws):
            self.orgs.setdefault(stored.name_folded, stored)
            for alias in stored.aliases:
                self.orgs.setdefault(fold(alias), stored)
        for pf in parsed:
            for org in pf.records.organisations:
                self.book.get(org.name, org.industry, org.aliases)

    def organisation(self, name: str, industry: str = "") -> Organisation | None:
        """The organisation of that name (created in bulk beforehand), or None."""
        if not name.strip():
            return None
        org = self.orgs.get(fold(" ".join(name.split())))
        if org is None or (industry and not org.industry):
            org = self.book.get(name, industry)
        return org

    # Persons ----------------------------------------------------------------------------

    def _merge_persons(
        self, recs: list[PersonRecord], source: str, report: FileReport
    ) -> dict[str, int]:
        keys: dict[str, int] = {}
        for i, rec in enumerate(recs):
            self._tick("persons", i + 1, len(recs))
            emails = _emails(rec.emails)
            phones = self._phones(rec.phones)
            linkedin = profile_url(rec.linkedin_url) if rec.linkedin_url else ""
            given, family, shown = _names(rec)
            if not shown:
                report.skipped.append(Skipped(None, _("A person without a name was left out.")))
                continue
            identity = Identity(
                given=fold(given),
                family=fold(family),
                organisation=fold(rec.organisation),
                linkedin=linkedin,
                emails=frozenset(emails),
                phones=frozenset(e for e, _ in phones),
            )
            found = self.matcher.match(identity, source=source)
            edited = rec.netkort_id is not None and rec.netkort_id in self.by_pk
            if edited and rec.netkort_id is not None:
                # An edited netkort export names its persons by id.
                found = Match(Decision.AUTO, self.by_pk[rec.netkort_id])
            if found.decision is Decision.AUTO and isinstance(found.ref, int):
                ref = found.ref
                self._merge_into(
                    self.slots[ref], rec, source, emails, phones, linkedin, report, edited=edited
                )
            else:
                ref = self._new_slot(rec, source, emails, phones, linkedin, (given, family, shown))
                report.persons_new += 1
            for cand in found.proposals:
                if isinstance(cand.ref, int) and cand.ref != ref:
                    self.proposals.append((cand.ref, ref, cand.evidence))
            self.matcher.add(ref, identity)
            keys[rec.key] = ref
        for rec in recs:
            self._introduce(rec, keys)
        return keys

    def _phones(self, raw: list[str]) -> list[tuple[str, str]]:
        out: dict[str, str] = {}
        for number in raw:
            e164 = _e164(number.strip(), self.region) if number.strip() else None
            if e164:
                out.setdefault(e164, number.strip())
        return list(out.items())

    def _new_slot(
        self,
        rec: PersonRecord,
        source: str,
        emails: list[str],
        phones: list[tuple[str, str]],
        linkedin: str,
        names: tuple[str, str, str],
    ) -> int:
        given, family, shown = names
        org = self.organisation(rec.organisation, rec.industry)
        person: Any = _NewPerson(
            self.ws.pk,
            given_name=given[:200],
            family_name=family[:200],
            display_name=shown[:400],
            organisation=org,
            title=rec.title.strip()[:300],
            industry=rec.industry.strip()[:200],
            location=rec.location.strip()[:200],
            linkedin_url=linkedin[:400],
            urls=list(dict.fromkeys(rec.urls)),
            schools=list(dict.fromkeys(rec.schools)),
            notes=rec.notes,
            closeness=int(rec.closeness) if rec.closeness is not None else None,
            is_super_connector=rec.super_connector,
            first_met=rec.first_met,
            connected_on=rec.connected_on,
            birthday=_birthday(rec),
        )
        mine = {"source": source, "user": False}
        person.provenance = {f: dict(mine) for f in _fields_given(rec, linkedin, emails, phones)}
        slot = _Slot(person, True, set(), [], [], set(), set(), org.name if org else "")
        slot.described_by.add(source)
        self._add_lists(slot, rec, emails, phones)
        self.slots.append(slot)
        return len(self.slots) - 1

    def _merge_into(
        self,
        slot: _Slot,
        rec: PersonRecord,
        source: str,
        emails: list[str],
        phones: list[tuple[str, str]],
        linkedin: str,
        report: FileReport,
        *,
        edited: bool = False,
    ) -> None:
        known_source = source in slot.sources
        before = slot.changed
        slot.changed = False
        fields = _Fields(
            slot, source, self.today, fill_only=source in slot.described_by, edited=edited
        )
        slot.described_by.add(source)
        given, family, _shown = _names(rec)
        # The organisation first: its history keeps the title held there.
        fields.organisation(rec.organisation, self)
        fields.text("given_name", given)
        fields.text("family_name", family)
        for name in TEXT_FIELDS[2:]:
            fields.text(name, getattr(rec, name).strip())
        fields.value("linkedin_url", linkedin)
        for name in DATE_FIELDS:
            fields.value(name, _birthday(rec) if name == "birthday" else getattr(rec, name))
        fields.value("closeness", int(rec.closeness) if rec.closeness is not None else None)
        if rec.super_connector:
            fields.value("is_super_connector", True)
        new_urls = [u for u in rec.urls if u not in slot.person.urls]
        if new_urls:
            slot.person.urls = [*slot.person.urls, *new_urls]
            fields.mark("urls")
        new_schools = [s for s in rec.schools if s not in (slot.person.schools or [])]
        if new_schools:
            slot.person.schools = [*(slot.person.schools or []), *new_schools]
            fields.mark("schools")
        self._add_lists(slot, rec, emails, phones, fields)
        if fields.changed:
            _refresh_display_name(slot.person, fields)
        changed = slot.changed or fields.changed
        if slot.new:
            report.persons_merged += 1
        elif changed:
            if known_source:
                report.persons_updated += 1
            else:
                report.persons_merged += 1
        else:
            report.persons_unchanged += 1
        slot.changed = before or changed
        # Contact stats need refreshing only where interactions change (set below).
        slot.touched = slot.touched or changed

    def _add_lists(
        self,
        slot: _Slot,
        rec: PersonRecord,
        emails: list[str],
        phones: list[tuple[str, str]],
        fields: _Fields | None = None,
    ) -> None:
        for address in emails:
            if address not in slot.emails:
                slot.emails.append(address)
                slot.new_emails.append((address, ""))
                if fields is not None:
                    fields.mark("emails")
        for e164, raw in phones:
            if e164 not in slot.phones:
                slot.phones.append(e164)
                slot.new_phones.append((e164, raw))
                if fields is not None:
                    fields.mark("phones")
        for tag in rec.tags:
            name = " ".join(tag.split())[:100]
            if name and name not in slot.tags:
                slot.tags.add(name)
                slot.new_tags.append(name)
                if fields is not None:
                    fields.mark("tags")
        wanted = [self.contexts.get(str(key)) for key in rec.contexts]
        wanted += [self._context_named(name) for name in rec.context_names]
        for cid in wanted:
            if cid is not None and cid not in slot.contexts:
                slot.contexts.add(cid)
                slot.new_contexts.append(cid)
                if slot.person.primary_context_id is None:
                    slot.person.primary_context_id = cid
                if fields is not None:
                    fields.mark("contexts")

    def _context_named(self, name: str) -> int | None:
        """The context of that key or name (in any language); a new one of the user's own."""
        key = fold(name)
        if not key:
            return None
        if key not in self.context_names:
            last = Context.objects.filter(workspace=self.ws).order_by("-position").first()
            ctx = Context.objects.create(
                workspace=self.ws,
                name=" ".join(name.split())[:100],
                position=(last.position + 1) if last else 0,
            )
            self.context_names[key] = ctx.pk
        return self.context_names[key]

    def _introduce(self, rec: PersonRecord, keys: dict[str, int]) -> None:
        if not rec.introduced_by or rec.key not in keys or rec.introduced_by not in keys:
            return
        slot, by = self.slots[keys[rec.key]], keys[rec.introduced_by]
        if slot is self.slots[by] or slot.person.introduced_by_id or slot.introducer is not None:
            return
        slot.introducer = by
        slot.changed = True

    def _write_persons(self) -> None:
        now = timezone.now()
        new = [s for s in self.slots if s.new]
        for slot in new:
            set_derived(slot.person, slot.org_name, slot.emails)
            # Every interaction of a new person is one of this import's.
            slot.person.interaction_count = slot.contacts
            slot.person.last_contact_at = slot.last_contact
        with search.indexed_after(many=len(new) > BULK_INDEX):
            _insert_persons([s.person for s in new])
        # Introductions point at persons who may only now have an id.
        introduced = [s for s in self.slots if s.introducer is not None]
        for slot in introduced:
            slot.person.introduced_by_id = self.slots[slot.introducer].person.pk  # type: ignore[index]
        _update_introducers([(s.person.introduced_by_id, s.person.pk) for s in introduced if s.new])
        changed = []
        for slot in self.slots:
            if not slot.new and slot.changed:
                slot.person = slot.person.as_person(self.ws)
                set_derived(slot.person, slot.org_name, slot.emails)
                changed.append(slot.person)
        for person in changed:
            person.updated_at = now
        Person.objects.bulk_update(changed, UPDATE_FIELDS, batch_size=500)
        self._write_contact_points()
        self._write_tags()
        _insert(
            PersonContext,
            ["workspace", "person", "context"],
            [(self.ws.pk, s.person.pk, c) for s in self.slots for c in s.new_contexts],
        )

    def _write_contact_points(self) -> None:
        # Plain rows and executemany: model instances cost more than the inserts.
        ws = self.ws.pk
        mails: list[tuple[Any, ...]] = []
        phones: list[tuple[Any, ...]] = []
        for slot in self.slots:
            pk = slot.person.pk
            if slot.new_emails:
                start = len(slot.emails) - len(slot.new_emails)
                for i, (address, label) in enumerate(slot.new_emails):
                    mails.append((ws, pk, address[:320], label[:50], start + i))
            if slot.new_phones:
                start = len(slot.phones) - len(slot.new_phones)
                for i, (e164, raw) in enumerate(slot.new_phones):
                    phones.append((ws, pk, e164[:32], raw[:100], "", start + i))
        _insert(EmailAddress, ["workspace", "person", "address", "label", "position"], mails)
        _insert(PhoneNumber, ["workspace", "person", "e164", "raw", "label", "position"], phones)

    def _write_tags(self) -> None:
        names = sorted({t for s in self.slots for t in s.new_tags})
        if not names:
            return
        tags = {t.name: t for t in Tag.objects.filter(workspace=self.ws, name__in=names)}
        Tag.objects.bulk_create(
            [Tag(workspace=self.ws, name=n) for n in names if n not in tags], batch_size=BATCH
        )
        tags = {t.name: t for t in Tag.objects.filter(workspace=self.ws, name__in=names)}
        _insert(
            PersonTag,
            ["workspace", "person", "tag"],
            [(self.ws.pk, s.person.pk, tags[t].pk) for s in self.slots for t in s.new_tags],
        )

    # Interactions, favours, ties --------------------------------------------------------------

    def _plan_interactions(
        self, recs: list[InteractionRecord], source: str, keys: dict[str, int]
    ) -> _Planned:
        """The rows of the interactions not stored yet, and the persons (slots) of each.

        Counts them for the new persons they name (``_Slot.contacts``) and marks the
        stored ones, whose contact stats are refreshed from the database afterwards.
        """
        known = self._known_interactions(source)
        adapt = _datetime_adapter()
        now = adapt(timezone.now())
        ws, slots, total, tick = self.ws.pk, self.slots, len(recs), self._tick
        plan = _Planned(source)
        rows, people = plan.rows, plan.people
        for i, rec in enumerate(recs, 1):
            if i % 1000 == 0:
                tick("interactions", i, total)
            if len(rec.person_keys) == 1:
                ref = keys.get(rec.person_keys[0])
                refs = [] if ref is None else [ref]
            else:
                refs = list(dict.fromkeys(keys[k] for k in rec.person_keys if k in keys))
            if not refs:
                continue
            external = rec.external_id[:300] or _content_id(rec)
            if external in known:
                continue
            known.add(external)
            moment = rec.occurred_at
            row = (ws, adapt(moment), rec.channel.value, rec.direction.value, rec.summary)
            rows.append((*row, None, False, "", source, external, now))
            people[external] = refs
            for ref in refs:
                slot = slots[ref]
                if not slot.new:
                    slot.touched = True
                    continue
                slot.contacts += 1
                if moment.tzinfo is None:
                    moment = _aware(moment)
                if slot.last_contact is None or moment > slot.last_contact:
                    slot.last_contact = moment
        tick("interactions", total, total)
        return plan

    def _known_interactions(self, source: str) -> set[str]:
        """External ids of the source's interactions, stored or planned in this import."""
        known = self.known.get(source)
        if known is None:
            known = self.known[source] = set(
                Interaction.objects.filter(workspace=self.ws, source=source)
                .exclude(external_id="")
                .values_list("external_id", flat=True)
            )
        return known

    def _insert_interactions(self, plan: _Planned) -> int:
        """Insert the planned interactions and their links to persons; how many."""
        if not plan.rows:
            return 0
        # Plain executemany: building 150,000 model instances costs more than the insert.
        ids: Sequence[int] | None = _insert_numbered(Interaction, INTERACTION_COLUMNS, plan.rows)
        if ids is None:
            by_external = dict(
                Interaction.objects.filter(workspace=self.ws, source=plan.source)
                .exclude(external_id="")
                .values_list("external_id", "id")
            )
            ids = [by_external[external] for external in plan.people]
        ws, pks = self.ws.pk, [slot.person.pk for slot in self.slots]
        # ``people`` lists the interactions in the order of their rows.
        links = [
            (ws, pk, pks[ref])
            for pk, refs in zip(ids, plan.people.values(), strict=True)
            for ref in refs
        ]
        _insert(InteractionPerson, ["workspace", "interaction", "person"], links)
        return len(plan.rows)

    def _write_favours(self, recs: list[FavourRecord], source: str, keys: dict[str, int]) -> int:
        known = set(
            Favour.objects.filter(workspace=self.ws, source=source).values_list(
                "external_id", flat=True
            )
        )
        objs = []
        for rec in recs:
            if rec.person_key not in keys:
                continue
            slot = self.slots[keys[rec.person_key]]
            external = rec.external_id[:300] or _hash(
                rec.on.isoformat(), rec.direction.value, rec.kind.value, rec.note,
                fold(slot.person.display_name),
            )  # fmt: skip
            if external in known:
                continue
            known.add(external)
            slot.touched = True
            objs.append(
                Favour(
                    workspace=self.ws,
                    person_id=slot.person.pk,
                    direction=rec.direction.value,
                    kind=rec.kind.value,
                    on=rec.on,
                    note=rec.note,
                    source=source,
                    external_id=external,
                )
            )
        Favour.objects.bulk_create(objs, batch_size=BATCH)
        return len(objs)

    def _write_ties(self, recs: list[TieRecord], keys: dict[str, int]) -> None:
        if not recs:
            return
        have = set(Tie.objects.filter(workspace=self.ws).values_list("a_id", "b_id"))
        objs = []
        for rec in recs:
            if rec.a not in keys or rec.b not in keys:
                continue
            a, b = self.slots[keys[rec.a]].person, self.slots[keys[rec.b]].person
            if a.pk == b.pk:
                continue
            low, high = sorted((a, b), key=lambda p: p.pk)
            if (low.pk, high.pk) in have:
                continue
            have.add((low.pk, high.pk))
            objs.append(
                Tie(
                    workspace=self.ws,
                    a_id=low.pk,
                    b_id=high.pk,
                    source=rec.source.value,
                    strength=rec.strength,
                )
            )
        Tie.objects.bulk_create(objs, batch_size=BATCH)

    # The Goal sheet of an edited workbook ------------------------------------------------------

    def _closeness_from_goal_sheet(self, records: NetworkRecords) -> None:
        """A closeness edited on the Goal sheet (and not on the People sheet) goes to the
        person's People sheet row, to be applied as an edit there is."""
        edited = {a.netkort_id: a.closeness for a in records.assessments if a.closeness}
        for rec in records.persons:
            wanted = edited.get(rec.netkort_id) if rec.netkort_id is not None else None
            if wanted is None or rec.netkort_id not in self.by_pk:
                continue
            stored = self.slots[self.by_pk[rec.netkort_id]].person.closeness
            if wanted != stored and rec.closeness in (None, stored):
                rec.closeness = wanted

    def _apply_assessments(self, records: NetworkRecords, report: FileReport) -> None:
        """Apply the edited Goal sheet rows of stored persons; count them as updated."""
        known = {pid for pid in (r.netkort_id for r in records.assessments) if pid in self.by_pk}
        changed = apply_assessments(self.ws, records.assessments, known, report.skipped)
        on_people_sheet = {r.netkort_id for r in records.persons if r.netkort_id is not None}
        for pid in changed:
            slot = self.slots[self.by_pk[pid]]
            if pid in on_people_sheet and slot.changed:
                continue  # already counted for the People sheet's edits
            if pid in on_people_sheet and report.persons_unchanged:
                report.persons_unchanged -= 1
            report.persons_updated += 1
            slot.touched = True

    # Finishing ----------------------------------------------------------------------------------

    def _store_proposals(self, files: list[FileReport]) -> None:
        pairs = []
        for a, b, ev in self.proposals:
            pa, pb = self.slots[a].person, self.slots[b].person
            if pa.pk != pb.pk:
                pairs.append((pa.pk, pb.pk, ev))
        added = duplicates.add_proposals(self.ws, pairs)
        # Proposals belong to the file that raised them; one import usually has one file.
        if files:
            files[-1].proposals += added

    def _refresh_touched(self) -> None:
        """Contact stats of the stored persons this import changed; new persons have theirs."""
        ids = [s.person.pk for s in self.slots if s.touched and not s.new]
        if not ids:
            return
        if len(ids) * 2 > len(self.slots):
            refresh_contact_stats(self.ws)
            return
        for start in range(0, len(ids), 500):
            refresh_contact_stats(self.ws, ids[start : start + 500])

    def _record_batch(
        self, pf: ParsedFile, report: FileReport, name: str, started: datetime
    ) -> None:
        ImportBatch.objects.create(
            workspace=self.ws,
            file_name=Path(name).name[:500],
            sha256=_sha256(Path(pf.path)),
            format=pf.format,
            status="done",
            counts=report.counts,
            problems=[{"line": s.line, "reason": s.reason} for s in report.skipped[:1000]],
            started_at=started,
            finished_at=timezone.now(),
        )


class _Fields:
    """Applies one record's values to a stored person by the provenance rules."""

    def __init__(
        self,
        slot: _Slot,
        source: str,
        today: str,
        *,
        fill_only: bool = False,
        edited: bool = False,
    ) -> None:
        self.slot = slot
        self.fill_only = fill_only
        # A row of the user's own netkort export, edited: what differs is what they typed.
        self.edited = edited
        self.person = slot.person
        self.source = source
        self.today = today
        self.changed = False

    def _prov(self, name: str) -> dict[str, Any]:
        entry = self.person.provenance.get(name)
        return entry if isinstance(entry, dict) else {}

    def mark(self, name: str) -> None:
        entry = self._prov(name)
        if not entry:
            self.person.provenance[name] = {"source": self.source, "user": False}
        self.changed = True

    def _seen(self, name: str) -> None:
        """The value was already there: remember that this source agrees."""
        entry = self._prov(name)
        if not entry or entry.get("source") == self.source:
            return
        also = entry.setdefault("also", [])
        if self.source not in also:
            also.append(self.source)
            self.slot.changed = True

    def _other(self, name: str, value: object) -> None:
        """Keep a value that lost to the stored one beside it."""
        entry = self.person.provenance.setdefault(name, {"source": "", "user": False})
        others = entry.setdefault("others", [])
        shown = str(value)
        if not any(o.get("value") == shown for o in others):
            others.append({"value": shown, "source": self.source})
            self.slot.changed = True

    def _wins(self, name: str) -> bool:
        """Whether an imported value may replace the stored, different one."""
        if self.edited:
            return True
        entry = self._prov(name)
        if entry.get("user") or self.fill_only:
            return False
        return not entry or entry.get("source") == self.source

    def text(self, name: str, value: str) -> None:
        value = value.strip() if name != "notes" else value
        if not value:
            return
        current = getattr(self.person, name)
        if current == value or (name != "notes" and fold(current) == fold(value) and current):
            self._seen(name)
        elif not current or self._wins(name):
            setattr(self.person, name, value)
            self.person.provenance[name] = {
                **self._prov(name),
                "source": self.source,
                "user": self.edited,
            }
            self.changed = True
        else:
            self._other(name, value)

    def value(self, name: str, value: object) -> None:
        if value is None or value == "":
            return
        current = getattr(self.person, name)
        if (
            name == "birthday"
            and isinstance(current, date)
            and isinstance(value, date)
            and (current.month, current.day) == (value.month, value.day)
        ):
            # The same day; a year known on one side is kept, or filled in.
            if is_yearless(value) or not is_yearless(current) or self._prov(name).get("user"):
                self._seen(name)
                return
            current = None
        if current == value:
            self._seen(name)
        elif current in (None, "", False) or self._wins(name):
            setattr(self.person, name, value)
            self.person.provenance[name] = {
                **self._prov(name),
                "source": self.source,
                "user": self.edited,
            }
            self.changed = True
        else:
            self._other(name, value.isoformat() if isinstance(value, date) else value)

    def organisation(self, name: str, importer: _Importer) -> None:
        name = " ".join(name.split())
        if not name:
            return
        if fold(name) == fold(self.slot.org_name):
            self._seen("organisation")
            return
        if self.slot.org_name and not self._wins("organisation"):
            self._other("organisation", name)
            return
        entry = self._prov("organisation")
        if self.slot.org_name:
            # An employer change: the history is a signal (a new job, a new door).
            history = entry.setdefault("history", [])
            history.append(
                {
                    "organisation": self.slot.org_name,
                    "title": self.person.title,
                    "until": self.today,
                    "source": entry.get("source", ""),
                }
            )
        org = importer.organisation(name)
        self.person.organisation = org
        self.slot.org_name = org.name if org else ""
        self.person.provenance["organisation"] = {
            **entry,
            "source": self.source,
            "user": self.edited,
        }
        self.changed = True


def _refresh_display_name(person: Person, fields: _Fields) -> None:
    if fields._prov("display_name").get("user"):
        return
    shown = display_name(person.given_name, person.family_name)
    if shown and shown != person.display_name:
        person.display_name = shown[:400]


def _birthday(rec: PersonRecord) -> date | None:
    """The birthday, or one known without a year in its stored form (``domain.birthdays``)."""
    if rec.birthday is None and rec.birthday_month_day is not None:
        return yearless(*rec.birthday_month_day)
    return rec.birthday


def _names(rec: PersonRecord) -> tuple[str, str, str]:
    given, family = rec.given_name.strip(), rec.family_name.strip()
    shown = " ".join(rec.display_name.split())
    if not (given or family) and shown:
        given, family = split_name(shown)
    shown = shown or display_name(given, family)
    if not shown:
        shown = next((e for e in rec.emails if e.strip()), "") or rec.organisation.strip()
    return given, family, shown


_to_e164 = functools.lru_cache(maxsize=1 << 16)(to_e164)
# A Danish number as phones write it ("20 12 34 56", "+45 20123456"): eight digits,
# the first 2-9. ``to_e164`` gives "+45" and the digits for these (tests/test_import_speed.py)
# and takes a hundred times longer to say so.
_DANISH_NUMBER = re.compile(r"(?:\+45 ?)?([2-9][0-9](?: ?[0-9]){6})")


def _e164(number: str, region: str) -> str | None:
    if region == "DK":
        plain = _DANISH_NUMBER.fullmatch(number)
        if plain:
            return "+45" + plain[1].replace(" ", "")
    return _to_e164(number, region)


_email = functools.lru_cache(maxsize=1 << 16)(normalise_email)


def _emails(raw: list[str]) -> list[str]:
    return list(dict.fromkeys(a for a in (_email(e.strip()) for e in raw if e.strip()) if a))


def _fields_given(
    rec: PersonRecord, linkedin: str, emails: list[str], phones: list[tuple[str, str]]
) -> list[str]:
    out = [f for f in (*TEXT_FIELDS, *DATE_FIELDS) if getattr(rec, f)]
    if rec.birthday is None and rec.birthday_month_day is not None:
        out.append("birthday")
    out.append("display_name")
    extra = {
        "organisation": rec.organisation.strip(),
        "linkedin_url": linkedin,
        "emails": emails,
        "phones": phones,
        "tags": rec.tags,
        "contexts": rec.contexts or rec.context_names,
        "urls": rec.urls,
        "schools": rec.schools,
        "closeness": rec.closeness,
    }
    return out + [k for k, v in extra.items() if v]


def _sources_of(provenance: dict[str, Any]) -> set[str]:
    out: set[str] = set()
    for entry in provenance.values():
        if isinstance(entry, dict):
            if entry.get("source"):
                out.add(str(entry["source"]))
            out.update(str(s) for s in entry.get("also", []))
    return out


INTERACTION_COLUMNS = [
    "workspace",
    "occurred_at",
    "channel",
    "direction",
    "summary",
    "duration_minutes",
    "is_planned",
    "link",
    "source",
    "external_id",
    "created_at",
]


def _insert(model: type[Model], fields: list[str], rows: Sequence[tuple[Any, ...]]) -> None:
    """INSERT the rows (already in the database's value types) with one executemany a batch."""
    if not rows:
        return
    meta = model._meta
    quote = connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(f).column) for f in fields)  # type: ignore[union-attr,arg-type]
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({marks})"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 10 * BATCH):
            cursor.executemany(sql, rows[start : start + 10 * BATCH])


def _insert_numbered(
    model: type[Model], fields: list[str], rows: Sequence[tuple[Any, ...]]
) -> range | None:
    """``_insert`` the rows; their ids, in the rows' order, when known without reading back.

    Ids only grow (SQLite's AUTOINCREMENT, PostgreSQL's sequences), so when the rows above
    the highest id seen before are as many as were inserted and numbered without a gap,
    they are these rows, in order. Otherwise (a gap, another writer's rows) None, and the
    caller finds its rows by a key of its own.
    """
    quote = connection.ops.quote_name
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX({pk}) FROM {table}")
        before = cursor.fetchone()[0] or 0
    _insert(model, fields, rows)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*), MAX({pk}) FROM {table} WHERE {pk} > %s", [before])
        count, last = cursor.fetchone()
    if count == len(rows) and last == before + len(rows):
        return range(before + 1, last + 1)
    return None


def _insert_persons(persons: list[Person]) -> None:
    """Insert new persons and set their ids: ``bulk_create`` without its per-value cost.

    Django sends SQLite 33 persons a statement (its 999-parameter assumption) and prepares
    every value through its field; this sends as many as the database allows and converts
    only dates and JSON.
    """
    if not persons:
        return
    fields = [f for f in Person._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    for person in persons:
        person.created_at = person.updated_at = now
    adapt_date = connection.ops.adapt_datefield_value
    adapt_time = _datetime_adapter()
    converters: list[Callable[[Any], Any] | None] = []
    for f in fields:
        kind = f.get_internal_type()
        if kind == "DateField":
            converters.append(adapt_date)
        elif kind == "DateTimeField":
            converters.append(adapt_time)
        elif kind == "JSONField" and connection.vendor == "sqlite":
            converters.append(_json_text)
        elif kind == "JSONField":
            converters.append(functools.partial(f.get_db_prep_save, connection=connection))
        else:
            converters.append(None)
    values_of = operator.attrgetter(*(f.attname for f in fields))
    rows = [list(values_of(person)) for person in persons]
    # Column by column, and only the columns and values that need converting; a value
    # shared by the persons (the time of the import) is converted once.
    for column, convert in enumerate(converters):
        if convert is None:
            continue
        last: Any = None
        done: Any = None
        for row in rows:
            value = row[column]
            if value is None:
                continue
            if value is not last:
                last, done = value, convert(value)
            row[column] = done
    ids = _insert_returning(Person, [f.column for f in fields], rows)
    for person, pk in zip(persons, ids, strict=True):
        person.pk = pk


# ``json.dumps`` with its defaults but one: without the check for circular references,
# which doubles the time of a provenance (30,000 a big import).
_JSON = json.JSONEncoder(check_circular=False)


def _json_text(value: Any) -> str:
    """What Django's SQLite JSONField stores (``json.dumps``); most lists are empty."""
    return "[]" if value == [] else _JSON.encode(value)


def _update_introducers(pairs: list[tuple[int | None, int]]) -> None:
    """Set ``introduced_by`` of new persons: (introducer's id, person's id) pairs."""
    if not pairs:
        return
    quote = connection.ops.quote_name
    table, column = quote(Person._meta.db_table), quote("introduced_by_id")
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET {column} = %s WHERE id = %s", pairs)


def _insert_returning(model: type[Model], columns: list[str], rows: list[list[Any]]) -> list[int]:
    """Multi-row INSERT … RETURNING id, in as few statements as the database allows."""
    quote = connection.ops.quote_name
    head = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) "
        "VALUES "
    )
    row_marks = "(" + ", ".join(["%s"] * len(columns)) + ")"
    per = max(1, min(BATCH, _max_params() // len(columns)))
    ids: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per):
            chunk = rows[start : start + per]
            sql = head + ", ".join([row_marks] * len(chunk)) + " RETURNING " + quote("id")
            cursor.execute(sql, [v for row in chunk for v in row])
            ids += [r[0] for r in cursor.fetchall()]
    return ids


def _max_params() -> int:
    if connection.vendor == "sqlite":
        import sqlite3

        connection.ensure_connection()
        raw = connection.connection
        if raw is not None and hasattr(raw, "getlimit"):
            return int(raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
        return 999
    return 60_000  # PostgreSQL allows 65,535 parameters a statement


def _datetime_adapter() -> Callable[[datetime], Any]:
    """How a datetime goes into the database: Django's own conversion, or on SQLite the
    same text (UTC, "YYYY-MM-DD HH:MM:SS[.ffffff]") without its per-value overhead."""
    if connection.vendor != "sqlite":
        adapt = connection.ops.adapt_datetimefield_value
        return lambda moment: adapt(_aware(moment))

    def to_text(moment: datetime) -> str:
        if moment.tzinfo is UTC:  # most of them: the readers give UTC
            return moment.isoformat(" ")[:-6]  # without its "+00:00"
        return str(_aware(moment).astimezone(UTC).replace(tzinfo=None))

    return to_text


def _aware(moment: datetime) -> datetime:
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment, UTC)


def _hash(*parts: str) -> str:
    return "h:" + hashlib.sha1("\x1f".join(parts).encode(), usedforsecurity=False).hexdigest()


def _content_id(rec: InteractionRecord) -> str:
    return _hash(
        _aware(rec.occurred_at).isoformat(), rec.channel.value, rec.direction.value, rec.summary
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for item in files:
        try:
            with item.open("rb") as handle:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(chunk)
        except OSError:
            continue
    return digest.hexdigest()


# --- The Goal sheet of an edited netkort workbook -------------------------------------------


def _keys_by_label(options: dict[str, Promise]) -> dict[str, str]:
    """Folded label in English or Danish, or the key itself -> key."""
    out: dict[str, str] = {}
    for language in ("en", "da"):
        with translation.override(language):
            out.update({fold(str(label)): key for key, label in options.items()})
    out.update({fold(key): key for key in options})
    return out


@dataclass(slots=True)
class _Edit:
    """What one Goal sheet row changes in a stored assessment (None: nothing)."""

    record: AssessmentRecord
    goal: Goal
    roles: frozenset[Role] | None = None
    status: str | None = None
    outcome: str = ""
    next_step: tuple[str, date | None] | None = None
    notes: str | None = None


def apply_assessments(
    workspace: Workspace,
    records: list[AssessmentRecord],
    known: set[int],
    skipped: list[Skipped],
) -> list[int]:
    """Apply the Goal sheet rows of an edited netkort workbook; the ids of the persons
    whose assessment changed.

    Only rows naming a person in ``known`` (stored persons of this workspace) count. A
    cell that differs from the stored assessment is the user's edit and is applied the
    way the app applies it: roles as the triage records them, a status as a dated move
    through the pipeline, the next step as the outreach sets it. A blank cell leaves the
    stored value. A row with an unknown status, outcome, person or goal is left out and
    reported; each row is applied whole or not at all.
    """
    statuses = _keys_by_label(labels.OUTREACH_STATUSES)
    outcomes = _keys_by_label(labels.OUTCOMES)
    goals = {g.pk: g for g in Goal.objects.filter(workspace=workspace)}
    active = next((g for g in goals.values() if g.is_active), None)
    # All of the workspace's: a list of 30,000 ids would exceed SQLite's parameters.
    stored = {(a.person_id, a.goal_id): a for a in Assessment.objects.filter(workspace=workspace)}

    edits: list[_Edit] = []
    for rec in records:
        goal = active if rec.goal_id is None else goals.get(rec.goal_id)
        status = statuses.get(fold(rec.status)) if rec.status else None
        outcome = outcomes.get(fold(rec.outcome), "") if rec.outcome else ""
        if rec.netkort_id not in known:
            reason = _(
                "Goal sheet: there is no person with netkort id %(id)s in this network; "
                "the row was left out."
            ) % {"id": rec.netkort_id}
        elif goal is None and rec.goal_id is not None:
            reason = _(
                "Goal sheet: there is no goal %(id)s in this network; the row was left out."
            ) % {"id": rec.goal_id}
        elif goal is None:
            reason = _("Goal sheet: there is no active goal for the row; it was left out.")
        elif rec.status and status is None:
            reason = _(
                "Goal sheet: “%(status)s” is not a pipeline status; the row was left out."
            ) % {"status": rec.status}
        elif rec.outcome and not outcome:
            reason = _("Goal sheet: “%(outcome)s” is not an outcome; the row was left out.") % {
                "outcome": rec.outcome
            }
        else:
            reason = ""
        if reason or goal is None:
            skipped.append(Skipped(rec.line, reason))
            continue
        edit = _edit(rec, goal, stored.get((rec.netkort_id, goal.pk)), status, outcome)
        if edit is not None:
            edits.append(edit)
    if not edits:
        return []
    persons = Person.objects.filter(workspace=workspace).in_bulk(
        [e.record.netkort_id for e in edits]
    )
    changed: list[int] = []
    for edit in edits:
        try:
            with transaction.atomic():
                _apply_edit(workspace, persons[edit.record.netkort_id], edit)
        except UserError as exc:
            reason = _("Goal sheet: %(problem)s The row was left out.") % {"problem": exc}
            skipped.append(Skipped(edit.record.line, reason))
            continue
        changed.append(edit.record.netkort_id)
    return changed


def _edit(
    rec: AssessmentRecord,
    goal: Goal,
    stored: Assessment | None,
    status: str | None,
    outcome: str,
) -> _Edit | None:
    """What the row changes, or None when it says what is stored."""
    edit = _Edit(rec, goal)
    now = set(triage.roles_of(stored))
    wanted = set(now)
    for role, flag in (
        (Role.INFORMATION, rec.is_information),
        (Role.INTERMEDIARY, rec.is_intermediary),
        (Role.DIRECT_ACCESS, rec.is_direct_access),
    ):
        if flag is True:
            wanted.add(role)
        elif flag is False:
            wanted.discard(role)
    # Only a change counts: the export writes "no" for the roles of a person not judged.
    if wanted != now:
        edit.roles = frozenset(wanted)
    if status and status != (stored.status if stored else "not_contacted"):
        edit.status = status
    if outcome and outcome != (stored.outcome if stored else ""):
        edit.outcome = outcome
    step = (stored.next_step, stored.next_step_date) if stored else ("", None)
    text = rec.next_step[:300] or step[0]
    day = rec.next_step_date or step[1]
    if (text, day) != step:
        edit.next_step = (text, day)
    if rec.notes and rec.notes != (stored.notes.strip() if stored else ""):
        edit.notes = rec.notes
    nothing = edit.roles is None and edit.status is None and edit.next_step is None
    return None if nothing and not edit.outcome and edit.notes is None else edit


def _apply_edit(workspace: Workspace, person: Person, edit: _Edit) -> None:
    goal = edit.goal
    if edit.roles is not None:
        judgement = triage.Judgement(roles=edit.roles, note=edit.notes)
        assessment = triage.judge(workspace, goal, person, judgement)
    else:
        if goal.archived_at is not None:
            raise UserError(_("The goal “%(title)s” is archived.") % {"title": goal.title})
        assessment = outreach.add_to_pipeline(workspace, person, goal)
        if edit.notes is not None:
            assessment.notes = edit.notes.strip()
            assessment.save(update_fields=["notes"])
    if edit.status is not None or edit.outcome:
        outreach.move(workspace, assessment, edit.status or assessment.status, edit.outcome)
    if edit.next_step is not None:
        outreach.set_next_step(workspace, assessment, *edit.next_step)
