"""``{% network_charts workspace %}``: the overview's charts, each with its table."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from netkort.services.charts import charts_of
from netkort.store.models import Workspace
from netkort.web import svg

register = template.Library()

PERSONS = svg.Series("", "s1")


@register.inclusion_tag("netkort/charts/_charts.html")
def network_charts(workspace: Workspace) -> dict[str, Any]:
    charts = charts_of(workspace)
    pictures = {
        "by_context": _single(charts.by_context),
        "by_ring": _single(charts.by_ring),
        "organisations": _single(charts.top_organisations),
        "industries": _single(charts.top_industries),
        "pipeline": _single(charts.pipeline),
        "growth": svg.columns(
            [str(g.year) for g in charts.growth], [g.added for g in charts.growth], PERSONS
        ),
        "favours": svg.bars(
            [kind for kind, _g, _r in charts.favours],
            [[given, received] for _k, given, received in charts.favours],
            [svg.Series(_("Given"), "s1"), svg.Series(_("Received"), "s2")],
        ),
    }
    return {"charts": charts, "svg": pictures, "workspace": workspace}


def _single(rows: list[tuple[str, int]]) -> str:
    return svg.bars([label for label, _n in rows], [[n] for _l, n in rows], [PERSONS])
