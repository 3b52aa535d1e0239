"""``{{ person.birthday|birthday }}``: the date, or only day and month when the year is
unknown (``domain.birthdays``)."""

from __future__ import annotations

from datetime import date

from django import template
from django.utils.formats import date_format

from netkort.domain.birthdays import is_yearless

register = template.Library()


@register.filter
def birthday(value: date | None) -> str:
    if value is None:
        return ""
    return date_format(value, "MONTH_DAY_FORMAT" if is_yearless(value) else "DATE_FORMAT")
