"""The one path from a user to a workspace: every page and command goes through it."""

from __future__ import annotations

import uuid

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netkort.services.errors import NotFound, UserError
from netkort.store.labels import GRANT_LEVELS
from netkort.store.models import AccessLogEntry, Workspace, WorkspaceGrant

WRITE_LEVELS = {"edit"}
SUGGEST_LEVELS = {"comment", "edit"}


def open_workspace(
    user: User | AnonymousUser,
    uid: uuid.UUID | str,
    *,
    write: bool = False,
    suggest: bool = False,
    owner_only: bool = False,
) -> Workspace:
    """The workspace if ``user`` may see it, else NotFound.

    ``write`` needs the owner or an "edit" grant; ``suggest`` is enough with a "comment"
    (read and suggest) grant too; ``owner_only`` lets nobody but the owner in (sharing,
    the access log). The grant is read again on every call, so a revoked coach is out on
    the next request. A stranger and a missing workspace look the same, so ids cannot
    be probed. The role found stays with the returned object for ``role_in``.
    """
    if not user.is_authenticated:
        raise NotFound("not signed in")
    try:
        workspace = Workspace.objects.get(uid=uid)
    except (Workspace.DoesNotExist, ValueError) as exc:
        raise NotFound("no such workspace") from exc
    if workspace.owner_id == user.pk:
        return _with_role(workspace, user.pk, "owner")
    if owner_only or not user.is_active:
        raise NotFound("no access")
    grant = WorkspaceGrant.objects.filter(
        workspace=workspace, user_id=user.pk, revoked_at__isnull=True
    ).first()
    if grant is None:
        raise NotFound("no access")
    if write and grant.level not in WRITE_LEVELS:
        raise NotFound("no access")
    if suggest and grant.level not in SUGGEST_LEVELS:
        raise NotFound("no access")
    return _with_role(workspace, user.pk, grant.level)


_ROLE = "_netkort_role"  # (user id, role) on a workspace object open_workspace returned


def _with_role(workspace: Workspace, user_id: int, role: str) -> Workspace:
    # Lives as long as this object, which one request reads: the next request asks again.
    workspace.__dict__[_ROLE] = (user_id, role)
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


def role_in(user: User, workspace: Workspace) -> str:
    """ "owner", or the level of the user's live grant ("read", "comment", "edit"), or "".

    For a workspace object that ``open_workspace`` returned to this user, the role it
    found then (the same request), without asking the database again."""
    if workspace.owner_id == user.pk:
        return "owner"
    known = workspace.__dict__.get(_ROLE)
    if known is not None and known[0] == user.pk:
        return str(known[1])
    grant = WorkspaceGrant.objects.filter(
        workspace=workspace, user_id=user.pk, revoked_at__isnull=True
    ).first()
    return grant.level if grant else ""


def find_user(name_or_email: str) -> User:
    """An active user by user name or e-mail address (either in any case), else NotFound."""
    wanted = name_or_email.strip()
    if not wanted:
        raise NotFound(_("Give the user name or e-mail address of the person."))
    by_name = User.objects.filter(username__iexact=wanted, is_active=True)
    found = list(by_name[:2]) or list(User.objects.filter(email__iexact=wanted, is_active=True)[:2])
    if len(found) != 1:
        raise NotFound(
            _("Nobody on this server has the user name or e-mail address %(who)s.")
            % {"who": wanted}
        )
    return found[0]


@transaction.atomic
def grant_access(workspace: Workspace, name_or_email: str, level: str) -> WorkspaceGrant:
    """Let another user see the workspace at ``level``; a live grant changes its level."""
    if level not in GRANT_LEVELS:
        raise UserError(_("Choose what the person may do."))
    user = find_user(name_or_email)
    if user.pk == workspace.owner_id:
        raise UserError(_("This is your own network; you have every right to it already."))
    live = (
        WorkspaceGrant.objects.select_for_update()
        .filter(workspace=workspace, user=user, revoked_at__isnull=True)
        .first()
    )
    if live is not None:
        live.level = level
        live.save(update_fields=["level"])
        return live
    return WorkspaceGrant.objects.create(workspace=workspace, user=user, level=level)


def revoke_access(workspace: Workspace, grant_id: int) -> WorkspaceGrant:
    """End a grant now; the coach's next request already gets 404."""
    grant = WorkspaceGrant.objects.filter(
        workspace=workspace, pk=grant_id, revoked_at__isnull=True
    ).first()
    if grant is None:
        raise NotFound("no such grant")
    grant.revoked_at = timezone.now()
    grant.save(update_fields=["revoked_at"])
    return grant


def live_grants(workspace: Workspace) -> list[WorkspaceGrant]:
    """Who may see the workspace now, longest-standing first."""
    return list(
        WorkspaceGrant.objects.filter(workspace=workspace, revoked_at__isnull=True)
        .select_related("user")
        .order_by("granted_at", "id")
    )


def past_grants(workspace: Workspace, limit: int = 50) -> list[WorkspaceGrant]:
    return list(
        WorkspaceGrant.objects.filter(workspace=workspace, revoked_at__isnull=False)
        .select_related("user")
        .order_by("-revoked_at")[:limit]
    )


def access_log(workspace: Workspace, limit: int = 500) -> list[AccessLogEntry]:
    """The latest visits by others than the owner, newest first."""
    return list(
        AccessLogEntry.objects.filter(workspace=workspace)
        .select_related("user")
        .order_by("-at", "-id")[:limit]
    )
