"""Template helpers for goals, triage, recall and ties."""

from __future__ import annotations

from typing import Any

from django import template

from netkort.services import ties

register = template.Library()


@register.simple_tag
def tie_strengths() -> list[tuple[str, str]]:
    return [(key, str(label)) for key, (_value, label) in ties.STRENGTHS.items()]


@register.filter
def lookup(mapping: dict[Any, Any], key: Any) -> Any:
    """``mapping[key]``, or an empty list when the key is missing."""
    return mapping.get(key, [])
