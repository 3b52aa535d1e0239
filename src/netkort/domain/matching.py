"""Deciding whether two descriptions of a person are the same person.

An :class:`Identity` holds what matching needs: names, organisation and the strong
keys (LinkedIn profile, e-mail addresses, E.164 phones), all normalised. A
:class:`Matcher` indexes identities under blocking keys, so each new identity is
compared with a handful of candidates rather than with everyone, and returns a
:class:`Match`: merge automatically, propose to the user, or treat as new, with the
evidence that led there.

The rules favour precision for automatic merges (a wrong merge mixes two people's
data) and recall for proposals (a missed duplicate is a chore later):

* the same LinkedIn profile is the same person; two different profiles are two people;
* a shared e-mail address or phone merges when the names agree, and is only proposed
  when they do not (a family's landline, a shared info@ mailbox);
* without a shared key, a near-identical name at the same organisation merges; a
  similar name elsewhere (a job change, a nickname, a typo) is proposed.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.distance import JaroWinkler

from netkort.domain.emails import normalise_email
from netkort.domain.linkedin import normalise_profile_url
from netkort.domain.names import fold, split_name
from netkort.domain.phones import to_e164

# Given names that stand for one another. Each line is one family of names; a name may
# belong to several families ("chris"). Folded spellings: "soeren", not "søren".
_NICKNAME_FAMILIES = (
    "kristian kris christian chris",
    "christopher chris kit",
    "christina christine kristina kristine chris stine tina tine",
    "katrine catrine trine katarina katharina",
    "katherine catherine kathrine kate katie kathy cathy",
    "mads mathias matthias",
    "william bill will billy willy",
    "robert bob rob bobby robbie",
    "richard rick dick ricky",
    "james jim jimmy",
    "michael mike mikkel mick",
    "elizabeth elisabeth liz beth lisbeth lise lisa betty",
    "margaret peggy maggie meg",
    "margrethe grethe merete",
    "anthony tony",
    "david dave",
    "daniel dan danny",
    "samuel sam",
    "alexander alex",
    "andrew andy drew",
    "andreas anders",
    "benjamin ben",
    "matthew matt",
    "nicholas nick nicolai nikolaj niels",
    "patrick pat",
    "stephen steven steve",
    "thomas tom tommy",
    "jennifer jen jenny",
    "jonathan jon",
    "john johnny jack",
    "joseph joe",
    "johannes johan jens hans",
    "charlotte lotte",
    "henriette jette rikke",
    "frederikke rikke",
    "frederik frede freddy",
    "susanne sanne",
    "birgitte gitte",
    "laurits lars",
    "jakob jacob",
    "karoline caroline line",
    "kirsten kirsti",
    "rasmus rasse",
    "peter per pelle",
    "soeren soren",
)


def _nickname_index() -> dict[str, frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for line in _NICKNAME_FAMILIES:
        names = line.split()
        canonical = names[0]
        for name in names:
            groups.setdefault(name, set()).add(canonical)
    return {name: frozenset(canon) for name, canon in groups.items()}


_NICKNAMES = _nickname_index()

# Blocks larger than this are too common to tell anyone apart ("nielsen|a" in a large
# network); their members are still found through the other keys.
MAX_BLOCK = 200

# Thresholds on 0..100 scores, tuned with bench/merge_quality.py.
NAME_SAME = 92  # names that are the same name written differently
NAME_AGREES = 70  # names compatible with a shared e-mail or phone
NAME_SIMILAR = 80  # worth a proposal
ORGANISATION_SAME = 90


class Decision(enum.StrEnum):
    AUTO = "auto"
    PROPOSE = "propose"
    NEW = "new"


@dataclass(frozen=True, slots=True)
class Identity:
    """One person as matching sees them: normalised keys only."""

    given: str = ""  # folded
    family: str = ""  # folded
    organisation: str = ""  # folded
    linkedin: str = ""
    emails: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()
    # Where this person's values came from (format names), for the re-import rule.
    sources: frozenset[str] = frozenset()

    @property
    def full_name(self) -> str:
        return f"{self.given} {self.family}".strip()

    def keys(self) -> list[str]:
        """Every identity key: what a decision remembers about a person."""
        keys = [f"li:{self.linkedin}"] if self.linkedin else []
        keys += [f"em:{e}" for e in sorted(self.emails)]
        keys += [f"ph:{p}" for p in sorted(self.phones)]
        if self.full_name:
            keys.append(f"nm:{self.full_name}|{self.organisation}")
        return keys


def make_identity(
    *,
    given: str = "",
    family: str = "",
    display: str = "",
    organisation: str = "",
    linkedin: str = "",
    emails: Iterable[str] = (),
    phones: Iterable[str] = (),
    region: str = "DK",
    sources: Iterable[str] = (),
) -> Identity:
    """An identity from values as a source or the database holds them."""
    if not (given.strip() or family.strip()) and display.strip():
        given, family = split_name(display)
    return Identity(
        given=fold(given),
        family=fold(family),
        organisation=fold(organisation),
        linkedin=normalise_profile_url(linkedin) if linkedin else "",
        emails=frozenset(a for a in (normalise_email(e) for e in emails) if a),
        phones=frozenset(p for p in (_e164(n, region) for n in phones) if p),
        sources=frozenset(sources),
    )


def _e164(raw: str, region: str) -> str | None:
    # Stored numbers are E.164 already; parsing them again is the slow part of an import.
    if raw.startswith("+") and raw[1:].isdigit():
        return raw
    return to_e164(raw, region)


@functools.lru_cache(maxsize=1 << 16)
def given_variants(given: str) -> frozenset[str]:
    """The folded given name's first word and the families of names it belongs to."""
    first = given.split(" ", 1)[0]
    return frozenset({first}) | _NICKNAMES.get(first, frozenset())


def blocking_keys(identity: Identity) -> set[str]:
    """Keys under which ``identity`` is filed, so that its likely duplicates find it.

    Persons without a LinkedIn profile are filed a second time under "x"-prefixed name
    keys: someone with a profile can only be the same as someone with that profile
    (found by its key) or without any, so they look among those alone. A LinkedIn
    archive of 30,000 connections then compares no one with their namesakes.
    """
    names = _name_keys(identity, query=False)
    if not identity.linkedin:
        names |= {"x" + k for k in names}
    return names | _strong_keys(identity)


def query_keys(identity: Identity) -> set[str]:
    """Keys to look up for ``identity``'s likely duplicates."""
    names = _name_keys(identity, query=True)
    if identity.linkedin:
        names = {"x" + k for k in names}
    return names | _strong_keys(identity)


def _strong_keys(identity: Identity) -> set[str]:
    keys = {f"li:{identity.linkedin}"} if identity.linkedin else set()
    keys.update(f"em:{e}" for e in identity.emails)
    keys.update(f"ph:{p}" for p in identity.phones)
    return keys


def _name_keys(identity: Identity, *, query: bool) -> set[str]:
    return set(_name_keys_of(identity.given, identity.family, query))


@functools.lru_cache(maxsize=1 << 16)
def _name_keys_of(given: str, family: str, query: bool) -> frozenset[str]:
    # Cached: names recur across thousands of persons.
    return frozenset(_compute_name_keys(given, family, query=query))


def _compute_name_keys(given: str, family: str, *, query: bool) -> set[str]:
    variants = given_variants(given) if given else frozenset()
    keys: set[str] = set()
    if not family:
        # A one-word name ("Mette" in a phone) meets the full names with that given name
        # (filed under "g:") and the other one-word names (under "g1:").
        for variant in variants:
            keys.add(f"g1:{variant}")
            if query:
                keys.add(f"g:{variant}")
        return keys
    # A typo in the given name still meets the same family name and initial...
    for variant in variants or {""}:
        keys.add(f"fi:{family}|{variant[:1]}")
    # ...and a typo in the family name (after its fourth letter) meets the same given name.
    for variant in variants:
        keys.add(f"gf:{variant}|{family[:4]}")
        # Full names are only filed under the bare given name: looking it up for every
        # full name would compare everyone named Anne with everyone named Anne.
        keys.add(f"g1:{variant}" if query else f"g:{variant}")
    # Multi-word family names ("Holm Jensen") also meet their last word.
    last = family.rsplit(" ", 1)[-1]
    if last != family:
        for variant in variants or {""}:
            keys.add(f"fi:{last}|{variant[:1]}")
    return keys


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why two identities look alike (or not): shown side by side on the duplicates page."""

    name: int  # 0..100
    organisation: int | None  # 0..100; None when one side has none
    same_linkedin: bool = False
    other_linkedin: bool = False
    shared_emails: tuple[str, ...] = ()
    shared_phones: tuple[str, ...] = ()
    same_source_entry: bool = False
    name_missing: bool = False  # one side has no name at all (an address-only contact)

    def reasons(self) -> list[str]:
        """Short codes for the evidence, in order of weight (translated by the pages)."""
        out = ["same_linkedin"] if self.same_linkedin else []
        out += ["same_email"] if self.shared_emails else []
        out += ["same_phone"] if self.shared_phones else []
        if self.name >= NAME_SAME:
            out.append("same_name")
        elif self.name >= NAME_SIMILAR:
            out.append("similar_name")
        if self.organisation is not None:
            same = self.organisation >= ORGANISATION_SAME
            out.append("same_organisation" if same else "other_organisation")
        out += ["other_linkedin"] if self.other_linkedin else []
        return out


def name_score(a: Identity, b: Identity) -> int:
    """0..100: how alike two folded names are, nicknames and typos allowed for."""
    return _name_score(a.given, a.family, b.given, b.family)


@functools.lru_cache(maxsize=1 << 17)
def _name_score(a_given: str, a_family: str, b_given: str, b_family: str) -> int:
    # Cached: an import compares the same common names with each other again and again.
    a_full = f"{a_given} {a_family}".strip()
    b_full = f"{b_given} {b_family}".strip()
    if not a_full or not b_full:
        return 0
    if a_full == b_full:
        return 100
    given = _given_score(a_given, b_given)
    if a_family and b_family:
        family = _family_score(a_family, b_family)
        # Both parts must agree: "Anne Holm" and "Peter Holm" share only a family.
        score = min(0.4 * given + 0.6 * family, min(given, family) + 8)
    else:
        # A one-word name ("Kris") is weak evidence: enough to propose, never to merge.
        score = 0.8 * given
    swapped = fuzz.token_sort_ratio(a_full, b_full)
    return round(max(score, swapped if a_family and b_family else 0))


def _given_score(a: str, b: str) -> float:
    if not a or not b:
        return 50.0
    if a == b or given_variants(a) & given_variants(b):
        return 100.0
    first_a, first_b = a.split(" ", 1)[0], b.split(" ", 1)[0]
    if min(len(first_a), len(first_b)) == 1 and first_a[0] == first_b[0]:
        return 85.0  # an initial: "K. Hansen"
    return 100 * max(JaroWinkler.similarity(a, b), JaroWinkler.similarity(first_a, first_b))


def _family_score(a: str, b: str) -> float:
    if a == b:
        return 100.0
    # "Holm Jensen" and "Jensen" are the same family name written shorter.
    if set(a.split()) & set(b.split()) and (" " in a or " " in b):
        return 85.0
    # Edit distance, not Jaro-Winkler: "Holmgaard" and "Holmberg" share a beginning but
    # are different families, while a typo changes a letter or two.
    return fuzz.ratio(a, b)


def organisation_score(a: Identity, b: Identity) -> int | None:
    if not a.organisation or not b.organisation:
        return None
    return _organisation_score(a.organisation, b.organisation)


@functools.lru_cache(maxsize=1 << 16)
def _organisation_score(a: str, b: str) -> int:
    # Cached: namesakes in an import work at the same few organisations.
    if a == b:
        return 100
    return round(fuzz.token_set_ratio(a, b))


def evidence(a: Identity, b: Identity, source: str = "", name: int | None = None) -> Evidence:
    """The evidence about two identities (``name``: their ``name_score`` if known)."""
    return Evidence(
        name=name_score(a, b) if name is None else name,
        organisation=organisation_score(a, b),
        same_linkedin=bool(a.linkedin) and a.linkedin == b.linkedin,
        other_linkedin=bool(a.linkedin and b.linkedin) and a.linkedin != b.linkedin,
        shared_emails=tuple(sorted(a.emails & b.emails)),
        shared_phones=tuple(sorted(a.phones & b.phones)),
        same_source_entry=bool(source) and source in b.sources and a.full_name == b.full_name,
        name_missing=not a.full_name or not b.full_name,
    )


def decide(ev: Evidence, *, conflicting_phones: bool = False) -> Decision:
    """The decision for one pair of identities, from their evidence."""
    if ev.same_linkedin:
        return Decision.AUTO
    if ev.other_linkedin:
        return Decision.NEW
    if ev.shared_emails or ev.shared_phones:
        agree = ev.name >= NAME_AGREES or ev.name_missing
        return Decision.AUTO if agree else Decision.PROPOSE
    org = ev.organisation
    if ev.same_source_entry and (org is None or org >= ORGANISATION_SAME):
        # A source describes a person once: the same name from it again is a re-export.
        return Decision.AUTO
    if ev.name >= NAME_SAME and org is not None and org >= ORGANISATION_SAME:
        return Decision.PROPOSE if conflicting_phones else Decision.AUTO
    if ev.name >= NAME_SIMILAR:
        return Decision.PROPOSE
    return Decision.NEW


@dataclass(frozen=True, slots=True)
class Candidate:
    ref: Hashable
    decision: Decision
    evidence: Evidence

    @property
    def weight(self) -> tuple[int, int, int, int]:
        ev = self.evidence
        strong = len(ev.shared_emails) + len(ev.shared_phones)
        return (int(ev.same_linkedin), strong, ev.name, ev.organisation or 0)


@dataclass(slots=True)
class Match:
    """The outcome for one identity: the person to merge into, and the ones to propose."""

    decision: Decision
    ref: Hashable | None = None
    evidence: Evidence | None = None
    proposals: list[Candidate] = field(default_factory=list)


@dataclass(slots=True)
class Matcher:
    """Identities filed under blocking keys; ``match`` then ``add`` (or ``update``) each."""

    identities: dict[Hashable, Identity] = field(default_factory=dict)
    blocks: dict[str, list[Hashable]] = field(default_factory=dict)
    max_proposals: int = 5

    def add(self, ref: Hashable, identity: Identity) -> None:
        old = self.identities.get(ref)
        if old is not None:
            identity = _union(old, identity)
        self.identities[ref] = identity
        old_keys = blocking_keys(old) if old is not None else set()
        for key in blocking_keys(identity) - old_keys:
            self.blocks.setdefault(key, []).append(ref)

    def _strong_match(self, identity: Identity, source: str, skip: set[Hashable]) -> Match | None:
        """A sure match through a shared e-mail or phone, without weighing namesakes."""
        owners: dict[Hashable, None] = {}
        for key in _strong_keys(identity):
            owners.update(dict.fromkeys(r for r in self.blocks.get(key, ()) if r not in skip))
        found = []
        for ref in owners:
            ev = evidence(identity, self.identities[ref], source)
            if decide(ev) is Decision.AUTO:
                found.append(Candidate(ref, Decision.AUTO, ev))
        if not found:
            return None
        found.sort(key=lambda c: c.weight, reverse=True)
        extra = [Candidate(c.ref, Decision.PROPOSE, c.evidence) for c in found[1:]]
        return Match(Decision.AUTO, found[0].ref, found[0].evidence, extra[: self.max_proposals])

    def candidates(self, identity: Identity) -> list[Hashable]:
        seen: dict[Hashable, None] = {}
        for key in sorted(query_keys(identity)):
            members = self.blocks.get(key)
            if members and (len(members) <= MAX_BLOCK or key[:3] in ("li:", "em:", "ph:")):
                seen.update(dict.fromkeys(members))
        return list(seen)

    def match(
        self, identity: Identity, *, source: str = "", exclude: Iterable[Hashable] = ()
    ) -> Match:
        """Decide for ``identity`` against everyone filed; ``exclude`` refs are skipped."""
        skip = set(exclude)
        if identity.linkedin:
            # The profile decides: no need to weigh everyone else with a similar name.
            owners = [r for r in self.blocks.get(f"li:{identity.linkedin}", ()) if r not in skip]
            if len(owners) == 1:
                ev = evidence(identity, self.identities[owners[0]], source)
                return Match(Decision.AUTO, owners[0], ev)
        strong = self._strong_match(identity, source, skip)
        if strong is not None:
            return strong
        found: list[Candidate] = []
        for ref in self.candidates(identity):
            if ref in skip:
                continue
            other = self.identities[ref]
            if identity.linkedin and other.linkedin and identity.linkedin != other.linkedin:
                continue  # two profiles, two people
            shares = identity.emails & other.emails or identity.phones & other.phones
            name = name_score(identity, other)
            if not shares and name < NAME_SIMILAR:
                continue  # the common case, decided without the rest of the evidence
            ev = evidence(identity, other, source, name)
            conflict = bool(identity.phones and other.phones) and not ev.shared_phones
            decision = decide(ev, conflicting_phones=conflict)
            if decision is not Decision.NEW:
                found.append(Candidate(ref, decision, ev))
        found.sort(key=lambda c: c.weight, reverse=True)
        autos = [c for c in found if c.decision is Decision.AUTO]
        rest = [c for c in found if c.decision is Decision.PROPOSE]
        if autos:
            best = autos[0]
            # Other automatic matches mean the stored persons are duplicates of each other.
            extra = [Candidate(c.ref, Decision.PROPOSE, c.evidence) for c in autos[1:]]
            return Match(Decision.AUTO, best.ref, best.evidence, extra[: self.max_proposals])
        if rest:
            return Match(Decision.PROPOSE, proposals=rest[: self.max_proposals])
        return Match(Decision.NEW)


def _union(a: Identity, b: Identity) -> Identity:
    """What is known about one person after two descriptions of them were merged."""
    return Identity(
        given=a.given or b.given,
        family=a.family or b.family,
        organisation=b.organisation or a.organisation,
        linkedin=a.linkedin or b.linkedin,
        emails=a.emails | b.emails,
        phones=a.phones | b.phones,
        sources=a.sources | b.sources,
    )
