from __future__ import annotations

from django import template
from django.conf import settings

from netkort.domain.phones import format_for_display

register = template.Library()


@register.filter
def phone(e164: str) -> str:
    """A stored E.164 number as people in the user's region write it."""
    return format_for_display(e164, settings.NETKORT_DEFAULT_REGION)
