"""Goals: what the user wants from the network now. One goal is active at a time."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from netkort.domain.records import GoalKind
from netkort.services.errors import NotFound, UserError
from netkort.services.organisations import OrganisationBook
from netkort.store.models import Goal, GoalOrganisation, Organisation, Workspace


@dataclass(slots=True)
class GoalFields:
    """What a user types about a goal."""

    title: str
    kind: str = GoalKind.JOB.value
    description: str = ""
    target_organisations: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    industries: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    deadline: date | None = None


def _clean_list(items: list[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        value = " ".join(item.split())
        if value and value.casefold() not in (o.casefold() for o in out):
            out.append(value)
    return out


def _check(fields: GoalFields) -> None:
    if not fields.title.strip():
        raise UserError(_("A goal needs a title."))
    if fields.kind not in set(GoalKind):
        known = ", ".join(GoalKind)
        raise UserError(
            _("There is no goal kind “%(kind)s”. Known kinds: %(known)s.")
            % {"kind": fields.kind, "known": known}
        )


def _apply(workspace: Workspace, goal: Goal, fields: GoalFields) -> None:
    _check(fields)
    goal.title = " ".join(fields.title.split())
    goal.kind = fields.kind
    goal.description = fields.description.strip()
    goal.roles = _clean_list(fields.roles)
    goal.industries = _clean_list(fields.industries)
    goal.places = _clean_list(fields.places)
    goal.keywords = _clean_list(fields.keywords)
    goal.deadline = fields.deadline
    goal.save()
    book = OrganisationBook(workspace)
    orgs = {o.pk: o for o in (book.get(n) for n in fields.target_organisations) if o}
    GoalOrganisation.objects.filter(goal=goal).exclude(organisation_id__in=orgs).delete()
    have = set(GoalOrganisation.objects.filter(goal=goal).values_list("organisation_id", flat=True))
    GoalOrganisation.objects.bulk_create(
        GoalOrganisation(workspace=workspace, goal=goal, organisation=o)
        for pk, o in orgs.items()
        if pk not in have
    )


@transaction.atomic
def create_goal(workspace: Workspace, fields: GoalFields, *, activate: bool = False) -> Goal:
    """A new goal; it becomes the active one when asked to or when no goal is active."""
    goal = Goal(workspace=workspace)
    _apply(workspace, goal, fields)
    if activate or active_goal(workspace) is None:
        activate_goal(workspace, goal)
    return goal


@transaction.atomic
def update_goal(workspace: Workspace, goal: Goal, fields: GoalFields) -> Goal:
    if goal.workspace_id != workspace.pk:
        raise NotFound("no such goal")
    _apply(workspace, goal, fields)
    return goal


@transaction.atomic
def activate_goal(workspace: Workspace, goal: Goal) -> Goal:
    """Make ``goal`` the active one (taking it out of the archive); the others rest."""
    if goal.workspace_id != workspace.pk:
        raise NotFound("no such goal")
    # The partial unique index allows one active goal: clear the old one first.
    Goal.objects.filter(workspace=workspace, is_active=True).exclude(pk=goal.pk).update(
        is_active=False
    )
    goal.is_active = True
    goal.archived_at = None
    goal.save(update_fields=["is_active", "archived_at"])
    return goal


@transaction.atomic
def archive_goal(workspace: Workspace, goal: Goal) -> Goal:
    """Put the goal away; an archived goal is never the active one."""
    if goal.workspace_id != workspace.pk:
        raise NotFound("no such goal")
    goal.is_active = False
    goal.archived_at = goal.archived_at or timezone.now()
    goal.save(update_fields=["is_active", "archived_at"])
    return goal


def active_goal(workspace: Workspace) -> Goal | None:
    return Goal.objects.filter(workspace=workspace, is_active=True).first()


def goals_of(workspace: Workspace, *, archived: bool = False) -> QuerySet[Goal]:
    """The goals, the active one first, then the newest; archived ones only when asked."""
    qs = Goal.objects.filter(workspace=workspace)
    if not archived:
        qs = qs.filter(archived_at__isnull=True)
    judged = Count("assessments", filter=Q(assessments__judged_at__isnull=False))
    return qs.annotate(judged=judged).order_by("-is_active", "archived_at", "-created_at", "-id")


def get_goal(workspace: Workspace, pk: int | str) -> Goal:
    try:
        return Goal.objects.get(workspace=workspace, pk=int(pk))
    except (Goal.DoesNotExist, ValueError) as exc:
        raise NotFound(_("There is no goal %(id)s.") % {"id": pk}) from exc


def target_organisations(goal: Goal) -> list[Organisation]:
    return list(
        Organisation.objects.filter(goalorganisation__goal=goal).order_by("name_folded", "id")
    )


def fields_of(goal: Goal) -> GoalFields:
    return GoalFields(
        title=goal.title,
        kind=goal.kind,
        description=goal.description,
        target_organisations=[o.name for o in target_organisations(goal)],
        roles=list(goal.roles),
        industries=list(goal.industries),
        places=list(goal.places),
        keywords=list(goal.keywords),
        deadline=goal.deadline,
    )


def as_dict(goal: Goal) -> dict[str, Any]:
    """The JSON shape of a goal, used by ``goal list|show --json``."""
    return {
        "id": goal.pk,
        "kind": goal.kind,
        "title": goal.title,
        "description": goal.description,
        "target_organisations": [o.name for o in target_organisations(goal)],
        "roles": goal.roles,
        "industries": goal.industries,
        "places": goal.places,
        "keywords": goal.keywords,
        "deadline": goal.deadline.isoformat() if goal.deadline else None,
        "active": goal.is_active,
        "archived": goal.archived_at is not None,
    }
