"""Keeping relationships alive: who is due, dormant ties, follow-ups, birthdays, the feed.

Rhythm rules by tag live in ``Workspace.settings["rhythm"]["tags"]`` as
``{tag name: days}``; a person's own rhythm is ``Person.keep_in_touch_days`` (0: none).
"""

from __future__ import annotations

import calendar
import datetime as dt
import heapq
import secrets
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from netkort.domain import rhythm
from netkort.io.export_ics import CalendarEvent, write_ics
from netkort.services import explain, meetings
from netkort.services.errors import NotFound, UserError
from netkort.services.interactions import NewInteraction, log_interaction
from netkort.store.models import Assessment, Interaction, Person, PersonTag, Tag, Workspace

FEED_DAYS = 60
BIRTHDAY_DAYS = 14
DORMANT_SHOWN = 10
DUE_SHOWN = 50
DIGEST_SHOWN = 30
FEED_NAMES = 40


def zone() -> str:
    return str(settings.TIME_ZONE)


def today() -> dt.date:
    return timezone.localdate()


def tag_rules(workspace: Workspace) -> dict[str, int]:
    rules: dict[str, Any] = workspace.settings.get("rhythm", {}).get("tags", {})
    return {str(k): int(v) for k, v in rules.items()}


def set_tag_rule(workspace: Workspace, tag: str, days: int | None) -> None:
    """A rhythm for everyone with a tag; ``None`` or 0 removes the rule."""
    name = " ".join(tag.split())
    if not name:
        raise UserError(_("Name the tag."))
    if days is not None and not 0 <= days <= 3650:
        raise UserError(_("A rhythm is between 1 and 3650 days."))
    section = workspace.settings.setdefault("rhythm", {})
    rules = section.setdefault("tags", {})
    if days:
        rules[name] = days
    else:
        rules.pop(name, None)
    workspace.save(update_fields=["settings"])


@dataclass(slots=True)
class DueItem:
    person: Person
    standing: rhythm.Standing
    overdue_days: int

    @property
    def overdue_text(self) -> str:
        return explain.overdue(self.overdue_days)


@dataclass(slots=True)
class Today:
    day: dt.date
    due: list[DueItem] = field(default_factory=list)
    due_total: int = 0
    dormant: list[Person] = field(default_factory=list)
    meetings_to_review: list[Interaction] = field(default_factory=list)
    follow_ups: list[Assessment] = field(default_factory=list)
    birthdays: list[tuple[Person, dt.date]] = field(default_factory=list)
    upcoming: list[Interaction] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return (
            not (self.due or self.dormant or self.meetings_to_review or self.follow_ups)
            and not self.birthdays
        )


def _standing(
    rules: dict[str, int],
    tags: list[str],
    closeness: int | None,
    override: int | None,
    last_contact_at: dt.datetime | None,
    snoozed_until: dt.date | None,
    created_at: dt.datetime,
) -> rhythm.Standing:
    days = rhythm.rhythm_days(closeness=closeness, tags=tags, override=override, tag_rules=rules)
    last = rhythm.local_date(last_contact_at, zone()) if last_contact_at else None
    return rhythm.standing(
        rhythm=days,
        last_contact=last,
        snoozed_until=snoozed_until,
        known_since=rhythm.local_date(created_at, zone()),
    )


def standing_of(
    workspace: Workspace, person: Person, tags: list[str] | None = None
) -> rhythm.Standing:
    """Where one person stands against their rhythm."""
    if tags is None:
        tags = [t.name for t in person.tags.all()]
    return _standing(
        tag_rules(workspace),
        tags,
        person.closeness,
        person.keep_in_touch_days,
        person.last_contact_at,
        person.snoozed_until,
        person.created_at,
    )


def _tag_rhythms(workspace: Workspace, rules: dict[str, int]) -> list[tuple[int, list[int]]]:
    """(days, ids of the tags with that rhythm), shortest rhythm first.

    A tag matches a rule whatever its case, as in ``rhythm.rhythm_days``; the tag names
    are few, so they are matched here and the persons are found by tag id in SQL."""
    folded = {k.casefold(): v for k, v in rules.items() if v > 0}
    if not folded:
        return []
    by_days: dict[int, list[int]] = {}
    for pk, name in Tag.objects.filter(workspace=workspace).values_list("pk", "name"):
        days = folded.get(name.casefold())
        if days:
            by_days.setdefault(days, []).append(pk)
    return sorted(by_days.items())


def _start_of(day: dt.date) -> dt.datetime:
    """The first moment of a local date: ``local_date(m) <= d`` is ``m < _start_of(d + 1)``.

    Midnight exists on nearly every date; where a clock change skips it, the first
    reading (fold 0) is the moment of the change, which is still the day's first moment."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=ZoneInfo(zone()))


class _DayNumber(Func):
    """Days since 1970 (UTC, fractional) of a date-time column: an ordering key only."""

    output_field = FloatField()
    template = "(EXTRACT(EPOCH FROM %(expressions)s)::double precision / 86400.0)"

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler, connection, template="(julianday(%(expressions)s) - 2440587.5)", **extra
        )


_DAY = dt.timedelta(days=1)

# The exact order (due date, then name) is decided in Python among the persons whose
# ordering key in SQL is within this many days of the cut: the key (the last contact in
# UTC plus the rhythm) is within two days of the local due date either way.
_KEY_MARGIN = 5


@dataclass(frozen=True, slots=True)
class _Rhythms:
    """The rhythms in use in a workspace: by tag (shortest first) and all lengths."""

    by_tag: list[tuple[int, list[int]]]
    lengths: list[int]


def _rhythms(workspace: Workspace) -> _Rhythms:
    by_tag = _tag_rhythms(workspace, tag_rules(workspace))
    own = (
        Person.objects.filter(workspace=workspace, keep_in_touch_days__gt=0)
        .values_list("keep_in_touch_days", flat=True)
        .distinct()
    )
    lengths = {*rhythm.RING_DAYS.values(), *(d for d, _ in by_tag), *(d for d in own if d)}
    return _Rhythms(by_tag, sorted(lengths))


def _due_queryset(
    workspace: Workspace, day: dt.date, within: int, rhythms: _Rhythms | None = None
) -> QuerySet[Any]:
    """Everyone due by ``day`` + ``within`` and not snoozed on ``day``, with their
    ``rhythm`` (days) and ``due_key`` annotated; the filter is exact, not a guess.

    The rhythm of each person is decided in SQL in the order ``rhythm.rhythm_days``
    uses: their own setting, then the shortest rhythm among their tags' rules, then
    their closeness ring. A person is due when their last contact's local date plus
    the rhythm is on or before the horizon; for each rhythm in use that is "last
    contact before the first moment of a date", computed here with the time zone."""
    rhythms = rhythms or _rhythms(workspace)
    horizon = day + dt.timedelta(days=within)
    whens = [When(keep_in_touch_days__isnull=False, then=F("keep_in_touch_days"))]
    for days, tag_ids in rhythms.by_tag:
        tagged = PersonTag.objects.filter(person=OuterRef("pk"), tag_id__in=tag_ids)
        whens.append(When(Exists(tagged), then=Value(days)))
    whens += [When(closeness=ring, then=Value(days)) for ring, days in rhythm.RING_DAYS.items()]
    due = Q(rhythm__gt=0, last_contact_at__isnull=True, created_at__lt=_start_of(horizon + _DAY))
    for days in rhythms.lengths:
        due |= Q(rhythm=days, last_contact_at__lt=_start_of(horizon + _DAY - days * _DAY))
    key = Case(
        When(last_contact_at__isnull=True, then=_DayNumber("created_at")),
        default=_DayNumber("last_contact_at") + F("rhythm"),
        output_field=FloatField(),
    )
    return (
        Person.objects.filter(workspace=workspace)
        .annotate(rhythm=Case(*whens, default=None, output_field=IntegerField()))
        .filter(due)
        .filter(Q(snoozed_until__isnull=True) | Q(snoozed_until__lte=day))
        .annotate(
            due_key=key,
            since=Coalesce("last_contact_at", "created_at"),
            never=ExpressionWrapper(Q(last_contact_at__isnull=True), output_field=BooleanField()),
        )
    )


# "since" is the last contact, or the day the person was added if there was none: one
# date-time to read a person instead of two.
_STANDING_FIELDS = ("pk", "rhythm", "never", "since", "snoozed_until", "sort_key_en")


def due_standings(
    workspace: Workspace,
    day: dt.date,
    within: int = 0,
    limit: int | None = None,
    rhythms: _Rhythms | None = None,
) -> list[tuple[int, rhythm.Standing]]:
    """(person id, standing) of everyone due by ``day`` + ``within``, most overdue first
    (then by name), at most ``limit``."""
    return _first_due(workspace, day, within, limit, rhythms)[0]


def _first_due(
    workspace: Workspace,
    day: dt.date,
    within: int,
    limit: int | None,
    rhythms: _Rhythms | None = None,
) -> tuple[list[tuple[int, rhythm.Standing]], int]:
    """The first ``limit`` due (all without a limit) and how many are due in all.

    SQL finds who is due. With a limit, one light query reads the ordering key of
    everyone due, the persons whose key is near the cut are read in full, and the exact
    order (local due date, name, id) is made here among them."""
    qs = _due_queryset(workspace, day, within, rhythms)
    total = None
    if limit is not None:
        keys = list(qs.values_list("pk", "due_key"))
        total = len(keys)
        if limit <= 0 or not keys:
            return [], total
        if total > limit:
            cut = heapq.nsmallest(limit, (key for _, key in keys))[-1] + _KEY_MARGIN
            near = [pk for pk, key in keys if key < cut]
            # Many alike (thousands added on one day, never contacted): the key in SQL.
            qs = qs.filter(pk__in=near) if len(near) <= 1000 else qs.filter(due_key__lt=cut)
    horizon = day + dt.timedelta(days=within)
    here = zone()
    found = []
    for pk, days, never, since, snoozed, name in qs.values_list(*_STANDING_FIELDS):
        local = rhythm.local_date(since, here)
        st = rhythm.standing(
            rhythm=days or None,
            last_contact=None if never else local,
            snoozed_until=snoozed,
            known_since=local,
        )
        if st.due_on is not None and st.due_on <= horizon and not st.is_snoozed(day):
            found.append((st.due_on, name, pk, st))
    found.sort(key=lambda row: row[:3])
    return [(pk, st) for _, _, pk, st in found[:limit]], len(found) if total is None else total


def due_count(
    workspace: Workspace, day: dt.date, within: int = 0, rhythms: _Rhythms | None = None
) -> int:
    """How many are due by ``day`` + ``within`` (not snoozed), counted in SQL."""
    return _due_queryset(workspace, day, within, rhythms).count()


def due(
    workspace: Workspace,
    day: dt.date | None = None,
    *,
    within: int = 0,
    limit: int | None = None,
) -> list[DueItem]:
    """Persons due or overdue on ``day`` (or within ``within`` days after it), most
    overdue first, at most ``limit``; snoozed persons wait until their snooze ends."""
    day = day or today()
    standings = due_standings(workspace, day, within, limit)
    # The list can hold thousands: only what a due list shows is read (the rest of a
    # person would be read on first use).
    persons = Person.objects.only("workspace_id", "display_name", "sort_key_en").in_bulk(
        [pk for pk, _ in standings]
    )
    return [DueItem(persons[pk], st, st.days_overdue(day)) for pk, st in standings]


def dormant(workspace: Workspace, day: dt.date | None = None) -> list[Person]:
    """Ties silent three years or more that were once close or frequent, not snoozed."""
    day = day or today()
    cutoff = timezone.make_aware(
        dt.datetime.combine(day - dt.timedelta(days=rhythm.DORMANT_AFTER_DAYS), dt.time.max)
    )
    qs = (
        Person.objects.filter(workspace=workspace, last_contact_at__lte=cutoff)
        # What ``rhythm.is_dormant`` asks, said in SQL so that only candidates come back.
        .filter(Q(closeness__lte=2) | Q(interaction_count__gte=rhythm.OFTEN_IN_TOUCH))
        .filter(Q(snoozed_until__isnull=True) | Q(snoozed_until__lte=day))
        .exclude(keep_in_touch_days=0)
        .select_related("organisation")
        .order_by("closeness", "-interaction_count", "sort_key_en", "pk")
    )
    out = []
    for person in qs.iterator(chunk_size=100):
        last = rhythm.local_date(person.last_contact_at, zone())  # type: ignore[arg-type]
        snoozed = person.snoozed_until is not None and person.snoozed_until > day
        if not snoozed and rhythm.is_dormant(
            last_contact=last,
            today=day,
            closeness=person.closeness,
            contacts=person.interaction_count,
        ):
            out.append(person)
            if len(out) >= DORMANT_SHOWN:
                break
    return out


def follow_ups(
    workspace: Workspace, day: dt.date | None = None, within: int = 7
) -> list[Assessment]:
    """Next steps dated on or before ``within`` days from now, on goals still open."""
    day = day or today()
    return list(
        Assessment.objects.filter(
            workspace=workspace,
            next_step_date__lte=day + dt.timedelta(days=within),
            goal__archived_at__isnull=True,
        )
        .exclude(status="closed")
        .select_related("person", "goal")
        .order_by("next_step_date", "id")
    )


def _month_days(day: dt.date, within: int) -> list[str]:
    """The "MM-DD" of each date from ``day`` to ``day`` + ``within``, and "02-29" where
    28 February is in a year without a 29th (as ``rhythm.next_birthday`` has it)."""
    found = set()
    for offset in range(min(within, 366) + 1):
        on = day + dt.timedelta(days=offset)
        found.add(on.strftime("%m-%d"))
        if (on.month, on.day) == (2, 28) and not calendar.isleap(on.year):
            found.add("02-29")
    return sorted(found)


def birthdays(
    workspace: Workspace, day: dt.date | None = None, within: int = BIRTHDAY_DAYS
) -> list[tuple[Person, dt.date]]:
    day = day or today()
    soon: list[tuple[Person, dt.date]] = []
    candidates = (
        Person.objects.filter(workspace=workspace, birthday__isnull=False)
        # "MM-DD" from the ISO text of the date, with plain string functions: in SQLite,
        # extracting the month and the day would call Python for every row.
        .annotate(month_day=Substr(Cast("birthday", CharField()), 6, 5))
        .filter(month_day__in=_month_days(day, within))
        # What the Today page, the digest and the calendar show of them.
        .only("id", "workspace_id", "display_name", "birthday", "sort_key_en")
    )
    for person in candidates:
        if person.birthday is None:
            continue
        when = rhythm.next_birthday(person.birthday, day)
        if (when - day).days <= within:
            soon.append((person, when))
    soon.sort(key=lambda item: (item[1], item[0].sort_key_en))
    return soon


def today_list(workspace: Workspace, day: dt.date | None = None) -> Today:
    day = day or today()
    rhythms = _rhythms(workspace)
    standings, total = _first_due(workspace, day, 0, DUE_SHOWN, rhythms)
    persons = Person.objects.select_related("organisation").in_bulk([pk for pk, _ in standings])
    revive = dormant(workspace, day)
    due_now = set(
        _due_queryset(workspace, day, 0, rhythms)
        .filter(pk__in=[p.pk for p in revive])
        .values_list("pk", flat=True)
    )
    held, ahead = meetings.planned(workspace)
    return Today(
        day=day,
        due=[DueItem(persons[pk], st, st.days_overdue(day)) for pk, st in standings],
        due_total=total,
        dormant=[p for p in revive if p.pk not in due_now],
        meetings_to_review=held,
        follow_ups=follow_ups(workspace, day),
        birthdays=birthdays(workspace, day),
        upcoming=ahead,
    )


def _own(workspace: Workspace, person: Person) -> None:
    if person.workspace_id != workspace.pk:
        raise NotFound("no such person")


def snooze(workspace: Workspace, person: Person, days: int) -> dt.date:
    _own(workspace, person)
    if days not in rhythm.SNOOZE_CHOICES:
        raise UserError(_("Snooze for 3, 7 or 14 days."))
    person.snoozed_until = rhythm.snooze_until(today(), days)
    person.save(update_fields=["snoozed_until"])
    return person.snoozed_until


def done(workspace: Workspace, person: Person, channel: str, note: str = "") -> Interaction:
    """Mark as done: the contact is logged today, which restarts the rhythm."""
    _own(workspace, person)
    return log_interaction(
        workspace, [person], NewInteraction(channel=channel, note=note or _("Kept in touch"))
    )


def set_rhythm(workspace: Workspace, person: Person, days: int | None) -> None:
    """The person's own rhythm in days; ``None`` follows the defaults, 0 turns it off."""
    _own(workspace, person)
    if days is not None and not 0 <= days <= 3650:
        raise UserError(_("A rhythm is between 1 and 3650 days."))
    person.keep_in_touch_days = days
    person.save(update_fields=["keep_in_touch_days"])


@transaction.atomic
def renew_feed_token(workspace: Workspace) -> str:
    """A new secret for the calendar feed; the old address stops working at once."""
    workspace.feed_token = secrets.token_urlsafe(32)
    workspace.save(update_fields=["feed_token"])
    return workspace.feed_token


def workspace_for_feed(token: str) -> Workspace:
    if len(token) < 20:
        raise NotFound("no such feed")
    try:
        return Workspace.objects.get(feed_token=token)
    except Workspace.DoesNotExist as exc:
        raise NotFound("no such feed") from exc


def feed(workspace: Workspace, day: dt.date | None = None) -> bytes:
    """The private calendar: meetings, keep-in-touch reminders, next steps, birthdays."""
    day = day or today()
    events = [
        meetings.meeting_event(workspace, m)
        for m in Interaction.objects.filter(
            workspace=workspace,
            is_planned=True,
            occurred_at__gte=timezone.now() - dt.timedelta(days=30),
        ).prefetch_related("persons")
    ]
    uid = workspace.uid
    events += _reminders(workspace, day)
    for assessment in follow_ups(workspace, day, within=FEED_DAYS):
        events.append(
            CalendarEvent(
                uid=f"next-{assessment.pk}-{uid}@netkort",
                summary=f"{assessment.person.display_name}: {assessment.next_step}",
                start=max(assessment.next_step_date or day, day),
            )
        )
    for person, when in birthdays(workspace, day, within=FEED_DAYS):
        events.append(
            CalendarEvent(
                uid=f"birthday-{person.pk}-{when.year}-{uid}@netkort",
                summary=_("%(name)s's birthday") % {"name": person.display_name},
                start=when,
            )
        )
    return write_ics(events, "netkort", timezone.now())


def _reminders(workspace: Workspace, day: dt.date) -> list[CalendarEvent]:
    """One all-day event a day with everyone due that day (the overdue on today): a
    calendar with a reminder per person would drown the user's own appointments."""
    standings = due_standings(workspace, day, FEED_DAYS)
    persons = Person.objects.filter(workspace=workspace)
    if len(standings) <= 500:  # else every name: cheaper than a list of ids, and no limit
        persons = persons.filter(pk__in=[pk for pk, _ in standings])
    names = dict(persons.values_list("pk", "display_name"))
    by_day: dict[dt.date, list[str]] = {}
    for pk, st in standings:
        by_day.setdefault(max(st.due_on or day, day), []).append(names[pk])
    events = []
    for on, people in sorted(by_day.items()):
        if len(people) == 1:
            summary = _("Keep in touch with %(name)s") % {"name": people[0]}
        else:
            summary = _("Keep in touch: %(names)s and %(count)d more") % {
                "names": ", ".join(people[:2]),
                "count": len(people) - 2,
            }
        events.append(
            CalendarEvent(
                uid=f"due-{on.isoformat()}-{workspace.uid}@netkort",
                summary=summary,
                start=on,
                description="\n".join(people[:FEED_NAMES])
                + (f"\n… +{len(people) - FEED_NAMES}" if len(people) > FEED_NAMES else ""),
            )
        )
    return events


def digest_text(workspace: Workspace, day: dt.date | None = None) -> str:
    """The week's list as plain text, for the terminal or an e-mail."""
    day = day or today()
    lines = [_("netkort: your week from %(day)s") % {"day": day.isoformat()}, ""]
    total = due_count(workspace, day, within=6)
    lines.append(_("Keep in touch (%(count)d)") % {"count": total})
    for item in due(workspace, day, within=6, limit=DIGEST_SHOWN):
        when = item.standing.due_on.isoformat() if item.standing.due_on else ""
        lines.append(f"  - {item.person.display_name} ({when})")
    if total > DIGEST_SHOWN:
        lines.append("  " + _("… and %(count)d more") % {"count": total - DIGEST_SHOWN})
    sections: list[tuple[str, list[str]]] = [
        (_("Meetings to follow up"), [_line_for_meeting(m) for m in meetings.to_review(workspace)]),
        (
            _("Next steps"),
            [
                f"{a.person.display_name}: {a.next_step} ({a.next_step_date})"
                for a in follow_ups(workspace, day, within=6)
            ],
        ),
        (
            _("Birthdays"),
            [f"{p.display_name} ({w.isoformat()})" for p, w in birthdays(workspace, day, 6)],
        ),
        (_("Dormant ties worth reviving"), [p.display_name for p in dormant(workspace, day)[:3]]),
    ]
    for title, rows in sections:
        if rows:
            lines += ["", title, *[f"  - {r}" for r in rows]]
    return "\n".join(lines) + "\n"


def _line_for_meeting(meeting: Interaction) -> str:
    names = ", ".join(p.display_name for p in meeting.persons.all())
    return f"{names}: {meeting.summary} ({timezone.localdate(meeting.occurred_at).isoformat()})"


def as_dict(item: DueItem) -> dict[str, Any]:
    """The JSON shape of a due person, for ``netkort due --json``."""
    st = item.standing
    return {
        "id": item.person.pk,
        "display_name": item.person.display_name,
        "rhythm_days": st.rhythm,
        "last_contact": st.last_contact.isoformat() if st.last_contact else None,
        "due_on": st.due_on.isoformat() if st.due_on else None,
        "overdue_days": item.overdue_days,
    }
