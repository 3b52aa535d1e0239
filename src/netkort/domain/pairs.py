"""Which two persons to ask about next: "Do Anna and Bo know each other?"

Only the inner circles are asked (the people one knows well enough to know whom they
know), and at most ``MAX_PERSONS`` of them, so the number of pairs stays one a person can
answer. Pairs with something in common come first: they are the likeliest "yes".
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

MAX_PERSONS = 150  # roughly the number of stable relationships one keeps
INNER_CIRCLES = 2  # closeness 1 (inner circle) and 2 (close)

Pair = tuple[int, int]


def pair(a: int, b: int) -> Pair:
    """The pair in stored order, the lower id first (as ties are stored)."""
    return (a, b) if a < b else (b, a)


@dataclass(frozen=True, slots=True)
class Member:
    id: int
    closeness: int
    organisation_id: int | None = None
    contexts: frozenset[int] = field(default_factory=frozenset)
    sort_key: str = ""


def _common(a: Member, b: Member) -> int:
    same_org = a.organisation_id is not None and a.organisation_id == b.organisation_id
    return 2 * int(same_org) + len(a.contexts & b.contexts)


def open_pairs(
    members: Iterable[Member], settled: set[Pair], *, max_closeness: int = INNER_CIRCLES
) -> list[Pair]:
    """Every pair still to ask about, best first.

    ``settled`` holds the pairs that need no question: a tie exists, the user said no,
    or skipped them for now. Order: most in common, then the closer pair, then by name.
    """
    inner = sorted(
        (m for m in members if 1 <= m.closeness <= max_closeness),
        key=lambda m: (m.closeness, m.sort_key, m.id),
    )[:MAX_PERSONS]
    ranked = []
    for a, b in itertools.combinations(inner, 2):
        key = pair(a.id, b.id)
        if key in settled:
            continue
        ranked.append(((-_common(a, b), a.closeness + b.closeness, a.sort_key, b.sort_key), key))
    ranked.sort(key=lambda item: item[0])
    return [key for _, key in ranked]


def next_pairs(
    members: Iterable[Member],
    settled: set[Pair],
    *,
    limit: int = 1,
    max_closeness: int = INNER_CIRCLES,
) -> list[Pair]:
    """Up to ``limit`` pairs still to ask about, best first."""
    return open_pairs(members, settled, max_closeness=max_closeness)[:limit]


def count_open(members: Iterable[Member], settled: set[Pair]) -> int:
    """How many pairs are still to ask about."""
    return len(open_pairs(members, settled))
