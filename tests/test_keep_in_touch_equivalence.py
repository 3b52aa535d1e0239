"""The fast Today list is the plain computation, person by person, on a generated network.

The services decide in SQL who is due, who has a birthday soon and who is a dormant tie.
Each test here builds a network with every case the rules have — rhythms by closeness,
by tag (in any case), the person's own rhythm and "none", snoozes, never contacted,
contacts at the edges of local days and around the clock changes — and compares the
answer with the rules of ``domain.rhythm`` applied to every person in Python.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from netkort.domain import rhythm
from netkort.services import interactions, keep_in_touch
from netkort.services.interactions import NewInteraction
from netkort.store.models import Person, PersonTag, Tag, Workspace

RULES = {"mentor": 14, "Board": 45, "familie": 7, "golf": 400}
TAGS = ["Mentor", "board", "Familie", "golf", "padel"]  # "padel" has no rule
NAMES = ["Anna Holm", "Bo Ek", "Cy Lund", "Ålif Ørn", "Dee Due", "anna holm"]
SNOOZES = (-1, 0, 1, 3, 14)
BIRTHDAYS = [None, None, date(1984, 2, 29), date(1990, 12, 31), date(1977, 1, 1),
             date(1990, 3, 1), date(1990, 2, 28)]  # fmt: skip
ZONES = ["Europe/Copenhagen", "America/Santiago", "Asia/Kolkata", "Pacific/Auckland"]


def moments_near_midnight(zone: str, around: list[date]) -> list[datetime]:
    """Local 23:59:59, 00:00, 00:00:01 and 00:30 on the given dates, as aware moments."""
    tz = ZoneInfo(zone)
    found = []
    for day in around:
        for d, t in (
            (day - timedelta(days=1), time(23, 59, 59)),
            (day, time(0, 0)),
            (day, time(0, 0, 1)),
            (day, time(0, 30)),
            (day, time(2, 30)),
        ):
            found.append(datetime.combine(d, t, tzinfo=tz).astimezone(UTC))
    return found


def build(workspace: Workspace, today: date, zone: str, seed: int, size: int = 260) -> None:
    """A network with every case, written straight to the tables (as an import would)."""
    rng = random.Random(seed)
    for name, days in RULES.items():
        keep_in_touch.set_tag_rule(workspace, name, days)
    tags = [Tag.objects.create(workspace=workspace, name=name) for name in TAGS]
    transitions = [date(today.year, 3, 29), date(today.year, 10, 25), date(today.year, 4, 5)]
    edges = [today - timedelta(days=d) for d in (14, 30, 45, 60, 90, 180, 365, 400, 7)]
    month_before = [t - timedelta(days=30) for t in transitions]
    special = moments_near_midnight(zone, edges + transitions + month_before)
    now = timezone.now()
    persons = []
    for _ in range(size):
        name = rng.choice(NAMES)
        if rng.random() < 0.15:
            last = None
        elif rng.random() < 0.5:
            last = rng.choice(special)
        else:
            last = now - timedelta(seconds=rng.randrange(0, 900 * 86400))
        persons.append(
            Person(
                workspace=workspace,
                display_name=name,
                sort_key_en=name.casefold(),
                sort_key_da=name.casefold(),
                closeness=rng.choice([None, None, 1, 2, 3, 4, 5]),
                keep_in_touch_days=rng.choice([None] * 8 + [0, 14, 45, 400, 1]),
                snoozed_until=rng.choice([None] * 5 + [today + timedelta(days=d) for d in SNOOZES]),
                last_contact_at=last,
                interaction_count=rng.choice([0, 1, 4, 5, 12]),
                birthday=rng.choice(
                    [*BIRTHDAYS, date(1980, 1, 1) + timedelta(days=rng.randrange(366))]
                ),
            )
        )
    Person.objects.bulk_create(persons)
    saved = list(Person.objects.filter(workspace=workspace).order_by("pk"))
    for p in saved:
        ago = now - timedelta(days=rng.randrange(1, 900))
        p.created_at = rng.choice([now, ago, rng.choice(special)])
    Person.objects.bulk_update(saved, ["created_at"])
    links = [
        PersonTag(workspace=workspace, person=p, tag=t)
        for p in saved
        for t in rng.sample(tags, rng.choice([0, 0, 1, 2]))
    ]
    PersonTag.objects.bulk_create(links)


def plain_due(
    workspace: Workspace, day: date, within: int = 0
) -> list[tuple[int, rhythm.Standing]]:
    """The straightforward computation: every person, the domain rules, sorted."""
    zone = settings.TIME_ZONE
    rules = keep_in_touch.tag_rules(workspace)
    found = []
    for p in Person.objects.filter(workspace=workspace).prefetch_related("tags"):
        days = rhythm.rhythm_days(
            closeness=p.closeness,
            tags=[t.name for t in p.tags.all()],
            override=p.keep_in_touch_days,
            tag_rules=rules,
        )
        st = rhythm.standing(
            rhythm=days,
            last_contact=rhythm.local_date(p.last_contact_at, zone) if p.last_contact_at else None,
            snoozed_until=p.snoozed_until,
            known_since=rhythm.local_date(p.created_at, zone),
        )
        horizon = day + timedelta(days=within)
        if st.due_on is not None and st.due_on <= horizon and not st.is_snoozed(day):
            found.append((st.due_on, p.sort_key_en, p.pk, st))
    found.sort(key=lambda row: row[:3])
    return [(pk, st) for _, _, pk, st in found]


def plain_birthdays(workspace: Workspace, day: date, within: int) -> list[tuple[int, date]]:
    found = []
    for p in Person.objects.filter(workspace=workspace, birthday__isnull=False):
        when = rhythm.next_birthday(p.birthday, day)  # type: ignore[arg-type]
        if (when - day).days <= within:
            found.append((when, p.sort_key_en, p.pk))
    found.sort()
    return [(pk, when) for when, _, pk in found]


def days_to_check(today: date) -> list[date]:
    year = today.year
    return [
        today,
        date(year, 3, 28), date(year, 3, 29), date(year, 3, 30),  # spring forward (EU)
        date(year, 10, 25), date(year, 10, 26),  # fall back (EU)
        date(year, 4, 5), date(year, 9, 6),  # Santiago, Auckland
        date(2027, 2, 20), date(2028, 2, 20), date(year, 12, 24),  # 29 Feb, new year
    ]  # fmt: skip


def check_everything(workspace: Workspace, today: date) -> None:
    for day in days_to_check(today):
        for within in (0, 6, 60):
            expected = plain_due(workspace, day, within)
            assert keep_in_touch.due_standings(workspace, day, within) == expected, (day, within)
            assert keep_in_touch.due_count(workspace, day, within) == len(expected)
            for limit in (1, 7, 50):
                got = keep_in_touch.due_standings(workspace, day, within, limit=limit)
                assert got == expected[:limit], (day, within, limit)
        for within in (0, 14, 60):
            soon = [(p.pk, when) for p, when in keep_in_touch.birthdays(workspace, day, within)]
            assert sorted(soon, key=lambda r: (r[1], r[0])) == sorted(
                plain_birthdays(workspace, day, within), key=lambda r: (r[1], r[0])
            ), (day, within)


@pytest.mark.parametrize("zone", ZONES)
def test_the_due_list_and_birthdays_equal_the_plain_computation(
    workspace: Workspace, zone: str
) -> None:
    with override_settings(TIME_ZONE=zone):
        today = timezone.localdate()
        build(workspace, today, zone, seed=ZONES.index(zone))
        check_everything(workspace, today)


def test_it_stays_equal_after_contacts_snoozes_and_changed_rules(workspace: Workspace) -> None:
    today = timezone.localdate()
    build(workspace, today, settings.TIME_ZONE, seed=42, size=160)
    rng = random.Random(7)
    chosen = rng.sample(list(Person.objects.filter(workspace=workspace)), 40)
    for p in chosen[:15]:  # a contact resets the rhythm
        interactions.log_interaction(workspace, [p], NewInteraction(channel="phone"))
    for p in chosen[15:25]:
        keep_in_touch.snooze(workspace, p, rng.choice(rhythm.SNOOZE_CHOICES))
    for p in chosen[25:]:
        keep_in_touch.set_rhythm(workspace, p, rng.choice([None, 0, 30, 3650]))
    keep_in_touch.set_tag_rule(workspace, "MENTOR", 3)  # a second rule for the same tag
    keep_in_touch.set_tag_rule(workspace, "golf", None)
    check_everything(workspace, today)


def test_the_today_list_shows_the_first_of_the_plain_list_and_counts_all(
    workspace: Workspace,
) -> None:
    today = timezone.localdate()
    build(workspace, today, settings.TIME_ZONE, seed=3, size=300)
    expected = plain_due(workspace, today)
    listing = keep_in_touch.today_list(workspace)
    shown = [(i.person.pk, i.standing) for i in listing.due]
    assert shown == expected[: keep_in_touch.DUE_SHOWN]
    assert listing.due_total == len(expected)
    assert [(i.person.pk, i.standing) for i in keep_in_touch.due(workspace)] == expected


def plain_dormant(workspace: Workspace, day: date) -> list[int]:
    found = []
    zone = settings.TIME_ZONE
    for p in Person.objects.filter(workspace=workspace).order_by(
        "closeness", "-interaction_count", "sort_key_en", "pk"
    ):
        if p.last_contact_at is None or p.keep_in_touch_days == 0:
            continue
        if p.snoozed_until is not None and p.snoozed_until > day:
            continue
        if rhythm.is_dormant(
            last_contact=rhythm.local_date(p.last_contact_at, zone),
            today=day,
            closeness=p.closeness,
            contacts=p.interaction_count,
        ):
            found.append(p.pk)
    return found[: keep_in_touch.DORMANT_SHOWN]


def test_dormant_ties_equal_the_plain_computation(workspace: Workspace) -> None:
    today = timezone.localdate()
    build(workspace, today, settings.TIME_ZONE, seed=11, size=200)
    Person.objects.filter(workspace=workspace, pk__in=Person.objects.filter(
        workspace=workspace).values("pk")[:120]).update(
        last_contact_at=timezone.now() - timedelta(days=3 * 365 + 2)
    )  # fmt: skip
    for day in (today, today - timedelta(days=1), today - timedelta(days=2)):
        assert [p.pk for p in keep_in_touch.dormant(workspace, day)] == plain_dormant(
            workspace, day
        )


def test_thousands_added_on_one_day_and_never_contacted_are_cut_right(
    workspace: Workspace,
) -> None:
    """All due from the same day: the cut near the first 50 holds everyone alike."""
    today = timezone.localdate()
    names = [f"Person {i:04d}" for i in range(1100)]
    Person.objects.bulk_create(
        Person(workspace=workspace, display_name=n, sort_key_en=n.casefold(), closeness=3)
        for n in reversed(names)
    )
    expected = plain_due(workspace, today)
    assert len(expected) == 1100
    assert keep_in_touch.due_standings(workspace, today, limit=50) == expected[:50]
    listing = keep_in_touch.today_list(workspace)
    assert [i.person.display_name for i in listing.due] == names[:50]
    assert listing.due_total == 1100
