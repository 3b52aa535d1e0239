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
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson
from django.db import DatabaseError, connection, models, transaction
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from netkort import __version__
from netkort.services import search
from netkort.services.errors import UserError
from netkort.services.people import set_derived
from netkort.services.sqlite_cache import big_page_cache
from netkort.services.workspaces import clear_network
from netkort.store import models as m
from netkort.store.models import Workspace

FORMAT = "netkort-backup"
# 2: persons' schools. A backup of an older schema is read with the fields it has; the
# fields added since get the model's default.
SCHEMA_VERSION = 2
BATCH = 2000


@dataclass(frozen=True, slots=True)
class Field:
    """One column of a table: the model field's name, its kind, and for a reference the
    table it points into (``optional`` references may be null)."""

    name: str
    kind: str  # str int float bool date datetime json bytes ref
    target: str = ""
    optional: bool = False
    since: int = 1  # the schema version that added the field

    @property
    def attname(self) -> str:
        return f"{self.name}_id" if self.kind == "ref" else self.name


def parse_fields(spec: str) -> tuple[Field, ...]:
    """Fields from a compact spec: ``name`` (text), ``name:int``, ``name:date?`` (may be
    null), ``name:persons`` / ``name:persons?`` (a reference into the persons table);
    ``@2`` at the end: added in schema version 2."""
    out = []
    for token in spec.split():
        token, _at, since = token.partition("@")
        name, _sep, kind = token.partition(":")
        optional = kind.endswith("?")
        kind = kind.rstrip("?") or "str"
        version = int(since or 1)
        if kind in KINDS:
            out.append(Field(name, kind, optional=optional, since=version))
        else:
            out.append(Field(name, "ref", kind, optional=optional, since=version))
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
        "location linkedin_url urls:json notes schools:json@2 "
        "primary_context:contexts? closeness:int? "
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


TIMES = ("date", "datetime")


def _stored_as_text() -> bool:
    """Whether times and dates are read as the text the database holds: SQLite keeps
    them as ISO text in UTC, so parsing 10^5 of them into objects only to write them
    out again as text is left out."""
    return connection.vendor == "sqlite" and connection.timezone_name == "UTC"


def _utc_text(v: str) -> str:
    """A time SQLite holds ("2024-03-05 14:02:11[.123456]", UTC) as ``_dump_value``
    writes it ("2024-03-05T14:02:11[.123456]+00:00")."""
    if len(v) in (19, 26) and v[10] == " ":
        return f"{v[:10]}T{v[11:]}+00:00"
    moment = dt.datetime.fromisoformat(v)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat()


def _date_text(v: str) -> str:
    return v if len(v) == 10 else dt.date.fromisoformat(v[:10]).isoformat()


def _dump_rows(
    table: Table, workspace: Workspace, numbers: dict[str, dict[int, int]]
) -> list[list[Any]]:
    as_text = _stored_as_text()
    raw = {i for i, fl in enumerate(table.fields, start=1) if as_text and fl.kind in TIMES}
    columns: list[Any] = [
        Cast(fl.attname, output_field=models.TextField()) if i in raw else fl.attname
        for i, fl in enumerate(table.fields, start=1)
    ]
    rows = list(
        table.model.objects.filter(workspace=workspace)  # type: ignore[attr-defined]
        .order_by("pk")
        .values_list("pk", *columns)
    )
    numbers[table.name] = {row[0]: i for i, row in enumerate(rows, start=1)}
    convert: list[tuple[int, Callable[[Any], Any]]] = []
    for i, fl in enumerate(table.fields, start=1):
        if i in raw:
            convert.append((i, _utc_text if fl.kind == "datetime" else _date_text))
        elif fl.kind == "ref":
            convert.append((i, numbers[fl.target].__getitem__))
        elif (dump := _dump_value(fl.kind)) is not None:
            convert.append((i, dump))
    if not rows:
        return []
    # Column by column: one comprehension per converted column instead of a Python
    # loop over every value of 10^6 rows.
    columns_out = list(zip(*rows, strict=True))
    del rows
    for i, fn in convert:
        columns_out[i] = tuple([None if v is None else fn(v) for v in columns_out[i]])
    return [list(row) for row in zip(*columns_out[1:], strict=True)]


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
    return {**_head(workspace), "tables": tables}


def _head(workspace: Workspace) -> dict[str, Any]:
    profile = m.Profile.objects.filter(workspace=workspace).first()
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "netkort_version": __version__,
        "workspace": _dump_object(workspace, WORKSPACE_FIELDS),
        "profile": _dump_object(profile, PROFILE_FIELDS) if profile else None,
    }


def _encode(value: Any) -> bytes:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def backup_bytes(workspace: Workspace) -> bytes:
    """``backup`` as UTF-8 JSON; keys sorted, so equal workspaces give equal bytes.

    The same bytes as ``orjson.dumps(backup(workspace), option=OPT_SORT_KEYS)`` (compact
    JSON), written a table at a time so that only one table's rows are held as objects
    at once.
    """
    numbers: dict[str, dict[int, int]] = {}
    encoded: dict[str, bytes] = {}
    for table in TABLES:
        rows = _dump_rows(table, workspace, numbers)
        fields = _encode([fl.name for fl in table.fields])
        encoded[table.name] = (
            _encode(table.name) + b':{"fields":' + fields + b',"rows":' + _encode(rows) + b"}"
        )
        del rows
    head = _head(workspace)
    parts = {key.encode(): _encode(value) for key, value in head.items()}
    parts[b"tables"] = b"{" + b",".join(encoded[name] for name in sorted(encoded)) + b"}"
    return b"{" + b",".join(b'"' + key + b'":' + parts[key] for key in sorted(parts)) + b"}"


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


def _parse_table(
    table: Table, raw: Any, sizes: dict[str, int], version: int = SCHEMA_VERSION
) -> list[list[Any]]:
    if not isinstance(raw, dict) or not isinstance(raw.get("rows"), list):
        raise _damaged(table.name, "table expected")
    present = [fl for fl in table.fields if fl.since <= version]
    names = [fl.name for fl in present]
    if raw.get("fields") != names:
        raise _damaged(table.name, "its fields are not the ones this version writes")
    parsers = [_ref(sizes[fl.target]) if fl.kind == "ref" else PARSERS[fl.kind] for fl in present]
    optional = [fl.optional for fl in present]
    width = len(names)
    raw_rows = raw["rows"]
    for number, row in enumerate(raw_rows, start=1):
        if not isinstance(row, list) or len(row) != width:
            raise _damaged(f"{table.name}, row {number}", f"{width} values expected")
    try:
        # Column by column: one comprehension per column for 10^5 rows.
        columns = [
            [None if v is None else parse(v) for v in column]
            if opt_
            else [parse(v) for v in column]
            for column, parse, opt_ in zip(
                zip(*raw_rows, strict=True), parsers, optional, strict=False
            )
        ]
    except Damaged:
        _find_damage(table, raw_rows, parsers, optional)
        raise
    rows = [list(row) for row in zip(*columns, strict=True)] if raw_rows else []
    if len(present) < len(table.fields):
        rows = _with_defaults(table, present, rows)
    return rows


def _find_damage(
    table: Table, raw_rows: list[Any], parsers: list[Callable[[Any], Any]], optional: list[bool]
) -> None:
    """Raise the error naming the first damaged row (the columns only tell that one is)."""
    for number, row in enumerate(raw_rows, start=1):
        try:
            for v, parse, opt_ in zip(row, parsers, optional, strict=True):
                if not (v is None and opt_):
                    parse(v)
        except Damaged as exc:
            raise _damaged(f"{table.name}, row {number}", str(exc)) from exc


def _with_defaults(table: Table, present: list[Field], rows: list[list[Any]]) -> list[list[Any]]:
    """Rows of an older backup widened to today's fields; the fields added since get the
    model's default (a new one for each row)."""
    at = {fl.name: i for i, fl in enumerate(present)}
    defaults = {
        fl.name: field.get_default
        for fl in table.fields
        if fl.name not in at
        and isinstance(field := table.model._meta.get_field(fl.name), models.Field)
    }
    return [
        [row[at[fl.name]] if fl.name in at else defaults[fl.name]() for fl in table.fields]
        for row in rows
    ]


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
    tables = {t.name: _parse_table(t, raw_tables[t.name], sizes, version) for t in TABLES}
    profile = data.get("profile")
    return Parsed(
        workspace=_parse_object(data.get("workspace"), WORKSPACE_FIELDS, "workspace"),
        profile=None if profile is None else _parse_object(profile, PROFILE_FIELDS, "profile"),
        tables=tables,
        same_version=data.get("netkort_version") == __version__,
    )


def load_backup_bytes(content: bytes) -> Any:
    try:
        return orjson.loads(content.removeprefix(b"\xef\xbb\xbf"))
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
    del data  # the parsed copy is what is written; the caller's may go (10^6 rows)
    counts = {name: len(rows) for name, rows in parsed.tables.items()}
    try:
        with transaction.atomic(), big_page_cache(mebibytes=192):
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
    return RestoreResult(counts)


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
    if not parsed.same_version:
        _remake_person_keys(parsed)
    ids: dict[str, list[int]] = {}
    for table in TABLES:
        # Profile rows also point at the profile, which is not a table of the file.
        extra = {"profile_id": profile.pk} if table.model in PROFILE_MODELS else {}
        ids[table.name] = _insert(workspace, table, parsed, ids, extra)
        parsed.tables[table.name] = []  # written: its memory may go


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
    columns = [
        "workspace_id",
        *extra,
        *(_column(table, fl.name) for fl in table.fields),
    ]
    if rows:
        # Column by column: a comprehension per column, not a Python loop over each value.
        values = list(zip(*rows, strict=True))
        for i, fn in enumerate(prepare):
            if fn is not None:
                values[i] = tuple([None if v is None else fn(v) for v in values[i]])
        if table.name == "ties":  # stored with the lower person id first
            values[0], values[1] = (
                tuple(map(min, values[0], values[1])),
                tuple(map(max, values[0], values[1])),
            )
        fixed = [(value,) * len(rows) for value in (workspace.pk, *extra.values())]
        params = list(zip(*fixed, *values, strict=True))
        del values
        with search.indexed_after(many=table.model is m.Person):
            _executemany(_insert_sql(meta.db_table, columns), params)
        del params
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
        if connection.timezone_name == "UTC":
            # A time the backup holds in UTC is stored as its own text, less the offset.
            return lambda v: (
                v.isoformat(" ")[:-6]
                if v.utcoffset() == UTC_OFFSET
                else str(v.astimezone(zone).replace(tzinfo=None))
            )
        return lambda v: str(v.astimezone(zone).replace(tzinfo=None))
    return lambda v: v


UTC_OFFSET = dt.timedelta(0)


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
