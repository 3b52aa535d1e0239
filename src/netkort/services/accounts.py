"""Accounts in server mode: invitations, sign-up, and the users an administrator keeps.

An invitation is a one-time token like a login link and lives in the same table, but its
stored hash carries the prefix ``invite:``: the two kinds can never be redeemed for each
other, and an inviter's open invitations can be listed. Only hashes are stored.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import Group, User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netkort.services.errors import NotFound, UserError
from netkort.services.workspaces import create_workspace
from netkort.store.models import LoginToken, WorkspaceGrant

INVITE_PREFIX = "invite:"
INVITE_LIFETIME = timedelta(days=14)
COACHES = "coaches"


@dataclass(frozen=True)
class Invitation:
    """A new invitation: the row, and the token that goes into the link (shown once)."""

    row: LoginToken
    token: str


def _invite_hash(token: str) -> str:
    # The prefix plus 57 hex digits (228 bits) fits the 64 characters of token_hash.
    return INVITE_PREFIX + hashlib.sha256(token.encode()).hexdigest()[:57]


def is_coach(user: User) -> bool:
    return user.groups.filter(name=COACHES).exists()


def can_invite(user: User) -> bool:
    """Administrators and coaches invite new users."""
    return bool(user.is_active and (user.is_staff or is_coach(user)))


def invite(inviter: User) -> Invitation:
    """A new single-use invitation link's token, valid for two weeks."""
    if not can_invite(inviter):
        raise NotFound("not allowed to invite")
    token = secrets.token_urlsafe(32)
    row = LoginToken.objects.create(
        user=inviter,
        token_hash=_invite_hash(token),
        expires_at=timezone.now() + INVITE_LIFETIME,
    )
    return Invitation(row, token)


def open_invitations(inviter: User) -> list[LoginToken]:
    """The inviter's invitations that can still be used, newest first."""
    return list(
        LoginToken.objects.filter(
            user=inviter,
            token_hash__startswith=INVITE_PREFIX,
            used_at__isnull=True,
            expires_at__gt=timezone.now(),
        ).order_by("-created_at", "-id")
    )


def withdraw(inviter: User, invitation_id: int) -> None:
    """Make an open invitation unusable at once."""
    updated = LoginToken.objects.filter(
        user=inviter, pk=invitation_id, token_hash__startswith=INVITE_PREFIX, used_at__isnull=True
    ).update(expires_at=timezone.now())
    if not updated:
        raise NotFound("no such invitation")


@transaction.atomic
def renew(inviter: User, invitation_id: int) -> Invitation:
    """Replace an invitation by a new link: the old one stops working."""
    withdraw(inviter, invitation_id)
    return invite(inviter)


def invitation_for(token: str) -> LoginToken | None:
    """The open invitation behind a token, if its inviter may still invite."""
    row = (
        LoginToken.objects.select_related("user")
        .filter(token_hash=_invite_hash(token), used_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if row is None or not can_invite(row.user):
        return None
    return row


@dataclass
class SignUp:
    username: str
    email: str
    password: str
    share_with_inviter: bool = False


@transaction.atomic
def sign_up(token: str, data: SignUp) -> User:
    """Create the invited user and their workspace; the invitation is used up.

    With ``share_with_inviter`` and a coach as inviter, the new user lets the coach read
    their network (they can revoke it on the sharing page).
    """
    row = (
        LoginToken.objects.select_for_update()
        .select_related("user")
        .filter(token_hash=_invite_hash(token), used_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if row is None or not can_invite(row.user):
        raise UserError(_("This invitation has been used or has expired; ask for a new one."))
    user = create_user(data.username, data.email, password=data.password)
    row.used_at = timezone.now()
    row.save(update_fields=["used_at"])
    if data.share_with_inviter and is_coach(row.user):
        workspace = user.workspaces.get()
        WorkspaceGrant.objects.create(workspace=workspace, user=row.user, level="read")
    return user


@transaction.atomic
def create_user(
    username: str,
    email: str,
    *,
    password: str | None = None,
    admin: bool = False,
    coach: bool = False,
) -> User:
    """A user with a workspace of their own; without a password they set one by e-mail."""
    username = username.strip()
    email = email.strip()
    if not username:
        raise UserError(_("Give a user name."))
    if User.objects.filter(username__iexact=username).exists():
        raise UserError(_("The user name %(name)s is taken.") % {"name": username})
    if email and User.objects.filter(email__iexact=email).exists():
        raise UserError(
            _("There is already a user with the e-mail address %(email)s.") % {"email": email}
        )
    user = User.objects.create_user(username, email, password, is_staff=admin)
    if coach:
        user.groups.add(Group.objects.get_or_create(name=COACHES)[0])
    create_workspace(user, name=username)
    return user


def list_users() -> list[User]:
    return list(User.objects.prefetch_related("groups").order_by("username"))


def disable_user(username: str) -> User:
    """Stop a user from signing in; their sessions end on their next request."""
    user = User.objects.filter(username__iexact=username.strip()).first()
    if user is None:
        raise UserError(_("There is no user %(name)s.") % {"name": username})
    user.is_active = False
    user.save(update_fields=["is_active"])
    return user
