"""The owner's pages about who may see their network: sharing and the access log."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netkort.services import access
from netkort.services.errors import UserError
from netkort.store.labels import GRANT_LEVELS
from netkort.store.models import Workspace
from netkort.web.account_forms import GrantForm
from netkort.web.views.decorators import render_page, server_only, workspace_view


@server_only
@workspace_view(owner_only=True)
def sharing(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    form = GrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            grant = access.grant_access(
                workspace, form.cleaned_data["who"], form.cleaned_data["level"]
            )
        except UserError as exc:
            form.add_error("who", str(exc))
        else:
            messages.success(
                request,
                _("%(user)s may now: %(level)s.")
                % {"user": grant.user.username, "level": GRANT_LEVELS[grant.level]},
            )
            return redirect("netkort:sharing", ws=workspace.uid)
    context = {
        "form": form,
        "grants": access.live_grants(workspace),
        "past": access.past_grants(workspace),
    }
    return render_page(request, workspace, "netkort/sharing/sharing.html", context, nav="sharing")


@server_only
@workspace_view(owner_only=True)
@require_POST
def revoke(request: HttpRequest, workspace: Workspace, grant: int) -> HttpResponse:
    ended = access.revoke_access(workspace, grant)
    messages.success(
        request, _("%(user)s no longer sees your network.") % {"user": ended.user.username}
    )
    return redirect("netkort:sharing", ws=workspace.uid)


@server_only
@workspace_view(owner_only=True)
def access_log(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    context = {"entries": access.access_log(workspace)}
    return render_page(
        request, workspace, "netkort/sharing/access_log.html", context, nav="sharing"
    )
