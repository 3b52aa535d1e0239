"""The Today list: due and overdue persons, dormant ties, snooze and done, birthdays."""

from __future__ import annotations

from datetime import date, timedelta

import icalendar
import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from clients import client_for
from netkort.services import explain, keep_in_touch
from netkort.services.errors import UserError
from netkort.store.models import Workspace
from outreach_helpers import added_on, contact_on, person


def due_names(workspace: Workspace, day: date | None = None) -> list[str]:
    return [i.person.display_name for i in keep_in_touch.due(workspace, day)]


def test_it_lists_who_is_due_most_overdue_first(workspace: Workspace) -> None:
    today = timezone.localdate()
    anna = person(workspace, "Anna Holm", closeness=1)
    bo = person(workspace, "Bo Ek", closeness=5)
    cy = person(workspace, "Cy Lund", closeness=1)
    nobody = person(workspace, "Di Unset")
    contact_on(workspace, anna, today - timedelta(days=40))
    contact_on(workspace, bo, today - timedelta(days=400))
    contact_on(workspace, cy, today - timedelta(days=10))
    contact_on(workspace, nobody, today - timedelta(days=4000))
    assert due_names(workspace) == ["Bo Ek", "Anna Holm"]
    first = keep_in_touch.due(workspace)[0]
    assert first.overdue_days == 35
    assert first.standing.rhythm == 365


def test_a_logged_contact_takes_a_person_off_the_list_until_the_rhythm_runs_out(
    workspace: Workspace,
) -> None:
    today = timezone.localdate()
    anna = person(workspace, "Anna Holm", closeness=1)
    contact_on(workspace, anna, today - timedelta(days=31))
    assert due_names(workspace) == ["Anna Holm"]
    keep_in_touch.done(workspace, anna, "phone")
    assert due_names(workspace) == []
    assert due_names(workspace, today + timedelta(days=29)) == []
    assert due_names(workspace, today + timedelta(days=30)) == ["Anna Holm"]


def test_a_snooze_hides_a_person_for_the_chosen_days(workspace: Workspace) -> None:
    today = timezone.localdate()
    anna = person(workspace, "Anna Holm", closeness=2)
    contact_on(workspace, anna, today - timedelta(days=100))
    until = keep_in_touch.snooze(workspace, anna, 3)
    assert until == today + timedelta(days=3)
    assert due_names(workspace) == []
    assert due_names(workspace, today + timedelta(days=2)) == []
    assert due_names(workspace, today + timedelta(days=3)) == ["Anna Holm"]
    with pytest.raises(UserError):
        keep_in_touch.snooze(workspace, anna, 30)


def test_a_contact_ends_a_snooze(workspace: Workspace) -> None:
    anna = person(workspace, "Anna Holm", closeness=2)
    keep_in_touch.snooze(workspace, anna, 14)
    keep_in_touch.done(workspace, anna, "message")
    anna.refresh_from_db()
    assert anna.snoozed_until is None


def test_tag_rules_and_a_persons_own_rhythm_decide_first(workspace: Workspace) -> None:
    today = timezone.localdate()
    mentor = person(workspace, "Mia Mentor", closeness=5, tags=["mentor"])
    own = person(workspace, "Ole Own", closeness=1)
    contact_on(workspace, mentor, today - timedelta(days=20))
    contact_on(workspace, own, today - timedelta(days=40))
    assert due_names(workspace) == ["Ole Own"]
    keep_in_touch.set_tag_rule(workspace, "mentor", 14)
    keep_in_touch.set_rhythm(workspace, own, 90)
    assert due_names(workspace) == ["Mia Mentor"]
    keep_in_touch.set_tag_rule(workspace, "mentor", None)
    keep_in_touch.set_rhythm(workspace, own, None)
    assert due_names(workspace) == ["Ole Own"]
    keep_in_touch.set_rhythm(workspace, own, 0)
    assert due_names(workspace) == []


def test_someone_close_never_contacted_is_due_from_the_day_they_were_added(
    workspace: Workspace,
) -> None:
    today = timezone.localdate()
    new = person(workspace, "Nina New", closeness=3)
    added_on(new, today + timedelta(days=1))
    assert due_names(workspace) == []
    added_on(new, today)
    assert due_names(workspace) == ["Nina New"]


def test_it_suggests_dormant_ties_that_were_close_or_frequent(workspace: Workspace) -> None:
    today = timezone.localdate()
    old_friend = person(workspace, "Old Friend", closeness=2)
    old_acquaintance = person(workspace, "Old Acquaintance", closeness=4)
    recent = person(workspace, "Recent Friend", closeness=2)
    contact_on(workspace, old_friend, today - timedelta(days=4 * 365))
    contact_on(workspace, old_acquaintance, today - timedelta(days=4 * 365))
    contact_on(workspace, recent, today - timedelta(days=2 * 365))
    assert [p.display_name for p in keep_in_touch.dormant(workspace)] == ["Old Friend"]
    keep_in_touch.snooze(workspace, old_friend, 14)
    assert keep_in_touch.dormant(workspace) == []


def test_the_today_list_does_not_show_a_due_person_twice(workspace: Workspace) -> None:
    today = timezone.localdate()
    old_friend = person(workspace, "Old Friend", closeness=2)
    contact_on(workspace, old_friend, today - timedelta(days=4 * 365))
    listing = keep_in_touch.today_list(workspace)
    assert [i.person for i in listing.due] == [old_friend]
    assert listing.dormant == []


def test_it_shows_birthdays_in_the_next_two_weeks(workspace: Workspace) -> None:
    today = timezone.localdate()
    soon = person(workspace, "Sofie Soon", birthday=(today + timedelta(days=3)).replace(year=1990))
    person(workspace, "Lars Later", birthday=(today + timedelta(days=40)).replace(year=1990))
    with CaptureQueriesContext(connection) as queries:
        found = keep_in_touch.birthdays(workspace)
        # What the Today page, the digest and the calendar show, from the one query.
        shown = [(p.pk, p.display_name, p.birthday) for p, _when in found]
    assert [(p, d) for p, d in found] == [(soon, today + timedelta(days=3))]
    assert shown == [(soon.pk, "Sofie Soon", soon.birthday)]
    assert len(queries) == 1


def test_the_digest_lists_the_week(workspace: Workspace) -> None:
    today = timezone.localdate()
    anna = person(workspace, "Anna Holm", closeness=1)
    contact_on(workspace, anna, today - timedelta(days=27))
    text = keep_in_touch.digest_text(workspace)
    assert "Anna Holm" in text
    assert (today + timedelta(days=3)).isoformat() in text


def test_the_today_list_shows_the_most_overdue_and_counts_the_rest(workspace: Workspace) -> None:
    today = timezone.localdate()
    for i in range(keep_in_touch.DUE_SHOWN + 2):
        someone = person(workspace, f"Person {i:02d}", closeness=1)
        contact_on(workspace, someone, today - timedelta(days=31 + i))
    listing = keep_in_touch.today_list(workspace)
    assert listing.due_total == keep_in_touch.DUE_SHOWN + 2
    assert len(listing.due) == keep_in_touch.DUE_SHOWN
    assert listing.due[0].person.display_name == f"Person {keep_in_touch.DUE_SHOWN + 1:02d}"


def test_the_feed_gathers_everyone_due_on_a_day_in_one_reminder(workspace: Workspace) -> None:
    today = timezone.localdate()
    for name in ("Anna Holm", "Bo Ek", "Cy Lund"):
        contact_on(workspace, person(workspace, name, closeness=1), today - timedelta(days=50))
    dee = person(workspace, "Dee Due-Later", closeness=1)
    contact_on(workspace, dee, today - timedelta(days=20))
    events = list(icalendar.Calendar.from_ical(keep_in_touch.feed(workspace)).walk("VEVENT"))
    by_day = {e.decoded("dtstart"): str(e["summary"]) for e in events}
    assert by_day[today] == "Keep in touch: Anna Holm, Bo Ek and 1 more"
    assert by_day[today + timedelta(days=10)] == "Keep in touch with Dee Due-Later"
    assert "Cy Lund" in str(next(e for e in events if e.decoded("dtstart") == today)["description"])


def test_overdue_is_said_in_days_weeks_months_or_years(alice: User, workspace: Workspace) -> None:
    days = (1, 13, 14, 59, 60, 729, 1851)
    with translation.override("en"):
        assert [explain.overdue(d) for d in days] == [
            "1 day overdue",
            "13 days overdue",
            "2 weeks overdue",
            "8 weeks overdue",
            "2 months overdue",
            "24 months overdue",
            "5 years overdue",
        ]
    with translation.override("da"):
        assert explain.overdue(1) == "1 dag over tid"
        assert explain.overdue(1851) == "5 år over tid"
    friend = person(workspace, "Gammel Ven", closeness=1)
    contact_on(workspace, friend, timezone.localdate() - timedelta(days=1851 + 30))
    page = client_for(alice).get(f"/w/{workspace.uid}/today/").content.decode()
    assert "5 years overdue" in page and "days overdue" not in page
