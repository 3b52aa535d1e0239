"""The one path from a user to a workspace: every page and command goes through it."""

from __future__ import annotations

import uuid

from django.contrib.auth.models import AnonymousUser, User

from netkort.services.errors import NotFound
from netkort.store.models import AccessLogEntry, Workspace, WorkspaceGrant

WRITE_LEVELS = {"edit"}


def open_workspace(
    user: User | AnonymousUser, uid: uuid.UUID | str, *, write: bool = False
) -> Workspace:
    """The workspace if ``user`` may see it (and change it, with ``write``), else NotFound.

    A stranger and a missing workspace look the same, so ids cannot be probed.
    """
    if not user.is_authenticated:
        raise NotFound("not signed in")
    try:
        workspace = Workspace.objects.get(uid=uid)
    except (Workspace.DoesNotExist, ValueError) as exc:
        raise NotFound("no such workspace") from exc
    if workspace.owner_id == user.pk:
        return workspace
    grant = WorkspaceGrant.objects.filter(
        workspace=workspace, user_id=user.pk, revoked_at__isnull=True
    ).first()
    if grant is None or (write and grant.level not in WRITE_LEVELS):
        raise NotFound("no access")
    return workspace


def log_access(workspace: Workspace, user: User, method: str, path: str) -> None:
    """Record a visit by anyone but the owner, for the owner to read."""
    if workspace.owner_id != user.pk:
        AccessLogEntry.objects.create(
            workspace=workspace, user=user, method=method, path=path[:500]
        )


def workspaces_for(user: User) -> list[Workspace]:
    owned = list(Workspace.objects.filter(owner=user).order_by("id"))
    granted = Workspace.objects.filter(grants__user=user, grants__revoked_at__isnull=True).order_by(
        "id"
    )
    return owned + [w for w in granted if w not in owned]
