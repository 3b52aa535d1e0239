"""Give and take: logging favours, balances, and suggestions of what to give."""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from netkort.domain import giving
from netkort.services.errors import NotFound, UserError
from netkort.services.interactions import link_persons, moment_of
from netkort.store import labels
from netkort.store.models import Favour, Interaction, Person, Tag, Workspace


def log_favour(
    workspace: Workspace,
    person: Person,
    *,
    direction: str,
    kind: str,
    on: dt.date | None = None,
    note: str = "",
) -> Favour:
    if person.workspace_id != workspace.pk:
        raise NotFound("no such person")
    if direction not in labels.FAVOUR_DIRECTIONS:
        raise UserError(_("Say whether you gave or received it."))
    if kind not in labels.FAVOUR_KINDS:
        raise UserError(_("That is not a kind of favour."))
    day = on or timezone.localdate()
    if day > timezone.localdate():
        raise UserError(_("A favour that has happened cannot lie in the future."))
    return Favour.objects.create(
        workspace=workspace,
        person=person,
        direction=direction,
        kind=kind,
        on=day,
        note=note.strip(),
    )


def _facts(workspace: Workspace, person: Person | None = None) -> list[giving.FavourFact]:
    """The favours of the workspace, or of one person in it."""
    found = Favour.objects.filter(workspace=workspace)
    if person is not None:
        found = found.filter(person=person)
    rows = found.values_list("person_id", "direction", "on")
    return [giving.FavourFact(pid, direction, on) for pid, direction, on in rows]


def balance_of(
    workspace: Workspace, person: Person | None = None, *, read: Sequence[Favour] | None = None
) -> giving.Balance:
    """Favours given and received, with one person or overall. ``read``: the person's
    favours when the caller has them already, so they are not read again."""
    if read is not None:
        facts = [giving.FavourFact(f.person_id, f.direction, f.on) for f in read]
    else:
        facts = _facts(workspace, person)
    return giving.balance(facts)


def _person_facts(workspace: Workspace, which: Q | None = None) -> list[giving.PersonFacts]:
    """Plain facts about everyone (or ``which`` persons), read as values: the persons in
    one statement, their tags in another (all the workspace's, a few per person), so
    that ``which`` is worked out once."""
    persons = Person.objects.filter(workspace=workspace)
    if which is not None:
        persons = persons.filter(which)
    rows = persons.order_by("pk").values_list(
        "pk", "display_name", "closeness", "title", "industry", "organisation__name", "notes"
    )
    links = Person.tags.through.objects.filter(workspace=workspace)
    tags: dict[int, list[str]] = {}
    for pid, name in links.order_by("pk").values_list("person_id", "tag__name"):
        tags.setdefault(pid, []).append(name)
    return [
        giving.PersonFacts(
            id=pk,
            name=name,
            closeness=closeness,
            title=title,
            industry=industry,
            organisation=organisation or "",
            notes=notes,
            tags=tuple(tags.get(pk, [])),
        )
        for pk, name, closeness, title, industry, organisation, notes in rows
    ]


@dataclass(frozen=True, slots=True)
class Advice:
    """One suggestion, worded for the user, with the persons it is about."""

    text: str
    person: Person | None
    matches: list[Person]


def suggestions(workspace: Workspace, day: dt.date | None = None) -> list[Advice]:
    # Only the inner circle and those whose notes or tags may voice a need are read in
    # full; everyone else only when a need looks for who may fit it.
    found = giving.suggestions(
        _person_facts(workspace, Q(closeness=1) | _may_need(workspace)),
        _facts(workspace),
        day or timezone.localdate(),
        candidates=lambda: _person_facts(workspace),
    )
    ids = {s.person_id for s in found if s.person_id} | {m for s in found for m in s.matches}
    by_id = Person.objects.in_bulk(list(ids))
    return [_word(s, by_id) for s in found]


# Notes or tags that may say what someone looks for: a superset of what
# ``giving.needs_of`` finds (SQLite folds the case of ASCII letters only: hence "sØger").
_NEED_WORDS = ("looking for", "searching for", "need", "søger", "sØger", "leder efter", "mangler")


def _may_need(workspace: Workspace) -> Q:
    """Persons whose notes or tags may say what they look for. The tags are matched in
    the small tag table first: an OR across a join to every person's tags made the
    statement read the persons times their tags."""

    def containing(field: str) -> Q:
        return functools.reduce(
            operator.or_, [Q(**{f"{field}__icontains": w}) for w in _NEED_WORDS]
        )

    tags = Tag.objects.filter(containing("name"), workspace=workspace)
    tagged = Person.tags.through.objects.filter(workspace=workspace, tag__in=tags)
    return containing("notes") | Q(pk__in=tagged.values("person_id"))


def _word(s: giving.Suggestion, by_id: dict[int, Person]) -> Advice:
    person = by_id.get(s.person_id) if s.person_id else None
    matches = [by_id[m] for m in s.matches if m in by_id]
    name = person.display_name if person else ""
    if s.kind == "inner_circle_quarter":
        text = _("You have not given anything to your inner circle this quarter.")
    elif s.kind == "give_back":
        text = ngettext(
            "%(name)s has given you %(count)d more favour than you gave back.",
            "%(name)s has given you %(count)d more favours than you gave back.",
            s.count,
        ) % {"name": name, "count": s.count}
    else:
        text = ngettext(
            "%(name)s is looking for %(need)s — you know someone who may fit.",
            "%(name)s is looking for %(need)s — you know %(count)d who may fit.",
            s.count,
        ) % {"name": name, "need": s.need, "count": s.count}
    return Advice(text, person, matches)


@transaction.atomic
def introduce(workspace: Workspace, a: Person, b: Person, note: str = "") -> Interaction:
    """A double introduction you sent: one contact with both, a favour given to each."""
    if a.pk == b.pk:
        raise UserError(_("Choose two different persons to introduce."))
    if a.workspace_id != workspace.pk or b.workspace_id != workspace.pk:
        raise NotFound("no such person")
    interaction = Interaction.objects.create(
        workspace=workspace,
        occurred_at=moment_of(timezone.localdate(), timezone.localtime().time()),
        channel="email",
        direction="out",
        summary=note.strip()
        or _("Introduced %(a)s and %(b)s") % {"a": a.display_name, "b": b.display_name},
        source="user",
    )
    link_persons(workspace, interaction, [a, b])
    for person, other in ((a, b), (b, a)):
        log_favour(
            workspace,
            person,
            direction="given",
            kind="introduction",
            note=_("Introduced to %(name)s") % {"name": other.display_name},
        )
    return interaction
