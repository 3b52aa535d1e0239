"""Whom to contact first for a goal: a score made of named parts, each with its reasons.

The parts follow docs/science.md's guidance:

* **relevance** — works or worked at a target organisation, knows someone who does, or
  matches the goal's roles, industries, places or keywords;
* **access** — the roles the user judged for this goal (direct access, intermediary,
  information), super-connectors, closeness;
* **novelty** — bridges between otherwise separate parts, low constraint (Burt 2004), and
  a moderately weak tie by mutual connections (Rajkumar et al. 2022; the peak at about
  ten mutual connections is an unverified default);
* **willingness** — tie strength and past give-and-take; people underestimate how
  willing others are to help (Flynn & Lake 2008), so this part never rules anyone out;
* **dormant** — a bonus for ties worth reviving (Levin, Walter & Murnighan 2011).

``score = 100 · (w_rel · relevance + gate · Σ w_k · part_k)`` with
``gate = floor + (1 - floor) · relevance``: someone who fits the goal counts fully, a dear
friend who does not still appears, lower. Each part's points are shown; they add up to the
score. Weights are settings (``DEFAULT_WEIGHTS``); none of them is a promise of a reply.
The top of the list is re-ranked so one employer does not fill it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from netkort.analysis.paths import FORMER_FACTOR, Position, best_path_score
from netkort.domain.tie_strength import PackedReasons, Reason, unpack

PARTS = ("relevance", "access", "novelty", "willingness", "dormant")

DEFAULT_WEIGHTS: dict[str, float] = {
    "relevance": 0.45,  # how well the person fits the goal
    "access": 0.15,  # judged roles for the goal, super-connector, closeness
    "novelty": 0.15,  # bridges and moderately weak ties bring what you do not hear
    "willingness": 0.15,  # tie strength and give-and-take
    "dormant": 0.10,  # bonus for a dormant tie worth reviving
    "gate_floor": 0.3,  # share of the other parts counted for someone irrelevant to the goal
    "diversify_top": 10,  # how many places at the top are re-ranked for variety
    "same_employer_decay": 0.6,  # each earlier pick from the same employer multiplies by this
    "mutual_peak": 10,  # mutual connections where a tie is most useful (unverified)
}

# The range a user may set each weight to, and whether it is a whole number. The parts'
# weights share one scale: only their proportions matter to the order of the list.
WEIGHT_LIMITS: dict[str, tuple[float, float, bool]] = {
    "relevance": (0.0, 1.0, False),
    "access": (0.0, 1.0, False),
    "novelty": (0.0, 1.0, False),
    "willingness": (0.0, 1.0, False),
    "dormant": (0.0, 1.0, False),
    "gate_floor": (0.0, 1.0, False),
    "diversify_top": (0.0, 50.0, True),
    "same_employer_decay": (0.0, 1.0, False),
    "mutual_peak": (1.0, 200.0, False),
}


def weight_allowed(key: str, value: float) -> bool:
    """Whether ``value`` is a valid setting for the weight ``key``."""
    if key not in WEIGHT_LIMITS or not math.isfinite(value):
        return False
    low, high, whole = WEIGHT_LIMITS[key]
    return low <= value <= high and (not whole or value == int(value))


# How much each kind of fit adds to relevance (combined as 1 - Π(1 - r)).
WORKS_THERE = 1.0
KNOWS_INSIDER = 0.6
ROLE = 0.6
INDUSTRY = 0.35
PLACE = 0.2
KEYWORD = 0.3
NEUTRAL_RELEVANCE = 0.5  # a goal that names nothing to match
JUDGED = {"direct_access": 1.0, "intermediary": 0.7, "information": 0.5}
SUPER_CONNECTOR = 0.6


@dataclass(slots=True)
class Candidates:
    """Every person of the network, as arrays in one order (goal independent, cacheable).

    Text columns hold folded values for matching and the values as written for reasons.
    A server process keeps the candidates of dozens of networks, so what it keeps is made
    of what the garbage collector can leave alone: numpy arrays and tuples of strings
    and numbers (``analysis`` builds them so; lists also work), and the reasons packed
    (``tie_strength.pack``; read them with ``strength_reasons_of`` and
    ``dormant_reasons_of``). As lists and objects, 60 networks of 2,000 persons made
    each full collection take about 110 ms instead of 3.
    """

    ids: np.ndarray
    names: Sequence[str]
    organisation: Sequence[int | None]
    organisation_names: dict[int, str]
    titles: Sequence[str]
    industries: Sequence[str]
    places: Sequence[str]
    folded_titles: Sequence[str]
    folded_industries: Sequence[str]
    folded_places: Sequence[str]
    folded_text: Sequence[str]  # title, notes, tags: for keywords
    strength: np.ndarray
    constraint: np.ndarray  # NaN without known ties
    mutual: np.ndarray  # known ties to other persons of the network
    separated: np.ndarray  # persons only this person connects (0 if not a bridge)
    dormant: np.ndarray  # 0…1, how strong the dormant tie once was
    favours_given: np.ndarray
    favours_received: np.ndarray
    super_connector: np.ndarray
    ties: sp.csr_matrix  # tie weights between persons (0 = known, strength unknown)
    history: list[Position] = field(default_factory=list)
    strength_reasons: Sequence[PackedReasons] = ()
    dormant_reasons: dict[int, PackedReasons] = field(default_factory=dict)
    _index: dict[int, int] = field(default_factory=dict, repr=False)
    # Goal criteria → relevance arrays. The candidates are rebuilt whenever the data
    # changes, so this only has to tell goals apart.
    _relevance: dict[tuple[object, ...], tuple[np.ndarray, np.ndarray, np.ndarray]] = field(
        default_factory=dict, repr=False
    )

    @property
    def size(self) -> int:
        return len(self.ids)

    def index_of(self) -> dict[int, int]:
        """Person id → position, built once (the candidates are cached with the measures)."""
        if len(self._index) != len(self.ids):
            self._index = {int(pid): i for i, pid in enumerate(self.ids.tolist())}
        return self._index

    def strength_reasons_of(self, i: int) -> tuple[Reason, ...]:
        """Why the tie to the person at position ``i`` is estimated as it is."""
        return unpack(self.strength_reasons[i]) if i < len(self.strength_reasons) else ()

    def dormant_reasons_of(self, pid: int) -> tuple[Reason, ...]:
        return unpack(self.dormant_reasons.get(pid, ()))


@dataclass(frozen=True, slots=True)
class GoalSpec:
    """The goal's criteria, folded for matching (``labels`` hold them as written)."""

    targets: frozenset[int] = frozenset()
    roles: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def names_anything(self) -> bool:
        return bool(self.targets or self.roles or self.industries or self.places or self.keywords)

    @property
    def criteria(self) -> tuple[object, ...]:
        """What relevance depends on (the labels only change how reasons read)."""
        return (self.targets, self.roles, self.industries, self.places, self.keywords)


@dataclass(slots=True)
class Overrides:
    pinned: list[int] = field(default_factory=list)  # person ids, in the user's order
    hidden: set[int] = field(default_factory=set)
    scores: dict[int, float] = field(default_factory=dict)  # user-set score 0…100
    judged: dict[int, set[str]] = field(default_factory=dict)  # roles judged for the goal


@dataclass(frozen=True, slots=True)
class Ranked:
    person_id: int
    display_name: str
    score: float
    parts: dict[str, float]  # points per part; they add up to the computed score
    reasons: tuple[Reason, ...]
    pinned: bool = False
    overridden: bool = False


@dataclass(slots=True)
class _Scored:
    relevance: np.ndarray
    access: np.ndarray
    novelty: np.ndarray
    willingness: np.ndarray
    dormant: np.ndarray
    direct: np.ndarray
    indirect: np.ndarray

    def part(self, name: str) -> np.ndarray:
        value: np.ndarray = getattr(self, name)
        return value


def weights_from(settings: dict[str, float] | None) -> dict[str, float]:
    """The defaults with the user's valid numbers laid over them."""
    out = dict(DEFAULT_WEIGHTS)
    for key, value in (settings or {}).items():
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if number and weight_allowed(key, float(value)):
            out[key] = float(value)
    return out


def _matches(values: Sequence[str], terms: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    """Whether each value contains a term, and which; unique values are tested once."""
    found = np.zeros(len(values), dtype=bool)
    which = [""] * len(values)
    if not terms:
        return found, which
    cache: dict[str, str] = {}
    for i, value in enumerate(values):
        if not value:
            continue
        hit = cache.get(value)
        if hit is None:
            hit = next((t for t in terms if t and t in value), "")
            cache[value] = hit
        if hit:
            found[i] = True
            which[i] = hit
    return found, which


def _noisy_or(*parts: np.ndarray) -> np.ndarray:
    miss = np.ones_like(parts[0], dtype=float)
    for part in parts:
        miss *= 1.0 - part
    return 1.0 - miss


RELEVANCE_CACHE_SIZE = 8


def _relevance(c: Candidates, goal: GoalSpec) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Relevance, insider and insider-contact scores: remembered per goal, as matching
    30,000 texts and walking the ties is most of the work of a ranking. Copies are handed
    out so a caller changing them cannot spoil the next ranking."""
    key = goal.criteria
    hit = c._relevance.get(key)
    if hit is None:
        hit = _compute_relevance(c, goal)
        if len(c._relevance) >= RELEVANCE_CACHE_SIZE:
            c._relevance.pop(next(iter(c._relevance)), None)
        c._relevance[key] = hit
    relevance, direct, indirect = hit
    return relevance.copy(), direct.copy(), indirect.copy()


def _compute_relevance(c: Candidates, goal: GoalSpec) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if not goal.names_anything:
        n = c.size
        return np.full(n, NEUTRAL_RELEVANCE), np.zeros(n), np.zeros(n)
    direct, indirect = best_path_score(goal.targets, c.organisation, c.history, c.ties)
    role = _matches(c.folded_titles, goal.roles)[0] * ROLE
    industry = _matches(c.folded_industries, goal.industries)[0] * INDUSTRY
    place = _matches(c.folded_places, goal.places)[0] * PLACE
    keyword = _matches(c.folded_text, goal.keywords)[0] * KEYWORD
    works = direct * WORKS_THERE
    knows = np.minimum(indirect, 1.0) * KNOWS_INSIDER
    return _noisy_or(works, knows, role, industry, place, keyword), direct, indirect


def _access(c: Candidates, overrides: Overrides, index: dict[int, int]) -> np.ndarray:
    judged = np.where(c.super_connector, SUPER_CONNECTOR, 0.0)
    for pid, roles in overrides.judged.items():
        i = index.get(pid)
        if i is not None and roles:
            judged[i] = max(judged[i], max(JUDGED.get(r, 0.0) for r in roles))
    return _noisy_or(judged, 0.5 * c.strength)


def mutual_curve(m: np.ndarray, peak: float) -> np.ndarray:
    """science.md's inverted U, ``(m/m*) · e^(1 - m/m*)``: 1 at the peak, 0 at none."""
    x = np.asarray(m, dtype=float) / max(peak, 1e-9)
    return np.asarray(x * np.exp(1.0 - x))


def _novelty(c: Candidates, weights: dict[str, float]) -> np.ndarray:
    known = c.mutual > 0
    open_ = np.where(known, 1.0 - np.minimum(np.nan_to_num(c.constraint, nan=1.0), 1.0), 0.0)
    shape = np.where(known, mutual_curve(c.mutual, weights["mutual_peak"]), 0.0)
    bridge = (c.separated > 0).astype(float)
    return np.maximum(bridge, (open_ + shape) / 2)


def _willingness(c: Candidates) -> np.ndarray:
    balance = np.clip(0.5 + (c.favours_given - c.favours_received) / 4.0, 0.0, 1.0)
    return 0.75 * c.strength + 0.25 * balance


def score_parts(
    c: Candidates, goal: GoalSpec, overrides: Overrides, weights: dict[str, float]
) -> tuple[np.ndarray, dict[str, np.ndarray], _Scored]:
    """The total score and the points of each part, for every candidate."""
    relevance, direct, indirect = _relevance(c, goal)
    scored = _Scored(
        relevance=relevance,
        access=_access(c, overrides, c.index_of()),
        novelty=_novelty(c, weights),
        willingness=_willingness(c),
        dormant=np.asarray(c.dormant, dtype=float),
        direct=direct,
        indirect=indirect,
    )
    floor = weights["gate_floor"]
    gate = floor + (1.0 - floor) * relevance
    points = {"relevance": 100.0 * weights["relevance"] * relevance}
    for name in PARTS[1:]:
        points[name] = 100.0 * gate * weights[name] * scored.part(name)
    total = sum(points.values(), np.zeros(c.size))
    return total, points, scored


def _diversify(
    order: list[int], c: Candidates, total: np.ndarray, w: dict[str, float]
) -> tuple[list[int], set[int]]:
    """Greedy re-rank of the top: each earlier pick from the same employer discounts.

    Returns the new order and the persons placed lower than their score alone would put them.
    """
    window = int(w["diversify_top"])
    decay = w["same_employer_decay"]
    pool = order[: max(window * 5, window)]
    rest = order[len(pool) :]
    picked: list[int] = []
    seen: dict[int, int] = {}
    while pool and len(picked) < window:

        def adjusted(i: int) -> float:
            org = c.organisation[i]
            return float(total[i]) * (decay ** seen.get(org, 0) if org is not None else 1.0)

        best = max(pool, key=lambda i: (adjusted(i), -pool.index(i)))
        pool.remove(best)
        picked.append(best)
        org = c.organisation[best]
        if org is not None:
            seen[org] = seen.get(org, 0) + 1
    new = picked + pool + rest
    place = {i: n for n, i in enumerate(order)}
    lowered = {i for n, i in enumerate(new[:window]) if n > place[i]}
    lowered |= {i for i in new[len(picked) :] if place[i] < window}
    return new, lowered


def rank(
    c: Candidates,
    goal: GoalSpec,
    overrides: Overrides | None = None,
    weights: dict[str, float] | None = None,
    top: int = 50,
) -> list[Ranked]:
    """The action list: pinned persons first, then the best, re-ranked for variety."""
    overrides = overrides or Overrides()
    w = weights_from(weights)
    total, points, scored = score_parts(c, goal, overrides, w)
    index = c.index_of()
    final = total.copy()
    for pid, value in overrides.scores.items():
        if pid in index:
            final[index[pid]] = value
    hidden = {index[p] for p in overrides.hidden if p in index}
    pinned = [
        index[p] for p in dict.fromkeys(overrides.pinned) if p in index and index[p] not in hidden
    ]
    skip = np.zeros(c.size, dtype=bool)
    skip[list(hidden | set(pinned))] = True
    ranked = np.lexsort((c.ids, -final))
    # Only the head of the order can be re-ranked or shown: the rest stays as it is.
    window = int(w["diversify_top"])
    head = ranked[~skip[ranked]][: max(window * 5, window, top)]
    order, lowered = _diversify(head.tolist(), c, final, w)
    chosen = pinned + order[: max(top - len(pinned), 0)]
    out = [_explain(i, c, goal, overrides, final, points, scored, i in pinned) for i in chosen]
    return [
        _with(
            r,
            Reason(
                "varied", {"organisation": c.organisation_names.get(c.organisation[i] or 0, "")}
            ),
        )
        if i in lowered
        else r
        for i, r in zip(chosen, out, strict=True)
    ]


def _with(row: Ranked, reason: Reason) -> Ranked:
    return Ranked(
        row.person_id, row.display_name, row.score, row.parts, (*row.reasons, reason),
        row.pinned, row.overridden,
    )  # fmt: skip


def _explain(
    i: int,
    c: Candidates,
    goal: GoalSpec,
    overrides: Overrides,
    final: np.ndarray,
    points: dict[str, np.ndarray],
    scored: _Scored,
    pinned: bool,
) -> Ranked:
    pid = int(c.ids[i])
    reasons: list[Reason] = []
    if pinned:
        reasons.append(Reason("pinned"))
    overridden = pid in overrides.scores
    if overridden:
        reasons.append(Reason("override", {"score": round(float(final[i]))}))
    reasons += _relevance_reasons(i, c, goal, scored)
    reasons += _access_reasons(i, c, overrides)
    reasons += _novelty_reasons(i, c)
    reasons += c.strength_reasons_of(i)
    told = any(r.code == "favours" for r in reasons)
    if (c.favours_given[i] or c.favours_received[i]) and not told:
        reasons.append(
            Reason(
                "give_take",
                {"given": int(c.favours_given[i]), "received": int(c.favours_received[i])},
            )
        )
    if c.dormant[i] > 0:
        reasons.append(Reason("dormant"))
        reasons += c.dormant_reasons_of(pid)
    parts = {name: round(float(points[name][i]), 1) for name in PARTS}
    return Ranked(
        pid, c.names[i], round(float(final[i]), 1), parts, tuple(reasons), pinned, overridden
    )


def _relevance_reasons(i: int, c: Candidates, goal: GoalSpec, scored: _Scored) -> list[Reason]:
    out: list[Reason] = []
    if not goal.names_anything:
        return [Reason("goal_open")]
    org = c.organisation[i]
    if scored.direct[i] >= 1.0 and org is not None:
        out.append(Reason("works_at", {"organisation": c.organisation_names.get(org, "")}))
    elif scored.direct[i] >= FORMER_FACTOR:
        pos = _former_position(i, c, goal)
        if pos is not None:
            out.append(Reason("worked_at", _years(pos, c)))
    if scored.indirect[i] > 0:
        out.append(_insider_reason(i, c, goal, scored))
    for values, terms, code in (
        (c.folded_titles, goal.roles, "role_match"),
        (c.folded_industries, goal.industries, "industry_match"),
        (c.folded_places, goal.places, "place_match"),
        (c.folded_text, goal.keywords, "keyword_match"),
    ):
        hit = next((t for t in terms if t and t in values[i]), "")
        if hit:
            out.append(Reason(code, {"term": goal.labels.get(hit, hit)}))
    return out


def _years(pos: Position, c: Candidates) -> dict[str, int | float | str]:
    return {
        "organisation": c.organisation_names.get(pos.organisation, ""),
        "start": pos.start or "",
        "end": pos.end or "",
    }


def _insider_reason(i: int, c: Candidates, goal: GoalSpec, scored: _Scored) -> Reason:
    start, end = c.ties.indptr[i], c.ties.indptr[i + 1]
    best, best_value = -1, -1.0
    for j, w in zip(
        c.ties.indices[start:end].tolist(), c.ties.data[start:end].tolist(), strict=True
    ):
        value = scored.direct[j] * (w if w > 0 else 0.5)
        if value > best_value:
            best, best_value = j, value
    if best < 0:
        return Reason("knows_insider", {"name": "", "organisation": "", "current": 0})
    if scored.direct[best] >= 1.0:
        org = c.organisation[best]
        return Reason(
            "knows_insider",
            {
                "name": c.names[best],
                "organisation": c.organisation_names.get(org, "") if org is not None else "",
                "current": 1,
            },
        )
    # A former employee: name the target they worked at, with the years when known.
    pos = _former_position(best, c, goal)
    values: dict[str, int | float | str] = {"name": c.names[best], "current": 0}
    values.update(_years(pos, c) if pos else {"organisation": ""})
    return Reason("knows_insider", values)


def _former_position(i: int, c: Candidates, goal: GoalSpec) -> Position | None:
    return next((p for p in c.history if p.person == i and p.organisation in goal.targets), None)


def _access_reasons(i: int, c: Candidates, overrides: Overrides) -> list[Reason]:
    out = [Reason(f"judged_{r}") for r in sorted(overrides.judged.get(int(c.ids[i]), ()))]
    if c.super_connector[i]:
        out.append(Reason("super_connector"))
    return out


def _novelty_reasons(i: int, c: Candidates) -> list[Reason]:
    if c.separated[i] > 0:
        return [Reason("bridge", {"count": int(c.separated[i])})]
    if c.mutual[i] == 0:
        return [Reason("no_known_ties")]
    out = [Reason("mutual", {"count": int(c.mutual[i])})]
    if not math.isnan(c.constraint[i]) and c.constraint[i] < 0.3:
        out.append(Reason("low_constraint", {"constraint": round(float(c.constraint[i]), 2)}))
    return out
