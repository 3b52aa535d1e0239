"""Give and take: balances of favours, and suggestions of what to give.

A network is mutual. The suggestions are plain facts the user can act on, each with its
reason; they are never a score of anyone's worth. Needs are read from what the user
wrote: a line in the notes such as "looking for a UX designer" / "søger en UX-designer",
or a tag such as "needs: UX designer" / "søger: UX-designer".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from netkort.domain.names import fold

GIVEN = "given"
RECEIVED = "received"

# Words that carry no meaning when matching a need against a person.
_FILLER = {
    "a", "an", "the", "for", "to", "of", "in", "and", "someone", "who", "new", "good",
    "en", "et", "til", "af", "i", "og", "nogen", "der", "som", "ny", "nyt", "nye",
    "god", "godt", "gode",
}  # fmt: skip

_NEED_IN_NOTES = re.compile(
    r"(?:looking for|searching for|needs?|søger|leder efter|mangler)\s*:?\s+([^.\n;!?]+)",
    re.IGNORECASE,
)
_QUALIFIER = re.compile(r"\s(?:for|to|in|at|with|til|i|hos|med|på)\s", re.IGNORECASE)
_NEED_TAG = re.compile(r"^(?:needs?|looking for|søger|mangler)\s*:\s*(.+)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FavourFact:
    person_id: int
    direction: str  # "given" or "received"
    on: date


@dataclass(frozen=True, slots=True)
class PersonFacts:
    id: int
    name: str
    closeness: int | None = None
    title: str = ""
    industry: str = ""
    organisation: str = ""
    notes: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Balance:
    given: int = 0
    received: int = 0

    @property
    def net(self) -> int:
        """Positive: you have given more than you received."""
        return self.given - self.received


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One way to give. ``kind`` says which rule found it; the adapters word it."""

    kind: str  # "need_match" | "inner_circle_quarter" | "give_back"
    person_id: int | None = None
    need: str = ""
    matches: tuple[int, ...] = field(default=())
    count: int = 0


def balance(favours: Iterable[FavourFact]) -> Balance:
    counts = Counter(f.direction for f in favours)
    return Balance(given=counts[GIVEN], received=counts[RECEIVED])


def balances_by_person(favours: Iterable[FavourFact]) -> dict[int, Balance]:
    given: Counter[int] = Counter()
    received: Counter[int] = Counter()
    for f in favours:
        (given if f.direction == GIVEN else received)[f.person_id] += 1
    return {pid: Balance(given[pid], received[pid]) for pid in given.keys() | received.keys()}


def quarter_start(today: date) -> date:
    return date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)


def needs_of(person: PersonFacts) -> list[str]:
    """What a person is looking for, from their tags and the notes about them."""
    found = [m.group(1) for t in person.tags if (m := _NEED_TAG.match(t.strip()))]
    found += [m.group(1) for m in _NEED_IN_NOTES.finditer(person.notes)]
    # "a UX designer for her team" needs a UX designer; the rest only narrows it.
    needs = [_QUALIFIER.split(n, maxsplit=1)[0].strip(" ,:") for n in found]
    return [n for n in dict.fromkeys(needs) if _words(n)]


def _words(text: str) -> set[str]:
    return {w for w in re.split(r"[^0-9a-z]+", fold(text)) if len(w) > 1 and w not in _FILLER}


def _stem(word: str) -> str:
    # Enough to let "designers" meet "designer" and "udviklere" meet "udvikler".
    for ending in ("ere", "er", "e", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def matches_need(need: str, candidate: PersonFacts) -> bool:
    """True when every meaningful word of the need is in the candidate's title, tags,
    industry or organisation (folded, so "udvikler" meets "Udvikler")."""
    wanted = {_stem(w) for w in _words(need)}
    text = " ".join([candidate.title, candidate.industry, candidate.organisation, *candidate.tags])
    have = {_stem(w) for w in _words(text)}
    return bool(wanted) and wanted <= have


def need_matches(
    persons: Sequence[PersonFacts],
    *,
    limit: int = 10,
    candidates: Sequence[PersonFacts] | None = None,
) -> list[Suggestion]:
    """ "Anna is looking for a UX designer — you know two": who could help whom.

    ``persons`` are those whose needs are looked for, ``candidates`` those who may fit
    (``persons`` themselves by default). A need's matches are the candidates holding
    every one of its words: an index from each word to its holders answers that without
    comparing every need with every candidate."""
    needs = [(person, need) for person in persons for need in needs_of(person)]
    if not needs:
        return []
    pool = persons if candidates is None else candidates
    holders: dict[str, set[int]] = {}
    for position, candidate in enumerate(pool):
        text = " ".join(
            [candidate.title, candidate.industry, candidate.organisation, *candidate.tags]
        )
        for word in {_stem(w) for w in _words(text)}:
            holders.setdefault(word, set()).add(position)
    out: list[Suggestion] = []
    for person, need in needs:
        wanted = {_stem(w) for w in _words(need)}
        if not wanted:
            continue
        fitting = set.intersection(*(holders.get(w, set()) for w in wanted))
        found = tuple(pool[i].id for i in sorted(fitting) if pool[i].id != person.id)
        if found:
            out.append(Suggestion("need_match", person.id, need, found, len(found)))
    out.sort(key=lambda s: (-s.count, s.person_id or 0))
    return out[:limit]


def inner_circle_quarter(
    persons: Sequence[PersonFacts], favours: list[FavourFact], today: date
) -> Suggestion | None:
    """ "You have not given anything to your inner circle this quarter"."""
    inner = {p.id for p in persons if p.closeness == 1}
    if not inner:
        return None
    since = quarter_start(today)
    if any(f.direction == GIVEN and f.person_id in inner and f.on >= since for f in favours):
        return None
    return Suggestion("inner_circle_quarter", count=len(inner))


def give_back(favours: list[FavourFact], *, at_least: int = 2, limit: int = 5) -> list[Suggestion]:
    """People who have given you at least ``at_least`` more than you gave them."""
    owed = [
        (pid, b.received - b.given)
        for pid, b in balances_by_person(favours).items()
        if b.received - b.given >= at_least
    ]
    owed.sort(key=lambda item: (-item[1], item[0]))
    return [Suggestion("give_back", pid, count=n) for pid, n in owed[:limit]]


def suggestions(
    persons: Sequence[PersonFacts],
    favours: list[FavourFact],
    today: date,
    candidates: Callable[[], Sequence[PersonFacts]] | None = None,
) -> list[Suggestion]:
    """Every suggestion to give, the broadest first.

    ``persons`` must hold everyone in the inner circle and everyone with a need; those
    who may fit a need are ``candidates()`` (asked only when somebody has a need), else
    ``persons``."""
    out: list[Suggestion] = []
    inner = inner_circle_quarter(persons, favours, today)
    if inner:
        out.append(inner)
    out += give_back(favours)
    if candidates is None or not any(needs_of(p) for p in persons):
        out += need_matches(persons)
    else:
        out += need_matches(persons, candidates=candidates())
    return out
