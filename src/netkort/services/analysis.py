"""Network analysis of a workspace: inputs from a few bulk queries, measures cached.

The measures (tie strength, rings, composition, diversity, brokerage, dormant ties and
the ranking's goal-independent inputs) are computed by the pure code in
``netkort.analysis`` and ``netkort.domain`` and kept in an in-process cache keyed by the
workspace and a data version: a handful of aggregate queries that change whenever a
person, tie, interaction, favour, context link or the profile changes. The action list
for a goal is then computed from the cached inputs.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import numpy as np
import scipy.sparse as sp
from django.db import connection
from django.db.models import Count, Exists, Min, OuterRef, Subquery, TextField
from django.db.models.functions import Cast, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from netkort.analysis import brokerage, composition, diversity, dormant
from netkort.analysis.paths import UNKNOWN_TIE, Position, history_positions
from netkort.domain import ranking, tie_strength
from netkort.domain.functions import function_of
from netkort.domain.names import fold
from netkort.domain.records import ContextKey
from netkort.services.errors import UserError
from netkort.services.measures_cache import MeasuresCache
from netkort.store.models import (
    Context,
    Favour,
    Interaction,
    InteractionPerson,
    Organisation,
    Person,
    PersonContext,
    PersonTag,
    Profile,
    ProfileEducation,
    ProfilePosition,
    Tie,
    Workspace,
)

BROKERS_SHOWN = 15
DORMANT_SHOWN = 30
SUPER_CONNECTORS_SUGGESTED = 10
SUGGEST_FROM_DEGREE = 5
LONE_DOORS_SHOWN = 20
CACHE_SIZE = 8


@dataclass(frozen=True, slots=True)
class PersonRef:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class Broker:
    person: PersonRef
    constraint: float
    effective_size: float
    ties: int
    separated: int  # persons only they connect to the rest


@dataclass(frozen=True, slots=True)
class Dormant:
    person: PersonRef
    silent_years: float
    reasons: tuple[tie_strength.Reason, ...]


@dataclass(frozen=True, slots=True)
class LoneDoor:
    """An organisation the user reaches through one person only."""

    organisation: str
    person: PersonRef
    strength: float


@dataclass(slots=True)
class Measures:
    version: tuple[Any, ...]
    today: date
    seconds: float
    composition: composition.Composition
    diversity: list[diversity.Diversity]
    brokers: list[Broker]
    bridges: list[Broker]
    ego_constraint: float | None
    ego_effective_size: float | None
    known_ties: int
    dormant: list[Dormant]
    marked_super_connectors: list[PersonRef]
    suggested_super_connectors: list[tuple[PersonRef, int]]
    lone_doors: list[LoneDoor]
    lone_door_count: int
    candidates: ranking.Candidates
    rings: dict[int, int] = field(default_factory=dict)  # person id → ring
    load_seconds: float = 0.0  # of ``seconds``, reading the database
    organisation_keys: dict[str, int] = field(default_factory=dict)  # folded name → id
    # The weakest estimate in each inner ring: places a fresh estimate between analyses.
    ring_floors: tuple[float | None, ...] = ()


@dataclass(frozen=True, slots=True)
class Placement:
    """What a person's page needs of the last analysis: the weakest estimate that made
    each inner ring, and each person's estimate and ring then (a few kilobytes where the
    measures are megabytes; kept with the shared cache's pointer to them)."""

    floors: tuple[float | None, ...]
    strength: dict[int, float]
    rings: dict[int, int]

    def __len__(self) -> int:
        return len(self.strength)


def placement_of(m: Measures) -> Placement:
    ids, strength = m.candidates.ids.tolist(), m.candidates.strength.tolist()
    return Placement(m.ring_floors, dict(zip(ids, strength, strict=True)), m.rings)


kept = MeasuresCache(size=lambda m: int(m.candidates.size), summary=placement_of)
# workspace id → (SQLite connection, its data_version, its total_changes, stored version)
_stamps: dict[int, tuple[Any, int, int, tuple[Any, ...]]] = {}
_lock = threading.Lock()
_NONE: Counter[str] = Counter()  # shared and never changed: saves a Counter per person
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_folded: dict[str, str] = {}
_functions: dict[str, str] = {}


def fast_fold(text: str) -> str:
    """``fold`` remembered, with a shortcut for plain ASCII (the same result, faster)."""
    hit = _folded.get(text)
    if hit is None:
        if text.isascii():
            bare = text.replace("'", "").replace("`", "").lower()
            hit = " ".join(_NOT_WORD.sub(" ", bare).split())
        else:
            hit = fold(text)
        if len(_folded) > 200_000:
            _folded.clear()
        _folded[text] = hit
    return hit


def _function(title: str) -> str:
    hit = _functions.get(title)
    if hit is None:
        hit = _functions[title] = function_of(title)
    return hit


def data_version(workspace: Workspace) -> tuple[Any, ...]:
    """Aggregates that change whenever an input of the measures changes.

    Reading them scans the ties and interactions (about 130 ms at 30,000 persons and
    300,000 ties on PostgreSQL). The scan is skipped while the database provably has not
    changed since it was last read. On SQLite: ``PRAGMA data_version`` changes with every
    commit of another connection, and the connection's ``total_changes`` with every row it
    changed itself. On PostgreSQL: the write-ahead log's insert position moves with every
    row written anywhere in the database server (read before the aggregates, so a change
    made while they are read is seen next time).
    """
    stamp = _sqlite_stamp() or _postgres_stamp()
    with _lock:
        seen = _stamps.get(workspace.pk)
    if stamp is not None and seen is not None and seen[0] is stamp[0] and seen[1:3] == stamp[1:]:
        stored = seen[3]
    else:
        stored = _stored_version(workspace.pk)
        if stamp is not None:
            with _lock:
                if len(_stamps) >= CACHE_SIZE and workspace.pk not in _stamps:
                    _stamps.pop(next(iter(_stamps)))
                _stamps[workspace.pk] = (*stamp, stored)
    rings = workspace.settings.get("ring_layers")
    return (timezone.localdate(), *stored, tuple(rings) if isinstance(rings, list) else None)


def _sqlite_stamp() -> tuple[Any, int, int] | None:
    """The open SQLite connection and its change counters (None on other databases).

    The connection itself is kept with the counters: a new connection starts counting
    afresh, so counters are only comparable on the same one.
    """
    if connection.vendor != "sqlite":
        return None
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA data_version")
        (version,) = cursor.fetchone()
    raw = connection.connection
    return raw, int(version), int(raw.total_changes)


_POSTGRES = "postgresql"  # the "connection" of a PostgreSQL stamp: the server's log is shared


def _postgres_stamp() -> tuple[Any, int, int] | None:
    """The PostgreSQL server's write-ahead log insert position (None elsewhere, and on a
    standby, which has no insert position of its own)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT CASE WHEN pg_is_in_recovery() THEN NULL "
            "ELSE pg_current_wal_insert_lsn()::text END"
        )
        (lsn,) = cursor.fetchone()
    if not lsn:
        return None
    high, low = str(lsn).split("/")
    return _POSTGRES, (int(high, 16) << 32) + int(low, 16), 0


def _stored_version(ws: int) -> tuple[Any, ...]:
    """The aggregates of the data version, in one statement (see ``_version_sql``)."""
    sql, params_per_ws = _version_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, [ws] * params_per_ws)
        aggregates = tuple(cursor.fetchone() or ())
    profile = list(
        Profile.objects.filter(workspace_id=ws).values_list(
            "industry", "location", "network_size_guess"
        )
    )
    positions = list(
        ProfilePosition.objects.filter(workspace_id=ws).values_list("organisation_id", "end")
    )
    schools = sorted(
        ProfileEducation.objects.filter(workspace_id=ws).values_list("school", flat=True)
    )
    return (aggregates, tuple(profile), tuple(positions), tuple(schools))


_VERSION_SQL: tuple[str, int] | None = None


def _version_sql() -> tuple[str, int]:
    """One statement of single-row aggregates, each shaped so that an index answers it.

    Persons: the count, and the newest ``updated_at`` and ``last_contact_at`` (each the
    top of an index on (workspace, column); a new person has the newest ``updated_at``,
    so the largest id adds nothing). Ties: the count and the sum of strengths, and the
    largest id. The other tables: the count (an index-only scan of the workspace index)
    and, apart, the largest id (the top of the primary key). Counting with maxima in one
    ``aggregate()`` read every row on PostgreSQL, and the statements were ten round trips.
    """
    global _VERSION_SQL
    if _VERSION_SQL is not None:
        return _VERSION_SQL
    quote = connection.ops.quote_name

    def table(model: type[Any]) -> str:
        return quote(model._meta.db_table)

    ws = quote("workspace_id")
    person, tie = table(Person), table(Tie)
    parts = [
        f"SELECT COUNT(*) FROM {person} WHERE {ws} = %s",
        f"SELECT MAX({quote('updated_at')}) FROM {person} WHERE {ws} = %s",
        f"SELECT MAX({quote('last_contact_at')}) FROM {person} WHERE {ws} = %s",
        # Summed as whole millionths: a sum of floats depends on the order of the rows,
        # which PostgreSQL's parallel workers do not keep, and would change the version.
        f"SELECT COUNT(*), SUM(CAST(ROUND({quote('strength')} * 1000000) AS BIGINT)) "
        f"FROM {tie} WHERE {ws} = %s",
        f"SELECT MAX({quote('id')}) FROM {tie} WHERE {ws} = %s",
    ]
    for model in (InteractionPerson, Favour, PersonContext, PersonTag, Organisation):
        parts.append(f"SELECT COUNT(*) FROM {table(model)} WHERE {ws} = %s")
        parts.append(f"SELECT MAX({quote('id')}) FROM {table(model)} WHERE {ws} = %s")
    sql = "SELECT * FROM " + ", ".join(f"({part}) AS v{i}" for i, part in enumerate(parts))
    _VERSION_SQL = (sql, len(parts))
    return _VERSION_SQL


def measures(workspace: Workspace) -> Measures:
    """The measures of the workspace's network, computed once per data version and kept
    for this process and the server's other processes (services.measures_cache)."""
    version = data_version(workspace)
    found: Measures = kept.get(
        workspace.pk,
        version,
        compute=lambda: compute(workspace, version),
    )
    return found


def forget(workspace: Workspace) -> None:
    kept.forget(workspace.pk)
    with _lock:
        _stamps.pop(workspace.pk, None)


# --- inputs ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Inputs:
    rows: list[tuple[Any, ...]]
    index: dict[int, int]
    orgs: dict[int, tuple[str, str, str]]  # id → name, folded, industry
    contexts: dict[int, list[str]]  # person id → context labels
    context_keys: dict[int, set[str]]
    directions: dict[int, Counter[str]]
    first_seen: dict[int, date]
    favours: dict[int, Counter[str]]
    introduced: Counter[int]
    tags: dict[int, list[str]]
    ties: list[tuple[int, int, float | None]]
    profile: Profile | None
    my_orgs: set[int]


PERSON_COLUMNS = (
    "id",
    "display_name",
    "organisation_id",
    "title",
    "industry",
    "location",
    "closeness",
    "is_super_connector",
    "last_day",
    "first_met",
    "connected_on",
    "created_day",
    "introduced_by_id",
    "notes",
    "provenance_text",
    "schools_text",
)
(
    C_ID,
    C_NAME,
    C_ORG,
    C_TITLE,
    C_INDUSTRY,
    C_PLACE,
    C_CLOSENESS,
    C_SUPER,
    C_LAST,
    C_MET,
    C_CONNECTED,
    C_CREATED,
    C_INTRODUCED_BY,
    C_NOTES,
    C_PROVENANCE,
    C_SCHOOLS,
) = range(len(PERSON_COLUMNS))


def _load(workspace: Workspace) -> _Inputs:
    ws = workspace.pk
    # Dates are cut in SQL and the provenance read as text: converting 30,000 datetimes
    # and JSON objects in Python costs seconds.
    rows = list(
        Person.objects.filter(workspace_id=ws)
        .order_by("id")
        .annotate(
            last_day=TruncDate("last_contact_at"),
            created_day=TruncDate("created_at"),
            provenance_text=Cast("provenance", TextField()),
            schools_text=Cast("schools", TextField()),
        )
        .values_list(*PERSON_COLUMNS)
    )
    orgs = {
        pk: (name, folded, industry)
        for pk, name, folded, industry in Organisation.objects.filter(workspace_id=ws).values_list(
            "id", "name", "name_folded", "industry"
        )
    }
    labels = {c.pk: (c.key, c.label) for c in Context.objects.filter(workspace_id=ws)}
    contexts: dict[int, list[str]] = defaultdict(list)
    context_keys: dict[int, set[str]] = defaultdict(set)
    for pid, cid in PersonContext.objects.filter(workspace_id=ws).values_list(
        "person_id", "context_id"
    ):
        key, label = labels.get(cid, ("", ""))
        contexts[pid].append(label)
        context_keys[pid].add(key)
    held = InteractionPerson.objects.filter(workspace_id=ws, interaction__is_planned=False)
    directions: dict[int, Counter[str]] = defaultdict(Counter)
    for pid, direction, n in (
        held.values("person_id", "interaction__direction")
        .annotate(n=Count("id"))
        .values_list("person_id", "interaction__direction", "n")
    ):
        directions[pid][direction] += n
    # The first contact only counts in years: the UTC date is close enough, and cheap.
    first_seen = {
        pid: first.date()
        for pid, first in held.values("person_id")
        .annotate(first=Min("interaction__occurred_at"))
        .values_list("person_id", "first")
        if first is not None
    }
    favours: dict[int, Counter[str]] = defaultdict(Counter)
    for pid, direction, n in (
        Favour.objects.filter(workspace_id=ws)
        .values("person_id", "direction")
        .annotate(n=Count("id"))
        .values_list("person_id", "direction", "n")
    ):
        favours[pid][direction] += n
    tags: dict[int, list[str]] = defaultdict(list)
    for pid, name in PersonTag.objects.filter(workspace_id=ws).values_list(
        "person_id", "tag__name"
    ):
        tags[pid].append(name)
    profile = Profile.objects.filter(workspace_id=ws).first()
    my_orgs = set(
        ProfilePosition.objects.filter(workspace_id=ws, organisation__isnull=False).values_list(
            "organisation_id", flat=True
        )
    )
    return _Inputs(
        rows=rows,
        index={row[C_ID]: i for i, row in enumerate(rows)},
        orgs=orgs,
        contexts=contexts,
        context_keys=context_keys,
        directions=directions,
        first_seen=first_seen,
        favours=favours,
        introduced=Counter(row[C_INTRODUCED_BY] for row in rows if row[C_INTRODUCED_BY]),
        tags=tags,
        ties=list(Tie.objects.filter(workspace_id=ws).values_list("a_id", "b_id", "strength")),
        profile=profile,
        my_orgs={o for o in my_orgs if o is not None},
    )


# --- computing --------------------------------------------------------------------------


def _evidence(row: tuple[Any, ...], data: _Inputs) -> tie_strength.TieEvidence:
    pid = row[C_ID]
    counts = data.directions.get(pid, _NONE)
    firsts = [d for d in (row[C_MET], row[C_CONNECTED], data.first_seen.get(pid)) if d]
    favours = data.favours.get(pid, _NONE)
    return tie_strength.TieEvidence(
        closeness=row[C_CLOSENESS],
        outgoing=counts["out"],
        incoming=counts["in"],
        mutual=counts["mutual"],
        unknown=counts["unknown"],
        first_contact=min(firsts) if firsts else None,
        last_contact=row[C_LAST],
        favours_given=favours["given"],
        favours_received=favours["received"],
        shared_contexts=max(0, len(data.contexts.get(pid, [])) - 1),
        shared_organisation=row[C_ORG] in data.my_orgs,
        introductions=data.introduced.get(pid, 0),
    )


def _layers(workspace: Workspace) -> tuple[int, ...]:
    wanted = workspace.settings.get("ring_layers")
    if (
        isinstance(wanted, list)
        and len(wanted) == len(tie_strength.DEFAULT_LAYERS)
        and all(isinstance(v, int) and v > 0 for v in wanted)
        and wanted == sorted(wanted)
    ):
        return tuple(wanted)
    return tie_strength.DEFAULT_LAYERS


def _graph(data: _Inputs) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """Known ties as a 0/1 matrix (brokerage) and with strengths (paths)."""
    n = len(data.rows)
    pairs = [
        (data.index[a], data.index[b])
        for a, b, _ in data.ties
        if a in data.index and b in data.index
    ]
    weights = [
        (s if s and s > 0 else UNKNOWN_TIE)
        for a, b, s in data.ties
        if a in data.index and b in data.index
    ]
    return (
        brokerage.adjacency_from_edges(n, pairs),
        brokerage.adjacency_from_edges(n, pairs, weights),
    )


def compute(workspace: Workspace, version: tuple[Any, ...] | None = None) -> Measures:
    started = time.perf_counter()
    today = timezone.localdate()
    data = _load(workspace)
    loaded = time.perf_counter() - started
    rows = data.rows
    refs = [PersonRef(r[C_ID], r[C_NAME]) for r in rows]
    estimates = [tie_strength.estimate(_evidence(r, data), today) for r in rows]
    strength = np.array([e.strength for e in estimates], dtype=float)
    closeness = [r[C_CLOSENESS] for r in rows]
    layers = _layers(workspace)
    rings = tie_strength.assign_rings(strength.tolist(), closeness, layers)
    binary, weighted = _graph(data)
    degree = np.diff(binary.indptr)
    constraint = brokerage.constraint(binary)
    effective = brokerage.effective_size(binary)
    cuts = brokerage.cut_points(binary)
    separated = np.zeros(len(rows), dtype=int)
    for cut in cuts:
        separated[cut.node] = cut.separated
    ego_c, ego_es = _ego(strength, binary)
    dormant_ties = _dormant(rows, data, today)
    dormant_weight = np.zeros(len(rows))
    for d in dormant_ties:
        dormant_weight[data.index[d.id]] = d.weight
    candidates = _candidates(
        rows, data, strength, estimates, constraint, degree, separated, weighted
    )
    candidates.dormant = dormant_weight
    candidates.dormant_reasons = {d.id: tie_strength.pack(d.reasons) for d in dormant_ties}
    facts = _facts(rows, data, rings)
    guess = data.profile.network_size_guess if data.profile else None
    doors = _lone_doors(rows, data, refs, strength)
    result = Measures(
        version=version if version is not None else data_version(workspace),
        today=today,
        seconds=0.0,
        composition=composition.compose(facts, guess),
        diversity=_diversity(rows, data),
        brokers=_brokers(refs, constraint, effective, degree, separated),
        bridges=[
            Broker(
                refs[c.node],
                float(constraint[c.node]),
                float(effective[c.node]),
                int(degree[c.node]),
                c.separated,
            )
            for c in cuts
        ],
        ego_constraint=ego_c,
        ego_effective_size=ego_es,
        known_ties=int(binary.nnz // 2),
        dormant=[
            Dormant(refs[data.index[d.id]], d.silent_years, d.reasons)
            for d in dormant_ties[:DORMANT_SHOWN]
        ],
        marked_super_connectors=[refs[i] for i, r in enumerate(rows) if r[C_SUPER]],
        suggested_super_connectors=_suggested(refs, rows, degree),
        lone_doors=doors[:LONE_DOORS_SHOWN],
        lone_door_count=len(doors),
        candidates=candidates,
        rings={r[C_ID]: ring for r, ring in zip(rows, rings, strict=True)},
        ring_floors=tie_strength.ring_floors(strength.tolist(), closeness, rings, layers),
        organisation_keys={folded: pk for pk, (_, folded, _) in data.orgs.items()},
    )
    result.seconds = round(time.perf_counter() - started, 3)
    result.load_seconds = round(loaded, 3)
    return result


def _ego(strength: np.ndarray, binary: sp.csr_matrix) -> tuple[float | None, float | None]:
    if binary.shape[0] == 0:
        return None, None
    c, es = brokerage.ego_constraint(np.maximum(strength, 0.05), binary)
    return round(c, 4), round(es, 2)


def _dormant(rows: list[tuple[Any, ...]], data: _Inputs, today: date) -> list[dormant.DormantTie]:
    past = [
        dormant.PastTie(
            id=r[C_ID],
            closeness=r[C_CLOSENESS],
            interactions=sum(data.directions.get(r[C_ID], _NONE).values()),
            last_contact=r[C_LAST],
            favours=sum(data.favours.get(r[C_ID], _NONE).values()),
            former_colleague=ContextKey.FORMER_COLLEAGUES in data.context_keys.get(r[C_ID], ()),
        )
        for r in rows
    ]
    return dormant.find_dormant(past, today)


def _industry(row: tuple[Any, ...], data: _Inputs) -> str:
    if row[C_INDUSTRY]:
        return str(row[C_INDUSTRY])
    org = data.orgs.get(row[C_ORG]) if row[C_ORG] else None
    return org[2] if org else ""


def _place(value: str) -> str:
    """The town of a location such as "Aarhus C, Denmark"."""
    return value.split(",")[0].strip()


_SOURCE = re.compile(r'"source":\s*"((?:[^"\\]|\\.)*)"')


def _sources(provenance: str | None) -> tuple[str, ...]:
    """The sources named in the provenance JSON, read from its text."""
    return tuple(sorted(set(_SOURCE.findall(provenance or ""))))


def _facts(
    rows: list[tuple[Any, ...]], data: _Inputs, rings: list[int]
) -> list[composition.PersonFacts]:
    out = []
    for row, ring in zip(rows, rings, strict=True):
        org = data.orgs.get(row[C_ORG]) if row[C_ORG] else None
        since = [d for d in (row[C_MET], row[C_CONNECTED]) if d] or [row[C_CREATED]]
        out.append(
            composition.PersonFacts(
                id=row[C_ID],
                contexts=tuple(data.contexts.get(row[C_ID], [])),
                ring=ring,
                organisation=org[0] if org else "",
                industry=_industry(row, data),
                place=_place(row[C_PLACE]),
                function=_function(row[C_TITLE]),
                sources=_sources(row[C_PROVENANCE]),
                known_since=min(d for d in since if d) if any(since) else None,
            )
        )
    return out


def _diversity(rows: list[tuple[Any, ...]], data: _Inputs) -> list[diversity.Diversity]:
    profile = data.profile
    mine_industry = fold(profile.industry) if profile else ""
    mine_place = fold(_place(profile.location)) if profile else ""
    current = (
        ProfilePosition.objects.filter(
            profile=profile, end__isnull=True, organisation__isnull=False
        ).values_list("organisation_id", "title")
        if profile
        else []
    )
    current_list = list(current)
    mine_org = str(current_list[0][0]) if current_list else ""
    mine_function = function_of(current_list[0][1]) if current_list else ""
    if not mine_function and profile:
        mine_function = function_of(profile.headline)
    industries = [_industry(r, data) for r in rows]
    places = [_place(r[C_PLACE]) for r in rows]
    org_labels = {str(pk): name for pk, (name, _, _) in data.orgs.items()}
    return [
        diversity.measure(
            "industry", [fast_fold(v) for v in industries], mine_industry, _labels(industries)
        ),
        diversity.measure(
            "organisation", [str(r[C_ORG]) if r[C_ORG] else "" for r in rows], mine_org, org_labels
        ),
        diversity.measure("place", [fast_fold(v) for v in places], mine_place, _labels(places)),
        diversity.measure("function", [_function(r[C_TITLE]) for r in rows], mine_function),
        _education(rows, profile),
    ]


def _schools(text: str | None) -> list[str]:
    """A person's schools from the JSON list as text ("[]" for most persons)."""
    if not text or text == "[]":
        return []
    try:
        value = json.loads(text)
    except ValueError:
        return []
    return [v for v in value if isinstance(v, str) and v.strip()] if isinstance(value, list) else []


def _education(rows: list[tuple[Any, ...]], profile: Profile | None) -> diversity.Diversity:
    """Schools compared with the profile's education; persons without schools are unknown."""
    schools = [_schools(r[C_SCHOOLS]) for r in rows]
    mine = (
        list(ProfileEducation.objects.filter(profile=profile).values_list("school", flat=True))
        if profile
        else []
    )
    labels = _labels([s for names in schools for s in names] + mine)
    return diversity.measure_sets(
        "education",
        [[fast_fold(s) for s in names] for names in schools],
        {fast_fold(s) for s in mine},
        labels,
    )


def _labels(values: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in values:
        out.setdefault(fast_fold(value), value)
    return out


def _brokers(
    refs: list[PersonRef],
    constraint: np.ndarray,
    effective: np.ndarray,
    degree: np.ndarray,
    separated: np.ndarray,
) -> list[Broker]:
    # Constraint is only telling for someone with a few known ties.
    eligible = np.flatnonzero(degree >= 2)
    order = eligible[np.lexsort((eligible, -effective[eligible], constraint[eligible]))]
    return [
        Broker(refs[i], round(float(constraint[i]), 4), round(float(effective[i]), 2),
               int(degree[i]), int(separated[i]))
        for i in order[:BROKERS_SHOWN]
    ]  # fmt: skip


def _suggested(
    refs: list[PersonRef], rows: list[tuple[Any, ...]], degree: np.ndarray
) -> list[tuple[PersonRef, int]]:
    order = np.lexsort((np.arange(len(rows)), -degree))
    out = [
        (refs[i], int(degree[i]))
        for i in order
        if degree[i] >= SUGGEST_FROM_DEGREE and not rows[i][C_SUPER]
    ]
    return out[:SUPER_CONNECTORS_SUGGESTED]


def _lone_doors(
    rows: list[tuple[Any, ...]], data: _Inputs, refs: list[PersonRef], strength: np.ndarray
) -> list[LoneDoor]:
    by_org: dict[int, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        if row[C_ORG]:
            by_org[row[C_ORG]].append(i)
    doors = [
        LoneDoor(data.orgs[org][0], refs[members[0]], float(strength[members[0]]))
        for org, members in by_org.items()
        if len(members) == 1 and org in data.orgs
    ]
    doors.sort(key=lambda d: (d.strength, d.organisation))
    return doors


def _candidates(
    rows: list[tuple[Any, ...]],
    data: _Inputs,
    strength: np.ndarray,
    estimates: list[tie_strength.TieEstimate],
    constraint: np.ndarray,
    degree: np.ndarray,
    separated: np.ndarray,
    weighted: sp.csr_matrix,
) -> ranking.Candidates:
    n = len(rows)
    industries = [_industry(r, data) for r in rows]
    favours = [data.favours.get(r[C_ID], _NONE) for r in rows]
    # Tuples, not lists: see ranking.Candidates.
    return ranking.Candidates(
        ids=np.array([r[C_ID] for r in rows], dtype=np.int64),
        names=tuple(r[C_NAME] for r in rows),
        organisation=tuple(r[C_ORG] for r in rows),
        organisation_names={pk: name for pk, (name, _, _) in data.orgs.items()},
        titles=tuple(r[C_TITLE] for r in rows),
        industries=tuple(industries),
        places=tuple(r[C_PLACE] for r in rows),
        folded_titles=tuple(fast_fold(r[C_TITLE]) for r in rows),
        folded_industries=tuple(fast_fold(v) for v in industries),
        folded_places=tuple(fast_fold(r[C_PLACE]) for r in rows),
        folded_text=tuple(
            fast_fold(" ".join([r[C_TITLE], r[C_NOTES], *data.tags.get(r[C_ID], [])])) for r in rows
        ),
        strength=strength,
        constraint=constraint,
        mutual=degree,
        separated=separated,
        dormant=np.zeros(n),
        favours_given=np.array([f["given"] for f in favours], dtype=float),
        favours_received=np.array([f["received"] for f in favours], dtype=float),
        super_connector=np.array([bool(r[C_SUPER]) for r in rows], dtype=bool),
        ties=weighted,
        history=_history(rows, data),
        strength_reasons=tuple(tie_strength.pack(e.reasons) for e in estimates),
    )


def _history(rows: list[tuple[Any, ...]], data: _Inputs) -> list[Position]:
    """Former employers from the work history imports keep in the provenance
    (``provenance["organisation"]["history"]``); only the few persons with one are parsed."""
    keys: dict[str, int] = {}
    for pk, (_name, folded, _industry) in data.orgs.items():
        keys.setdefault(folded, pk)
    out: list[Position] = []
    for i, row in enumerate(rows):
        text = row[C_PROVENANCE]
        if not text or '"history"' not in text:
            continue
        try:
            provenance = json.loads(text)
        except ValueError:
            continue
        entry = provenance.get("organisation") if isinstance(provenance, dict) else None
        entries = entry.get("history") if isinstance(entry, dict) else None
        if isinstance(entries, list):
            out += history_positions(i, entries, keys, fast_fold, row[C_ORG])
    return out


@dataclass(frozen=True, slots=True)
class PersonRead:
    """What a page has read of a person already, so the estimate does not read it again:
    the person (their contexts prefetched), how many persons they introduced, their
    favours, and every interaction of theirs when the page has read them all."""

    person: Person
    introductions: int
    favours: Sequence[Favour]
    interactions: Sequence[Interaction] | None = None


def strength_of(
    workspace: Workspace, person_id: int, read: PersonRead | None = None
) -> tuple[float, int, tuple[tie_strength.Reason, ...]] | None:
    """One person's estimated strength, ring and reasons, always from the current data.

    The estimate needs only this person's evidence (three small queries, or one or two
    besides what a page has ``read`` already). The ring needs the whole network: it is
    the one the last analysis gave while the estimate is what it was then, else the ring
    the estimate reaches by the weakest estimates that made each ring in the last
    analysis. A person page thus never waits for the whole network to be analysed again
    after an edit.
    """
    ev = _person_evidence(workspace, person_id, read)
    if ev is None:
        return None
    estimate = tie_strength.estimate(ev, timezone.localdate())
    placed: Placement = kept.latest(workspace.pk) or placement_of(measures(workspace))
    outer = len(placed.floors) + 1
    if placed.strength.get(person_id) == estimate.strength:
        ring = placed.rings.get(person_id, outer)
    elif ev.closeness is not None:
        ring = min(max(int(ev.closeness), 1), outer)
    else:
        ring = tie_strength.ring_by_floors(estimate.strength, placed.floors)
    return estimate.strength, ring, estimate.reasons


def _person_evidence(
    workspace: Workspace, person_id: int, read: PersonRead | None = None
) -> tie_strength.TieEvidence | None:
    """The evidence ``_evidence`` builds from the bulk inputs, read for one person."""
    ws = workspace.pk
    if read is None:
        row = (
            Person.objects.filter(workspace_id=ws, pk=person_id)
            .annotate(
                last_day=TruncDate("last_contact_at"),
                context_count=Subquery(
                    PersonContext.objects.filter(person_id=OuterRef("pk"))
                    .values("person_id")
                    .annotate(n=Count("id"))
                    .values("n")
                ),
                introduction_count=Subquery(
                    Person.objects.filter(workspace_id=ws, introduced_by_id=OuterRef("pk"))
                    .values("introduced_by_id")
                    .annotate(n=Count("id"))
                    .values("n")
                ),
                shares_organisation=Exists(
                    ProfilePosition.objects.filter(
                        workspace_id=ws, organisation_id=OuterRef("organisation_id")
                    )
                ),
            )
            .values_list(
                "closeness",
                "last_day",
                "first_met",
                "connected_on",
                "context_count",
                "introduction_count",
                "shares_organisation",
            )
            .first()
        )
        if row is None:
            return None
        closeness, last_day, first_met, connected_on, contexts, introduced, shared_org = row
        favours: Counter[str] = Counter(
            dict(
                Favour.objects.filter(workspace_id=ws, person_id=person_id)
                .values("direction")
                .annotate(n=Count("id"))
                .values_list("direction", "n")
            )
        )
    else:
        p = read.person
        closeness, first_met, connected_on = p.closeness, p.first_met, p.connected_on
        last_day = timezone.localdate(p.last_contact_at) if p.last_contact_at else None
        contexts, introduced = len(p.contexts.all()), read.introductions
        shared_org = (
            p.organisation_id is not None
            and ProfilePosition.objects.filter(
                workspace_id=ws, organisation_id=p.organisation_id
            ).exists()
        )
        favours = Counter(f.direction for f in read.favours)
    counts: Counter[str] = Counter()
    first: datetime | None = None
    if read is not None and read.interactions is not None:
        held = [i for i in read.interactions if not i.is_planned]
        counts.update(i.direction for i in held)
        first = min((i.occurred_at for i in held), default=None)
    else:
        for direction, n, earliest in (
            InteractionPerson.objects.filter(
                workspace_id=ws, person_id=person_id, interaction__is_planned=False
            )
            .values("interaction__direction")
            .annotate(n=Count("id"), first=Min("interaction__occurred_at"))
            .values_list("interaction__direction", "n", "first")
        ):
            counts[direction] += n
            first = earliest if first is None or earliest < first else first
    firsts = [d for d in (first_met, connected_on, first.date() if first else None) if d]
    return tie_strength.TieEvidence(
        closeness=closeness,
        outgoing=counts["out"],
        incoming=counts["in"],
        mutual=counts["mutual"],
        unknown=counts["unknown"],
        first_contact=min(firsts) if firsts else None,
        last_contact=last_day,
        favours_given=favours["given"],
        favours_received=favours["received"],
        shared_contexts=max(0, (contexts or 0) - 1),
        shared_organisation=bool(shared_org),
        introductions=introduced or 0,
    )


# --- paths in -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PathRow:
    via: PersonRef
    insider: PersonRef
    organisation: str
    current: bool
    score: float
    start: int | None
    end: int | None

    @property
    def direct(self) -> bool:
        return self.via.id == self.insider.id

    @property
    def when(self) -> str:
        """The years at a former employer in words ("2019-2022", "left by 2026"), or ""."""
        from netkort.services import explain

        return "" if self.current else explain.years_there(self.start, self.end)

    def as_dict(self) -> dict[str, Any]:
        return {
            "via": {"id": self.via.id, "display_name": self.via.name},
            "insider": {"id": self.insider.id, "display_name": self.insider.name},
            "organisation": self.organisation,
            "works_there_now": self.current,
            "direct": self.direct,
            "score": round(self.score, 4),
            "start": self.start,
            "end": self.end,
        }


def find_organisations(workspace: Workspace, text: str) -> list[Organisation]:
    """Organisations by name or alias (folded); a part of a name finds it too."""
    key = fold(text)
    if not key:
        raise UserError(_("Name an organisation, for example --to “Fjordbank”."))
    orgs = list(Organisation.objects.filter(workspace=workspace).order_by("name"))
    exact = [o for o in orgs if key == o.name_folded or key in {fold(a) for a in o.aliases}]
    if exact:
        return exact
    partial = [o for o in orgs if key in o.name_folded]
    if partial:
        return partial
    raise UserError(
        _(
            "No organisation in your network is called “%(name)s”. "
            "See the names with “netkort people list”."
        )
        % {"name": text}
    )


def paths_to(
    workspace: Workspace, text: str, limit: int = 30
) -> tuple[list[Organisation], list[PathRow]]:
    """Who can open the door to the organisation(s) the text names, best path first."""
    from netkort.analysis.paths import paths_in

    orgs = find_organisations(workspace, text)
    m = measures(workspace)
    c = m.candidates
    found = paths_in({o.pk for o in orgs}, c.organisation, c.history, c.strength, c.ties, limit)
    refs = [PersonRef(int(pid), name) for pid, name in zip(c.ids.tolist(), c.names, strict=True)]
    names = {o.pk: o.name for o in orgs}
    rows = [
        PathRow(
            refs[p.via], refs[p.insider],
            names.get(p.organisation or 0, orgs[0].name),
            p.current, p.score, p.start, p.end,
        )
        for p in found
    ]  # fmt: skip
    return orgs, rows


# --- presenting -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DiversityRow:
    measure: diversity.Diversity
    name: str
    top: str
    mine: str
    advice: str  # "" when no category dominates


def diversity_rows(m: Measures) -> list[DiversityRow]:
    """The diversity measures with their names, labels and advice in the current language."""
    from netkort.services import explain

    names = explain.attribute_names()
    functions = explain.function_names()
    out = []
    for d in m.diversity:
        label = functions.get if d.attribute == "function" else None
        top = label(d.top, d.top) if label else d.top
        mine = label(d.mine, d.mine) if label else d.mine
        advice = (
            explain.diversity_advice(d.attribute, top, d.top_count, d.known) if d.advice else ""
        )
        out.append(DiversityRow(d, names.get(d.attribute, d.attribute), top, mine, advice))
    return out


def _ref(p: PersonRef) -> dict[str, Any]:
    return {"person_id": p.id, "display_name": p.name}


def _shares(shares: list[composition.Share]) -> list[dict[str, Any]]:
    return [{"label": s.label, "count": s.count} for s in shares]


def _number(value: float | None) -> float | None:
    return None if value is None or value != value else round(value, 4)


def _broker(b: Broker) -> dict[str, Any]:
    return {
        **_ref(b.person),
        "constraint": _number(b.constraint),
        "effective_size": _number(b.effective_size),
        "ties": b.ties,
        "separated": b.separated,
    }


def as_dict(m: Measures) -> dict[str, Any]:
    """The JSON shape of ``netkort analyze --json``."""
    from netkort.services import explain

    comp = m.composition
    return {
        "size": comp.size,
        "guess": comp.guess,
        "by_context": _shares(comp.by_context),
        "rings": [{"ring": int(s.label), "count": s.count} for s in comp.by_ring],
        "by_organisation": _shares(comp.by_organisation),
        "by_industry": _shares(comp.by_industry),
        "by_place": _shares(comp.by_place),
        "by_source": _shares(comp.by_source),
        "growth": [{"year": int(s.label), "total": s.count} for s in comp.growth],
        "diversity": [
            {
                "attribute": r.measure.attribute,
                "known": r.measure.known,
                "unknown": r.measure.unknown,
                "categories": r.measure.categories,
                "blau": r.measure.blau,
                "iqv": r.measure.iqv,
                "entropy": r.measure.entropy,
                "ei_index": _number(r.measure.ei),
                "largest": r.top,
                "largest_count": r.measure.top_count,
                "mine": r.mine,
                "advice": r.advice or None,
            }
            for r in diversity_rows(m)
        ],
        "known_ties": m.known_ties,
        "ego": {
            "constraint": _number(m.ego_constraint),
            "effective_size": _number(m.ego_effective_size),
        },
        "brokers": [_broker(b) for b in m.brokers],
        "bridges": [_broker(b) for b in m.bridges],
        "dormant": [
            {
                **_ref(d.person),
                "silent_years": d.silent_years,
                "reasons": explain.say_all(d.reasons),
            }
            for d in m.dormant
        ],
        "super_connectors": [{**_ref(p), "marked": True} for p in m.marked_super_connectors]
        + [{**_ref(p), "marked": False, "ties": n} for p, n in m.suggested_super_connectors],
        "lone_doors": [{"organisation": d.organisation, **_ref(d.person)} for d in m.lone_doors],
        "lone_door_count": m.lone_door_count,
        "seconds": m.seconds,
    }
