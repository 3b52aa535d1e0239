"""Every workspace page goes through ``workspace_view``: it finds the workspace the
signed-in user may see, or answers 404 (a stranger cannot tell "yours" from "missing")."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from netkort.services.access import log_access, open_workspace
from netkort.services.errors import NotFound
from netkort.store.models import Workspace

View = Callable[..., HttpResponse]
AnyView = TypeVar("AnyView", bound=Callable[..., Any])


def user_of(request: HttpRequest) -> User:
    """The signed-in user (call only where sign-in was checked)."""
    assert isinstance(request.user, User)
    return request.user


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def workspace_view(
    *, write: bool = False, suggest: bool = False, owner_only: bool = False
) -> Callable[[View], View]:
    """Resolve ``ws`` from the URL and call ``view(request, workspace, ...)``.

    Any request that is not a GET/HEAD/OPTIONS needs the right to change the workspace
    (the owner or an "edit" grant), ``write`` or not: a coach who may only read cannot
    change anything through any page. With ``suggest``, a "read and suggest" grant may
    POST too (comments, suggestions). With ``owner_only``, only the owner gets in.

    A view may let a service's ``NotFound`` through: it means 404, as for the workspace.
    """

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, ws: Any, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return _to_sign_in(request)
            changes = request.method not in SAFE_METHODS
            try:
                workspace = open_workspace(
                    request.user,
                    ws,
                    write=changes and not suggest,
                    suggest=changes and suggest,
                    owner_only=owner_only,
                )
            except NotFound as exc:
                raise Http404 from exc
            log_access(workspace, user_of(request), request.method or "", request.path)
            try:
                return view(request, workspace, *args, **kwargs)
            except NotFound as exc:
                raise Http404 from exc

        return wrapper

    return decorate


def _to_sign_in(request: HttpRequest) -> HttpResponse:
    if settings.NETKORT_SERVER_MODE:
        return redirect_to_login(request.get_full_path(), "netkort:login")
    return redirect("netkort:signed-out")


def server_only(view: AnyView) -> AnyView:
    """A page of server mode (accounts, sharing, coaching): 404 in local mode."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not settings.NETKORT_SERVER_MODE:
            raise Http404("server mode only")
        return view(request, *args, **kwargs)

    return cast(AnyView, wrapper)


def signed_in(view: View) -> View:
    """A page for any signed-in user; the others go to the sign-in page."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return _to_sign_in(request)
        return view(request, *args, **kwargs)

    return wrapper


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
