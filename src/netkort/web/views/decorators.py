"""Every workspace page goes through ``workspace_view``: it finds the workspace the
signed-in user may see, or answers 404 (a stranger cannot tell "yours" from "missing")."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from netkort.services.access import log_access, open_workspace
from netkort.services.errors import NotFound
from netkort.store.models import Workspace

View = Callable[..., HttpResponse]


def user_of(request: HttpRequest) -> User:
    """The signed-in user (call only where sign-in was checked)."""
    assert isinstance(request.user, User)
    return request.user


def workspace_view(*, write: bool = False) -> Callable[[View], View]:
    """Resolve ``ws`` from the URL and call ``view(request, workspace, ...)``.

    With ``write``, a POST needs the right to change the workspace.
    """

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, ws: Any, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect("netkort:signed-out")
            needs_write = write and request.method == "POST"
            try:
                workspace = open_workspace(request.user, ws, write=needs_write)
            except NotFound as exc:
                raise Http404 from exc
            log_access(workspace, user_of(request), request.method or "", request.path)
            return view(request, workspace, *args, **kwargs)

        return wrapper

    return decorate


def render_page(
    request: HttpRequest,
    workspace: Workspace,
    template: str,
    context: dict[str, Any],
    *,
    nav: str = "",
    status: int = 200,
) -> HttpResponse:
    """Render a workspace page: the layout needs the workspace and the current menu item."""
    return render(request, template, {**context, "workspace": workspace, "nav": nav}, status=status)
