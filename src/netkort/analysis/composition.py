"""Size and composition: how many people, from where, and how the network grew."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """The attributes composition and diversity look at, one person."""

    id: int
    contexts: tuple[str, ...] = ()
    ring: int = 5
    organisation: str = ""
    industry: str = ""
    place: str = ""
    function: str = ""
    sources: tuple[str, ...] = ()
    known_since: date | None = None  # first met, connected on, or added


@dataclass(frozen=True, slots=True)
class Share:
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class Composition:
    size: int
    guess: int | None
    by_context: list[Share]
    by_ring: list[Share]
    by_organisation: list[Share]
    by_industry: list[Share]
    by_place: list[Share]
    by_source: list[Share]
    growth: list[Share] = field(default_factory=list)  # cumulative persons by year

    @property
    def ratio_to_guess(self) -> float | None:
        return self.size / self.guess if self.guess else None


def count(values: Iterable[str], top: int | None = None) -> list[Share]:
    """Counts, largest first; ties in name order; "" (unknown) is left out."""
    counts = Counter(v for v in values if v)
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [Share(k, n) for k, n in ordered[:top]]


def growth(dates: Sequence[date | None]) -> list[Share]:
    """How many persons were known by the end of each year (undated ones left out)."""
    per_year = Counter(d.year for d in dates if d is not None)
    total = 0
    out: list[Share] = []
    for year in sorted(per_year):
        total += per_year[year]
        out.append(Share(str(year), total))
    return out


def compose(persons: Sequence[PersonFacts], guess: int | None, top: int = 15) -> Composition:
    return Composition(
        size=len(persons),
        guess=guess,
        by_context=count(c for p in persons for c in p.contexts),
        by_ring=sorted(count(str(p.ring) for p in persons), key=lambda s: s.label),
        by_organisation=count((p.organisation for p in persons), top),
        by_industry=count((p.industry for p in persons), top),
        by_place=count((p.place for p in persons), top),
        by_source=count(s for p in persons for s in p.sources),
        growth=growth([p.known_since for p in persons]),
    )
