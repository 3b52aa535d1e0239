"""The numbers behind the overview's charts: counts by context, ring, organisation,
industry, year, outreach status and favour kind. Each is a list of (label, count) rows,
or of (label, counts) rows when a chart compares series."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext as _

from netkort.store import labels
from netkort.store.models import Assessment, Context, Favour, Goal, Person, Workspace

TOP = 10

Row = tuple[str, int]


@dataclass(frozen=True, slots=True)
class Growth:
    year: int
    added: int
    total: int


@dataclass(frozen=True, slots=True)
class Charts:
    persons: int
    by_context: list[Row]
    by_ring: list[Row]
    top_organisations: list[Row]
    top_industries: list[Row]
    growth: list[Growth]
    goal: Goal | None
    pipeline: list[Row]
    favours: list[tuple[str, int, int]]  # kind, given, received

    @property
    def has_favours(self) -> bool:
        return any(given or received for _, given, received in self.favours)


def charts_of(workspace: Workspace) -> Charts:
    goal = Goal.objects.filter(workspace=workspace, is_active=True).first()
    # One pass over the persons feeds four charts: a scan of the person table is the
    # expensive part at 30,000 persons, the counting is not.
    rows = list(
        Person.objects.filter(workspace=workspace)
        .annotate(ind=Coalesce(NullIf("industry", Value("")), "organisation__industry"))
        .values_list("closeness", "organisation__name", "ind", "first_met", "connected_on")
    )
    return Charts(
        persons=len(rows),
        by_context=_by_context(workspace),
        by_ring=_by_ring(Counter(r[0] for r in rows)),
        top_organisations=_top(Counter(r[1] for r in rows if r[1])),
        top_industries=_top(Counter(r[2] for r in rows if r[2])),
        growth=_growth(Counter(_earlier(r[3], r[4]) for r in rows)),
        goal=goal,
        pipeline=_pipeline(goal),
        favours=_favours(workspace),
    )


def _by_context(workspace: Workspace) -> list[Row]:
    contexts = Context.objects.filter(workspace=workspace).annotate(n=Count("personcontext"))
    rows = [(c.label, c.n) for c in contexts]
    without = Person.objects.filter(workspace=workspace, personcontext__isnull=True).count()
    if without:
        rows.append((_("No context"), without))
    return rows


def _by_ring(counts: Counter[int | None]) -> list[Row]:
    rows = [(str(label), counts[value]) for value, label in labels.CLOSENESS.items()]
    rows.append((_("Unknown closeness"), counts[None]))
    return rows


def _top(counts: Counter[str]) -> list[Row]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]


def _earlier(first_met: date | None, connected_on: date | None) -> int | None:
    """The year a person joined the network: the earlier of meeting and connecting."""
    known = [d for d in (first_met, connected_on) if d is not None]
    return min(known).year if known else None


def _growth(years: Counter[int | None]) -> list[Growth]:
    """New persons per year, every year from the first to the last."""
    known = [y for y in years if y is not None]
    if not known:
        return []
    total = 0
    out: list[Growth] = []
    for year in range(min(known), max(known) + 1):
        total += years[year]
        out.append(Growth(year, years[year], total))
    return out


def _pipeline(goal: Goal | None) -> list[Row]:
    if goal is None:
        return []
    counts = dict(
        Assessment.objects.filter(goal=goal)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    return [(str(label), counts.get(key, 0)) for key, label in labels.OUTREACH_STATUSES.items()]


def _favours(workspace: Workspace) -> list[tuple[str, int, int]]:
    counts = Counter(
        Favour.objects.filter(workspace=workspace).values_list("kind", "direction").order_by()
    )
    return [
        (str(label), counts[(kind, "given")], counts[(kind, "received")])
        for kind, label in labels.FAVOUR_KINDS.items()
    ]
