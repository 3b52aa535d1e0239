"""Dormant ties: people once close or often in touch, silent for three years or more.

Executives who reconnected with people out of touch for 3+ years got advice as useful as
from current ties and more novel (Levin, Walter & Murnighan 2011). The threshold and the
"once strong" tests are tunable defaults.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from netkort.domain.tie_strength import Reason

SILENT_YEARS = 3.0
OFTEN_IN_TOUCH = 10  # interactions
ONCE_CLOSE = 3  # closeness 1…3 counts as "once close"


@dataclass(frozen=True, slots=True)
class PastTie:
    id: int
    closeness: int | None
    interactions: int
    last_contact: date | None
    favours: int = 0
    former_colleague: bool = False


@dataclass(frozen=True, slots=True)
class DormantTie:
    id: int
    silent_years: float
    weight: float  # how strong the tie once was, 0…1; the list is ordered by it
    reasons: tuple[Reason, ...]


def _silent_years(tie: PastTie, today: date) -> float | None:
    # Without any logged contact nothing says the tie went quiet: it may just be unlogged.
    if tie.last_contact is None:
        return None
    return (today - tie.last_contact).days / 365.25


def find_dormant(
    ties: Sequence[PastTie], today: date, silent_years: float = SILENT_YEARS
) -> list[DormantTie]:
    out: list[DormantTie] = []
    for tie in ties:
        years = _silent_years(tie, today)
        if years is None or years < silent_years:
            continue
        close = tie.closeness is not None and tie.closeness <= ONCE_CLOSE
        often = tie.interactions >= OFTEN_IN_TOUCH
        if not (close or often or tie.favours):
            continue
        reasons = [Reason("silent", {"years": int(years)})]
        if close:
            reasons.append(Reason("once_close", {"closeness": int(tie.closeness or 0)}))
        if tie.interactions:
            reasons.append(Reason("past_contact", {"count": tie.interactions}))
        if tie.favours:
            reasons.append(Reason("past_favours", {"count": tie.favours}))
        if tie.former_colleague:
            reasons.append(Reason("former_colleague"))
        weight = max(
            (6 - tie.closeness) / 5 if tie.closeness else 0.0,
            min(1.0, tie.interactions / (3 * OFTEN_IN_TOUCH)),
            min(1.0, tie.favours / 3),
        )
        out.append(DormantTie(tie.id, round(years, 1), round(weight, 4), tuple(reasons)))
    out.sort(key=lambda d: (-d.weight, -d.silent_years, d.id))
    return out
