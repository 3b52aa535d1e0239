"""Keep-in-touch rhythms: how often to be in touch with someone, and when that is due.

Everything here works in calendar dates in the user's time zone. A contact at 00:30 on
a Copenhagen Monday is a Monday contact even though it was Sunday in UTC, and a monthly
rhythm stays thirty days long across the spring and autumn clock changes, because date
arithmetic never sees an hour go missing.

The defaults follow Dunbar's layers of closeness (science.md): the inner circle about
monthly, the outer rings about yearly. They are tunable defaults, not findings; a rule
by tag or a rhythm set on the person comes first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

DEFAULT_ZONE = "Europe/Copenhagen"

# Closeness ring (1 inner … 5 distant) → days between contacts.
RING_DAYS: dict[int, int] = {1: 30, 2: 60, 3: 90, 4: 180, 5: 365}

SNOOZE_CHOICES = (3, 7, 14)

# Rhythms a user can pick on a person; 0 means "no rhythm for this person".
RHYTHM_CHOICES = (14, 30, 60, 90, 180, 365, 0)

NEVER = 0

# A tie silent this long is dormant (Levin, Walter & Murnighan: three years and more).
DORMANT_AFTER_DAYS = 3 * 365
# "Often in touch" once: at least this many recorded contacts.
OFTEN_IN_TOUCH = 5


def local_date(moment: datetime, zone: str = DEFAULT_ZONE) -> date:
    """The calendar date of an aware moment in the user's time zone."""
    if moment.tzinfo is None:
        raise ValueError("a naive datetime has no date in a time zone; pass an aware one")
    return moment.astimezone(ZoneInfo(zone)).date()


def rhythm_days(
    *,
    closeness: int | None,
    tags: Iterable[str] = (),
    override: int | None = None,
    tag_rules: Mapping[str, int] | None = None,
    ring_days: Mapping[int, int] | None = None,
) -> int | None:
    """Days between contacts for one person, or ``None`` when no rhythm applies.

    The person's own setting wins (0 turns the rhythm off); then the most frequent rule
    among the person's tags; then the default of their closeness ring. A person whose
    closeness is unknown has no rhythm until the user says how close they are.
    """
    if override is not None:
        return override or None
    rules = {k.casefold(): v for k, v in (tag_rules or {}).items() if v > 0}
    from_tags = [rules[t.casefold()] for t in tags if t.casefold() in rules]
    if from_tags:
        return min(from_tags)
    if closeness is None:
        return None
    return (ring_days or RING_DAYS).get(closeness)


@dataclass(frozen=True, slots=True)
class Standing:
    """Where one person stands against their rhythm on a given day."""

    rhythm: int | None
    last_contact: date | None
    due_on: date | None
    snoozed_until: date | None

    def is_due(self, today: date) -> bool:
        """Due or overdue today, and not snoozed past today."""
        if self.due_on is None or self.due_on > today:
            return False
        return not self.is_snoozed(today)

    def is_snoozed(self, today: date) -> bool:
        return self.snoozed_until is not None and self.snoozed_until > today

    def days_overdue(self, today: date) -> int:
        """Days past the due date (0 on the due date, negative before it)."""
        if self.due_on is None:
            return 0
        return (today - self.due_on).days


def standing(
    *,
    rhythm: int | None,
    last_contact: date | None,
    snoozed_until: date | None,
    known_since: date,
) -> Standing:
    """Where a person stands. Someone never contacted is due from ``known_since``
    (the day they were added): the rhythm has not started yet, so reaching out now is
    what starts it."""
    if rhythm is None:
        return Standing(None, last_contact, None, snoozed_until)
    due = known_since if last_contact is None else last_contact + timedelta(days=rhythm)
    return Standing(rhythm, last_contact, due, snoozed_until)


def snooze_until(today: date, days: int) -> date:
    """The first day the person shows up again after a snooze of ``days`` days."""
    if days not in SNOOZE_CHOICES:
        raise ValueError(f"snooze for {SNOOZE_CHOICES} days, not {days}")
    return today + timedelta(days=days)


def is_dormant(
    *,
    last_contact: date | None,
    today: date,
    closeness: int | None,
    contacts: int,
) -> bool:
    """A tie worth reviving: silent three years or more, once close or often in touch."""
    if last_contact is None or (today - last_contact).days < DORMANT_AFTER_DAYS:
        return False
    was_close = closeness is not None and closeness <= 2
    return was_close or contacts >= OFTEN_IN_TOUCH


def next_birthday(birthday: date, today: date) -> date:
    """The next birthday on or after today; 29 February falls on 28 February in
    other years, the day most people born then celebrate."""
    for year in (today.year, today.year + 1):
        try:
            candidate = birthday.replace(year=year)
        except ValueError:
            candidate = date(year, 2, 28)
        if candidate >= today:
            return candidate
    raise AssertionError("unreachable: next year's birthday is always after today")
