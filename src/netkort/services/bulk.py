"""Changing many persons at once from a selection in the people list."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netkort.domain.triage import Role
from netkort.services.errors import UserError
from netkort.services.goals import active_goal
from netkort.store.models import (
    Assessment,
    Context,
    Person,
    PersonContext,
    PersonTag,
    Tag,
    Workspace,
)

ACTIONS = ("context", "tag", "closeness", "role")
NO_ROLE = "none"


@transaction.atomic
def apply(workspace: Workspace, person_ids: list[int], action: str, value: str) -> int:
    """Apply one action to the selected persons of the workspace; returns how many."""
    persons = list(Person.objects.filter(workspace=workspace, pk__in=person_ids))
    if not persons:
        raise UserError(_("Select one or more persons first."))
    value = value.strip()
    if action == "context":
        _set_context(workspace, persons, value)
    elif action == "tag":
        _add_tag(workspace, persons, value)
    elif action == "closeness":
        _set_closeness(persons, value)
    elif action == "role":
        _set_role(workspace, persons, value)
    else:
        raise UserError(_("Choose what to do with the selected persons."))
    return len(persons)


def _set_context(workspace: Workspace, persons: list[Person], value: str) -> None:
    context = Context.objects.filter(
        workspace=workspace, pk=value if value.isdigit() else 0
    ).first()
    if context is None:
        raise UserError(_("Choose a context."))
    have = set(
        PersonContext.objects.filter(context=context, person__in=persons).values_list(
            "person_id", flat=True
        )
    )
    PersonContext.objects.bulk_create(
        PersonContext(workspace=workspace, person=p, context=context)
        for p in persons
        if p.pk not in have
    )
    Person.objects.filter(pk__in=[p.pk for p in persons], primary_context=None).update(
        primary_context=context
    )


def _add_tag(workspace: Workspace, persons: list[Person], value: str) -> None:
    name = " ".join(value.split())
    if not name:
        raise UserError(_("Write the tag to add."))
    tag, _created = Tag.objects.get_or_create(workspace=workspace, name=name)
    have = set(PersonTag.objects.filter(tag=tag).values_list("person_id", flat=True))
    PersonTag.objects.bulk_create(
        PersonTag(workspace=workspace, person=p, tag=tag) for p in persons if p.pk not in have
    )


def _set_closeness(persons: list[Person], value: str) -> None:
    if value not in {"1", "2", "3", "4", "5"}:
        raise UserError(_("Closeness goes from 1 (inner circle) to 5 (distant)."))
    for person in persons:
        person.closeness = int(value)
        person.provenance["closeness"] = {"source": "user", "user": True}
    Person.objects.bulk_update(persons, ["closeness", "provenance"])


def _set_role(workspace: Workspace, persons: list[Person], value: str) -> None:
    """Give the role for the active goal (keeping the others), or clear all roles."""
    goal = active_goal(workspace)
    if goal is None:
        raise UserError(_("Set a goal first: roles are for a goal."))
    if value != NO_ROLE and value not in set(Role):
        raise UserError(_("Choose a role."))
    now = timezone.now()
    found = {a.person_id: a for a in Assessment.objects.filter(goal=goal, person__in=persons)}
    for person in persons:
        assessment = found.get(person.pk) or Assessment(
            workspace=workspace, goal=goal, person=person
        )
        if value == NO_ROLE:
            assessment.is_information = False
            assessment.is_intermediary = False
            assessment.is_direct_access = False
        else:
            setattr(assessment, f"is_{value}", True)
        assessment.judged_at = now
        assessment.save()
