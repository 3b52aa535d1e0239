"""Small SVG writers for the overview's charts.

The pictures carry classes, never inline styles (the CSP forbids them): colours and
fonts come from charts.css. Every chart is drawn for the eye only (``aria-hidden``); the
template puts a table with the same numbers next to it for screen readers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
ROW = 24
LABEL_WIDTH = 200
VALUE_ROOM = 56
COLUMN_HEIGHT = 180


def tag(name: str, attrs: Mapping[str, object], body: str = "") -> str:
    """One element; attribute values and text are escaped here, ``body`` is markup."""
    rendered = "".join(
        f" {k.rstrip('_').replace('_', '-')}={quoteattr(str(v))}" for k, v in attrs.items()
    )
    if not body:
        return f"<{name}{rendered}/>"
    return f"<{name}{rendered}>{body}</{name}>"


def text(content: str, **attrs: object) -> str:
    return tag("text", attrs, escape(content) or " ")


def _svg(width: int, height: int, body: str, cls: str) -> SafeString:
    attrs = {
        "class_": f"chart {cls}",
        "viewBox": f"0 0 {width} {height}",
        "width": width,
        "height": height,
        "aria-hidden": "true",
        "focusable": "false",
        "xmlns": "http://www.w3.org/2000/svg",
    }
    return mark_safe(tag("svg", attrs, body))  # built from escaped parts only


def _short(label: str, limit: int = 26) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class Series:
    """One set of bars: its name (for the legend) and a CSS class that colours it."""

    name: str
    cls: str


def bars(
    labels: Sequence[str], values: Sequence[Sequence[int]], series: Sequence[Series]
) -> SafeString:
    """Horizontal bars, one group per label and one bar per series in a group."""
    top = max((v for row in values for v in row), default=0) or 1
    per_group = len(series)
    bar_h = (ROW - 6) / per_group
    legend_h = ROW if per_group > 1 else 0
    height = legend_h + ROW * len(labels) + 4
    span = WIDTH - LABEL_WIDTH - VALUE_ROOM
    parts: list[str] = []
    if per_group > 1:
        parts += _legend(series, 0)
    for i, (label, row) in enumerate(zip(labels, values, strict=True)):
        y = legend_h + i * ROW
        parts.append(text(_short(label), x=LABEL_WIDTH - 8, y=y + ROW / 2 + 4, class_="label end"))
        for j, (value, s) in enumerate(zip(row, series, strict=True)):
            width = span * value / top
            by = y + 3 + j * bar_h
            parts.append(
                tag(
                    "rect",
                    {
                        "x": LABEL_WIDTH,
                        "y": f"{by:.1f}",
                        "width": f"{width:.1f}",
                        "height": f"{bar_h:.1f}",
                        "class_": f"bar {s.cls}",
                    },
                )
            )
            parts.append(
                text(
                    number_format(value),
                    x=f"{LABEL_WIDTH + width + 4:.1f}",
                    y=f"{by + bar_h / 2 + 4:.1f}",
                    class_="value",
                )
            )
    return _svg(WIDTH, int(height), "".join(parts), "bars")


def _legend(series: Sequence[Series], y: float) -> list[str]:
    parts: list[str] = []
    x = LABEL_WIDTH
    for s in series:
        parts.append(
            tag("rect", {"x": x, "y": y + 6, "width": 12, "height": 12, "class_": f"bar {s.cls}"})
        )
        parts.append(text(s.name, x=x + 16, y=y + 16, class_="label"))
        x += 24 + 8 * len(s.name)
    return parts


def columns(labels: Sequence[str], values: Sequence[int], series: Series) -> SafeString:
    """Vertical columns along a time axis (labels are e.g. years); every few labelled."""
    n = max(len(labels), 1)
    top = max(values, default=0) or 1
    left, bottom = 8, 24
    step = (WIDTH - 2 * left) / n
    every = max(1, round(n / 12))
    parts: list[str] = []
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        h = (COLUMN_HEIGHT - bottom - 16) * value / top
        x = left + i * step
        y = COLUMN_HEIGHT - bottom - h
        parts.append(
            tag(
                "rect",
                {
                    "x": f"{x + 1:.1f}",
                    "y": f"{y:.1f}",
                    "width": f"{max(step - 2, 1):.1f}",
                    "height": f"{h:.1f}",
                    "class_": f"bar {series.cls}",
                },
            )
        )
        if i % every == 0 or i == n - 1:
            parts.append(
                text(label, x=f"{x + step / 2:.1f}", y=COLUMN_HEIGHT - 6, class_="label middle")
            )
    parts.append(
        tag(
            "line",
            {
                "x1": left,
                "x2": WIDTH - left,
                "y1": COLUMN_HEIGHT - bottom,
                "y2": COLUMN_HEIGHT - bottom,
                "class_": "axis",
            },
        )
    )
    return _svg(WIDTH, COLUMN_HEIGHT, "".join(parts), "columns")
