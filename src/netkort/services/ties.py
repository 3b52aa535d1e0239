"""Who knows whom: ties the user types, the inferred ones, and the pair-by-pair prompt.

The pairs the user answered "no" (and those skipped for now) live in
``Workspace.settings["pairs"]`` so they are not asked again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from netkort.domain import pairs
from netkort.domain.names import fold
from netkort.domain.records import TieSource
from netkort.services import search
from netkort.services.errors import NotFound, UserError
from netkort.store.models import Person, PersonContext, Tie, Workspace

SETTINGS_KEY = "pairs"
INFERRED = {TieSource.SHARED_ORGANISATION.value, TieSource.SHARED_CONTEXT.value}
STRENGTHS = {
    "weak": (0.33, _lazy("Know each other a little")),
    "medium": (0.67, _lazy("Know each other well")),
    "strong": (1.0, _lazy("Know each other very well")),
}


def strength_name(value: float | None) -> str:
    """The strength's name (weak, medium, strong) nearest to a stored value."""
    if value is None:
        return ""
    return min(STRENGTHS, key=lambda k: abs(STRENGTHS[k][0] - value))


@dataclass(frozen=True, slots=True)
class TieView:
    tie: Tie
    other: Person

    @property
    def inferred(self) -> bool:
        return self.tie.source in INFERRED

    @property
    def strength_label(self) -> str:
        name = strength_name(self.tie.strength)
        return str(STRENGTHS[name][1]) if name else ""


# What a tie in a person's "Knows" list shows of the tie and of the other person.
_SHOWN = (
    "source",
    "strength",
    "a__display_name",
    "a__sort_key_da",
    "b__display_name",
    "b__sort_key_da",
)


def ties_of(workspace: Workspace, person: Person) -> list[TieView]:
    """The person's ties, typed ones first, each with the other person's name."""
    ties = (
        Tie.objects.filter(workspace=workspace)
        .filter(Q(a=person) | Q(b=person))
        .select_related("a", "b")
        .only(*_SHOWN)
    )
    views = [TieView(t, t.b if t.a_id == person.pk else t.a) for t in ties]
    views.sort(key=lambda v: (v.inferred, v.other.sort_key_da, v.other.pk))
    return views


@transaction.atomic
def add_tie(
    workspace: Workspace, person: Person, other: Person, strength: str = "medium", note: str = ""
) -> Tie:
    """Record that the two know each other (typed by the user; replaces an inferred tie)."""
    if person.workspace_id != workspace.pk or other.workspace_id != workspace.pk:
        raise NotFound("no such person")
    if person.pk == other.pk:
        raise UserError(_("A person cannot be tied to themselves."))
    if strength not in STRENGTHS:
        raise UserError(_("Unknown strength “%(value)s”.") % {"value": strength})
    low, high = pairs.pair(person.pk, other.pk)
    tie, _created = Tie.objects.get_or_create(
        workspace=workspace, a_id=low, b_id=high, defaults={"source": TieSource.TYPED.value}
    )
    tie.source = TieSource.TYPED.value
    tie.strength = STRENGTHS[strength][0]
    if note:
        tie.note = note
    tie.save()
    _forget(workspace, (low, high))
    return tie


@transaction.atomic
def remove_tie(workspace: Workspace, tie_id: int) -> None:
    """Remove a tie; the pair counts as "they do not know each other" from then on."""
    tie = Tie.objects.filter(workspace=workspace, pk=tie_id).first()
    if tie is None:
        raise NotFound("no such tie")
    key = (tie.a_id, tie.b_id)
    tie.delete()
    _remember(workspace, "no", key)


def _state(workspace: Workspace) -> dict[str, Any]:
    found: dict[str, Any] = workspace.settings.setdefault(SETTINGS_KEY, {})
    found.setdefault("no", [])
    found.setdefault("skipped", [])
    return found


def _remember(workspace: Workspace, kind: str, key: pairs.Pair) -> None:
    listed = _state(workspace)[kind]
    if list(key) not in listed:
        listed.append(list(key))
    workspace.save(update_fields=["settings"])


def _forget(workspace: Workspace, key: pairs.Pair) -> None:
    state = _state(workspace)
    for kind in ("no", "skipped"):
        state[kind] = [p for p in state[kind] if tuple(p) != key]
    workspace.save(update_fields=["settings"])


def _members(workspace: Workspace) -> list[pairs.Member]:
    rows = [
        (pk, closeness or 0, org, key)
        for pk, closeness, org, key in Person.objects.filter(
            workspace=workspace, closeness__isnull=False, closeness__lte=pairs.INNER_CIRCLES
        ).values_list("pk", "closeness", "organisation_id", "sort_key_da")
    ]
    ids = [r[0] for r in rows]
    contexts: dict[int, set[int]] = {}
    for pid, cid in PersonContext.objects.filter(person_id__in=ids).values_list(
        "person_id", "context_id"
    ):
        contexts.setdefault(pid, set()).add(cid)
    return [
        pairs.Member(pk, closeness, org, frozenset(contexts.get(pk, ())), key)
        for pk, closeness, org, key in rows
    ]


def _settled(workspace: Workspace, members: list[pairs.Member]) -> set[pairs.Pair]:
    state = _state(workspace)
    ids = [m.id for m in members]
    tied = Tie.objects.filter(workspace=workspace, a_id__in=ids, b_id__in=ids)
    settled = {(a, b) for a, b in tied.values_list("a_id", "b_id")}
    settled |= {(a, b) for a, b in state["no"]}
    settled |= {(a, b) for a, b in state["skipped"]}
    return settled


@dataclass(frozen=True, slots=True)
class PairQuestion:
    a: Person
    b: Person
    remaining: int


def next_question(workspace: Workspace) -> PairQuestion | None:
    """The next "do they know each other?" question, or None when all are answered."""
    members = _members(workspace)
    settled = _settled(workspace, members)
    found = pairs.open_pairs(members, settled)
    if not found:
        return None
    a, b = found[0]
    persons = Person.objects.select_related("organisation").in_bulk([a, b])
    return PairQuestion(persons[a], persons[b], len(found))


def skipped_count(workspace: Workspace) -> int:
    return len(_state(workspace)["skipped"])


def answer(workspace: Workspace, a_id: int, b_id: int, reply: str) -> None:
    """Record "yes" (a typed tie), "no" (never ask again) or "skip" (ask later)."""
    found = Person.objects.filter(workspace=workspace, pk__in=[a_id, b_id])
    if len(found) != 2:
        raise NotFound("no such persons")
    key = pairs.pair(a_id, b_id)
    if reply == "yes":
        a, b = sorted(found, key=lambda p: p.pk)
        add_tie(workspace, a, b)
    elif reply in ("no", "skip"):
        _remember(workspace, "no" if reply == "no" else "skipped", key)
    else:
        raise UserError(_("Answer yes, no or skip."))


def ask_skipped_again(workspace: Workspace) -> None:
    _state(workspace)["skipped"] = []
    workspace.save(update_fields=["settings"])


def candidates(workspace: Workspace, person: Person, query: str, limit: int = 10) -> list[Person]:
    """Persons whose name, organisation or e-mail fits the query, for the tie box."""
    terms = fold(query).split()
    if not terms:
        return []
    qs = Person.objects.filter(workspace=workspace).exclude(pk=person.pk)
    for term in terms:
        qs = qs.filter(search.contains(term))
    return list(qs.select_related("organisation").order_by("sort_key_da", "id")[:limit])
