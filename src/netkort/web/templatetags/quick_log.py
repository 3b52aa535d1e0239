"""The compact "log a contact" form for lists and panels (the plan, the map's side panel)."""

from __future__ import annotations

from typing import Any

from django import template
from django.forms import BoundField
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

from netkort.store.models import Workspace
from netkort.web.views.outreach import can_write, quick_form

register = template.Library()


def _may_write(request: HttpRequest, workspace: Workspace) -> bool:
    # Asked once per page, not once per row of the plan.
    cache: dict[str, bool] = request.__dict__.setdefault("_netkort_may_write", {})
    key = str(workspace.uid)
    if key not in cache:
        cache[key] = can_write(request, workspace)
    return cache[key]


@register.inclusion_tag("netkort/outreach/_quick_log.html", takes_context=True)
def quick_log(
    context: template.Context, person_id: int, name: str, back: str = ""
) -> dict[str, Any]:
    """``back`` names the page to return to without JavaScript (default: this page).

    ``back="map"`` also marks the form as the map panel's, whose "last contact" the
    confirmation updates."""
    request, workspace = context["request"], context["workspace"]
    next_url = (
        reverse(f"netkort:{back}", kwargs={"ws": workspace.uid})
        if back
        else request.get_full_path()
    )
    return {
        "workspace": workspace,
        "person_id": person_id,
        "name": name,
        "can_write": _may_write(request, workspace),
        "form": quick_form(person_id),
        "next": next_url,
        "panel": back == "map",
        "csrf_token": context.get("csrf_token"),
    }


_SELECTED = mark_safe(" selected")  # a constant attribute, no user data


@register.filter
def options(field: BoundField) -> SafeString:
    """The ``<option>`` elements of a choice field, its value selected: a list of compact
    forms renders them far faster than Django's widget templates would."""
    chosen = str(field.value())
    choices: list[tuple[object, object]] = list(field.field.choices)  # type: ignore[attr-defined]
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, _SELECTED if str(value) == chosen else "", label) for value, label in choices),
    )
