"""Exporting a workspace: gathering its rows for each format and naming the file.

Rows come from ``values_list`` queries (a few per format, never one per person), so a
network of 30,000 persons exports in seconds. The pure writers in ``netkort.io`` lay
the rows out.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
from django.db.models import F, QuerySet
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from netkort.analysis import brokerage
from netkort.domain import ranking
from netkort.io import export_csv, export_graph, export_ics, export_vcf, export_xlsx
from netkort.io.export_graph import AttrType, Edge, Graph, Node
from netkort.io.export_tables import (
    GOAL_COLUMNS,
    LIST_SEPARATOR,
    Cell,
    Column,
    Sheet,
    people_columns,
)
from netkort.services import analysis, plan
from netkort.services.backup import backup_bytes
from netkort.services.errors import UserError
from netkort.store import labels
from netkort.store.models import (
    Assessment,
    Context,
    EmailAddress,
    Favour,
    Goal,
    Interaction,
    InteractionPerson,
    Person,
    PersonContext,
    PersonTag,
    PhoneNumber,
    Profile,
    Tie,
    Workspace,
)


@dataclass(frozen=True, slots=True)
class FileKind:
    extension: str
    content_type: str


FORMATS: dict[str, FileKind] = {
    "xlsx": FileKind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "csv": FileKind("csv", "text/csv; charset=utf-8"),
    "vcf": FileKind("vcf", "text/vcard; charset=utf-8"),
    "graphml": FileKind("graphml", "application/graphml+xml"),
    "gexf": FileKind("gexf", "application/gexf+xml"),
    "ics": FileKind("ics", "text/calendar; charset=utf-8"),
    "json": FileKind("json", "application/json"),
}
LANGUAGES = ("da", "en")
# Excel's number for 1970-01-01 (days since 1899-12-30).
UNIX_EPOCH_SERIAL = 25569.0
ROLES = ("is_information", "is_intermediary", "is_direct_access")


@dataclass(frozen=True, slots=True)
class ExportOptions:
    format: str
    goal: int | None = None
    language: str = "da"
    delimiter: str = ","


@dataclass(frozen=True, slots=True)
class ExportFile:
    data: bytes
    filename: str
    content_type: str


def export(workspace: Workspace, options: ExportOptions) -> ExportFile:
    """The workspace in the chosen format, with a file name that is safe everywhere."""
    kind = FORMATS.get(options.format)
    if kind is None:
        raise UserError(
            _("There is no export format “%(format)s”. Known formats: %(known)s.")
            % {"format": options.format, "known": ", ".join(FORMATS)}
        )
    if options.language not in LANGUAGES:
        raise UserError(_("The language must be da or en."))
    if options.delimiter not in export_csv.DELIMITERS:
        raise UserError(_("The delimiter must be a comma, a semicolon or a tab."))
    with translation.override(options.language):
        data = _render(workspace, options)
    return ExportFile(data, file_name(workspace, kind.extension), kind.content_type)


def _render(workspace: Workspace, options: ExportOptions) -> bytes:
    fmt, language = options.format, options.language
    if fmt == "json":
        return backup_bytes(workspace)
    if fmt == "csv":
        return export_csv.write_csv(people_sheet(workspace, language), language, options.delimiter)
    if fmt == "vcf":
        return export_vcf.write_vcf(contacts(workspace))
    goal = resolve_goal(workspace, options.goal)
    if fmt == "xlsx":
        out = io.BytesIO()
        export_xlsx.write_xlsx(workbook_sheets(workspace, goal, language), out, language)
        return out.getvalue()
    if fmt == "ics":
        return export_ics.write_ics(
            calendar_events(workspace, goal), f"netkort · {workspace.name}", timezone.now()
        )
    graph = network_graph(workspace, goal)
    if fmt == "graphml":
        return export_graph.write_graphml(graph)
    return export_graph.write_gexf(graph, timezone.localdate())


def file_name(workspace: Workspace, extension: str) -> str:
    """``netkort-<workspace>-<date>.<ext>``, in ASCII letters, digits and dashes only."""
    slug = slugify(workspace.name)[:40].strip("-")
    stem = f"netkort-{slug}" if slug else "netkort"
    return f"{stem}-{timezone.localdate().isoformat()}.{extension}"


def resolve_goal(workspace: Workspace, goal_id: int | None) -> Goal | None:
    """The goal asked for, else the active goal, else None."""
    if goal_id is None:
        return Goal.objects.filter(workspace=workspace, is_active=True).first()
    goal = Goal.objects.filter(workspace=workspace, pk=goal_id).first()
    if goal is None:
        raise UserError(_("There is no goal %(id)s in this network.") % {"id": goal_id})
    return goal


# --- gathering -------------------------------------------------------------------------


class PersonRow(NamedTuple):
    id: int
    display_name: str
    given_name: str
    family_name: str
    organisation: str | None
    title: str
    linkedin_url: str
    closeness: int | None
    notes: str
    urls: list[str]
    birthday: dt.date | None
    location: str
    schools: list[str]


@dataclass(slots=True)
class PeopleRows:
    """The persons with their lists, gathered in a handful of queries."""

    rows: list[PersonRow]
    emails: dict[int, list[str]]
    phones: dict[int, list[tuple[str, str]]]
    contexts: dict[int, list[str]]
    tags: dict[int, list[str]]
    names: dict[int, str]


def context_labels(workspace: Workspace) -> dict[int, str]:
    """Each context's name in the active language."""
    return {
        c.pk: str(labels.CONTEXTS[c.key]) if c.key in labels.CONTEXTS else c.name
        for c in Context.objects.filter(workspace=workspace)
    }


def _grouped(pairs: Iterable[tuple[int, Any]]) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = defaultdict(list)
    for key, value in pairs:
        out[key].append(value)
    return out


def gather_people(workspace: Workspace, language: str) -> PeopleRows:
    sort_key = "sort_key_en" if language == "en" else "sort_key_da"
    fields = ["organisation__name" if f == "organisation" else f for f in PersonRow._fields]
    rows = [
        PersonRow(*row)
        for row in Person.objects.filter(workspace=workspace)
        .order_by(sort_key, "id")
        .values_list(*fields)
    ]
    ws = {"workspace": workspace}
    emails = EmailAddress.objects.filter(**ws).order_by("person_id", "position", "id")
    phones = PhoneNumber.objects.filter(**ws).order_by("person_id", "position", "id")
    ctx_names = context_labels(workspace)
    links = PersonContext.objects.filter(**ws).order_by(
        "person_id", "context__position", "context_id"
    )
    tags = PersonTag.objects.filter(**ws).order_by("person_id", "tag__name")
    phone_map: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for pid, e164, label in phones.values_list("person_id", "e164", "label"):
        phone_map[pid].append((e164, label))
    return PeopleRows(
        rows=rows,
        emails=_grouped(emails.values_list("person_id", "address")),
        phones=phone_map,
        contexts={
            pid: [ctx_names[c] for c in cids]
            for pid, cids in _grouped(links.values_list("person_id", "context_id")).items()
        },
        tags=_grouped(tags.values_list("person_id", "tag__name")),
        names={r.id: r.display_name for r in rows},
    )


def _joined(items: list[str] | None) -> str:
    return LIST_SEPARATOR.join(items or [])


def people_sheet(workspace: Workspace, language: str, gathered: PeopleRows | None = None) -> Sheet:
    """The People table, in ``PEOPLE_COLUMNS`` order: the layout the sheet import reads."""
    p = gathered or gather_people(workspace, language)
    sheet = Sheet("people", "People", "Personer", people_columns())
    for r in p.rows:
        sheet.rows.append(
            [
                r.id,
                r.display_name,
                r.given_name,
                r.family_name,
                r.organisation or "",
                r.title,
                _joined(p.emails.get(r.id)),
                _joined([n for n, _label in p.phones.get(r.id, [])]),
                r.linkedin_url,
                _joined(p.contexts.get(r.id)),
                r.closeness,
                _joined(p.tags.get(r.id)),
                r.notes,
                _joined([str(s) for s in r.schools or []]),
            ]
        )
    return sheet


def contexts_sheet(workspace: Workspace) -> Sheet:
    counts: dict[int, int] = defaultdict(int)
    for cid in PersonContext.objects.filter(workspace=workspace).values_list(
        "context_id", flat=True
    ):
        counts[cid] += 1
    names = context_labels(workspace)
    sheet = Sheet(
        "contexts",
        "Contexts",
        "Kontekster",
        [
            Column("context", "Context", "Kontekst", width=30),
            Column("key", "Built-in key", "Indbygget nøgle", width=22),
            Column("persons", "Persons", "Personer", kind="int", width=11),
        ],
    )
    for cid, key in Context.objects.filter(workspace=workspace).values_list("id", "key"):
        sheet.rows.append([names[cid], key, counts[cid]])
    return sheet


def _yes_no() -> tuple[str, str]:
    return (_("yes"), _("no"))


def _status_labels() -> dict[str, str]:
    return {k: str(v) for k, v in labels.OUTREACH_STATUSES.items()}


def _assessments(goal: Goal | None) -> dict[int, dict[str, Any]]:
    if goal is None:
        return {}
    rows = Assessment.objects.filter(goal=goal).values(
        "id", "person_id", *ROLES, "status", "outcome", "next_step", "next_step_date", "notes"
    )
    return {int(r["person_id"]): r for r in rows}


def goal_sheet(goal: Goal | None, p: PeopleRows) -> Sheet:
    """Every person's assessment for the goal: roles, closeness, status, next step."""
    yes, no = _yes_no()
    statuses = _status_labels()
    outcomes = {k: str(v) for k, v in labels.OUTCOMES.items()}
    h = GOAL_COLUMNS  # the headers the sheet import recognises (netkort.io.sheet)
    sheet = Sheet(
        "goal",
        "Goal",
        "Mål",
        [
            Column("id", *h["id"], kind="int", width=11),
            Column("name", *h["name"], width=28),
            Column("organisation", *h["organisation"], width=24),
            Column("closeness", *h["closeness"], kind="int", width=11,
                   choices=("1", "2", "3", "4", "5")),
            Column("information", *h["information"], width=13, choices=(yes, no)),
            Column("intermediary", *h["intermediary"], width=13, choices=(yes, no)),
            Column("direct_access", *h["direct_access"], width=14, choices=(yes, no)),
            Column("status", *h["status"], width=18, choices=tuple(statuses.values())),
            Column("outcome", *h["outcome"], width=22, choices=tuple(outcomes.values())),
            Column("next_step", *h["next_step"], width=30),
            Column("next_step_date", *h["next_step_date"], kind="date", width=14),
            Column("notes", *h["notes"], width=40),
            # Which goal the rows are about, so that an edited sheet goes back to it.
            Column("goal_id", *h["goal_id"], kind="int", width=11),
        ],
    )  # fmt: skip
    goal_id = goal.pk if goal is not None else None
    assessed = _assessments(goal)
    for r in p.rows:
        a = assessed.get(r.id)
        roles: list[Cell] = [(yes if a[role] else no) if a else "" for role in ROLES]
        sheet.rows.append(
            [
                r.id,
                r.display_name,
                r.organisation or "",
                r.closeness,
                *roles,
                statuses.get(a["status"], "") if a else "",
                outcomes.get(a["outcome"], "") if a else "",
                a["next_step"] if a else "",
                a["next_step_date"] if a else None,
                a["notes"] if a else "",
                goal_id,
            ]
        )
    return sheet


def action_plan_sheet(goal: Goal | None, p: PeopleRows) -> Sheet:
    """The outreach under way: assessed persons with a next step or past the first status."""
    statuses = _status_labels()
    sheet = Sheet(
        "plan",
        "Action plan",
        "Handlingsplan",
        [
            Column("date", "Date", "Dato", kind="date", width=12),
            Column("name", "Name", "Navn", width=28),
            Column("status", "Status", "Status", width=18, choices=tuple(statuses.values())),
            Column("next_step", "Next step", "Næste skridt", width=36),
            Column("priority", "Priority", "Prioritet", kind="int", width=10),
            Column("id", "netkort id", "netkort-id", kind="int", width=11),
        ],
    )
    if goal is None:
        return sheet
    rows = (
        Assessment.objects.filter(goal=goal)
        .exclude(status="not_contacted", next_step="")
        .order_by(F("next_step_date").asc(nulls_last=True), "id")
        .values_list("next_step_date", "person_id", "status", "next_step", "priority_override")
    )
    for when, pid, status, step, priority in rows:
        sheet.rows.append(
            [when, p.names.get(pid, ""), statuses.get(status, status), step, priority, pid]
        )
    return sheet


def _names_by_interaction(
    links: QuerySet[InteractionPerson], p: PeopleRows
) -> dict[int, list[str]]:
    """Interaction id → the names of its persons, in the order of their ids."""
    who: dict[int, list[str]] = defaultdict(list)
    for iid, pid in links.order_by("interaction_id", "person_id").values_list(
        "interaction_id", "person_id"
    ):
        who[iid].append(p.names.get(pid, ""))
    return who


def interactions_sheet(workspace: Workspace, p: PeopleRows) -> Sheet:
    channels = {k: str(v) for k, v in labels.CHANNELS.items()}
    directions = {k: str(v) for k, v in labels.DIRECTIONS.items()}
    yes, no = _yes_no()
    sheet = Sheet(
        "interactions",
        "Interactions",
        "Interaktioner",
        [
            Column("when", "When", "Hvornår", kind="datetime", width=17),
            Column("persons", "Persons", "Personer", width=30),
            Column("channel", "Channel", "Kanal", width=14, choices=tuple(channels.values())),
            Column("direction", "Direction", "Retning", width=12),
            Column("summary", "Summary", "Resumé", width=48),
            Column("planned", "Planned", "Planlagt", width=10, choices=(yes, no)),
            Column("minutes", "Minutes", "Minutter", kind="int", width=10),
        ],
    )
    who = _names_by_interaction(InteractionPerson.objects.filter(workspace=workspace), p)
    rows = (
        Interaction.objects.filter(workspace=workspace)
        .order_by("-occurred_at", "-id")
        .values_list(
            "id", "occurred_at", "channel", "direction", "summary", "is_planned", "duration_minutes"
        )
    )
    serial = local_serials()
    for iid, when, channel, direction, summary, planned, minutes in rows:
        sheet.rows.append(
            [
                serial(when),
                _joined(who.get(iid)),
                channels.get(channel, channel),
                directions.get(direction, direction),
                summary,
                # Only planned meetings are marked: a column of "no" is noise, and
                # 10^5 cells of it cost a second.
                yes if planned else "",
                minutes,
            ]
        )
    return sheet


def local_serials() -> Callable[[dt.datetime], float]:
    """A function from an aware time to Excel's number for it in the current time zone.

    The zone's offset is looked up once per quarter of an hour (every change of offset
    falls on one), not for each of 10^5 interactions.
    """
    zone = timezone.get_current_timezone()
    offsets: dict[int, float] = {}

    def serial(moment: dt.datetime) -> float:
        stamp = moment.timestamp()
        quarter = int(stamp // 900)
        offset = offsets.get(quarter)
        if offset is None:
            shift = moment.astimezone(zone).utcoffset()
            offset = offsets[quarter] = shift.total_seconds() if shift else 0.0
        return (stamp + offset) / 86400 + UNIX_EPOCH_SERIAL

    return serial


def favours_sheet(workspace: Workspace, p: PeopleRows) -> Sheet:
    kinds = {k: str(v) for k, v in labels.FAVOUR_KINDS.items()}
    directions = {k: str(v) for k, v in labels.FAVOUR_DIRECTIONS.items()}
    sheet = Sheet(
        "favours",
        "Favours",
        "Tjenester",
        [
            Column("on", "Date", "Dato", kind="date", width=12),
            Column("name", "Name", "Navn", width=28),
            Column("direction", "Direction", "Retning", width=12,
                   choices=tuple(directions.values())),
            Column("kind", "Kind", "Slags", width=16, choices=tuple(kinds.values())),
            Column("note", "Note", "Note", width=48),
            Column("id", "netkort id", "netkort-id", kind="int", width=11),
        ],
    )  # fmt: skip
    rows = (
        Favour.objects.filter(workspace=workspace)
        .order_by("-on", "id")
        .values_list("on", "person_id", "direction", "kind", "note")
    )
    for on, pid, direction, kind, note in rows:
        sheet.rows.append(
            [
                on,
                p.names.get(pid, ""),
                directions.get(direction, direction),
                kinds.get(kind, kind),
                note,
                pid,
            ]
        )
    return sheet


def workbook_sheets(workspace: Workspace, goal: Goal | None, language: str) -> list[Sheet]:
    p = gather_people(workspace, language)
    return [
        people_sheet(workspace, language, p),
        contexts_sheet(workspace),
        goal_sheet(goal, p),
        action_plan_sheet(goal, p),
        interactions_sheet(workspace, p),
        favours_sheet(workspace, p),
    ]


# --- vCard, graph, calendar ---------------------------------------------------------------


def contacts(workspace: Workspace) -> list[export_vcf.Contact]:
    p = gather_people(workspace, "en")
    out = []
    for r in p.rows:
        out.append(
            export_vcf.Contact(
                uid=f"netkort-{workspace.uid}-{r.id}",
                display_name=r.display_name,
                given_name=r.given_name,
                family_name=r.family_name,
                organisation=r.organisation or "",
                title=r.title,
                emails=p.emails.get(r.id, []),
                phones=p.phones.get(r.id, []),
                linkedin_url=r.linkedin_url,
                urls=[str(u) for u in r.urls or []],
                notes=r.notes,
                tags=p.tags.get(r.id, []),
                birthday=r.birthday,
            )
        )
    return out


NODE_ATTRS: dict[str, AttrType] = {
    "kind": "string",
    "organisation": "string",
    "title": "string",
    "location": "string",
    "contexts": "string",
    "tags": "string",
    "closeness": "int",
    "information": "boolean",
    "intermediary": "boolean",
    "direct_access": "boolean",
    "status": "string",
    # From the analysis (services.analysis.measures) and the goal's action list.
    "tie_strength": "double",
    "ring": "int",
    "constraint": "double",
    "effective_size": "double",
    "broker": "boolean",
    "priority": "double",
}
EDGE_ATTRS: dict[str, AttrType] = {"kind": "string", "closeness": "int", "source": "string"}


def _closeness_weight(closeness: int | None) -> float:
    # The inner circle (1) weighs 1.0, distant (5) 0.2; unknown closeness counts as distant.
    return (6 - closeness) / 5 if closeness else 0.2


def network_graph(workspace: Workspace, goal: Goal | None) -> Graph:
    """ "me", every person and every tie; the goal's roles and status on each person."""
    p = gather_people(workspace, "en")
    assessed = _assessments(goal)
    # (The analysis of a network without persons fails in scipy; there is nothing to score.)
    scores = node_scores(workspace, goal) if p.rows else {}
    me = Profile.objects.filter(workspace=workspace).values_list("full_name", flat=True).first()
    graph = Graph(NODE_ATTRS, EDGE_ATTRS, description=_("The network of %(name)s") % {
        "name": me or workspace.name})  # fmt: skip
    graph.nodes.append(Node("me", me or _("Me"), {"kind": "me"}))
    for r in p.rows:
        a = assessed.get(r.id)
        attrs: dict[str, export_graph.Value] = {
            "kind": "person",
            "organisation": r.organisation,
            "title": r.title,
            "location": r.location,
            "contexts": p.contexts.get(r.id, []),
            "tags": p.tags.get(r.id, []),
            "closeness": r.closeness,
        }
        if a:
            attrs |= {
                "information": bool(a["is_information"]),
                "intermediary": bool(a["is_intermediary"]),
                "direct_access": bool(a["is_direct_access"]),
                "status": str(a["status"]),
            }
        attrs |= scores.get(r.id, {})
        graph.nodes.append(Node(f"p{r.id}", r.display_name, attrs))
        edge_attrs: dict[str, export_graph.Value] = {"kind": "me", "closeness": r.closeness}
        graph.edges.append(Edge("me", f"p{r.id}", _closeness_weight(r.closeness), edge_attrs))
    for a_id, b_id, strength, source in (
        Tie.objects.filter(workspace=workspace)
        .order_by("a_id", "b_id")
        .values_list("a_id", "b_id", "strength", "source")
    ):
        weight = strength if strength is not None else 0.5
        graph.edges.append(Edge(f"p{a_id}", f"p{b_id}", weight, {"kind": "tie", "source": source}))
    return graph


def node_scores(workspace: Workspace, goal: Goal | None) -> dict[int, dict[str, Any]]:
    """Each person's measures as the analysis pages show them: tie strength and ring,
    Burt's constraint and effective size among the known ties, whether they are one of
    the brokers or bridges shown, and with a goal the action list's priority score (the
    user's own score where they set one)."""
    measures = analysis.measures(workspace)
    c = measures.candidates
    if c.size == 0:
        return {}
    known = c.ties.copy()
    known.data = np.ones_like(known.data)
    effective = brokerage.effective_size(known)
    brokers = {b.person.id for b in (*measures.brokers, *measures.bridges)}
    priority: np.ndarray | None = None
    if goal is not None:
        overrides = plan.overrides_for(workspace, goal)
        weights = plan.weights_of(workspace)
        priority, _points, _scored = ranking.score_parts(
            c, plan.goal_spec(goal), overrides, weights
        )
        index = c.index_of()
        for pid, value in overrides.scores.items():
            if pid in index:
                priority[index[pid]] = value
    out: dict[int, dict[str, Any]] = {}
    for i, pid in enumerate(c.ids.tolist()):
        constraint = float(c.constraint[i])
        scores: dict[str, Any] = {
            "tie_strength": round(float(c.strength[i]), 4),
            "ring": measures.rings.get(pid),
            # Without known ties there is no constraint (NaN) and no effective size.
            "constraint": None if math.isnan(constraint) else round(constraint, 4),
            "effective_size": round(float(effective[i]), 4)
            if known.indptr[i + 1] > known.indptr[i]
            else None,
            "broker": pid in brokers,
        }
        if priority is not None:
            scores["priority"] = round(float(priority[i]), 2)
        out[pid] = scores
    return out


def calendar_events(workspace: Workspace, goal: Goal | None) -> list[export_ics.CalendarEvent]:
    """Planned meetings (all of them) and the next steps of the goal's outreach."""
    p = gather_people(workspace, translation.get_language() or "da")
    who = _names_by_interaction(
        InteractionPerson.objects.filter(workspace=workspace, interaction__is_planned=True), p
    )
    channels = {k: str(v) for k, v in labels.CHANNELS.items()}
    events = []
    for iid, when, channel, summary, minutes, link in (
        Interaction.objects.filter(workspace=workspace, is_planned=True)
        .order_by("occurred_at", "id")
        .values_list("id", "occurred_at", "channel", "summary", "duration_minutes", "link")
    ):
        names = _joined(who.get(iid)) or _("someone")
        events.append(
            export_ics.CalendarEvent(
                uid=f"interaction-{iid}-{workspace.uid}@netkort",
                summary=_("%(channel)s with %(names)s")
                % {"channel": channels.get(channel, channel), "names": names},
                start=when,
                minutes=minutes,
                description=summary,
                url=link,
            )
        )
    if goal is not None:
        for aid, pid, step, day in (
            Assessment.objects.filter(goal=goal, next_step_date__isnull=False)
            .order_by("next_step_date", "id")
            .values_list("id", "person_id", "next_step", "next_step_date")
        ):
            name = p.names.get(pid, "")
            events.append(
                export_ics.CalendarEvent(
                    uid=f"next-step-{aid}-{workspace.uid}@netkort",
                    summary=_("%(name)s: %(step)s") % {"name": name, "step": step}
                    if step
                    else _("Next step with %(name)s") % {"name": name},
                    start=day or timezone.localdate(),
                    description=_("Goal: %(goal)s") % {"goal": goal.title},
                )
            )
    return events
