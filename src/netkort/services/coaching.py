"""A coach's view of their clients: whose networks they may see, and how each is going."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.models import User
from django.db.models import Count, Max, Q

from netkort.services.accounts import COACHES
from netkort.store.labels import GRANT_LEVELS, OUTREACH_STATUSES
from netkort.store.models import (
    Assessment,
    Goal,
    Interaction,
    Person,
    StatusChange,
    Workspace,
    WorkspaceGrant,
)


@dataclass
class ClientProgress:
    workspace: Workspace
    client: User
    level: str
    network_size: int
    goal: Goal | None
    judged: int
    # (status, label, count) in pipeline order, only statuses with someone in them.
    pipeline: list[tuple[str, str, int]] = field(default_factory=list)
    last_activity: datetime | None = None

    @property
    def level_label(self) -> str:
        return str(GRANT_LEVELS.get(self.level, self.level))


def has_clients(coach: User) -> bool:
    return WorkspaceGrant.objects.filter(user=coach, revoked_at__isnull=True).exists()


def coaches(user: User) -> bool:
    """Whether the user is a coach or holds a live grant: one query, for the menu."""
    return (
        User.objects.filter(pk=user.pk)
        .filter(Q(groups__name=COACHES) | Q(grants__revoked_at__isnull=True, grants__isnull=False))
        .exists()
    )


def clients_of(coach: User) -> list[ClientProgress]:
    """Every workspace the coach holds a live grant to, with the client's progress."""
    grants = (
        WorkspaceGrant.objects.filter(user=coach, revoked_at__isnull=True)
        .exclude(workspace__owner=coach)
        .select_related("workspace", "workspace__owner")
        .order_by("workspace__owner__username", "workspace__id")
    )
    return [_progress(g.workspace, g.level) for g in grants]


def _progress(workspace: Workspace, level: str) -> ClientProgress:
    goal = Goal.objects.filter(workspace=workspace, is_active=True).first()
    judged = 0
    pipeline: list[tuple[str, str, int]] = []
    if goal is not None:
        assessments = Assessment.objects.filter(workspace=workspace, goal=goal)
        judged = assessments.filter(judged_at__isnull=False).count()
        counts = dict(
            assessments.values_list("status").annotate(n=Count("id")).values_list("status", "n")
        )
        pipeline = [
            (status, str(label), counts[status])
            for status, label in OUTREACH_STATUSES.items()
            if counts.get(status)
        ]
    return ClientProgress(
        workspace=workspace,
        client=workspace.owner,
        level=level,
        network_size=Person.objects.filter(workspace=workspace).count(),
        goal=goal,
        judged=judged,
        pipeline=pipeline,
        last_activity=_last_activity(workspace),
    )


def _last_activity(workspace: Workspace) -> datetime | None:
    """When the client last changed a person, logged an interaction or moved someone on."""
    moments = [
        Person.objects.filter(workspace=workspace).aggregate(at=Max("updated_at"))["at"],
        Interaction.objects.filter(workspace=workspace).aggregate(at=Max("created_at"))["at"],
        StatusChange.objects.filter(workspace=workspace).aggregate(at=Max("at"))["at"],
    ]
    known = [m for m in moments if m is not None]
    return max(known) if known else None
