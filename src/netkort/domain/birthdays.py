"""Birthdays without a year.

Phones and Google know many birthdays only as a day of a month (vCard ``--0314``,
Google ``--03-14``). They are stored as a date in the year 1604, the marker Apple
Contacts uses for "no year": a leap year, so 29 February fits, and long before anyone
alive was born. Such a birthday is shown without a year and gives no age.
"""

from __future__ import annotations

from datetime import date

NO_YEAR = 1604


def yearless(month: int, day: int) -> date | None:
    """The stored form of a birthday known only by month and day (None if no such day)."""
    try:
        return date(NO_YEAR, month, day)
    except ValueError:
        return None


def is_yearless(birthday: date | None) -> bool:
    return birthday is not None and birthday.year == NO_YEAR


def age(birthday: date | None, today: date) -> int | None:
    """Full years on ``today``; None without a birthday, without a year or before it."""
    if birthday is None or is_yearless(birthday) or birthday > today:
        return None
    before = (today.month, today.day) < (birthday.month, birthday.day)
    return today.year - birthday.year - before
