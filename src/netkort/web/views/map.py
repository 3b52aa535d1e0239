"""The network map: the page, its data, a person's side panel and the SVG download.

All of them only read; they are declared ``write=True`` so that a POST from someone who
may merely read the workspace is refused like any other change (404), while the owner's
stray POST gets 405.
"""

from __future__ import annotations

import gzip
import re
from typing import Any

import orjson
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from netkort.services import map as network_map
from netkort.store.models import Workspace
from netkort.web.map_svg import draw as draw_map_svg
from netkort.web.views.decorators import render_page, workspace_view

ACCEPTS_GZIP = re.compile(r"\bgzip\b")


@workspace_view(write=True)
@require_GET
def map_page(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    sizes = [(k, m.label, "") for k, m in network_map.SIZE_MODES.items()]
    sizes += [
        (m.key, m.label, reverse("netkort:map-sizes", kwargs={"ws": workspace.uid, "key": m.key}))
        for m in network_map.goal_size_modes(workspace)
    ]
    context = {
        "colours": [(k, m.label) for k, m in network_map.COLOUR_MODES.items()],
        "sizes": sizes,
        "strings": _strings(),
        "filename": slugify(workspace.name) or "netkort",
    }
    return render_page(request, workspace, "netkort/map/page.html", context, nav="map")


def _strings() -> dict[str, str]:
    """What the map's script says, in the page's language (placeholders filled there)."""
    return {
        "all": _("All"),
        "all_shown": _("%(count)s persons on the map."),
        "some_shown": _("%(shown)s of %(count)s persons shown."),
        "found": _("%(count)s found."),
        "none_found": _("Nobody by that name."),
        "failed": _("The map could not be loaded. Reload the page to try again."),
        "panel_failed": _("This person could not be loaded."),
        "sizes_failed": _("These sizes could not be loaded. Reload the page to try again."),
    }


@workspace_view(write=True)
@require_GET
def map_data(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    return _json(request, network_map.payload(network_map.snapshot(workspace)))


@workspace_view(write=True)
@require_GET
def map_sizes(request: HttpRequest, workspace: Workspace, key: str) -> HttpResponse:
    """A goal size mode's node sizes, fetched when the user picks it on the map."""
    return _json(request, network_map.goal_sizes(workspace, key))


def _json(request: HttpRequest, data: dict[str, Any]) -> HttpResponse:
    # orjson: compact UTF-8 like json.dumps(ensure_ascii=False), ten times faster on the
    # map of a network of thousands.
    body = orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)
    response = HttpResponse(content_type="application/json")
    response["Cache-Control"] = "private, no-store"
    patch_vary_headers(response, ["Accept-Encoding"])
    if ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
        # The fastest level: numbers compress well anyway, and level 6 costs ten times
        # the time on this payload for a few per cent less.
        body = gzip.compress(body, compresslevel=1, mtime=0)
        response["Content-Encoding"] = "gzip"
    response.content = body
    return response


@workspace_view(write=True)
@require_GET
def map_person(request: HttpRequest, workspace: Workspace, pk: int) -> HttpResponse:
    facts = network_map.panel_facts(workspace, pk)
    return render_page(request, workspace, "netkort/map/_panel.html", {"facts": facts})


@workspace_view(write=True)
@require_GET
def map_svg_download(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    colour = request.GET.get("colour", "context")
    if colour not in network_map.COLOUR_MODES:
        colour = "context"
    view = "mind" if request.GET.get("view") == "mind" else "rings"
    labels = request.GET.get("labels") == "1"
    svg = draw_map_svg(network_map.snapshot(workspace), colour=colour, view=view, labels=labels)
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    name = slugify(workspace.name) or "netkort"
    response["Content-Disposition"] = f'attachment; filename="{name}-{view}.svg"'
    return response
