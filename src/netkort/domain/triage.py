"""Which persons to judge first against a goal, and what to suggest for each.

Pure rules, no database: the service hands in plain candidates and a goal's criteria,
and gets back an ordered list of suggestions. Each suggestion carries a reason as a
kind plus the matched value, so the adapters can word it in the user's language.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field

from netkort.domain.names import fold


class Role(enum.StrEnum):
    """The three ways a person can matter for a goal; any combination applies."""

    INFORMATION = "information"
    INTERMEDIARY = "intermediary"
    DIRECT_ACCESS = "direct_access"


ROLES: tuple[Role, ...] = (Role.INFORMATION, Role.INTERMEDIARY, Role.DIRECT_ACCESS)


class ReasonKind(enum.StrEnum):
    """Why a person comes up; the order here is the order of the triage queue."""

    TARGET_ORGANISATION = "target_organisation"
    TARGET_ROLE = "target_role"
    TARGET_INDUSTRY = "target_industry"
    TARGET_PLACE = "target_place"
    KEYWORD = "keyword"
    CLOSE = "close"
    NONE = "none"


_TIER = {kind: i for i, kind in enumerate(ReasonKind)}

# Title words that suggest someone decides on hiring or on whom to bring in.
_DECIDER_WORDS = frozenset(
    fold(w)
    for w in (
        "chef",
        "leder",
        "direktør",
        "director",
        "head",
        "manager",
        "ceo",
        "cto",
        "cfo",
        "coo",
        "partner",
        "owner",
        "ejer",
        "founder",
        "stifter",
        "vp",
        "president",
        "formand",
    )
)


@dataclass(frozen=True, slots=True)
class GoalCriteria:
    """What a goal aims at. Organisation ids map to their names for the reasons."""

    organisations: dict[int, str] = field(default_factory=dict)
    roles: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Candidate:
    """What the rules may look at about one person."""

    id: int
    organisation_id: int | None = None
    title: str = ""
    industry: str = ""  # the person's, else their organisation's
    location: str = ""
    text: str = ""  # notes, tags and the like, searched for keywords
    closeness: int | None = None
    super_connector: bool = False
    sort_key: str = ""


@dataclass(frozen=True, slots=True)
class Reason:
    kind: ReasonKind
    value: str = ""  # the matched organisation, role, industry, place or keyword


@dataclass(frozen=True, slots=True)
class Suggestion:
    person_id: int
    roles: frozenset[Role]
    reason: Reason

    @property
    def tier(self) -> int:
        return _TIER[self.reason.kind]


@functools.lru_cache(maxsize=65536)
def _folded(text: str) -> str:
    # Titles, industries and places repeat across a network; notes and all repeat
    # across requests, one a keystroke in the triage.
    return fold(text)


@dataclass(frozen=True, slots=True)
class _Needles:
    """The goal's criteria folded once for a whole run."""

    roles: tuple[tuple[str, str], ...]
    industries: tuple[tuple[str, str], ...]
    places: tuple[tuple[str, str], ...]
    keywords: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, goal: GoalCriteria) -> _Needles:
        def folded(items: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
            return tuple((item, key) for item in items if (key := fold(item)))

        return cls(
            folded(goal.roles), folded(goal.industries), folded(goal.places), folded(goal.keywords)
        )


def _contains(words: str, needles: tuple[tuple[str, str], ...]) -> str:
    """The first needle whose folded words occur in the folded haystack, or "".

    A needle of up to three letters must be a whole word ("Ry" is not in "Fredericia");
    a longer one may sit inside a word ("leder" in "afdelingsleder").
    """
    if not words:
        return ""
    padded = f" {words} "
    for needle, key in needles:
        if f" {key} " in padded or (len(key) > 3 and key in words):
            return needle
    return ""


def _is_decider(title: str) -> bool:
    return bool(set(title.split()) & _DECIDER_WORDS)


def suggest(person: Candidate, goal: GoalCriteria) -> Suggestion:
    """The first rule that matches, with the roles it suggests."""
    return _suggest(person, goal, _Needles.of(goal))


def _suggest(person: Candidate, goal: GoalCriteria, needles: _Needles) -> Suggestion:
    title = _folded(person.title)
    if person.organisation_id in goal.organisations:
        name = goal.organisations[person.organisation_id]
        if _is_decider(title):
            roles = {Role.DIRECT_ACCESS, Role.INFORMATION}
        else:
            roles = {Role.INFORMATION, Role.INTERMEDIARY}
        return Suggestion(person.id, frozenset(roles), Reason(ReasonKind.TARGET_ORGANISATION, name))
    checks = (
        (ReasonKind.TARGET_ROLE, lambda: title, needles.roles),
        (ReasonKind.TARGET_INDUSTRY, lambda: _folded(person.industry), needles.industries),
        (ReasonKind.TARGET_PLACE, lambda: _folded(person.location), needles.places),
        (ReasonKind.KEYWORD, lambda: f"{title} {_folded(person.text)}", needles.keywords),
    )
    for kind, words, wanted in checks:
        hit = _contains(words(), wanted) if wanted else ""
        if hit:
            return Suggestion(person.id, frozenset({Role.INFORMATION}), Reason(kind, hit))
    if person.super_connector or (person.closeness is not None and person.closeness <= 2):
        return Suggestion(person.id, frozenset({Role.INTERMEDIARY}), Reason(ReasonKind.CLOSE))
    return Suggestion(person.id, frozenset(), Reason(ReasonKind.NONE))


def order(persons: Iterable[Candidate], goal: GoalCriteria) -> list[Suggestion]:
    """Everyone's suggestion, most likely to matter first.

    By rule (target organisation, role, industry, place, keyword, close, the rest); within
    a rule the closest first (unknown closeness last), then by name.
    """
    needles = _Needles.of(goal)
    ranked = []
    for person in persons:
        s = _suggest(person, goal, needles)
        closeness = person.closeness if person.closeness is not None else 9
        ranked.append(((s.tier, closeness, person.sort_key, person.id), s))
    ranked.sort(key=lambda pair: pair[0])
    return [s for _, s in ranked]
