"""The compact "log a contact" form as a template tag (see ``netkort.web.quick_log``)."""

from __future__ import annotations

from django import template
from django.http import HttpRequest
from django.urls import reverse
from django.utils.safestring import SafeString

from netkort.store.models import Workspace
from netkort.web.quick_log import quick_log_form
from netkort.web.views.outreach import can_write

register = template.Library()


def _may_write(request: HttpRequest, workspace: Workspace) -> bool:
    # Asked once per page, not once per row of the plan.
    cache: dict[str, bool] = request.__dict__.setdefault("_netkort_may_write", {})
    key = str(workspace.uid)
    if key not in cache:
        cache[key] = can_write(request, workspace)
    return cache[key]


@register.simple_tag(takes_context=True)
def quick_log(
    context: template.Context, person_id: int, name: str, back: str = ""
) -> SafeString | str:
    """``back`` names the page to return to without JavaScript (default: this page).

    ``back="map"`` also marks the form as the map panel's, whose "last contact" the
    confirmation updates. Nothing for someone who may not change the workspace."""
    request, workspace = context["request"], context["workspace"]
    if not _may_write(request, workspace):
        return ""
    next_url = (
        reverse(f"netkort:{back}", kwargs={"ws": workspace.uid})
        if back
        else request.get_full_path()
    )
    return quick_log_form(
        workspace,
        person_id,
        name,
        csrf_token=str(context.get("csrf_token") or ""),
        next_url=next_url,
        panel=back == "map",
    )
