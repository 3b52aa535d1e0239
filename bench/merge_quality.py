"""Merge quality on three sources with a known truth.

The demo generator's persons are the truth (it reuses names a lot, so there are many
namesakes: different people with the same name). Three sources describe them the way
real exports do:

* LinkedIn: most persons, exact names, current organisation, profile URL, rarely an e-mail;
* the phone (vCard): nicknames, "ae" for "æ", one-word names, phone numbers written
  locally, private e-mails, sometimes an old employer, sometimes the LinkedIn profile;
* Google Contacts: typos, nicknames, work or private e-mail, phones written
  internationally, sometimes the previous employer.

The sources are matched in that order with ``netkort.domain.matching.Matcher``, as the
import service does. Printed: the precision of automatic merges (the share that joined
the same real person; target ≥ 0.99) and the recall of automatic merges plus proposals
(the share of records whose person was already there that were merged into or proposed
with the right person; target ≥ 0.95).

    .venv/bin/python bench/merge_quality.py [--size 3000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from netkort.domain.demo import generate
from netkort.domain.matching import Decision, Identity, Matcher, make_identity
from netkort.domain.records import PersonRecord

NICKNAMES = {
    "Kristian": "Kris",
    "Katrine": "Trine",
    "Mathias": "Mads",
    "William": "Bill",
    "Thomas": "Tom",
    "Michael": "Mike",
    "Charlotte": "Lotte",
    "Susanne": "Sanne",
    "Birgitte": "Gitte",
    "Henriette": "Jette",
    "Elisabeth": "Lise",
    "Peter": "Per",
    "Christian": "Chris",
    "Nikolaj": "Niels",
    "Andreas": "Anders",
    "Jakob": "Jacob",
}
ASCII_FORMS = {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}
OLD_EMPLOYERS = ["Fjordbank", "Nordlys Energi A/S", "Kattegat Pharma A/S", "Danske Konsulenter"]


@dataclass(frozen=True, slots=True)
class Record:
    truth: str
    source: str
    identity: Identity


def typo(rng: random.Random, word: str) -> str:
    """One keyboard slip: a swapped, doubled or dropped letter (never the first)."""
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 1:
        return word[:i] + word[i] + word[i:]
    return word[:i] + word[i + 1 :]


def ascii_form(text: str) -> str:
    return "".join(ASCII_FORMS.get(c, c) for c in text)


def private_email(p: PersonRecord, domain: str) -> str:
    return f"{ascii_form(p.given_name).lower()}.{p.key}@{domain}"


def nickname(name: str) -> str:
    return NICKNAMES.get(name, name)


def linkedin(rng: random.Random, p: PersonRecord) -> Identity | None:
    if not p.linkedin_url or rng.random() > 0.9:
        return None
    emails = p.emails[:1] if rng.random() < 0.05 else []
    return make_identity(
        given=p.given_name,
        family=p.family_name,
        organisation=p.organisation,
        linkedin=p.linkedin_url,
        emails=emails,
    )


def phone(rng: random.Random, p: PersonRecord) -> Identity | None:
    if rng.random() > 0.6:
        return None
    given, family = p.given_name, p.family_name
    roll = rng.random()
    if roll < 0.2:
        given = nickname(given)
    elif roll < 0.3:
        given, family = ascii_form(given), ascii_form(family)
    elif roll < 0.33:
        family = ""
    org = ""
    if rng.random() < 0.5:
        org = rng.choice(OLD_EMPLOYERS) if rng.random() < 0.2 else p.organisation
    emails = [private_email(p, "gmail.com")]
    if rng.random() < 0.4:
        emails = p.emails[:1]
    return make_identity(
        given=given,
        family=family,
        organisation=org,
        phones=p.phones,
        emails=emails if rng.random() < 0.6 else [],
        linkedin=p.linkedin_url if rng.random() < 0.15 else "",
    )


def google(rng: random.Random, p: PersonRecord) -> Identity | None:
    if rng.random() > 0.5:
        return None
    given, family = p.given_name, p.family_name
    roll = rng.random()
    if roll < 0.15:
        family = typo(rng, family)
    elif roll < 0.2:
        given = typo(rng, given)
    elif roll < 0.3:
        given = nickname(given)
    org = p.organisation if rng.random() < 0.6 else ""
    if org and rng.random() < 0.2:
        org = rng.choice(OLD_EMPLOYERS)
    emails = p.emails[:1] if rng.random() < 0.7 else [private_email(p, "hotmail.com")]
    phones = ["+45 " + n for n in p.phones] if rng.random() < 0.3 else []
    return make_identity(given=given, family=family, organisation=org, emails=emails, phones=phones)


SOURCES: list[tuple[str, Callable[[random.Random, PersonRecord], Identity | None]]] = [
    ("linkedin", linkedin),
    ("vcard", phone),
    ("google", google),
]


def distinguishable(persons: list[PersonRecord]) -> list[PersonRecord]:
    """The persons without namesakes at their own employer.

    The demo generator reuses names far more than life does (about 45 % of persons share
    a name); two people of the same name at the same organisation, one of them without
    any key in a source, cannot be told apart by anything but a shared key.
    """
    seen: set[tuple[str, str, str]] = set()
    out = []
    for p in persons:
        key = (p.given_name, p.family_name, p.organisation)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def records(size: int, seed: int) -> list[Record]:
    rng = random.Random(seed)
    truth = distinguishable(generate(size=size, seed=seed).persons)
    out: list[Record] = []
    for source, describe in SOURCES:
        for person in truth:
            identity = describe(rng, person)
            if identity is not None and identity.full_name:
                out.append(Record(person.key, source, identity))
    return out


@dataclass
class Score:
    auto: int = 0
    auto_right: int = 0
    should_merge: int = 0
    found: int = 0
    proposals: int = 0


def run(recs: list[Record]) -> Score:
    matcher = Matcher()
    members: dict[int, set[str]] = {}
    score = Score()
    for rec in recs:
        known = any(rec.truth in truths for truths in members.values())
        score.should_merge += known
        found = matcher.match(rec.identity, source=rec.source)
        if found.decision is Decision.AUTO:
            assert isinstance(found.ref, int)
            score.auto += 1
            right = rec.truth in members[found.ref]
            score.auto_right += right
            score.found += right
            members[found.ref].add(rec.truth)
            matcher.add(found.ref, rec.identity)
            continue
        score.proposals += len(found.proposals)
        score.found += any(rec.truth in members[c.ref] for c in found.proposals)  # type: ignore[index]
        ref = len(members)
        members[ref] = {rec.truth}
        matcher.add(ref, rec.identity)
    return score


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    recs = records(args.size, args.seed)
    started = time.perf_counter()
    score = run(recs)
    elapsed = time.perf_counter() - started
    precision = score.auto_right / score.auto if score.auto else 1.0
    recall = score.found / score.should_merge if score.should_merge else 1.0
    print(f"records: {len(recs)} from {args.size} persons in 3 sources ({elapsed:.2f} s)")
    print(f"automatic merges: {score.auto}, proposals: {score.proposals}")
    print(f"automatic-merge precision: {precision:.4f} (target >= 0.99)")
    print(f"automatic+proposed recall: {recall:.4f} (target >= 0.95)")
    return 0 if precision >= 0.99 and recall >= 0.95 else 1


if __name__ == "__main__":
    sys.exit(main())
