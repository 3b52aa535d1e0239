"""How strong is the tie between "me" and a person: an estimate, a ring and a reason.

The user's own closeness always wins: it is the best single indicator of tie strength
(Marsden & Campbell 1984). Without it the estimate combines what the interaction log and
the map know, in the spirit of Gilbert & Karahalios 2009: recency (days since the last
contact was among their strongest predictors), frequency, duration, two-way contact,
favours, shared contexts and organisations, and introductions. The weights below are
tunable defaults, not findings.

Rings follow Dunbar's layers (about 5, 15, 50, 150 people, cumulative) as adjustable
defaults. Reasons are codes with values; the services put them into words.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

# The estimate a user-set closeness stands for (1 inner circle … 5 distant).
CLOSENESS_STRENGTH: dict[int, float] = {1: 0.95, 2: 0.8, 3: 0.6, 4: 0.4, 5: 0.2}

# Cumulative sizes of the inner rings; everyone else is in the outermost ring.
DEFAULT_LAYERS: tuple[int, ...] = (5, 15, 50, 150)
# The least estimated strength each inner ring asks for, so a sparse log does not lift
# near-strangers into the inner rings of a small network.
DEFAULT_RING_FLOORS: tuple[float, ...] = (0.75, 0.55, 0.35, 0.15)

# Tunable defaults: how much each kind of evidence counts when closeness is unknown.
DEFAULT_EVIDENCE_WEIGHTS: dict[str, float] = {
    "recency": 0.30,
    "frequency": 0.25,
    "duration": 0.10,
    "reciprocity": 0.10,
    "favours": 0.10,
    "shared": 0.10,
    "introductions": 0.05,
}

RECENCY_HALF_LIFE_DAYS = 365.0
FREQUENCY_SATURATION = 50  # this many interactions count as "very often"
DURATION_SATURATION_YEARS = 10.0


@dataclass(frozen=True, slots=True)
class Reason:
    """A code the services translate, with the values the sentence needs."""

    code: str
    values: dict[str, int | float | str] = field(default_factory=dict)

    def __reduce__(self) -> tuple[type[Reason], tuple[str, dict[str, int | float | str]]]:
        # Rebuilt by the constructor: half the time of the generated __setstate__ of a
        # slotted dataclass, and a network's measures hold several reasons per person.
        return (Reason, (self.code, self.values))


# Reasons as nested tuples of plain values: ``((code, ((name, value), ...)), ...)``.
PackedReasons = tuple[tuple[str, tuple[tuple[str, int | float | str], ...]], ...]


def pack(reasons: Sequence[Reason]) -> PackedReasons:
    """Reasons in a form the garbage collector stops looking at.

    A tuple holding only strings and numbers is dropped from the collector's lists at
    its first pass; ``Reason`` objects stay on them. A server process keeps dozens of
    networks' measures with several reasons per person, and every full collection walks
    what is on those lists while the process's other threads wait.
    """
    return tuple((r.code, tuple(r.values.items())) for r in reasons)


def unpack(packed: PackedReasons) -> tuple[Reason, ...]:
    return tuple(Reason(code, dict(values)) for code, values in packed)


@dataclass(frozen=True, slots=True)
class TieEvidence:
    """What is known about the tie between "me" and one person."""

    closeness: int | None = None
    outgoing: int = 0  # interactions by direction
    incoming: int = 0
    mutual: int = 0
    unknown: int = 0
    first_contact: date | None = None  # first met, connected on, or first interaction
    last_contact: date | None = None
    favours_given: int = 0
    favours_received: int = 0
    shared_contexts: int = 0  # contexts beyond the first
    shared_organisation: bool = False  # works where I work or worked
    introductions: int = 0  # persons they introduced me to, or they were introduced

    @property
    def interactions(self) -> int:
        return self.outgoing + self.incoming + self.mutual + self.unknown


@dataclass(frozen=True, slots=True)
class TieEstimate:
    strength: float  # 0 (nothing known) … 1 (inner circle)
    from_closeness: bool
    reasons: tuple[Reason, ...]


def _recency(days: int | None) -> float:
    if days is None:
        return 0.0
    return float(0.5 ** (max(days, 0) / RECENCY_HALF_LIFE_DAYS))


def _frequency(count: int) -> float:
    return min(1.0, math.log1p(count) / math.log1p(FREQUENCY_SATURATION))


def _duration(years: float | None) -> float:
    if years is None:
        return 0.0
    return min(1.0, max(years, 0.0) / DURATION_SATURATION_YEARS)


def _reciprocity(ev: TieEvidence) -> float:
    """1 for contact both ways, 0.4 for one way only, 0.6 when the direction is unknown."""
    if not ev.interactions:
        return 0.0
    if ev.mutual or (ev.outgoing and ev.incoming):
        return 1.0
    if ev.outgoing or ev.incoming:
        return 0.4
    return 0.6


def _components(ev: TieEvidence, today: date) -> dict[str, float]:
    days = (today - ev.last_contact).days if ev.last_contact else None
    years = (today - ev.first_contact).days / 365.25 if ev.first_contact else None
    return {
        "recency": _recency(days),
        "frequency": _frequency(ev.interactions),
        "duration": _duration(years),
        "reciprocity": _reciprocity(ev),
        "favours": min(1.0, (ev.favours_given + ev.favours_received) / 3),
        "shared": min(1.0, ev.shared_contexts / 2 + (0.5 if ev.shared_organisation else 0.0)),
        "introductions": min(1.0, ev.introductions / 2),
    }


def estimate(ev: TieEvidence, today: date, weights: dict[str, float] | None = None) -> TieEstimate:
    """The tie strength, 0…1, with the reasons behind it."""
    reasons = _reasons(ev, today)
    if ev.closeness in CLOSENESS_STRENGTH:
        return TieEstimate(CLOSENESS_STRENGTH[ev.closeness], True, reasons)
    weights = weights or DEFAULT_EVIDENCE_WEIGHTS
    parts = _components(ev, today)
    total = sum(weights.values()) or 1.0
    strength = sum(weights.get(k, 0.0) * v for k, v in parts.items()) / total
    return TieEstimate(round(min(1.0, max(0.0, strength)), 4), False, reasons)


def _reasons(ev: TieEvidence, today: date) -> tuple[Reason, ...]:
    out: list[Reason] = []
    if ev.closeness in CLOSENESS_STRENGTH:
        out.append(Reason("closeness", {"closeness": int(ev.closeness or 0)}))
    if ev.interactions:
        days = (today - ev.last_contact).days if ev.last_contact else -1
        way = "both" if _reciprocity(ev) == 1.0 else "one" if _reciprocity(ev) < 0.5 else "any"
        out.append(Reason(f"contact_{way}", {"count": ev.interactions, "days": days}))
    else:
        out.append(Reason("no_contact"))
    if ev.favours_given or ev.favours_received:
        out.append(Reason("favours", {"given": ev.favours_given, "received": ev.favours_received}))
    if ev.first_contact:
        years = int((today - ev.first_contact).days / 365.25)
        if years >= 1:
            out.append(Reason("known_for", {"years": years}))
    if ev.shared_organisation:
        out.append(Reason("shared_organisation"))
    if ev.introductions:
        out.append(Reason("introductions", {"count": ev.introductions}))
    return tuple(out)


def assign_rings(
    strengths: Sequence[float],
    closeness: Sequence[int | None],
    layers: Sequence[int] = DEFAULT_LAYERS,
    floors: Sequence[float] = DEFAULT_RING_FLOORS,
) -> list[int]:
    """Ring 1…len(layers)+1 for each person.

    A user-set closeness puts the person in that ring (capped at the outermost); the rest
    fill the room each layer has left, strongest first, if their estimate reaches the
    layer's floor. Everyone else is in the outermost ring.
    """
    outer = len(layers) + 1
    rings = [outer] * len(strengths)
    room = [layers[0]] + [layers[i] - layers[i - 1] for i in range(1, len(layers))]
    for i, c in enumerate(closeness):
        if c is not None:
            rings[i] = min(max(int(c), 1), outer)
            if rings[i] <= len(room):
                room[rings[i] - 1] -= 1
    free = sorted(
        (i for i, c in enumerate(closeness) if c is None and strengths[i] > 0),
        key=lambda i: (-strengths[i], i),
    )
    layer = 0
    for i in free:
        while layer < len(room) and (room[layer] <= 0 or strengths[i] < floors[layer]):
            layer += 1
        if layer >= len(room):
            break
        rings[i] = layer + 1
        room[layer] -= 1
    return rings


def ring_floors(
    strengths: Sequence[float],
    closeness: Sequence[int | None],
    rings: Sequence[int],
    layers: Sequence[int] = DEFAULT_LAYERS,
) -> tuple[float | None, ...]:
    """The weakest estimate that made it into each inner ring (None for a ring that no
    estimate reached): enough to place one more estimate without ranking everyone again."""
    floors: list[float | None] = [None] * len(layers)
    for s, c, ring in zip(strengths, closeness, rings, strict=True):
        if c is None and ring <= len(layers):
            current = floors[ring - 1]
            floors[ring - 1] = s if current is None else min(current, s)
    return tuple(floors)


def ring_by_floors(strength: float, floors: Sequence[float | None]) -> int:
    """The ring an estimate would have had in the network the floors were taken from."""
    for ring, floor in enumerate(floors, start=1):
        if floor is not None and strength >= floor:
            return ring
    return len(floors) + 1
