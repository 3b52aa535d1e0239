"""One-time login links for local mode, like a notebook server's token."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from netkort.store.models import LoginToken

LIFETIME = timedelta(hours=12)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def mint(user: User) -> str:
    """A new token for ``user``; only its hash is stored."""
    token = secrets.token_urlsafe(32)
    LoginToken.objects.create(
        user=user, token_hash=_hash(token), expires_at=timezone.now() + LIFETIME
    )
    return token


@transaction.atomic
def redeem(token: str) -> User | None:
    """The token's user if it is valid and unused; it cannot be used again."""
    now = timezone.now()
    found = (
        LoginToken.objects.select_for_update()
        .select_related("user")
        .filter(token_hash=_hash(token), used_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if found is None or not found.user.is_active:
        return None
    found.used_at = now
    found.save(update_fields=["used_at"])
    return found.user
