"""A complete, versioned backup of one workspace as JSON, and restoring it.

The file holds every table of the workspace as ``{"fields": [...], "rows": [[...]]}``.
Rows are numbered from 1 in file order (the order of their ids in the database) and
references use those numbers, never database ids, so backup → restore → backup gives
the same bytes. Restoring writes everything in one transaction, into an empty workspace
(or one the caller asked to replace); a damaged or newer file changes nothing.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import DatabaseError, connection, models, transaction
from django.utils.translation import gettext as _

from netkort import __version__
from netkort.services.errors import UserError
from netkort.services.people import set_derived
from netkort.services.workspaces import clear_network
from netkort.store import models as m
from netkort.store.models import Workspace

FORMAT = "netkort-backup"
SCHEMA_VERSION = 1
BATCH = 2000


@dataclass(frozen=True, slots=True)
class Field:
    """One column of a table: the model field's name, its kind, and for a reference the
    table it points into (``optional`` references may be null)."""

    name: str
    kind: str  # str int float bool date datetime json bytes ref
    target: str = ""
    optional: bool = False

    @property
    def attname(self) -> str:
        return f"{self.name}_id" if self.kind == "ref" else self.name


def parse_fields(spec: str) -> tuple[Field, ...]:
    """Fields from a compact spec: ``name`` (text), ``name:int``, ``name:date?`` (may be
    null), ``name:persons`` / ``name:persons?`` (a reference into the persons table)."""
    out = []
    for token in spec.split():
        name, _sep, kind = token.partition(":")
        optional = kind.endswith("?")
        kind = kind.rstrip("?") or "str"
        if kind in KINDS:
            out.append(Field(name, kind, optional=optional))
        else:
            out.append(Field(name, "ref", kind, optional=optional))
    return tuple(out)


KINDS = ("str", "int", "float", "bool", "date", "datetime", "json", "bytes")


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    model: type[models.Model]
    fields: tuple[Field, ...]


def table(name: str, model: type[models.Model], spec: str) -> Table:
    return Table(name, model, parse_fields(spec))


# In dependency order: every reference points into a table listed before it, except a
# person's ``introduced_by``, which restore sets once all persons exist.
TABLES: tuple[Table, ...] = (
    table("organisations", m.Organisation, "name name_folded aliases:json industry"),
    table("contexts", m.Context, "key name position:int"),
    table("tags", m.Tag, "name"),
    table(
        "profile_positions",
        m.ProfilePosition,
        "organisation:organisations? organisation_name title start:date? end:date?",
    ),
    table(
        "profile_education",
        m.ProfileEducation,
        "school degree field_of_study start_year:int? end_year:int?",
    ),
    table(
        "persons",
        m.Person,
        "given_name family_name display_name search_text sort_key_da sort_key_en "
        "organisation:organisations? title industry "
        "location linkedin_url urls:json notes primary_context:contexts? closeness:int? "
        "is_super_connector:bool introduced_by:persons? first_met:date? connected_on:date? "
        "birthday:date? photo:bytes? keep_in_touch_days:int? snoozed_until:date? "
        "last_contact_at:datetime? interaction_count:int provenance:json "
        "created_at:datetime updated_at:datetime",
    ),
    table("person_contexts", m.PersonContext, "person:persons context:contexts"),
    table("person_tags", m.PersonTag, "person:persons tag:tags"),
    table("emails", m.EmailAddress, "person:persons address label position:int"),
    table("phones", m.PhoneNumber, "person:persons e164 raw label position:int"),
    table("ties", m.Tie, "a:persons b:persons strength:float? source note"),
    table(
        "interactions",
        m.Interaction,
        "occurred_at:datetime channel direction summary duration_minutes:int? "
        "is_planned:bool link source external_id created_at:datetime",
    ),
    table("interaction_persons", m.InteractionPerson, "interaction:interactions person:persons"),
    table(
        "goals",
        m.Goal,
        "kind title description roles:json industries:json places:json keywords:json "
        "deadline:date? is_active:bool archived_at:datetime? created_at:datetime",
    ),
    table("goal_organisations", m.GoalOrganisation, "goal:goals organisation:organisations"),
    table(
        "assessments",
        m.Assessment,
        "person:persons goal:goals is_information:bool is_intermediary:bool "
        "is_direct_access:bool judged_at:datetime? status outcome priority_override:int? "
        "next_step next_step_date:date? notes",
    ),
    table(
        "status_changes",
        m.StatusChange,
        "assessment:assessments from_status to_status at:datetime",
    ),
    table(
        "favours",
        m.Favour,
        "person:persons direction kind on:date note source external_id",
    ),
    table("message_templates", m.MessageTemplate, "kind language subject body"),
    table(
        "merge_decisions",
        m.MergeDecision,
        "kept:persons? other:persons? other_keys:json decision decided_at:datetime",
    ),
    table(
        "import_batches",
        m.ImportBatch,
        "file_name sha256 format status counts:json problems:json started_at:datetime "
        "finished_at:datetime?",
    ),
    table(
        "sheet_mappings",
        m.SheetMapping,
        "signature mapping:json updated_at:datetime",
    ),
)
TABLE_BY_NAME = {t.name: t for t in TABLES}
PROFILE_FIELDS = parse_fields(
    "full_name headline industry location skills:json languages:json network_size_guess:int?"
)
PROFILE_MODELS = (m.ProfilePosition, m.ProfileEducation)
WORKSPACE_FIELDS = parse_fields("name default_region settings:json")


# --- backup -------------------------------------------------------------------------------


def _dump_value(kind: str) -> Callable[[Any], Any] | None:
    """How a value of this kind goes into JSON (None: as it is)."""
    if kind == "date":
        return lambda v: v.isoformat()
    if kind == "datetime":
        return lambda v: v.astimezone(dt.UTC).isoformat()
    if kind == "bytes":
        return lambda v: base64.b64encode(bytes(v)).decode("ascii")
    return None


def _dump_rows(
    table: Table, workspace: Workspace, numbers: dict[str, dict[int, int]]
) -> list[list[Any]]:
    attnames = [fl.attname for fl in table.fields]
    rows = list(
        table.model.objects.filter(workspace=workspace)  # type: ignore[attr-defined]
        .order_by("pk")
        .values_list("pk", *attnames)
    )
    numbers[table.name] = {row[0]: i for i, row in enumerate(rows, start=1)}
    convert: list[tuple[int, Callable[[Any], Any]]] = []
    for i, fl in enumerate(table.fields, start=1):
        if fl.kind == "ref":
            convert.append((i, numbers[fl.target].__getitem__))
        elif (dump := _dump_value(fl.kind)) is not None:
            convert.append((i, dump))
    out = []
    for row in rows:
        values = list(row)
        for i, fn in convert:
            if values[i] is not None:
                values[i] = fn(values[i])
        out.append(values[1:])
    return out


def _dump_object(obj: models.Model, fields: tuple[Field, ...]) -> dict[str, Any]:
    out = {}
    for fl in fields:
        value = getattr(obj, fl.attname)
        dump = _dump_value(fl.kind)
        out[fl.name] = dump(value) if dump and value is not None else value
    return out


def backup(workspace: Workspace) -> dict[str, Any]:
    """The whole workspace as plain data (see the module docstring for its shape)."""
    numbers: dict[str, dict[int, int]] = {}
    tables = {}
    for table in TABLES:
        tables[table.name] = {
            "fields": [fl.name for fl in table.fields],
            "rows": _dump_rows(table, workspace, numbers),
        }
    profile = m.Profile.objects.filter(workspace=workspace).first()
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "netkort_version": __version__,
        "workspace": _dump_object(workspace, WORKSPACE_FIELDS),
        "profile": _dump_object(profile, PROFILE_FIELDS) if profile else None,
        "tables": tables,
    }


def backup_bytes(workspace: Workspace) -> bytes:
    """``backup`` as UTF-8 JSON; keys sorted, so equal workspaces give equal bytes."""
    text = json.dumps(backup(workspace), ensure_ascii=False, sort_keys=True, indent=None)
    return text.encode("utf-8")


# --- reading a backup ---------------------------------------------------------------------


class Damaged(Exception):
    """A value in the backup is not what its field needs."""


def _text(v: Any) -> str:
    if not isinstance(v, str):
        raise Damaged("text expected")
    return v


def _int(v: Any) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        raise Damaged("whole number expected")
    return v


def _float(v: Any) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise Damaged("number expected")
    return float(v)


def _bool(v: Any) -> bool:
    if not isinstance(v, bool):
        raise Damaged("true or false expected")
    return v


def _date(v: Any) -> dt.date:
    try:
        return dt.date.fromisoformat(_text(v))
    except ValueError as exc:
        raise Damaged("date expected") from exc


def _datetime(v: Any) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(_text(v))
    except ValueError as exc:
        raise Damaged("date and time expected") from exc
    if moment.tzinfo is None:
        raise Damaged("date and time without a time zone")
    return moment


def _json(v: Any) -> Any:
    if not isinstance(v, dict | list):
        raise Damaged("list or object expected")
    return v


def _bytes(v: Any) -> bytes:
    try:
        return base64.b64decode(_text(v), validate=True)
    except ValueError as exc:
        raise Damaged("base64 data expected") from exc


PARSERS: dict[str, Callable[[Any], Any]] = {
    "str": _text,
    "int": _int,
    "float": _float,
    "bool": _bool,
    "date": _date,
    "datetime": _datetime,
    "json": _json,
    "bytes": _bytes,
}


def _ref(size: int) -> Callable[[Any], int]:
    def parse(v: Any) -> int:
        number = _int(v)
        if not 1 <= number <= size:
            raise Damaged(f"refers to row {number}, which is not there")
        return number

    return parse


def _damaged(where: str, problem: str) -> UserError:
    return UserError(
        _("The backup file is damaged (%(where)s: %(problem)s); nothing was restored.")
        % {"where": where, "problem": problem}
    )


def _parse_object(data: Any, fields: tuple[Field, ...], where: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise _damaged(where, "object expected")
    out = {}
    for fl in fields:
        if fl.name not in data:
            raise _damaged(where, f"{fl.name} is missing")
        value = data[fl.name]
        try:
            out[fl.attname] = None if value is None and fl.optional else PARSERS[fl.kind](value)
        except Damaged as exc:
            raise _damaged(f"{where}, {fl.name}", str(exc)) from exc
    return out


def _parse_table(table: Table, raw: Any, sizes: dict[str, int]) -> list[list[Any]]:
    if not isinstance(raw, dict) or not isinstance(raw.get("rows"), list):
        raise _damaged(table.name, "table expected")
    names = [fl.name for fl in table.fields]
    if raw.get("fields") != names:
        raise _damaged(table.name, "its fields are not the ones this version writes")
    parsers = [
        _ref(sizes[fl.target]) if fl.kind == "ref" else PARSERS[fl.kind] for fl in table.fields
    ]
    optional = [fl.optional for fl in table.fields]
    width = len(names)
    rows: list[list[Any]] = []
    for number, row in enumerate(raw["rows"], start=1):
        if not isinstance(row, list) or len(row) != width:
            raise _damaged(f"{table.name}, row {number}", f"{width} values expected")
        try:
            rows.append(
                [
                    None if v is None and opt_ else parse(v)
                    for v, parse, opt_ in zip(row, parsers, optional, strict=True)
                ]
            )
        except Damaged as exc:
            raise _damaged(f"{table.name}, row {number}", str(exc)) from exc
    return rows


@dataclass(slots=True)
class Parsed:
    workspace: dict[str, Any]
    profile: dict[str, Any] | None
    tables: dict[str, list[list[Any]]]
    # Made by this very version: the derived keys in the file are the ones it would make.
    same_version: bool = False


def read_backup(data: Any) -> Parsed:
    """Check the whole backup before anything is written; raise UserError if it is not one."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UserError(_("This file is not a netkort backup; nothing was restored."))
    version = data.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _damaged("schema_version", "whole number expected")
    if version > SCHEMA_VERSION:
        raise UserError(
            _(
                "This backup was made by a newer netkort (backup schema %(version)d; this "
                "netkort reads up to %(supported)d). Update netkort, then restore again; "
                "nothing was restored."
            )
            % {"version": version, "supported": SCHEMA_VERSION}
        )
    raw_tables = data.get("tables")
    if not isinstance(raw_tables, dict):
        raise _damaged("tables", "object expected")
    missing = [t.name for t in TABLES if t.name not in raw_tables]
    if missing:
        raise _damaged("tables", "missing " + ", ".join(missing))
    sizes = {
        t.name: len(raw_tables[t.name].get("rows") or [])
        if isinstance(raw_tables[t.name], dict)
        else 0
        for t in TABLES
    }
    tables = {t.name: _parse_table(t, raw_tables[t.name], sizes) for t in TABLES}
    profile = data.get("profile")
    return Parsed(
        workspace=_parse_object(data.get("workspace"), WORKSPACE_FIELDS, "workspace"),
        profile=None if profile is None else _parse_object(profile, PROFILE_FIELDS, "profile"),
        tables=tables,
        same_version=data.get("netkort_version") == __version__,
    )


def load_backup_bytes(content: bytes) -> Any:
    try:
        return json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise UserError(
            _("The backup file is not readable JSON (%(problem)s); nothing was restored.")
            % {"problem": str(exc)[:200]}
        ) from exc


# --- restore ------------------------------------------------------------------------------

# What makes a workspace "not empty": any of these rows, or a context the user made.
CONTENT_MODELS: tuple[type[models.Model], ...] = (
    m.Person,
    m.Organisation,
    m.Tag,
    m.Interaction,
    m.Goal,
    m.MessageTemplate,
    m.ImportBatch,
    m.SheetMapping,
    m.MergeDecision,
    m.ProfilePosition,
    m.ProfileEducation,
)


def is_empty(workspace: Workspace) -> bool:
    for model in CONTENT_MODELS:
        if model.objects.filter(workspace=workspace).exists():  # type: ignore[attr-defined]
            return False
    return not m.Context.objects.filter(workspace=workspace, key="").exists()


@dataclass(frozen=True, slots=True)
class RestoreResult:
    counts: dict[str, int]


def restore(workspace: Workspace, data: Any, replace: bool = False) -> RestoreResult:
    """Restore ``data`` (a parsed backup) into ``workspace``, in one transaction.

    Refuses a workspace holding data unless ``replace``; then everything in it is
    deleted first. A damaged or newer backup raises UserError and writes nothing.
    """
    parsed = read_backup(data)
    try:
        with transaction.atomic():
            if not is_empty(workspace):
                if not replace:
                    raise UserError(
                        _(
                            "This network is not empty. Restoring would mix the backup with "
                            "what is there; restore with --replace to delete everything in "
                            "it first, or restore into another database with --db."
                        )
                    )
                _wipe(workspace)
            _write(workspace, parsed)
    except DatabaseError as exc:
        raise UserError(
            _("The backup could not be restored (%(problem)s); nothing was changed.")
            % {"problem": str(exc)[:300]}
        ) from exc
    return RestoreResult({name: len(rows) for name, rows in parsed.tables.items()})


def _wipe(workspace: Workspace) -> None:
    clear_network(workspace)
    for model in (m.MessageTemplate, m.ImportBatch, m.SheetMapping):
        model.objects.filter(workspace=workspace).delete()


def _write(workspace: Workspace, parsed: Parsed) -> None:
    for name, value in parsed.workspace.items():
        setattr(workspace, name, value)
    workspace.save(update_fields=list(parsed.workspace))
    profile, _created = m.Profile.objects.get_or_create(workspace=workspace)
    for name, value in (parsed.profile or {}).items():
        setattr(profile, name, value)
    profile.save()
    m.Person.objects.filter(workspace=workspace).update(primary_context=None)
    m.Context.objects.filter(workspace=workspace).delete()
    ids: dict[str, list[int]] = {}
    for table in TABLES:
        # Profile rows also point at the profile, which is not a table of the file.
        extra = {"profile_id": profile.pk} if table.model in PROFILE_MODELS else {}
        ids[table.name] = _insert(workspace, table, parsed, ids, extra)


def _insert(
    workspace: Workspace,
    table: Table,
    parsed: Parsed,
    ids: dict[str, list[int]],
    extra: dict[str, Any],
) -> list[int]:
    """Insert the table's rows; the new database ids, in row order.

    Plain ``executemany`` rather than ``bulk_create``: no model objects for 10^5 rows,
    and no "now" stamped over the times the backup holds. The workspace holds no rows
    of the table yet, so its ids in ascending order are the new rows in file order.
    """
    rows = parsed.tables[table.name]
    meta = table.model._meta
    deferred = [i for i, fl in enumerate(table.fields) if fl.target == table.name]
    prepare = [
        _preparer(meta.get_field(fl.name), fl, ids, i in deferred)
        for i, fl in enumerate(table.fields)
    ]
    if table.name == "persons" and not parsed.same_version:
        _remake_person_keys(parsed)
    columns = [
        "workspace_id",
        *extra,
        *(_column(table, fl.name) for fl in table.fields),
    ]
    fixed = (workspace.pk, *extra.values())
    params = []
    for row in rows:
        values = [
            row[i] if fn is None or row[i] is None else fn(row[i]) for i, fn in enumerate(prepare)
        ]
        if table.name == "ties" and values[0] > values[1]:
            values[0], values[1] = values[1], values[0]
        params.append((*fixed, *values))
    _executemany(_insert_sql(meta.db_table, columns), params)
    new_ids = list(
        table.model.objects.filter(workspace=workspace)  # type: ignore[attr-defined]
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if len(new_ids) != len(rows):
        raise DatabaseError(f"{table.name}: {len(new_ids)} rows stored of {len(rows)}")
    for i in deferred:
        column = _column(table, table.fields[i].name)
        pairs = [(new_ids[row[i] - 1], pk) for row, pk in zip(rows, new_ids, strict=True) if row[i]]
        _executemany(_update_sql(meta.db_table, column), pairs)
    return new_ids


def _column(table: Table, name: str) -> str:
    return str(getattr(table.model._meta.get_field(name), "column", name))


def _preparer(
    model_field: Any, fl: Field, ids: dict[str, list[int]], deferred: bool
) -> Callable[[Any], Any] | None:
    """How a parsed value becomes a query parameter (None: as it is)."""
    if deferred:
        return lambda v: None
    if fl.kind == "ref":
        target = ids[fl.target]
        return lambda v: target[v - 1]
    if fl.kind == "datetime":
        return _datetime_param()
    if fl.kind in ("date", "json", "bytes"):
        return lambda v: model_field.get_db_prep_save(v, connection)
    return None


def _datetime_param() -> Callable[[dt.datetime], Any]:
    """What Django would store for an aware datetime, made without its per-value checks
    (half a million of them in a large backup)."""
    if connection.vendor == "sqlite":
        zone = connection.timezone
        return lambda v: str(v.astimezone(zone).replace(tzinfo=None))
    return lambda v: v


def _insert_sql(db_table: str, columns: list[str]) -> str:
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    return f"INSERT INTO {quote(db_table)} ({names}) VALUES ({marks})"


def _update_sql(db_table: str, column: str) -> str:
    quote = connection.ops.quote_name
    return f"UPDATE {quote(db_table)} SET {quote(column)} = %s WHERE {quote('id')} = %s"


def _executemany(sql: str, params: list[tuple[Any, ...]]) -> None:
    with connection.cursor() as cursor:
        for start in range(0, len(params), 10 * BATCH):
            cursor.executemany(sql, params[start : start + 10 * BATCH])


def _remake_person_keys(parsed: Parsed) -> None:
    """Make each person's search text and sort keys again: another version of netkort
    may make them differently."""
    names = [fl.name for fl in TABLE_BY_NAME["persons"].fields]
    at = {name: names.index(name) for name in names}
    org_names = [row[0] for row in parsed.tables["organisations"]]
    emails: dict[int, list[str]] = defaultdict(list)
    for row in parsed.tables["emails"]:
        emails[row[0]].append(row[1])
    for number, row in enumerate(parsed.tables["persons"], start=1):
        person = m.Person(
            display_name=row[at["display_name"]],
            given_name=row[at["given_name"]],
            family_name=row[at["family_name"]],
            title=row[at["title"]],
            location=row[at["location"]],
        )
        org = row[at["organisation"]]
        set_derived(person, org_names[org - 1] if org else "", emails.get(number, []))
        for key in ("search_text", "sort_key_da", "sort_key_en"):
            row[at[key]] = getattr(person, key)
