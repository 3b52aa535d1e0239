"""The map as an SVG drawing, from the same positions and colours the page shows.

A file to download (a report, a coaching session), not part of a page: it carries its
own colours as attributes and a <title> per person, so a viewer shows names on hover.
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape

import numpy as np
from django.utils.translation import gettext as _

from netkort.services import map as network_map
from netkort.web.svg import tag, text

MARGIN = 140.0
#: the drawing's size on screen in pixels; it scales without loss
SHOWN_WIDTH = 1200
#: with more persons than this, names are left to the <title> tooltips
LABELS_UP_TO = 600


def draw(snap: network_map.Snapshot, *, colour: str, view: str, labels: bool) -> str:
    """The whole drawing: guides, ties (for small maps), persons, me, legend."""
    layout = network_map.layouts(snap)[view]
    mode = network_map.COLOUR_MODES[colour]
    cats = mode.categories(snap)
    sizes = network_map.node_sizes(network_map.SIZE_MODES["ties"].weights(snap))
    # SVG's y axis points down; the layout's points up.
    xs, ys = layout.x, -layout.y
    extent = network_map.SCALE * 1.05 + MARGIN
    width = 2 * extent
    legend_h = 24 * (len(cats.labels) + 1) + 20
    parts = [
        tag(
            "rect",
            {
                "x": -extent,
                "y": -extent,
                "width": width,
                "height": width + legend_h,
                "fill": "#ffffff",
            },
        ),
        _guides(snap, view, layout),
    ]
    if len(snap.ids) <= network_map.EDGES_OFF_ABOVE and len(snap.ties):
        parts.append(_ties(snap, xs, ys))
    parts.append(_persons(snap, cats, xs, ys, sizes, labels and len(snap.ids) <= LABELS_UP_TO))
    parts.append(
        tag(
            "circle",
            {"cx": 0, "cy": 0, "r": 12, "fill": "#111111"},
            f"<title>{escape(snap.me)}</title>",
        )
    )
    parts.append(
        text(snap.me, x=0, y=-18, fill="#111111", **{"text-anchor": "middle", "font-size": 16})
    )
    parts.append(_legend(str(mode.label), cats, -extent + 20, extent + 10))
    attrs = {
        "xmlns": "http://www.w3.org/2000/svg",
        "viewBox": f"{-extent:.0f} {-extent:.0f} {width:.0f} {width + legend_h:.0f}",
        "width": f"{SHOWN_WIDTH}",
        "height": f"{SHOWN_WIDTH * (width + legend_h) / width:.0f}",
        "font-family": "sans-serif",
    }
    title = tag("title", {}, escape(_("Network map of %(name)s") % {"name": snap.me}))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + tag("svg", attrs, title + "".join(parts))


def _guides(snap: network_map.Snapshot, view: str, layout: object) -> str:
    parts: list[str] = []
    sectors = layout.sectors  # type: ignore[attr-defined]
    if view == "rings":
        for inner, outer in network_map.RING_BANDS:
            r = (inner + outer) / 2 * network_map.SCALE
            parts.append(
                tag(
                    "circle",
                    {
                        "cx": 0,
                        "cy": 0,
                        "r": f"{r:.0f}",
                        "fill": "none",
                        "stroke": "#d4d4d4",
                        "stroke-dasharray": "3 6",
                    },
                )
            )
        near = network_map.RING_BANDS[0][0] * network_map.SCALE
        far = network_map.RING_BANDS[-1][1] * network_map.SCALE
        for s in sectors:
            c, d = math.cos(s.start), -math.sin(s.start)
            parts.append(
                tag(
                    "line",
                    {
                        "x1": f"{near * c:.0f}",
                        "y1": f"{near * d:.0f}",
                        "x2": f"{far * c:.0f}",
                        "y2": f"{far * d:.0f}",
                        "stroke": "#d4d4d4",
                    },
                )
            )
        label_r = far * 1.06
        places = [(label_r * math.cos(s.middle), -label_r * math.sin(s.middle)) for s in sectors]
    else:
        places = [(x, -y) for x, y in layout.hubs]  # type: ignore[attr-defined]
        for x, y in places:
            parts.append(
                tag(
                    "line",
                    {
                        "x1": 0,
                        "y1": 0,
                        "x2": f"{x:.0f}",
                        "y2": f"{y:.0f}",
                        "stroke": "#8a8a8a",
                        "stroke-width": 3,
                    },
                )
            )
            parts.append(
                tag("circle", {"cx": f"{x:.0f}", "cy": f"{y:.0f}", "r": 9, "fill": "#666666"})
            )
    for s, (x, y) in zip(sectors, places, strict=True):
        anchor = "middle" if abs(x) < 80 else ("start" if x > 0 else "end")
        label = f"{network_map.sector_label(snap, s.key)} ({s.persons})"
        parts.append(
            text(
                label,
                x=f"{x:.0f}",
                y=f"{y:.0f}",
                fill="#404040",
                **{"text-anchor": anchor, "font-size": 22},
            )
        )
    return tag("g", {"class": "guides"}, "".join(parts))


def _ties(snap: network_map.Snapshot, xs: np.ndarray, ys: np.ndarray) -> str:
    lines = [
        f'<line x1="{xs[a]:.0f}" y1="{ys[a]:.0f}" x2="{xs[b]:.0f}" y2="{ys[b]:.0f}"/>'
        for a, b in snap.ties.tolist()
    ]
    return tag(
        "g",
        {"class": "ties", "stroke": "#5a5a5a", "stroke-opacity": "0.25", "stroke-width": 1},
        "".join(lines),
    )


def _persons(
    snap: network_map.Snapshot,
    cats: network_map.Categories,
    xs: np.ndarray,
    ys: np.ndarray,
    sizes: np.ndarray,
    labels: bool,
) -> str:
    """One group per colour, so each circle needs only its place and size."""
    groups: list[str] = []
    of = cats.of.tolist()
    by_category: dict[int, list[int]] = {}
    for i, c in enumerate(of):
        by_category.setdefault(c, []).append(i)
    for c, members in sorted(by_category.items()):
        circles = "".join(
            f'<circle cx="{xs[i]:.0f}" cy="{ys[i]:.0f}" r="{sizes[i]:.1f}">'
            f"<title>{escape(snap.names[i])}</title></circle>"
            for i in members
        )
        groups.append(tag("g", {"fill": cats.colours[c], "class": "persons"}, circles))
    if labels:
        names = "".join(
            f'<text x="{xs[i] + sizes[i] + 2:.0f}" y="{ys[i] + 4:.0f}">'
            f"{escape(snap.names[i])}</text>"
            for i in range(len(snap.ids))
        )
        groups.append(tag("g", {"font-size": 11, "fill": "#262626", "class": "names"}, names))
    return "".join(groups)


def _legend(title: str, cats: network_map.Categories, x: float, y: float) -> str:
    counts = (
        np.bincount(cats.of, minlength=len(cats.labels))
        if len(cats.of)
        else np.zeros(len(cats.labels), dtype=np.int64)
    )
    parts = [
        text(
            title,
            x=f"{x:.0f}",
            y=f"{y + 14:.0f}",
            fill="#111111",
            **{"font-size": 18, "font-weight": "bold"},
        )
    ]
    row = 1
    for label, colour, count in zip(cats.labels, cats.colours, counts.tolist(), strict=True):
        if not count:
            continue
        cy = y + 14 + row * 24
        parts.append(
            tag("circle", {"cx": f"{x + 8:.0f}", "cy": f"{cy - 5:.0f}", "r": 7, "fill": colour})
        )
        parts.append(
            text(
                f"{label} ({count})",
                x=f"{x + 22:.0f}",
                y=f"{cy:.0f}",
                fill="#262626",
                **{"font-size": 16},
            )
        )
        row += 1
    return tag("g", {"class": "legend"}, "".join(parts))
