"""A coach's view of their clients: whose networks they may see, and how each is going."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.models import Group, User
from django.db import connection
from django.db.models import Count, Max

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
    """Whether the user is a coach or holds a live grant: one small statement, for the
    menu of every page (through the ORM it cost more than the query itself)."""
    with connection.cursor() as cursor:
        cursor.execute(_coaches_sql(), [user.pk, COACHES, user.pk])
        row = cursor.fetchone()
    return bool(row and row[0])


@functools.cache
def _coaches_sql() -> str:
    quote = connection.ops.quote_name
    member = quote(User.groups.through._meta.db_table)
    group = quote(Group._meta.db_table)
    grant = quote(WorkspaceGrant._meta.db_table)
    return (
        f"SELECT CASE WHEN EXISTS (SELECT 1 FROM {member} JOIN {group} "
        f"ON {group}.{quote('id')} = {member}.{quote('group_id')} "
        f"WHERE {member}.{quote('user_id')} = %s AND {group}.{quote('name')} = %s) "
        f"OR EXISTS (SELECT 1 FROM {grant} WHERE {quote('user_id')} = %s "
        f"AND {quote('revoked_at')} IS NULL) THEN 1 ELSE 0 END"
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
