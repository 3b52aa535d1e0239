"""The calendar: planned meetings and next steps, as Outlook and Google Calendar need them."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from export_network import TRICKY_NAMES, build_network
from netkort.services.export import ExportOptions, export
from netkort.store.models import Assessment, Goal, Workspace


@pytest.fixture
def full(workspace: Workspace) -> Workspace:
    build_network(workspace)
    return workspace


def calendar(workspace: Workspace, goal: int | None = None) -> icalendar.Calendar:
    data = export(workspace, ExportOptions("ics", goal=goal, language="en")).data
    return icalendar.Calendar.from_ical(data)


def test_the_calendar_has_what_outlook_and_google_require(full: Workspace) -> None:
    cal = calendar(full)
    assert cal["VERSION"] == "2.0"
    assert cal["PRODID"]
    events = list(cal.walk("VEVENT"))
    assert events
    for event in events:
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert required in event, required
        assert event.decoded("DTSTAMP").tzinfo is not None


def test_a_planned_meeting_is_a_timed_event(full: Workspace) -> None:
    meetings = [e for e in calendar(full).walk("VEVENT") if str(e["UID"]).startswith("inter")]
    assert len(meetings) == 1
    meeting = meetings[0]
    assert meeting.decoded("DTSTART") == dt.datetime(2026, 12, 3, 9, 30, tzinfo=dt.UTC)
    assert meeting.decoded("DTEND") - meeting.decoded("DTSTART") == dt.timedelta(minutes=45)
    assert TRICKY_NAMES[2] in str(meeting["SUMMARY"])
    assert TRICKY_NAMES[0] in str(meeting["SUMMARY"])
    assert str(meeting["DESCRIPTION"]) == "Kaffe hos <Åse> & co"
    assert str(meeting["URL"]) == "https://example.org/meet?id=1&x=2"


def test_next_steps_are_all_day_reminders(full: Workspace) -> None:
    goal = Goal.objects.get(workspace=full, is_active=True)
    reminders = [e for e in calendar(full).walk("VEVENT") if str(e["UID"]).startswith("next")]
    assert (
        len(reminders) == Assessment.objects.filter(goal=goal, next_step_date__isnull=False).count()
    )
    first = min(reminders, key=lambda e: e.decoded("DTSTART"))
    assert first.decoded("DTSTART") == dt.date(2026, 12, 1)
    assert first.decoded("DTEND") == dt.date(2026, 12, 2)
    assert "Ring om" in str(first["SUMMARY"])


def test_uids_stay_the_same_from_one_export_to_the_next(full: Workspace) -> None:
    first = {str(e["UID"]) for e in calendar(full).walk("VEVENT")}
    assert first == {str(e["UID"]) for e in calendar(full).walk("VEVENT")}
    assert len(first) == len(list(calendar(full).walk("VEVENT")))


def test_another_goal_has_its_own_reminders(full: Workspace) -> None:
    other = Goal.objects.filter(workspace=full, is_active=False).first()
    assert other is not None
    reminders = [
        e for e in calendar(full, other.pk).walk("VEVENT") if str(e["UID"]).startswith("next")
    ]
    assert reminders == []
