from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from netkort.services.access import workspaces_for
from netkort.services.overview import overview_of
from netkort.store.models import Workspace
from netkort.web.views.decorators import render_page, user_of, workspace_view


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """The signed-in user's first workspace, or a page that says there is none."""
    found = workspaces_for(user_of(request))
    if not found:
        return render(request, "netkort/no_workspace.html")
    return redirect("netkort:home", ws=found[0].uid)


@workspace_view()
def overview(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    return render_page(
        request, workspace, "netkort/home.html", {"overview": overview_of(workspace)}, nav="home"
    )
