"""Paths in: who can open the door to a target organisation.

Someone who works there now, someone who used to (from a person's work history, where
one is known), or someone who knows either — ranked by the tie strength along the path
(the product of "my" tie to the first person and that person's tie to the insider).
Persons are array indices here; the services map them to ids and names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

# A person in the network with no evidence about the tie still counts a little: the user
# knows them, and people underestimate others' willingness to help (Flynn & Lake 2008).
STRENGTH_FLOOR = 0.05
FORMER_FACTOR = 0.8  # a former employee knows a little less about the place today
UNKNOWN_TIE = 0.5  # a known tie between two persons without a strength


@dataclass(frozen=True, slots=True)
class Position:
    person: int
    organisation: int
    start: int | None = None  # years
    end: int | None = None  # None: still there, or unknown


_YEAR = re.compile(r"^\s*(\d{4})")
START_KEYS = ("start", "since", "from")
# "until" is the day an import saw the employer change: the person left by then.
END_KEYS = ("end", "until")


def year_of(value: object) -> int | None:
    """The year of 2022, "2022", "2022-05-01" or "2022-05"; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 1900 <= value <= 2200 else None
    if isinstance(value, str):
        match = _YEAR.match(value)
        if match and 1900 <= int(match.group(1)) <= 2200:
            return int(match.group(1))
    return None


def _first_year(entry: Mapping[str, Any], keys: Sequence[str]) -> int | None:
    for key in keys:
        year = year_of(entry.get(key))
        if year is not None:
            return year
    return None


def history_positions(
    person: int,
    entries: Iterable[object],
    organisation_ids: Mapping[str, int],
    key: Callable[[str], str],
    current: int | None = None,
) -> list[Position]:
    """A person's former employers from their work history, as plain entries
    ``{"organisation": name, "title": …, "start"/"since": …, "until"/"end": …}``.

    ``key`` folds a name for ``organisation_ids`` (folded name → organisation). Entries
    naming an unknown organisation, or the one the person works at now, are left out.
    """
    out: list[Position] = []
    seen: set[int] = set()
    for entry in entries:
        if not isinstance(entry, Mapping):
            continue
        name = entry.get("organisation")
        org = organisation_ids.get(key(name)) if isinstance(name, str) and name else None
        if org is None or org == current or org in seen:
            continue
        seen.add(org)
        start, end = _first_year(entry, START_KEYS), _first_year(entry, END_KEYS)
        if start is not None and end is not None and end < start:
            start = None
        out.append(Position(person, org, start, end))
    return out


@dataclass(frozen=True, slots=True)
class PathIn:
    via: int  # the person "I" would contact
    insider: int  # who works or worked there (== via for a direct path)
    current: bool  # the insider works there now
    score: float
    start: int | None = None
    end: int | None = None
    organisation: int | None = None  # the target the insider is or was at

    @property
    def direct(self) -> bool:
        return self.via == self.insider


def insiders(
    targets: Collection[int], organisation: Sequence[int | None], history: Sequence[Position]
) -> dict[int, PathIn]:
    """Every person who works or worked at a target, scored 1 (now) or FORMER_FACTOR."""
    found: dict[int, PathIn] = {}
    for person, org in enumerate(organisation):
        if org is not None and org in targets:
            found[person] = PathIn(person, person, True, 1.0, organisation=org)
    for pos in history:
        if pos.organisation in targets and pos.person not in found:
            current = pos.end is None and organisation[pos.person] == pos.organisation
            factor = 1.0 if current else FORMER_FACTOR
            found[pos.person] = PathIn(
                pos.person, pos.person, current, factor, pos.start, pos.end, pos.organisation
            )
    return found


def paths_in(
    targets: Collection[int],
    organisation: Sequence[int | None],
    history: Sequence[Position],
    strength: np.ndarray,
    ties: sp.csr_matrix,
    limit: int = 50,
) -> list[PathIn]:
    """Direct and one-step paths to the targets, best first."""
    mine = np.maximum(np.asarray(strength, dtype=float), STRENGTH_FLOOR)
    inside = insiders(targets, organisation, history)
    out = [
        PathIn(
            p.via, p.insider, p.current, float(p.score * mine[p.via]), p.start, p.end,
            p.organisation,
        )
        for p in inside.values()
    ]  # fmt: skip
    for j, insider in inside.items():
        row = ties.getrow(j)
        for i, w in zip(row.indices.tolist(), row.data.tolist(), strict=True):
            if i in inside:
                continue
            tie = w if w > 0 else UNKNOWN_TIE
            score = float(mine[i] * tie * insider.score)
            out.append(
                PathIn(
                    i, j, insider.current, score, insider.start, insider.end,
                    insider.organisation,
                )
            )  # fmt: skip
    out.sort(key=lambda p: (-p.score, not p.direct, p.via, p.insider))
    return out[:limit]


def best_path_score(
    targets: Collection[int],
    organisation: Sequence[int | None],
    history: Sequence[Position],
    ties: sp.csr_matrix,
) -> tuple[np.ndarray, np.ndarray]:
    """Per person: the insider score (1 now, FORMER_FACTOR before, 0) and the best
    tie-weighted score of someone they know inside — the ranking's relevance inputs."""
    n = len(organisation)
    direct = np.zeros(n)
    for p in insiders(targets, organisation, history).values():
        direct[p.via] = p.score
    if ties.nnz == 0 or not direct.any():
        return direct, np.zeros(n)
    weights = ties.copy()
    weights.data = np.where(weights.data > 0, weights.data, UNKNOWN_TIE)
    reach = weights.multiply(direct.reshape(1, -1)).tocsr()
    indirect = reach.max(axis=1).toarray().ravel() if reach.nnz else np.zeros(n)
    return direct, indirect
