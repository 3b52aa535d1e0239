"""Keeping relationships alive: who is due, dormant ties, follow-ups, birthdays, the feed.

Rhythm rules by tag live in ``Workspace.settings["rhythm"]["tags"]`` as
``{tag name: days}``; a person's own rhythm is ``Person.keep_in_touch_days`` (0: none).
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netkort.domain import rhythm
from netkort.io.export_ics import CalendarEvent, write_ics
from netkort.services import meetings
from netkort.services.errors import NotFound, UserError
from netkort.services.interactions import NewInteraction, log_interaction
from netkort.store.models import Assessment, Interaction, Person, PersonTag, Workspace

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


def _tags_by_person(workspace: Workspace, rules: dict[str, int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    if not rules:
        return out
    links = PersonTag.objects.filter(workspace=workspace, tag__name__in=list(rules))
    for person_id, name in links.values_list("person_id", "tag__name"):
        out.setdefault(person_id, []).append(name)
    return out


_STANDING_FIELDS = (
    "pk",
    "closeness",
    "keep_in_touch_days",
    "last_contact_at",
    "snoozed_until",
    "created_at",
    "sort_key_en",
)


def due_standings(
    workspace: Workspace, day: dt.date, within: int = 0
) -> list[tuple[int, rhythm.Standing]]:
    """(person id, standing) of everyone due by ``day`` + ``within``, most overdue first.

    Works on plain values, not model instances: it looks at every person with a rhythm,
    tens of thousands in a large network."""
    rules = tag_rules(workspace)
    tagged = _tags_by_person(workspace, rules)
    qs = Person.objects.filter(workspace=workspace)
    if not tagged:
        qs = qs.exclude(closeness__isnull=True, keep_in_touch_days__isnull=True)
    horizon = day + dt.timedelta(days=within)
    found = []
    for pk, closeness, override, last, snoozed, created, key in qs.values_list(
        *_STANDING_FIELDS
    ).iterator(chunk_size=5000):
        st = _standing(rules, tagged.get(pk, []), closeness, override, last, snoozed, created)
        if st.due_on is not None and st.due_on <= horizon and not st.is_snoozed(day):
            found.append((-st.days_overdue(day), key, pk, st))
    found.sort(key=lambda row: row[:3])
    return [(pk, st) for _, _, pk, st in found]


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
    standings = due_standings(workspace, day, within)[:limit]
    persons = Person.objects.select_related("organisation").in_bulk([pk for pk, _ in standings])
    return [DueItem(persons[pk], st, st.days_overdue(day)) for pk, st in standings]


def dormant(workspace: Workspace, day: dt.date | None = None) -> list[Person]:
    """Ties silent three years or more that were once close or frequent, not snoozed."""
    day = day or today()
    cutoff = timezone.make_aware(
        dt.datetime.combine(day - dt.timedelta(days=rhythm.DORMANT_AFTER_DAYS), dt.time.max)
    )
    qs = (
        Person.objects.filter(workspace=workspace, last_contact_at__lte=cutoff)
        .exclude(keep_in_touch_days=0)
        .select_related("organisation")
        .order_by("closeness", "-interaction_count", "sort_key_en")
    )
    out = []
    for person in qs.iterator(chunk_size=2000):
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


def birthdays(
    workspace: Workspace, day: dt.date | None = None, within: int = BIRTHDAY_DAYS
) -> list[tuple[Person, dt.date]]:
    day = day or today()
    soon = []
    for pk, born in Person.objects.filter(workspace=workspace, birthday__isnull=False).values_list(
        "pk", "birthday"
    ):
        if born is None:
            continue
        when = rhythm.next_birthday(born, day)
        if (when - day).days <= within:
            soon.append((pk, when))
    persons = Person.objects.in_bulk([pk for pk, _ in soon])
    out = [(persons[pk], when) for pk, when in soon]
    out.sort(key=lambda item: (item[1], item[0].sort_key_en))
    return out


def today_list(workspace: Workspace, day: dt.date | None = None) -> Today:
    day = day or today()
    standings = due_standings(workspace, day)
    due_ids = {pk for pk, _ in standings}
    persons = Person.objects.select_related("organisation").in_bulk(
        [pk for pk, _ in standings[:DUE_SHOWN]]
    )
    return Today(
        day=day,
        due=[DueItem(persons[pk], st, st.days_overdue(day)) for pk, st in standings[:DUE_SHOWN]],
        due_total=len(standings),
        dormant=[p for p in dormant(workspace, day) if p.pk not in due_ids],
        meetings_to_review=meetings.to_review(workspace),
        follow_ups=follow_ups(workspace, day),
        birthdays=birthdays(workspace, day),
        upcoming=meetings.upcoming(workspace),
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
    names = dict(
        Person.objects.filter(pk__in=[pk for pk, _ in standings]).values_list("pk", "display_name")
    )
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
    total = len(due_standings(workspace, day, within=6))
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
