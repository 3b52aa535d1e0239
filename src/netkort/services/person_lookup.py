"""Finding the one person a user means by an id or a name ("netkort assess Anna")."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from netkort.domain.names import fold
from netkort.services import search
from netkort.services.errors import UserError
from netkort.store.models import Person, Workspace

_ID = re.compile(r"^#?(\d+)$|\(#(\d+)\)\s*$")
MAX_LISTED = 10


def find_one(workspace: Workspace, text: str) -> Person:
    """The person with this id (``42``, ``#42``, ``Anna Berg (#42)``) or this name.

    A name must fit exactly one person: an exact (folded) name first, else every word
    found in the name, organisation or e-mail. Otherwise a UserError lists the candidates.
    """
    text = text.strip()
    by_id = _ID.search(text)
    if by_id:
        pk = int(by_id.group(1) or by_id.group(2))
        person = Person.objects.filter(workspace=workspace, pk=pk).first()
        if person is None:
            raise UserError(_("There is no person %(id)s.") % {"id": pk})
        return person
    terms = fold(text).split()
    if not terms:
        raise UserError(_("Name a person: their id or their name."))
    qs = Person.objects.filter(workspace=workspace).select_related("organisation")
    for term in terms:
        qs = qs.filter(search.contains(term))
    found = list(qs.order_by("sort_key_da", "id")[:200])
    exact = [p for p in found if fold(p.display_name) == " ".join(terms)]
    found = exact or found
    if len(found) == 1:
        return found[0]
    if not found:
        raise UserError(_("Nobody in your network matches “%(text)s”.") % {"text": text})
    listed = "; ".join(_describe(p) for p in found[:MAX_LISTED])
    raise UserError(
        _("“%(text)s” fits %(count)d persons; give the id of one: %(candidates)s")
        % {"text": text, "count": len(found), "candidates": listed}
    )


def _describe(person: Person) -> str:
    org = f", {person.organisation.name}" if person.organisation else ""
    return f"{person.display_name}{org} (#{person.pk})"
