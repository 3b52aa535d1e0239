"""Possible duplicates: proposals from imports, the user's decisions, and merging.

Imports merge automatically only when they are sure; the doubtful pairs are stored in
``Workspace.settings["duplicate_proposals"]`` as ``{"a": id, "b": id}``. The user merges
a pair or keeps it apart; either way a ``MergeDecision`` remembers it (with the identity
keys of the other person, so a later import of that person is not proposed again).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netkort.domain.matching import Evidence, Identity, evidence, make_identity
from netkort.services.errors import NotFound, UserError
from netkort.services.people import refresh_contact_stats, refresh_derived, with_details
from netkort.store.models import (
    Assessment,
    EmailAddress,
    Favour,
    InteractionPerson,
    MergeDecision,
    Person,
    PersonContext,
    PersonTag,
    PhoneNumber,
    StatusChange,
    Tie,
    Workspace,
)

SETTING = "duplicate_proposals"

REASONS = {
    "same_linkedin": gettext_lazy("the same LinkedIn profile"),
    "same_email": gettext_lazy("a shared e-mail address"),
    "same_phone": gettext_lazy("a shared phone number"),
    "same_name": gettext_lazy("the same name"),
    "similar_name": gettext_lazy("a similar name"),
    "same_organisation": gettext_lazy("the same organisation"),
    "other_organisation": gettext_lazy("different organisations (a job change?)"),
    "other_linkedin": gettext_lazy("different LinkedIn profiles"),
}

# Fields merged one by one; the kept person's value wins unless only the other's was typed.
SCALARS = (
    "given_name",
    "family_name",
    "display_name",
    "title",
    "industry",
    "location",
    "linkedin_url",
    "organisation",
    "closeness",
    "first_met",
    "connected_on",
    "birthday",
    "keep_in_touch_days",
    "snoozed_until",
    "primary_context",
    "introduced_by",
    "photo",
)


def identity_of(person: Person) -> Identity:
    """The matching identity of a stored person (emails and phones fetched if needed)."""
    return make_identity(
        given=person.given_name,
        family=person.family_name,
        display=person.display_name,
        organisation=person.organisation.name if person.organisation else "",
        linkedin=person.linkedin_url,
        emails=[e.address for e in person.emails.all()],
        phones=[p.e164 for p in person.phones.all()],
    )


def _pairs(workspace: Workspace) -> list[dict[str, Any]]:
    # Read afresh: an import or another page may have changed the settings meanwhile.
    workspace.refresh_from_db(fields=["settings"])
    raw = workspace.settings.get(SETTING, [])
    return [p for p in raw if isinstance(p, dict) and "a" in p and "b" in p]


def _save_pairs(workspace: Workspace, pairs: list[dict[str, Any]]) -> None:
    workspace.settings[SETTING] = pairs
    workspace.save(update_fields=["settings"])


def add_proposals(workspace: Workspace, found: Iterable[tuple[int, int, Evidence]]) -> int:
    """Store new proposed pairs, except known ones and those the user kept apart."""
    pairs = _pairs(workspace)
    have = {(p["a"], p["b"]) for p in pairs}
    wanted = []
    for a, b, _ev in found:
        key = (min(a, b), max(a, b))
        if a != b and key not in have:
            have.add(key)
            wanted.append(key)
    decisions = list(MergeDecision.objects.filter(workspace=workspace, decision="separate"))
    if decisions:
        wanted = [pair for pair in wanted if not _kept_apart(workspace, decisions, *pair)]
    if wanted:
        _save_pairs(workspace, pairs + [{"a": a, "b": b} for a, b in wanted])
    return len(wanted)


def _kept_apart(workspace: Workspace, decisions: list[MergeDecision], a: int, b: int) -> bool:
    for decision in decisions:
        if {decision.kept_id, decision.other_id} == {a, b}:
            return True
        if decision.kept_id in (a, b) and decision.other_keys:
            other = b if decision.kept_id == a else a
            person = (
                with_details(Person.objects.filter(workspace=workspace)).filter(pk=other).first()
            )
            if person is not None and set(identity_of(person).keys()) & set(decision.other_keys):
                return True
    return False


@dataclass(frozen=True, slots=True)
class Proposal:
    a: Person
    b: Person
    evidence: Evidence

    @property
    def reasons(self) -> list[str]:
        return [str(REASONS[r]) for r in self.evidence.reasons() if r in REASONS]


def proposals(workspace: Workspace) -> list[Proposal]:
    """The pending proposals whose two persons still exist, with fresh evidence."""
    pairs = _pairs(workspace)
    ids = {p["a"] for p in pairs} | {p["b"] for p in pairs}
    persons = with_details(Person.objects.filter(workspace=workspace, pk__in=ids)).in_bulk()
    out = []
    for pair in pairs:
        a, b = persons.get(pair["a"]), persons.get(pair["b"])
        if a is not None and b is not None:
            out.append(Proposal(a, b, evidence(identity_of(a), identity_of(b))))
    return out


def count(workspace: Workspace) -> int:
    return len(_pairs(workspace))


def _drop_pair(workspace: Workspace, a: int, b: int) -> None:
    pairs = [p for p in _pairs(workspace) if {p["a"], p["b"]} != {a, b}]
    _save_pairs(workspace, pairs)


def _get(workspace: Workspace, pk: int) -> Person:
    person = with_details(Person.objects.filter(workspace=workspace)).filter(pk=pk).first()
    if person is None:
        raise NotFound(f"no person {pk}")
    return person


@transaction.atomic
def keep_apart(workspace: Workspace, a: int, b: int) -> None:
    """Remember that ``a`` and ``b`` are two people; they are not proposed again."""
    kept, other = _get(workspace, a), _get(workspace, b)
    MergeDecision.objects.create(
        workspace=workspace,
        kept=kept,
        other=other,
        other_keys=identity_of(other).keys(),
        decision="separate",
    )
    _drop_pair(workspace, a, b)


@transaction.atomic
def merge(workspace: Workspace, kept_pk: int, other_pk: int) -> Person:
    """Merge ``other`` into ``kept``: every value and every link moves, nothing is lost."""
    if kept_pk == other_pk:
        raise UserError(_("A person cannot be merged with themselves."))
    kept, other = _get(workspace, kept_pk), _get(workspace, other_pk)
    keys = identity_of(other).keys()
    merge_persons(workspace, kept, other)
    MergeDecision.objects.create(
        workspace=workspace, kept=kept, other=None, other_keys=keys, decision="merged"
    )
    pairs = []
    seen: set[tuple[int, int]] = set()
    for pair in _pairs(workspace):
        a = kept_pk if pair["a"] == other_pk else pair["a"]
        b = kept_pk if pair["b"] == other_pk else pair["b"]
        key = (min(a, b), max(a, b))
        if a != b and key not in seen:
            seen.add(key)
            pairs.append({"a": key[0], "b": key[1]})
    _save_pairs(workspace, pairs)
    return kept


def merge_persons(workspace: Workspace, kept: Person, other: Person) -> None:
    """Move everything of ``other`` to ``kept`` and delete ``other`` (in the caller's
    transaction)."""
    _merge_scalars(kept, other)
    _move_contact_points(workspace, kept, other)
    _move_links(kept, other)
    _move_ties(workspace, kept, other)
    _move_assessments(kept, other)
    Favour.objects.filter(person=other).update(person=kept)
    Person.objects.filter(introduced_by=other).exclude(pk=kept.pk).update(introduced_by=kept)
    MergeDecision.objects.filter(kept=other).update(kept=kept)
    if kept.introduced_by_id in (other.pk, kept.pk):
        kept.introduced_by = None
    other.delete()
    refresh_derived(kept)
    kept.save()
    refresh_contact_stats(workspace, [kept.pk])


def _empty(value: object) -> bool:
    return value is None or value == "" or value == b""


def _merge_scalars(kept: Person, other: Person) -> None:
    prov_k, prov_o = kept.provenance, other.provenance
    for name in SCALARS:
        mine, theirs = getattr(kept, name), getattr(other, name)
        entry_k, entry_o = prov_k.get(name, {}), prov_o.get(name, {})
        if _empty(theirs) or mine == theirs:
            _keep_others(prov_k, name, entry_o)
            continue
        take = _empty(mine) or (entry_o.get("user") and not entry_k.get("user"))
        if take:
            setattr(kept, name, theirs)
            if entry_o:
                prov_k[name] = {**entry_o}
            loser, loser_entry = mine, entry_k
        else:
            loser, loser_entry = theirs, entry_o
        if not _empty(loser) and name != "photo":
            others = prov_k.setdefault(name, {"source": "", "user": False}).setdefault("others", [])
            shown = loser.name if hasattr(loser, "name") else str(loser)
            if not any(o.get("value") == shown for o in others):
                others.append({"value": shown, "source": loser_entry.get("source", "")})
        _keep_others(prov_k, name, entry_o if not take else entry_k)
    if other.notes.strip() and other.notes.strip() not in kept.notes:
        kept.notes = f"{kept.notes.rstrip()}\n\n{other.notes.strip()}".strip()
    kept.urls = list(dict.fromkeys([*kept.urls, *other.urls]))
    kept.is_super_connector = kept.is_super_connector or other.is_super_connector
    for name, entry in prov_o.items():
        prov_k.setdefault(name, entry)


def _keep_others(prov: dict[str, Any], name: str, entry: dict[str, Any]) -> None:
    """Carry the history and alternatives a losing provenance entry held."""
    if not entry or name not in prov:
        return
    for key in ("others", "history", "also"):
        extra = entry.get(key) or []
        if extra and prov[name] is not entry:
            target = prov[name].setdefault(key, [])
            target.extend(x for x in extra if x not in target)


def _move_contact_points(workspace: Workspace, kept: Person, other: Person) -> None:
    have = set(EmailAddress.objects.filter(person=kept).values_list("address", flat=True))
    start = EmailAddress.objects.filter(person=kept).count()
    for i, row in enumerate(EmailAddress.objects.filter(person=other).order_by("position", "id")):
        if row.address in have:
            row.delete()
            continue
        have.add(row.address)
        row.person, row.position = kept, start + i
        row.save(update_fields=["person", "position"])
    numbers = set(PhoneNumber.objects.filter(person=kept).values_list("e164", flat=True))
    start = PhoneNumber.objects.filter(person=kept).count()
    for i, phone in enumerate(PhoneNumber.objects.filter(person=other).order_by("position", "id")):
        if phone.e164 in numbers:
            phone.delete()
            continue
        numbers.add(phone.e164)
        phone.person, phone.position = kept, start + i
        phone.save(update_fields=["person", "position"])


def _move_links(kept: Person, other: Person) -> None:
    """Contexts, tags and interactions: re-pointed unless the kept person has them."""
    for model, column in (
        (PersonContext, "context_id"),
        (PersonTag, "tag_id"),
        (InteractionPerson, "interaction_id"),
    ):
        have = set(model.objects.filter(person=kept).values_list(column, flat=True))
        rows = model.objects.filter(person=other)
        rows.filter(**{f"{column}__in": have}).delete()
        rows.update(person=kept)


def _move_ties(workspace: Workspace, kept: Person, other: Person) -> None:
    ties = list(Tie.objects.filter(workspace=workspace).filter(Q(a=other) | Q(b=other)))
    have = set(
        Tie.objects.filter(workspace=workspace)
        .filter(Q(a=kept) | Q(b=kept))
        .values_list("a_id", "b_id")
    )
    for tie in ties:
        friend = tie.b_id if tie.a_id == other.pk else tie.a_id
        tie.delete()
        if friend == kept.pk:
            continue
        low, high = sorted((kept.pk, friend))
        if (low, high) in have:
            continue
        have.add((low, high))
        Tie.objects.create(
            workspace=workspace,
            a_id=low,
            b_id=high,
            strength=tie.strength,
            source=tie.source,
            note=tie.note,
        )


def _move_assessments(kept: Person, other: Person) -> None:
    mine = {a.goal_id: a for a in Assessment.objects.filter(person=kept)}
    for theirs in Assessment.objects.filter(person=other):
        target = mine.get(theirs.goal_id)
        if target is None:
            theirs.person = kept
            theirs.save(update_fields=["person"])
            continue
        for flag in ("is_information", "is_intermediary", "is_direct_access"):
            setattr(target, flag, getattr(target, flag) or getattr(theirs, flag))
        for name in ("judged_at", "outcome", "priority_override", "next_step", "next_step_date"):
            if _empty(getattr(target, name)):
                setattr(target, name, getattr(theirs, name))
        if theirs.notes.strip() and theirs.notes.strip() not in target.notes:
            target.notes = f"{target.notes.rstrip()}\n\n{theirs.notes.strip()}".strip()
        target.save()
        StatusChange.objects.filter(assessment=theirs).update(assessment=target)
        theirs.delete()
