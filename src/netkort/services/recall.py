"""Guided recall: going through the contexts one by one to bring back forgotten people.

The wizard's place lives in ``Workspace.settings["recall"]``: the context being worked
on, whether the walk is finished, and how many persons each step added or reused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count, Max
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from netkort.domain.names import fold
from netkort.domain.recall import Entry, parse_lines
from netkort.domain.records import ContextKey
from netkort.services import search
from netkort.services.errors import NotFound, UserError
from netkort.services.people import PersonFields, add_person
from netkort.store.models import (
    Context,
    Person,
    PersonContext,
    Profile,
    ProfilePosition,
    Workspace,
)

SETTINGS_KEY = "recall"
NEW = "new"

PROMPTS: dict[str, tuple[Promise, ...]] = {
    ContextKey.CURRENT_COLLEAGUES: (
        _lazy("Who sits near you, or in the meetings you go to every week?"),
        _lazy("Who do you eat lunch with?"),
        _lazy("Who do you call when something breaks — in IT, HR, finance?"),
    ),
    ContextKey.FORMER_COLLEAGUES: (
        _lazy("Who did you eat lunch with at your last job?"),
        _lazy("Who was your manager, and who managed the team next to yours?"),
        _lazy("Who left before you did, and where did they go?"),
    ),
    ContextKey.CUSTOMERS: (
        _lazy("Whose problem did you solve last?"),
        _lazy("Who signed the order, and who used what you delivered?"),
        _lazy("Which customer would take your call today?"),
    ),
    ContextKey.PARTNERS: (
        _lazy("Which suppliers or consultants do you work with?"),
        _lazy("Who was on the other side of the table in your last contract?"),
    ),
    ContextKey.FRIENDS: (
        _lazy("Whom would you invite to a birthday party?"),
        _lazy("Who have you travelled with?"),
        _lazy("Which friends of your partner do you see too?"),
    ),
    ContextKey.ACQUAINTANCES: (
        _lazy("Who are your neighbours?"),
        _lazy("Whom do you meet at school pick-ups or in the stairwell?"),
        _lazy("Whose name do you know, though you seldom talk?"),
    ),
    ContextKey.FAMILY: (
        _lazy("Who works where, among your cousins, in-laws, uncles and aunts?"),
        _lazy("Who in the family knows many people?"),
    ),
    ContextKey.LEISURE: (
        _lazy("Who do you meet at the club?"),
        _lazy("Who do you play, sing, run or volunteer with?"),
        _lazy("Who sits on the board of your association?"),
    ),
    ContextKey.PROFESSIONAL_EVENTS: (
        _lazy("Whom did you talk to at the last conference or seminar?"),
        _lazy("Who gave a talk you remember?"),
        _lazy("Which networking groups do you belong to, and who is in them?"),
    ),
    ContextKey.SOCIAL_EVENTS: (
        _lazy("Whom did you meet at the last wedding, party or dinner?"),
        _lazy("Who organises the gatherings you go to?"),
    ),
    ContextKey.EDUCATION: (
        _lazy("Who was on your team at the course?"),
        _lazy("Who did you study with for exams?"),
        _lazy("Which teachers or supervisors do you remember?"),
    ),
}


def prompts_for(context: Context) -> list[str]:
    """Two to four questions that bring people back to mind for this context."""
    if context.key in PROMPTS:
        return [str(p) for p in PROMPTS[context.key]]
    values = {"name": context.label}
    return [
        _("Who do you know from %(name)s?") % values,
        _("Whom did you see the last time you were at %(name)s?") % values,
        _("Who organises %(name)s, or keeps it going?") % values,
    ]


def steps(workspace: Workspace) -> list[Context]:
    """The wizard's steps: the built-in contexts in their order, then the user's own."""
    return list(Context.objects.filter(workspace=workspace).order_by("position", "id"))


def state(workspace: Workspace) -> dict[str, Any]:
    found: dict[str, Any] = workspace.settings.setdefault(
        SETTINGS_KEY, {"step": None, "finished": False, "added": {}, "reused": {}}
    )
    return found


def _save(workspace: Workspace) -> None:
    workspace.save(update_fields=["settings"])


def guess(workspace: Workspace) -> int | None:
    profile = Profile.objects.filter(workspace=workspace).first()
    return profile.network_size_guess if profile else None


def set_guess(workspace: Workspace, value: int) -> None:
    if value < 0:
        raise UserError(_("A guess is a number of persons: 0 or more."))
    profile, _created = Profile.objects.get_or_create(workspace=workspace)
    profile.network_size_guess = value
    profile.save(update_fields=["network_size_guess"])


def current_step(workspace: Workspace) -> Context | None:
    """Where the user left off (the first step when they have not started)."""
    all_steps = steps(workspace)
    wanted = state(workspace).get("step")
    return next((c for c in all_steps if c.pk == wanted), all_steps[0] if all_steps else None)


def go_to(workspace: Workspace, context: Context) -> None:
    st = state(workspace)
    st["step"] = context.pk
    st["finished"] = False
    _save(workspace)


def finish(workspace: Workspace) -> None:
    state(workspace)["finished"] = True
    _save(workspace)


def neighbours(workspace: Workspace, context: Context) -> tuple[Context | None, Context | None]:
    """The steps before and after ``context``."""
    all_steps = steps(workspace)
    index = next(i for i, c in enumerate(all_steps) if c.pk == context.pk)
    before = all_steps[index - 1] if index > 0 else None
    after = all_steps[index + 1] if index + 1 < len(all_steps) else None
    return before, after


def get_step(workspace: Workspace, pk: int) -> Context:
    try:
        return Context.objects.get(workspace=workspace, pk=pk)
    except Context.DoesNotExist as exc:
        raise NotFound("no such context") from exc


@transaction.atomic
def add_context(workspace: Workspace, name: str) -> Context:
    """A context of the user's own, placed after the others."""
    name = " ".join(name.split())
    if not name:
        raise UserError(_("A context needs a name."))
    if fold(name) in _taken_names(workspace):
        raise UserError(_("There is already a context “%(name)s”.") % {"name": name})
    last = Context.objects.filter(workspace=workspace).aggregate(m=Max("position"))["m"]
    return Context.objects.create(workspace=workspace, name=name, position=(last or 0) + 1)


def _taken_names(workspace: Workspace) -> set[str]:
    """The contexts' names, the built-ins' in Danish and in English."""
    taken = set()
    for context in steps(workspace):
        taken.add(fold(context.name))
        for language in ("da", "en"):
            with translation.override(language):
                taken.add(fold(context.label))
    return taken - {""}


@dataclass(slots=True)
class Ambiguous:
    """A typed name that fits several persons: the user picks one, or a new person."""

    entry: Entry
    candidates: list[Person]


@dataclass(slots=True)
class RecallResult:
    added: list[Person] = field(default_factory=list)
    reused: list[Person] = field(default_factory=list)
    ambiguous: list[Ambiguous] = field(default_factory=list)

    @property
    def leftover(self) -> str:
        """The lines still to decide on, to put back in the entry box."""
        return "\n".join(_line_of(a.entry) for a in self.ambiguous)


def _line_of(entry: Entry) -> str:
    parts = [entry.name, entry.organisation, entry.title]
    while parts and not parts[-1]:
        parts.pop()
    return ", ".join(parts)


def matches(workspace: Workspace, entry: Entry) -> list[Person]:
    """Persons whose folded name is the entry's; narrowed by organisation when that helps."""
    qs = Person.objects.filter(workspace=workspace).select_related("organisation")
    for term in entry.key.split():
        qs = qs.filter(search.contains(term))
    found = [p for p in qs.order_by("id") if fold(p.display_name) == entry.key]
    if len(found) > 1 and entry.organisation:
        org = fold(entry.organisation)
        narrowed = [p for p in found if p.organisation and p.organisation.name_folded == org]
        found = narrowed or found
    return found


def tag(workspace: Workspace, context: Context, person: Person) -> bool:
    """Put the person in the context; False when they were in it already."""
    if person.workspace_id != workspace.pk or context.workspace_id != workspace.pk:
        raise NotFound("no such person")
    _link, created = PersonContext.objects.get_or_create(
        workspace=workspace, person=person, context=context
    )
    if person.primary_context_id is None:
        person.primary_context = context
        person.save(update_fields=["primary_context"])
    return created


def _count(workspace: Workspace, kind: str, context: Context, n: int) -> None:
    counts = state(workspace).setdefault(kind, {})
    counts[str(context.pk)] = counts.get(str(context.pk), 0) + n


@transaction.atomic
def add_entries(
    workspace: Workspace, context: Context, text: str, picks: dict[str, str] | None = None
) -> RecallResult:
    """Add the persons typed in the box to the context.

    A name that is already in the network tags that person instead of adding a new one;
    a name that fits several persons waits for a pick (``picks[folded name]`` is a
    person's id or ``"new"``).
    """
    picks = picks or {}
    result = RecallResult()
    for entry in parse_lines(text):
        found = matches(workspace, entry)
        pick = picks.get(entry.key, "")
        chosen = next((p for p in found if str(p.pk) == pick), None)
        if pick == NEW or not found:
            result.added.append(_new_person(workspace, context, entry))
        elif chosen is not None or len(found) == 1:
            person = chosen or found[0]
            tag(workspace, context, person)
            result.reused.append(person)
        else:
            result.ambiguous.append(Ambiguous(entry, found))
    _count(workspace, "added", context, len(result.added))
    _count(workspace, "reused", context, len(result.reused))
    _save(workspace)
    return result


def _new_person(workspace: Workspace, context: Context, entry: Entry) -> Person:
    fields = PersonFields(
        display_name=entry.name,
        organisation=entry.organisation,
        title=entry.title,
        context_ids=[context.pk],
    )
    return add_person(workspace, fields)


def suggestions(workspace: Workspace, context: Context, query: str, limit: int = 8) -> list[Person]:
    """Persons already in the network who might belong here, not yet in this context.

    With a query: those whose name, organisation or e-mail matches it. Without: the
    persons at organisations this context's persons work at, or (for colleagues) at
    the organisations in my own positions.
    """
    qs = Person.objects.filter(workspace=workspace).exclude(personcontext__context=context)
    terms = fold(query).split()
    if terms:
        for term in terms:
            qs = qs.filter(search.contains(term))
    else:
        orgs = set(
            Person.objects.filter(personcontext__context=context)
            .exclude(organisation=None)
            .values_list("organisation_id", flat=True)
        )
        orgs |= _my_organisations(workspace, context)
        if not orgs:
            return []
        qs = qs.filter(organisation_id__in=orgs)
    return list(qs.select_related("organisation").order_by("sort_key_da", "id")[:limit])


def _my_organisations(workspace: Workspace, context: Context) -> set[int]:
    positions = ProfilePosition.objects.filter(workspace=workspace).exclude(organisation=None)
    if context.key == ContextKey.CURRENT_COLLEAGUES:
        positions = positions.filter(end__isnull=True)
    elif context.key == ContextKey.FORMER_COLLEAGUES:
        positions = positions.filter(end__isnull=False)
    else:
        return set()
    return {pk for pk in positions.values_list("organisation_id", flat=True) if pk is not None}


@dataclass(frozen=True, slots=True)
class StepCount:
    context: Context
    persons: int
    added: int
    reused: int


@dataclass(frozen=True, slots=True)
class Summary:
    guess: int | None
    persons: int
    by_context: list[StepCount]

    @property
    def larger_than_guessed(self) -> bool:
        return self.guess is not None and self.persons > self.guess


def summary(workspace: Workspace) -> Summary:
    """The guess next to the real count, and what each context holds."""
    st = state(workspace)
    contexts = Context.objects.filter(workspace=workspace).annotate(n=Count("personcontext"))
    rows = [
        StepCount(
            c,
            c.n,
            st.get("added", {}).get(str(c.pk), 0),
            st.get("reused", {}).get(str(c.pk), 0),
        )
        for c in contexts.order_by("position", "id")
    ]
    return Summary(guess(workspace), Person.objects.filter(workspace=workspace).count(), rows)


def context_size(context: Context) -> int:
    return PersonContext.objects.filter(context=context).count()
