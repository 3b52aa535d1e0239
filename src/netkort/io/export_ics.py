"""Writing planned meetings and reminders as an iCalendar file for Outlook and Google.

Meetings are timed events in UTC; reminders are all-day events. Every event has a UID
that stays the same from one export to the next, so a calendar that imports the file
again updates the events instead of doubling them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import icalendar

PRODID = "-//netkort//netkort export//EN"
DEFAULT_MINUTES = 60


@dataclass(slots=True)
class CalendarEvent:
    uid: str
    summary: str
    start: dt.datetime | dt.date  # a datetime (aware) for a meeting, a date for a reminder
    minutes: int | None = None
    description: str = ""
    url: str = ""


def write_ics(events: list[CalendarEvent], name: str, stamp: dt.datetime) -> bytes:
    """The calendar; ``stamp`` (aware) is the DTSTAMP of every event: when it was made."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    stamp = stamp.astimezone(dt.UTC)
    for item in events:
        calendar.add_component(_event(item, stamp))
    data: bytes = calendar.to_ical()
    return data


def _event(item: CalendarEvent, stamp: dt.datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    event.add("summary", item.summary)
    if isinstance(item.start, dt.datetime):
        start = item.start.astimezone(dt.UTC)
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=item.minutes or DEFAULT_MINUTES))
    else:
        event.add("dtstart", item.start)
        event.add("dtend", item.start + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
    if item.description:
        event.add("description", item.description)
    if item.url:
        event.add("url", item.url)
    return event
