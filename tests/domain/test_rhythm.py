"""Keep-in-touch rhythms: defaults by ring and tag, reset by contact, snooze, time zones."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from netkort.domain import rhythm

CPH = "Europe/Copenhagen"


def test_it_keeps_the_inner_circle_monthly_and_the_outer_ring_yearly() -> None:
    assert rhythm.rhythm_days(closeness=1) == 30
    assert rhythm.rhythm_days(closeness=5) == 365
    days = [rhythm.rhythm_days(closeness=c) for c in range(1, 6)]
    assert days == sorted(days)


def test_it_has_no_rhythm_for_a_person_whose_closeness_is_unknown() -> None:
    assert rhythm.rhythm_days(closeness=None) is None


def test_a_tag_rule_comes_before_the_ring_and_the_most_frequent_tag_wins() -> None:
    rules = {"Mentor": 14, "board": 45}
    assert rhythm.rhythm_days(closeness=5, tags=["mentor"], tag_rules=rules) == 14
    assert rhythm.rhythm_days(closeness=5, tags=["board", "mentor"], tag_rules=rules) == 14
    assert rhythm.rhythm_days(closeness=None, tags=["board"], tag_rules=rules) == 45
    assert rhythm.rhythm_days(closeness=2, tags=["golf"], tag_rules=rules) == 60


def test_the_persons_own_rhythm_comes_first_and_zero_turns_it_off() -> None:
    rules = {"mentor": 14}
    assert rhythm.rhythm_days(closeness=1, tags=["mentor"], override=90, tag_rules=rules) == 90
    assert rhythm.rhythm_days(closeness=1, override=0) is None


def test_a_contact_resets_the_rhythm() -> None:
    today = date(2026, 6, 1)
    before = rhythm.standing(
        rhythm=30, last_contact=date(2026, 4, 1), snoozed_until=None, known_since=date(2020, 1, 1)
    )
    assert before.is_due(today)
    assert before.days_overdue(today) == 31
    after = rhythm.standing(
        rhythm=30, last_contact=today, snoozed_until=None, known_since=date(2020, 1, 1)
    )
    assert not after.is_due(today)
    assert after.due_on == date(2026, 7, 1)
    assert after.is_due(date(2026, 7, 1))
    assert not after.is_due(date(2026, 6, 30))


def test_someone_never_contacted_is_due_from_the_day_they_were_added() -> None:
    st = rhythm.standing(
        rhythm=90, last_contact=None, snoozed_until=None, known_since=date(2026, 5, 3)
    )
    assert st.due_on == date(2026, 5, 3)
    assert not st.is_due(date(2026, 5, 2))
    assert st.is_due(date(2026, 5, 3))


def test_a_snooze_hides_a_due_person_until_it_ends() -> None:
    today = date(2026, 6, 1)
    until = rhythm.snooze_until(today, 7)
    assert until == date(2026, 6, 8)
    st = rhythm.standing(
        rhythm=30, last_contact=date(2026, 1, 1), snoozed_until=until, known_since=today
    )
    assert not st.is_due(today)
    assert not st.is_due(date(2026, 6, 7))
    assert st.is_due(date(2026, 6, 8))


@pytest.mark.parametrize("days", [3, 7, 14])
def test_it_snoozes_for_three_seven_or_fourteen_days(days: int) -> None:
    assert rhythm.snooze_until(date(2026, 12, 30), days) == date(2026, 12, 30) + timedelta(days)


def test_it_refuses_other_snoozes() -> None:
    with pytest.raises(ValueError, match="snooze"):
        rhythm.snooze_until(date(2026, 1, 1), 5)


def test_a_late_evening_contact_counts_on_the_local_date() -> None:
    # 23:30 UTC on 14 June is 01:30 on 15 June in Copenhagen (summer time, UTC+2).
    moment = datetime(2026, 6, 14, 23, 30, tzinfo=UTC)
    assert rhythm.local_date(moment, CPH) == date(2026, 6, 15)
    assert rhythm.local_date(moment, "UTC") == date(2026, 6, 14)
    # In winter Copenhagen is UTC+1: 22:59 UTC is still the same day, 23:00 is not.
    assert rhythm.local_date(datetime(2026, 1, 14, 22, 59, tzinfo=UTC), CPH) == date(2026, 1, 14)
    assert rhythm.local_date(datetime(2026, 1, 14, 23, 0, tzinfo=UTC), CPH) == date(2026, 1, 15)


def test_it_refuses_a_naive_moment() -> None:
    with pytest.raises(ValueError, match="naive"):
        rhythm.local_date(datetime(2026, 1, 1, 12, 0))


def test_a_rhythm_across_the_spring_clock_change_keeps_its_length_in_days() -> None:
    # The night of 29 March 2026 has 23 hours in Copenhagen; the rhythm counts days.
    evening = datetime(2026, 3, 28, 23, 30, tzinfo=ZoneInfo(CPH))
    last = rhythm.local_date(evening, CPH)
    st = rhythm.standing(rhythm=1, last_contact=last, snoozed_until=None, known_since=last)
    assert st.due_on == date(2026, 3, 29)
    # 23 real hours later the wall clock already shows 23:30 on the 29th (an hour was
    # skipped), and the rhythm is due on that date.
    later = (evening.astimezone(UTC) + timedelta(hours=23)).astimezone(ZoneInfo(CPH))
    assert (later.day, later.hour, later.minute) == (29, 23, 30)
    assert st.is_due(rhythm.local_date(later, CPH))


def test_a_rhythm_across_the_autumn_clock_change_keeps_its_length_in_days() -> None:
    # 25 October 2026 has 25 hours in Copenhagen.
    late = datetime(2026, 10, 24, 23, 30, tzinfo=ZoneInfo(CPH))
    last = rhythm.local_date(late, CPH)
    st = rhythm.standing(rhythm=1, last_contact=last, snoozed_until=None, known_since=last)
    assert st.due_on == date(2026, 10, 25)
    almost = late.astimezone(UTC) + timedelta(hours=24)  # 23:30 on the 25th, local
    assert rhythm.local_date(almost, CPH) == date(2026, 10, 25)
    assert st.is_due(rhythm.local_date(almost, CPH))


def test_a_tie_silent_three_years_is_dormant_if_it_was_close_or_frequent() -> None:
    today = date(2026, 6, 1)
    old = today - timedelta(days=3 * 365)
    assert rhythm.is_dormant(last_contact=old, today=today, closeness=2, contacts=1)
    assert rhythm.is_dormant(last_contact=old, today=today, closeness=None, contacts=5)
    assert not rhythm.is_dormant(last_contact=old, today=today, closeness=4, contacts=2)
    recent = old + timedelta(days=1)
    assert not rhythm.is_dormant(last_contact=recent, today=today, closeness=1, contacts=9)
    assert not rhythm.is_dormant(last_contact=None, today=today, closeness=1, contacts=0)


def test_the_next_birthday_is_this_year_or_next_and_leap_days_fall_on_the_28th() -> None:
    assert rhythm.next_birthday(date(1980, 6, 2), date(2026, 6, 1)) == date(2026, 6, 2)
    assert rhythm.next_birthday(date(1980, 6, 1), date(2026, 6, 1)) == date(2026, 6, 1)
    assert rhythm.next_birthday(date(1980, 5, 31), date(2026, 6, 1)) == date(2027, 5, 31)
    assert rhythm.next_birthday(date(1984, 2, 29), date(2026, 1, 1)) == date(2026, 2, 28)
    assert rhythm.next_birthday(date(1984, 2, 29), date(2027, 3, 1)) == date(2028, 2, 29)
