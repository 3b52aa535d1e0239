"""Filling a workspace with the demo network, so a newcomer has something to explore."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from netkort.domain import demo
from netkort.services.errors import UserError
from netkort.services.network import insert_network
from netkort.services.workspaces import clear_network
from netkort.store.models import Person, Workspace

DEMO_SEED = 1


@dataclass(frozen=True, slots=True)
class DemoResult:
    created: bool
    persons: int
    interactions: int


@transaction.atomic
def load_demo(workspace: Workspace, size: int = 400, reset: bool = False) -> DemoResult:
    """Put the demo network of ``size`` persons in the workspace; running it again is a no-op.

    A workspace holding the user's own persons is left alone unless ``reset`` is given.
    """
    if size < 1:
        raise UserError(_("The demo network needs at least one person; give --size 1 or more."))
    loaded = workspace.settings.get("demo")
    existing = Person.objects.filter(workspace=workspace).count()
    if not reset and loaded == {"size": size, "seed": DEMO_SEED} and existing:
        return DemoResult(False, existing, 0)
    if existing and not loaded and not reset:
        raise UserError(
            _(
                "This network already holds %(count)d persons of your own. The demo would "
                "mix with them; run with --reset to replace everything with the demo "
                "network, or use another database with --db."
            )
            % {"count": existing}
        )
    if existing:
        clear_network(workspace)
    counts = insert_network(workspace, demo.generate(size=size, seed=DEMO_SEED), source="demo")
    workspace.settings["demo"] = {"size": size, "seed": DEMO_SEED}
    workspace.save(update_fields=["settings"])
    return DemoResult(True, counts.persons, counts.interactions)
