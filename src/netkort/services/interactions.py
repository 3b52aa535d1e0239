"""Logging contact with persons: the fastest path from "we spoke" to a record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netkort.domain.names import fold
from netkort.services import search
from netkort.services.errors import NotFound, UserError
from netkort.services.people import refresh_contact_stats
from netkort.store import labels
from netkort.store.models import Interaction, InteractionPerson, Person, Workspace


@dataclass(frozen=True, slots=True)
class NewInteraction:
    channel: str
    on: date | None = None  # the user's local date; today when missing
    at: time | None = None  # the local time of day; noon when missing
    direction: str = "out"
    note: str = ""


def moment_of(on: date, at: time | None = None) -> datetime:
    """An aware moment for a local date (and time) in the user's time zone.

    Without a time, noon: it lies on the same calendar date in every European zone,
    so the date the user picked is the date they see."""
    return timezone.make_aware(datetime.combine(on, at or time(12, 0)))


def _check(entry: NewInteraction) -> None:
    if entry.channel not in labels.CHANNELS:
        known = ", ".join(labels.CHANNELS)
        raise UserError(
            _("“%(channel)s” is not a channel; choose one of %(known)s.")
            % {"channel": entry.channel, "known": known}
        )
    if entry.direction not in labels.DIRECTIONS:
        raise UserError(_("“%(direction)s” is not a direction.") % {"direction": entry.direction})
    if entry.on and entry.on > timezone.localdate():
        raise UserError(_("A contact that has happened cannot lie in the future."))


@transaction.atomic
def log_interaction(
    workspace: Workspace, persons: list[Person], entry: NewInteraction
) -> Interaction:
    """Record a contact that happened; each person's last contact moves with it."""
    _check(entry)
    if not persons or any(p.workspace_id != workspace.pk for p in persons):
        raise NotFound("no such person")
    interaction = Interaction.objects.create(
        workspace=workspace,
        occurred_at=moment_of(entry.on or timezone.localdate(), entry.at),
        channel=entry.channel,
        direction=entry.direction,
        summary=entry.note.strip(),
        source="user",
    )
    link_persons(workspace, interaction, persons)
    return interaction


def link_persons(workspace: Workspace, interaction: Interaction, persons: list[Person]) -> None:
    InteractionPerson.objects.bulk_create(
        InteractionPerson(workspace=workspace, interaction=interaction, person=p) for p in persons
    )
    # Any contact ends a snooze: the person is back on their rhythm from today.
    Person.objects.filter(pk__in=[p.pk for p in persons]).update(snoozed_until=None)
    refresh_contact_stats(workspace, [p.pk for p in persons])
    for person in persons:
        person.refresh_from_db(fields=["last_contact_at", "interaction_count", "snoozed_until"])


def find_person(workspace: Workspace, text: str) -> Person:
    """A person by id, or by a name that only one person matches (for the CLI)."""
    qs = Person.objects.filter(workspace=workspace)
    if text.strip().isdigit():
        found = qs.filter(pk=int(text)).first()
        if found:
            return found
    terms = fold(text).split()
    for term in terms:
        qs = qs.filter(search.contains(term))
    matches = list(qs.order_by("sort_key_en")[:6]) if terms else []
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise UserError(_("Nobody in your network matches “%(text)s”.") % {"text": text})
    names = "; ".join(f"{p.pk} {p.display_name}" for p in matches[:5])
    raise UserError(
        _("“%(text)s” matches several persons (%(names)s); give the id instead.")
        % {"text": text, "names": names}
    )
