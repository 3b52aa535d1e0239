"""The tie-strength estimate on a person's page, from the cached analysis."""

from __future__ import annotations

from typing import Any

from django import template

from netkort.services import analysis, explain
from netkort.store.models import Person, Workspace

register = template.Library()


@register.inclusion_tag("netkort/analysis/_tie_strength.html")
def tie_strength(workspace: Workspace, person: Person) -> dict[str, Any]:
    found = analysis.strength_of(workspace, person.pk)
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
