"""The network map's data: one snapshot of the workspace, laid out, in one compact payload.

The snapshot reads each table once with ``values_list`` (no model objects), so 30,000
persons and their ties load in a fraction of a second. Colour and size modes are plain
registries: another feature adds its own with ``register_colour_mode`` /
``register_size_mode``; the page, the legend and the SVG export pick them up without
changes. Sizes that need the analysis' measures (priority for the goal) are registered with
``register_goal_size_mode`` instead and fetched only when the user picks them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netkort.analysis.layout import (
    NO_ORG,
    NO_SECTOR,
    RING_BANDS,
    SCALE,
    Layout,
    mind_map_layout,
    ring_layout,
    sector_of,
)
from netkort.domain import ranking
from netkort.services import analysis, plan
from netkort.services.errors import NotFound
from netkort.store import labels
from netkort.store.models import (
    Assessment,
    Context,
    Goal,
    Organisation,
    Person,
    PersonContext,
    PersonTag,
    Profile,
    Tag,
    Tie,
    Workspace,
)

IntArray = npt.NDArray[np.int64]

#: an 8-bit set of roles per person for the active goal
INFORMATION, INTERMEDIARY, DIRECT_ACCESS = 1, 2, 4
ROLE_BITS = (INFORMATION, INTERMEDIARY, DIRECT_ACCESS)
#: colours for categories, chosen to stay apart for the common kinds of colour blindness
PALETTE = (
    "#1f77b4",
    "#e6550d",
    "#2ca02c",
    "#9467bd",
    "#d62728",
    "#17becf",
    "#8c564b",
    "#e377c2",
    "#bcbd22",
    "#393b79",
    "#637939",
    "#ad494a",
)
GREY = "#a3a3a3"
#: organisations and industries beyond this many share the colour "other"
TOP_CATEGORIES = 10
#: above this many persons the page starts without drawing the ties
EDGES_OFF_ABOVE = 2000


@dataclass(slots=True)
class Snapshot:
    """The workspace's persons as columns (index i is one person), ties as index pairs."""

    workspace: Workspace
    ids: IntArray
    names: list[str]
    sector: IntArray  # index into ``contexts``, NO_SECTOR for none
    organisation: IntArray  # index into ``organisations``, NO_ORG for none
    closeness: IntArray  # 1..5, 0 unknown
    industry: list[str]
    contexts_of: list[list[int]]
    tags_of: list[list[int]]
    roles: IntArray  # bits of ROLE_BITS
    status: IntArray  # index into OUTREACH_STATUSES, -1 not assessed
    ties: IntArray  # shape (m, 2)
    contexts: list[Context]
    organisations: list[str]
    tags: list[str]
    goal: Goal | None
    me: str
    _degree: IntArray | None = field(default=None, repr=False)

    @property
    def degree(self) -> IntArray:
        if self._degree is None:
            flat = self.ties.reshape(-1)
            self._degree = np.bincount(flat, minlength=len(self.ids)).astype(np.int64)
        return self._degree


@dataclass(frozen=True, slots=True)
class Categories:
    """A colour mode's answer: category labels, each person's category, the colours."""

    labels: list[str]
    of: IntArray
    colours: list[str]


@dataclass(frozen=True, slots=True)
class ColourMode:
    key: str
    label: Any  # a lazy translation
    categories: Callable[[Snapshot], Categories]


@dataclass(frozen=True, slots=True)
class SizeMode:
    key: str
    label: Any
    #: a non-negative weight per person; the payload scales it to node sizes
    weights: Callable[[Snapshot], npt.NDArray[np.float64]]


COLOUR_MODES: dict[str, ColourMode] = {}
SIZE_MODES: dict[str, SizeMode] = {}


def register_colour_mode(mode: ColourMode) -> None:
    COLOUR_MODES[mode.key] = mode


def register_size_mode(mode: SizeMode) -> None:
    SIZE_MODES[mode.key] = mode


# --- reading the workspace ---------------------------------------------------------------


def snapshot(workspace: Workspace) -> Snapshot:
    """Everything the map shows, read in a handful of queries."""
    contexts = list(Context.objects.filter(workspace=workspace))
    ctx_index = {c.pk: i for i, c in enumerate(contexts)}
    rows = list(
        Person.objects.filter(workspace=workspace)
        .order_by("id")
        .values_list(
            "id", "display_name", "primary_context_id", "organisation_id", "closeness", "industry"
        )
    )
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    index = {pk: i for i, pk in enumerate(ids.tolist())}
    org_ids = sorted({r[3] for r in rows if r[3] is not None})
    org_rows = Organisation.objects.filter(workspace=workspace, pk__in=org_ids)
    org_names, org_industries = {}, {}
    for pk, name, industry in org_rows.values_list("pk", "name", "industry"):
        org_names[pk], org_industries[pk] = name, industry
    org_index = {pk: i for i, pk in enumerate(org_ids)}
    goal = Goal.objects.filter(workspace=workspace, is_active=True).first()
    profile = Profile.objects.filter(workspace=workspace).first()
    roles, status = _assessments(goal, index)
    tags = list(Tag.objects.filter(workspace=workspace).order_by("name").values_list("pk", "name"))
    return Snapshot(
        workspace=workspace,
        ids=ids,
        names=[r[1] for r in rows],
        sector=np.array([ctx_index.get(r[2], NO_SECTOR) for r in rows], dtype=np.int64),
        organisation=np.array([org_index.get(r[3], NO_ORG) for r in rows], dtype=np.int64),
        closeness=np.array([r[4] or 0 for r in rows], dtype=np.int64),
        # A person's own industry, else their organisation's.
        industry=[r[5] or org_industries.get(r[3], "") for r in rows],
        contexts_of=_links(PersonContext, "context_id", workspace, index, ctx_index),
        tags_of=_links(
            PersonTag, "tag_id", workspace, index, {pk: i for i, (pk, _) in enumerate(tags)}
        ),
        roles=roles,
        status=status,
        ties=_ties(workspace, ids),
        contexts=contexts,
        organisations=[org_names.get(pk, "") for pk in org_ids],
        tags=[name for _, name in tags],
        goal=goal,
        me=(profile.full_name if profile else "") or _("Me"),
    )


def _links(
    model: type[PersonContext] | type[PersonTag],
    column: str,
    workspace: Workspace,
    index: dict[int, int],
    target: dict[int, int],
) -> list[list[int]]:
    out: list[list[int]] = [[] for _ in index]
    for person_id, other in model.objects.filter(workspace=workspace).values_list(
        "person_id", column
    ):
        i, j = index.get(person_id), target.get(other)
        if i is not None and j is not None:
            out[i].append(j)
    return out


def _ties(workspace: Workspace, ids: IntArray) -> IntArray:
    """Ties as pairs of positions in ``ids`` (which is sorted)."""
    rows = Tie.objects.filter(workspace=workspace).values_list("a_id", "b_id")
    pairs = np.array(list(rows), dtype=np.int64).reshape(-1, 2)
    if len(ids) == 0:
        return pairs[:0]
    at = np.minimum(np.searchsorted(ids, pairs), len(ids) - 1)
    known = (ids[at] == pairs).all(axis=1)
    return at[known]


def _assessments(goal: Goal | None, index: dict[int, int]) -> tuple[IntArray, IntArray]:
    roles = np.zeros(len(index), dtype=np.int64)
    status = np.full(len(index), -1, dtype=np.int64)
    if goal is None:
        return roles, status
    statuses = {key: i for i, key in enumerate(labels.OUTREACH_STATUSES)}
    rows = Assessment.objects.filter(goal=goal).values_list(
        "person_id", "is_information", "is_intermediary", "is_direct_access", "status"
    )
    for person_id, info, inter, direct, state in rows:
        i = index.get(person_id)
        if i is None:
            continue
        roles[i] = (INFORMATION if info else 0) | (INTERMEDIARY if inter else 0)
        roles[i] |= DIRECT_ACCESS if direct else 0
        status[i] = statuses.get(state, -1)
    return roles, status


# --- colour modes -------------------------------------------------------------------------


def _by_role(snap: Snapshot) -> Categories:
    names = [
        _("Information"),
        _("Intermediary"),
        _("Direct access"),
        _("Several roles"),
        _("No role") if snap.goal else _("No active goal"),
    ]
    single = {INFORMATION: 0, INTERMEDIARY: 1, DIRECT_ACCESS: 2}
    lookup = np.array([single.get(bits, 3) for bits in range(8)], dtype=np.int64)
    lookup[0] = 4
    return Categories(
        names, lookup[snap.roles], [PALETTE[0], PALETTE[1], PALETTE[2], PALETTE[3], GREY]
    )


def _by_context(snap: Snapshot) -> Categories:
    names = [c.label for c in snap.contexts] + [_("No context")]
    of = np.where(snap.sector == NO_SECTOR, len(snap.contexts), snap.sector)
    return Categories(names, of, [*_palette(len(snap.contexts)), GREY])


def _top(values: list[str], none_label: str) -> Categories:
    """The most common values each get a colour; the rest share "other"."""
    counts = Counter(v for v in values if v)
    top = [v for v, _n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    top = top[:TOP_CATEGORIES]
    position = {v: i for i, v in enumerate(top)}
    other, none = len(top), len(top) + 1
    of = np.array([position.get(v, other) if v else none for v in values], dtype=np.int64)
    return Categories([*top, _("Other"), none_label], of, [*_palette(len(top)), "#737373", GREY])


def _by_organisation(snap: Snapshot) -> Categories:
    names = [snap.organisations[o] if o != NO_ORG else "" for o in snap.organisation.tolist()]
    return _top(names, _("No organisation"))


def _by_industry(snap: Snapshot) -> Categories:
    return _top(snap.industry, _("No industry"))


def _by_status(snap: Snapshot) -> Categories:
    names = [str(label) for label in labels.OUTREACH_STATUSES.values()]
    names.append(_("Not judged for the goal") if snap.goal else _("No active goal"))
    of = np.where(snap.status < 0, len(names) - 1, snap.status)
    return Categories(names, of, [*_palette(len(names) - 1), GREY])


def _palette(n: int) -> list[str]:
    return [PALETTE[i % len(PALETTE)] for i in range(n)]


register_colour_mode(ColourMode("role", gettext_lazy("Role for the goal"), _by_role))
register_colour_mode(ColourMode("context", gettext_lazy("Context"), _by_context))
register_colour_mode(ColourMode("organisation", gettext_lazy("Organisation"), _by_organisation))
register_colour_mode(ColourMode("industry", gettext_lazy("Industry"), _by_industry))
register_colour_mode(ColourMode("status", gettext_lazy("Outreach status"), _by_status))

# --- size modes ---------------------------------------------------------------------------

register_size_mode(
    SizeMode("ties", gettext_lazy("Known ties"), lambda s: s.degree.astype(np.float64))
)
register_size_mode(SizeMode("equal", gettext_lazy("Equal"), lambda s: np.ones(len(s.ids))))


@dataclass(frozen=True, slots=True)
class GoalSizeMode:
    """A size mode for the active goal that costs too much to compute on every map request.

    The page offers it only while a goal is active and fetches its sizes when the user
    picks it (``goal_sizes``), so the map's data endpoint stays as fast without it.
    """

    key: str
    label: Any
    #: a non-negative weight per person of ``ids`` (ascending person ids) for the goal
    weights: Callable[[Workspace, Goal, IntArray], npt.NDArray[np.float64]]


GOAL_SIZE_MODES: dict[str, GoalSizeMode] = {}


def register_goal_size_mode(mode: GoalSizeMode) -> None:
    GOAL_SIZE_MODES[mode.key] = mode


def goal_size_modes(workspace: Workspace) -> list[GoalSizeMode]:
    """The goal's size modes the page offers: none without an active goal."""
    if not Goal.objects.filter(workspace=workspace, is_active=True).exists():
        return []
    return list(GOAL_SIZE_MODES.values())


def _priority(workspace: Workspace, goal: Goal, ids: IntArray) -> npt.NDArray[np.float64]:
    """The action list's score: the user's own score where set, 0 for persons hidden from it.

    The analysis' measures are cached per data version; this is why the mode is fetched
    on demand rather than computed for every map.
    """
    candidates = analysis.measures(workspace).candidates
    overrides = plan.overrides_for(workspace, goal)
    total, _points, _scored = ranking.score_parts(
        candidates, plan.goal_spec(goal), overrides, plan.weights_of(workspace)
    )
    score = dict(zip(candidates.ids.tolist(), total.tolist(), strict=True))
    score.update(overrides.scores)
    score.update(dict.fromkeys(overrides.hidden, 0.0))
    return np.array([score.get(pid, 0.0) for pid in ids.tolist()], dtype=np.float64)


register_goal_size_mode(GoalSizeMode("priority", gettext_lazy("Priority for the goal"), _priority))

#: node sizes in screen pixels, smallest and largest
SIZE_RANGE = (2.0, 9.0)


#: maps above this many persons get smaller nodes, so crowded rings stay readable
CROWDED = 1500


def node_sizes(weights: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Weights scaled so area grows with the weight, rounded to one decimal.

    The range shrinks for big maps (to 40 % at about 10,000 persons and beyond).
    """
    shrink = min(1.0, max(0.4, (CROWDED / max(len(weights), 1)) ** 0.5))
    low, high = (v * shrink for v in SIZE_RANGE)
    roots = np.sqrt(np.maximum(np.asarray(weights, dtype=np.float64), 0))
    if len(roots) == 0 or roots.max() <= roots.min():
        return np.full(len(roots), round((low + high) / 3, 1))
    scaled = (roots - roots.min()) / (roots.max() - roots.min())
    return np.round(low + (high - low) * scaled, 1)


# --- the payload --------------------------------------------------------------------------


def _rounded(values: npt.NDArray[np.float64]) -> list[int]:
    return [int(v) for v in np.rint(values).tolist()]


def layouts(snap: Snapshot) -> dict[str, Layout]:
    args = (snap.ids, snap.sector, snap.closeness, snap.organisation)
    return {"rings": ring_layout(*args), "mind": mind_map_layout(*args)}


def sector_label(snap: Snapshot, key: int) -> str:
    return snap.contexts[key].label if key != NO_SECTOR else _("No context")


def _filters(snap: Snapshot) -> list[dict[str, Any]]:
    closeness = [str(v) for v in labels.CLOSENESS.values()] + [_("Unknown closeness")]
    # Eight possible role sets: look each person's up rather than build 30,000 lists.
    role_sets = [[b for b, bit in enumerate(ROLE_BITS) if bits & bit] for bits in range(8)]
    role_lists = [role_sets[r] for r in snap.roles.tolist()]
    filters = [
        {
            "key": "context",
            "label": _("Context"),
            "options": [c.label for c in snap.contexts],
            "of": snap.contexts_of,
        },
        {
            "key": "closeness",
            "label": _("Closeness"),
            "options": closeness,
            "of": np.where(snap.closeness == 0, 5, snap.closeness - 1).tolist(),
        },
        {
            "key": "role",
            "label": _("Role for the goal"),
            "options": [_("Information"), _("Intermediary"), _("Direct access")],
            "of": role_lists,
        },
        {"key": "tag", "label": _("Tag"), "options": snap.tags, "of": snap.tags_of},
    ]
    filters.append(_organisation_filter(snap))
    status = _by_status(snap)
    filters.append(
        {
            "key": "status",
            "label": _("Outreach status"),
            "options": status.labels,
            "of": status.of.tolist(),
        }
    )
    return [f for f in filters if f["options"]]


#: a filter lists at most this many organisations (the most common), by name
FILTER_ORGANISATIONS = 500


def _organisation_filter(snap: Snapshot) -> dict[str, Any]:
    names = [snap.organisations[o] if o != NO_ORG else "" for o in snap.organisation.tolist()]
    counts = Counter(n for n in names if n)
    common = sorted(counts, key=lambda n: (-counts[n], n))[:FILTER_ORGANISATIONS]
    options = sorted(common, key=str.casefold)
    position = {name: i for i, name in enumerate(options)}
    other = len(options)
    if len(counts) > len(options):
        options.append(_("Other"))
    none = len(options)
    options.append(_("No organisation"))
    return {
        "key": "organisation",
        "label": _("Organisation"),
        "options": options,
        "of": [position.get(n, other) if n else none for n in names],
    }


def goal_sizes(workspace: Workspace, key: str) -> dict[str, Any]:
    """One goal size mode's node sizes, in the order of the payload's persons.

    ``n`` and ``idSum`` let the page check that the persons are still the ones it drew.
    """
    mode = GOAL_SIZE_MODES.get(key)
    goal = Goal.objects.filter(workspace=workspace, is_active=True).first()
    if mode is None or goal is None:
        raise NotFound(f"no size mode {key} for an active goal")
    ids = np.array(
        Person.objects.filter(workspace=workspace).order_by("id").values_list("id", flat=True),
        dtype=np.int64,
    )
    return {
        "key": mode.key,
        "label": str(mode.label),
        "n": len(ids),
        "idSum": int(ids.sum()),
        "of": node_sizes(mode.weights(workspace, goal, ids)).tolist(),
    }


def payload(snap: Snapshot) -> dict[str, Any]:
    """The map endpoint's JSON: columns of equal length, short keys, rounded positions."""
    views = {}
    laid_out = layouts(snap)
    sectors = laid_out["rings"].sectors
    for key, layout in laid_out.items():
        views[key] = {
            "x": _rounded(layout.x),
            "y": _rounded(layout.y),
            "hubs": [[round(x), round(y)] for x, y in layout.hubs],
        }
    colours = {}
    for key, mode in COLOUR_MODES.items():
        cats = mode.categories(snap)
        colours[key] = {
            "label": str(mode.label),
            "legend": [
                [name, colour] for name, colour in zip(cats.labels, cats.colours, strict=True)
            ],
            "of": cats.of.tolist(),
        }
    sizes = {
        key: {"label": str(mode.label), "of": node_sizes(mode.weights(snap)).tolist()}
        for key, mode in SIZE_MODES.items()
    }
    return {
        "n": len(snap.ids),
        "me": snap.me,
        "id": snap.ids.tolist(),
        "label": snap.names,
        "ties": snap.ties.reshape(-1).tolist(),
        "deg": snap.degree.tolist(),
        "views": views,
        "sectors": [
            {"label": sector_label(snap, s.key), "start": round(s.start, 4), "end": round(s.end, 4)}
            for s in sectors
        ],
        "sector": sector_of(snap.sector, sectors).tolist(),
        "rings": [[round(a * SCALE), round(b * SCALE)] for a, b in RING_BANDS],
        "colours": colours,
        "sizes": sizes,
        "filters": _filters(snap),
        "edgesOff": len(snap.ids) > EDGES_OFF_ABOVE,
    }


# --- one person, for the side panel --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PanelFacts:
    person: Person
    goal: Goal | None
    assessment: Assessment | None
    roles: list[str]
    ties: int


def panel_facts(workspace: Workspace, pk: int) -> PanelFacts:
    """What the side panel tells about one person."""
    person = (
        Person.objects.filter(workspace=workspace, pk=pk)
        .select_related("organisation", "primary_context")
        .prefetch_related("contexts", "tags")
        .first()
    )
    if person is None:
        raise NotFound(f"no person {pk}")
    goal = Goal.objects.filter(workspace=workspace, is_active=True).first()
    assessment = (
        Assessment.objects.filter(goal=goal, person=person).first() if goal is not None else None
    )
    roles: list[str] = []
    if assessment is not None:
        flags = (
            (assessment.is_information, _("Information")),
            (assessment.is_intermediary, _("Intermediary")),
            (assessment.is_direct_access, _("Direct access")),
        )
        roles = [label for on, label in flags if on]
    ties = Tie.objects.filter(workspace=workspace).filter(Q(a=person) | Q(b=person)).count()
    return PanelFacts(person, goal, assessment, roles, ties)
