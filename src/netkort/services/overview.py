"""What the home page shows: the size of the network and what to do next."""

from __future__ import annotations

from dataclasses import dataclass

from netkort.store.models import Goal, Interaction, Person, Profile, Workspace


@dataclass(frozen=True, slots=True)
class Overview:
    persons: int
    guess: int | None
    without_context: int
    without_closeness: int
    never_contacted: int
    active_goal: Goal | None
    recent: list[Interaction]


def overview_of(workspace: Workspace) -> Overview:
    persons = Person.objects.filter(workspace=workspace)
    profile = Profile.objects.filter(workspace=workspace).first()
    recent = (
        Interaction.objects.filter(workspace=workspace, is_planned=False)
        .prefetch_related("persons")
        .order_by("-occurred_at")[:8]
    )
    return Overview(
        persons=persons.count(),
        guess=profile.network_size_guess if profile else None,
        without_context=persons.filter(personcontext__isnull=True).count(),
        without_closeness=persons.filter(closeness__isnull=True).count(),
        never_contacted=persons.filter(interaction_count=0).count(),
        active_goal=Goal.objects.filter(workspace=workspace, is_active=True).first(),
        recent=list(recent),
    )
