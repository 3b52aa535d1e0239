"""Template variables every page needs."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest


def mode(request: HttpRequest) -> dict[str, Any]:
    """``server_mode``: whether the pages show accounts, sharing and coaching;
    ``coaches``: whether the user coaches anyone (asked only where a page shows it)."""
    return {"server_mode": settings.NETKORT_SERVER_MODE, "coaches": lambda: _coaches(request)}


def _coaches(request: HttpRequest) -> bool:
    user = request.user
    if not user.is_authenticated:
        return False
    from netkort.services.coaching import coaches

    assert isinstance(user, User)
    return coaches(user)
