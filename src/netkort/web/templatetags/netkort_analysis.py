"""The tie-strength estimate on a person's page, from the cached analysis."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import template

from netkort.services import analysis, explain
from netkort.store.models import Favour, Interaction, Person, Workspace

register = template.Library()


@register.inclusion_tag("netkort/analysis/_tie_strength.html")
def tie_strength(
    workspace: Workspace,
    person: Person,
    introduced: Sequence[Person] | None = None,
    favours: Sequence[Favour] | None = None,
    interactions: Sequence[Interaction] | None = None,
) -> dict[str, Any]:
    """``introduced``, ``favours`` and (when the page has read them all) ``interactions``:
    the person's, when the page has read them already (with the person's contexts), so
    the estimate does not read them again."""
    read = None
    if introduced is not None and favours is not None:
        read = analysis.PersonRead(person, len(introduced), favours, interactions)
    found = analysis.strength_of(workspace, person.pk, read)
    if found is None:
        return {"known": False}
    strength, ring, reasons = found
    return {
        "known": True,
        "strength": strength,
        "ring": ring,
        "reasons": explain.say_all(reasons),
        "workspace": workspace,
    }
