"""How varied the network is, and how alike its people are to "me".

Similarity breeds connection (McPherson, Smith-Lovin & Cook 2001), so a large network is
not automatically a diverse one. Indices as in docs/science.md: Blau ``1 - Σ p_k²``, its
normalised form IQV ``Blau / (1 - 1/K)``, Shannon entropy normalised by ``ln K``, and
Krackhardt's E-I index ``(E - I) / (E + I)`` of the persons against the profile.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

# Advice is given when one category holds at least this share of the persons whose value
# is known (a tunable default) and there are enough of them to speak of a pattern.
DOMINANT_SHARE = 0.6
MIN_KNOWN = 5


def blau(counts: Sequence[float]) -> float:
    total = sum(counts)
    if total == 0:
        return 0.0
    return 1.0 - sum((c / total) ** 2 for c in counts)


def iqv(counts: Sequence[float]) -> float:
    """Blau scaled to 0…1 by its largest value for this many categories."""
    k = sum(1 for c in counts if c > 0)
    return blau(counts) / (1 - 1 / k) if k > 1 else 0.0


def normalised_entropy(counts: Sequence[float]) -> float:
    total = sum(counts)
    k = sum(1 for c in counts if c > 0)
    if total == 0 or k < 2:
        return 0.0
    h = -sum((c / total) * math.log(c / total) for c in counts if c > 0)
    return h / math.log(k)


def ei_index(values: Iterable[str], mine: str) -> float | None:
    """-1 when everyone is like me, +1 when nobody is; None when nothing is known."""
    external = internal = 0
    for value in values:
        if value == mine:
            internal += 1
        else:
            external += 1
    if external + internal == 0:
        return None
    return (external - internal) / (external + internal)


@dataclass(frozen=True, slots=True)
class Diversity:
    """One attribute across the persons whose value is known."""

    attribute: str  # "industry", "organisation", "place", "function", "education"
    known: int
    unknown: int
    categories: int
    blau: float
    iqv: float
    entropy: float
    ei: float | None  # None when "my" value is not known
    top: str  # the largest category
    top_count: int
    mine: str  # my own value, "" when unknown
    advice: bool  # one category dominates: the page shows the advice

    @property
    def top_share(self) -> float:
        return self.top_count / self.known if self.known else 0.0


def measure(
    attribute: str, values: Sequence[str], mine: str, labels: dict[str, str] | None = None
) -> Diversity:
    """Indices for one attribute; ``values`` are comparable keys, "" for unknown.

    ``labels`` turn a key into what the user wrote (keys are folded for comparison).
    """
    labels = labels or {}
    known = [v for v in values if v]
    counts = Counter(known)
    top, top_count = counts.most_common(1)[0] if counts else ("", 0)
    share = top_count / len(known) if known else 0.0
    return Diversity(
        attribute=attribute,
        known=len(known),
        unknown=len(values) - len(known),
        categories=len(counts),
        blau=round(blau(list(counts.values())), 6),
        iqv=round(iqv(list(counts.values())), 6),
        entropy=round(normalised_entropy(list(counts.values())), 6),
        ei=ei_index(known, mine) if mine else None,
        top=labels.get(top, top),
        top_count=top_count,
        mine=labels.get(mine, mine),
        advice=len(known) >= MIN_KNOWN and share >= DOMINANT_SHARE,
    )


def measure_sets(
    attribute: str,
    values: Sequence[Sequence[str]],
    mine: Collection[str],
    labels: dict[str, str] | None = None,
) -> Diversity:
    """Indices for an attribute a person can have several of (schools: keys, folded).

    Each person whose value is known counts once in all: a person with two schools adds
    half to each, so the shares still sum to one. Like me (E-I) means sharing at least
    one value with ``mine``; the largest category is the one most persons share.
    """
    labels = labels or {}
    known = [set(v) - {""} for v in values]
    known = [v for v in known if v]
    weights: dict[str, float] = {}
    persons: Counter[str] = Counter()
    for keys in known:
        for key in keys:
            weights[key] = weights.get(key, 0.0) + 1.0 / len(keys)
            persons[key] += 1
    shares = list(weights.values())
    top, top_count = min(persons.items(), key=lambda kv: (-kv[1], kv[0])) if persons else ("", 0)
    mine_set = {m for m in mine if m}
    ei = None
    if mine_set and known:
        alike = sum(1 for keys in known if keys & mine_set)
        ei = (len(known) - 2 * alike) / len(known)
    share = top_count / len(known) if known else 0.0
    shown_mine = sorted(mine_set, key=lambda m: (-persons.get(m, 0), m))
    return Diversity(
        attribute=attribute,
        known=len(known),
        unknown=len(values) - len(known),
        categories=len(weights),
        blau=round(blau(shares), 6),
        iqv=round(iqv(shares), 6),
        entropy=round(normalised_entropy(shares), 6),
        ei=ei,
        top=labels.get(top, top),
        top_count=top_count,
        mine=", ".join(labels.get(m, m) for m in shown_mine),
        advice=len(known) >= MIN_KNOWN and share >= DOMINANT_SHARE,
    )
