"""Small builders shared by the outreach tests."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

from netkort.services.people import PersonFields, add_person, refresh_contact_stats
from netkort.store.models import Goal, Interaction, InteractionPerson, Person, Workspace


def person(workspace: Workspace, name: str, **fields: object) -> Person:
    return add_person(workspace, PersonFields(display_name=name, **fields))  # type: ignore[arg-type]


def goal(workspace: Workspace, title: str = "A job in renewable energy") -> Goal:
    return Goal.objects.create(workspace=workspace, kind="job", title=title, is_active=True)


def contact_on(workspace: Workspace, who: Person, on: date, channel: str = "phone") -> None:
    """A contact on a local date, written straight to the log (as an import would)."""
    interaction = Interaction.objects.create(
        workspace=workspace,
        occurred_at=timezone.make_aware(datetime.combine(on, time(12))),
        channel=channel,
    )
    InteractionPerson.objects.create(workspace=workspace, interaction=interaction, person=who)
    refresh_contact_stats(workspace, [who.pk])
    who.refresh_from_db()


def added_on(who: Person, on: date) -> None:
    Person.objects.filter(pk=who.pk).update(
        created_at=timezone.make_aware(datetime.combine(on, time(12)))
    )
    who.refresh_from_db()
