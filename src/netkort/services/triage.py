"""Judging persons against a goal, one at a time, in the order the rules suggest.

Where the user left off lives in ``Workspace.settings["triage"][goal id]`` (the persons
skipped for now); a person is judged once their assessment has ``judged_at``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netkort.domain import triage
from netkort.domain.triage import ReasonKind, Role
from netkort.services.errors import NotFound, UserError
from netkort.store.models import (
    Assessment,
    Goal,
    Interaction,
    Organisation,
    Person,
    Profile,
    ProfilePosition,
    Workspace,
)

SETTINGS_KEY = "triage"


def criteria_of(goal: Goal) -> triage.GoalCriteria:
    orgs = Organisation.objects.filter(goalorganisation__goal=goal).values_list("pk", "name")
    return triage.GoalCriteria(
        organisations=dict(orgs),
        roles=tuple(goal.roles),
        industries=tuple(goal.industries),
        places=tuple(goal.places),
        keywords=tuple(goal.keywords),
    )


def _candidates(
    workspace: Workspace,
    language: str,
    exclude: Iterable[int],
    organisations: list[int] | None = None,
) -> list[triage.Candidate]:
    qs = Person.objects.filter(workspace=workspace)
    if organisations is not None:
        qs = qs.filter(organisation_id__in=organisations)
    rows = qs.exclude(pk__in=list(exclude)).values(
        "pk",
        "organisation_id",
        "organisation__industry",
        "title",
        "industry",
        "location",
        "notes",
        "closeness",
        "is_super_connector",
        "sort_key_en" if language == "en" else "sort_key_da",
    )
    key = "sort_key_en" if language == "en" else "sort_key_da"
    return [
        triage.Candidate(
            id=r["pk"],
            organisation_id=r["organisation_id"],
            title=r["title"],
            industry=r["industry"] or r["organisation__industry"] or "",
            location=r["location"],
            text=r["notes"],
            closeness=r["closeness"],
            super_connector=r["is_super_connector"],
            sort_key=r[key],
        )
        for r in rows
    ]


def judged_ids(goal: Goal) -> set[int]:
    return set(
        Assessment.objects.filter(goal=goal, judged_at__isnull=False).values_list(
            "person_id", flat=True
        )
    )


def _state(workspace: Workspace, goal: Goal) -> dict[str, Any]:
    everything: dict[str, Any] = workspace.settings.setdefault(SETTINGS_KEY, {})
    state: dict[str, Any] = everything.setdefault(str(goal.pk), {"skipped": []})
    return state


def skipped_ids(workspace: Workspace, goal: Goal) -> list[int]:
    return list(_state(workspace, goal)["skipped"])


@dataclass(frozen=True, slots=True)
class Progress:
    judged: int
    total: int
    skipped: int

    @property
    def percent(self) -> int:
        return round(100 * self.judged / self.total) if self.total else 100


def progress(workspace: Workspace, goal: Goal) -> Progress:
    total = Person.objects.filter(workspace=workspace).count()
    judged = Assessment.objects.filter(goal=goal, judged_at__isnull=False).count()
    return Progress(judged, total, len(skipped_ids(workspace, goal)))


def next_suggestion(workspace: Workspace, goal: Goal, language: str) -> triage.Suggestion | None:
    """The next person to judge: the first in the rules' order not judged nor skipped."""
    done = judged_ids(goal) | set(skipped_ids(workspace, goal))
    criteria = criteria_of(goal)
    # Persons at a target organisation come first: while some are left, only they count.
    at_targets = _candidates(workspace, language, done, list(criteria.organisations))
    ranked = triage.order(at_targets or _candidates(workspace, language, done), criteria)
    return ranked[0] if ranked else None


def suggestion_for(workspace: Workspace, goal: Goal, person: Person) -> triage.Suggestion:
    found = [c for c in _candidates(workspace, "da", []) if c.id == person.pk]
    return triage.suggest(found[0], criteria_of(goal))


def reason_text(reason: triage.Reason) -> str:
    """The suggestion's reason in plain words in the current language."""
    texts = {
        ReasonKind.TARGET_ORGANISATION: _("works at %(value)s — one of your target organisations"),
        ReasonKind.TARGET_ROLE: _("works as %(value)s — one of the roles you aim at"),
        ReasonKind.TARGET_INDUSTRY: _("works in %(value)s — one of your target industries"),
        ReasonKind.TARGET_PLACE: _("is based in %(value)s — one of your places"),
        ReasonKind.KEYWORD: _("mentions “%(value)s” — one of your keywords"),
        ReasonKind.CLOSE: _("close to you — close people often open doors"),
        ReasonKind.NONE: "",
    }
    return texts[reason.kind] % {"value": reason.value} if reason.value else texts[reason.kind]


def shared_organisations(workspace: Workspace, person: Person) -> list[ProfilePosition]:
    """My positions at the organisation where the person works."""
    if person.organisation_id is None:
        return []
    profile = Profile.objects.filter(workspace=workspace).first()
    if profile is None:
        return []
    return list(
        ProfilePosition.objects.filter(profile=profile, organisation_id=person.organisation_id)
    )


def recent_contacts(person: Person, limit: int = 3) -> list[Interaction]:
    """The latest contact with the person, for the triage card's history."""
    found = Interaction.objects.filter(persons=person, is_planned=False)
    return list(found.order_by("-occurred_at")[:limit])


def assessment_of(goal: Goal, person: Person) -> Assessment | None:
    return Assessment.objects.filter(goal=goal, person=person).first()


@dataclass(frozen=True, slots=True)
class Judgement:
    roles: frozenset[Role]
    closeness: int | None = None  # None leaves it as it is
    super_connector: bool | None = None
    note: str | None = None


def _check_goal(workspace: Workspace, goal: Goal, person: Person) -> None:
    if goal.workspace_id != workspace.pk or person.workspace_id != workspace.pk:
        raise NotFound("no such goal or person")
    if goal.archived_at is not None:
        raise UserError(_("The goal “%(title)s” is archived.") % {"title": goal.title})


@transaction.atomic
def judge(workspace: Workspace, goal: Goal, person: Person, judgement: Judgement) -> Assessment:
    """Record the person's roles for the goal, and closeness, super-connector and a note."""
    _check_goal(workspace, goal, person)
    if judgement.closeness is not None and not 1 <= judgement.closeness <= 5:
        raise UserError(_("Closeness goes from 1 (inner circle) to 5 (distant)."))
    assessment, _created = Assessment.objects.get_or_create(
        workspace=workspace, goal=goal, person=person
    )
    assessment.is_information = Role.INFORMATION in judgement.roles
    assessment.is_intermediary = Role.INTERMEDIARY in judgement.roles
    assessment.is_direct_access = Role.DIRECT_ACCESS in judgement.roles
    assessment.judged_at = timezone.now()
    if judgement.note is not None:
        assessment.notes = judgement.note.strip()
    assessment.save()
    _update_person(person, judgement)
    state = _state(workspace, goal)
    if person.pk in state["skipped"]:
        state["skipped"].remove(person.pk)
        workspace.save(update_fields=["settings"])
    return assessment


def _update_person(person: Person, judgement: Judgement) -> None:
    changed = []
    if judgement.closeness is not None and judgement.closeness != person.closeness:
        person.closeness = judgement.closeness
        changed.append("closeness")
    sc = judgement.super_connector
    if sc is not None and sc != person.is_super_connector:
        person.is_super_connector = sc
        changed.append("is_super_connector")
    for name in changed:
        person.provenance[name] = {"source": "user", "user": True}
    if changed:
        person.save(update_fields=[*changed, "provenance", "updated_at"])


def skip(workspace: Workspace, goal: Goal, person: Person) -> None:
    """Leave the person for later: they come back once everyone else is judged."""
    state = _state(workspace, goal)
    if person.pk not in state["skipped"]:
        state["skipped"].append(person.pk)
        workspace.save(update_fields=["settings"])


def revisit_skipped(workspace: Workspace, goal: Goal) -> None:
    _state(workspace, goal)["skipped"] = []
    workspace.save(update_fields=["settings"])


def roles_of(assessment: Assessment | None) -> frozenset[Role]:
    if assessment is None:
        return frozenset()
    flags = (
        (Role.INFORMATION, assessment.is_information),
        (Role.INTERMEDIARY, assessment.is_intermediary),
        (Role.DIRECT_ACCESS, assessment.is_direct_access),
    )
    return frozenset(role for role, on in flags if on)


def parse_roles(text: str) -> frozenset[Role]:
    """Roles written as ``information,intermediary`` (``none`` or nothing for none)."""
    names = [w.strip().replace("-", "_") for w in text.split(",") if w.strip()]
    if names == ["none"]:
        return frozenset()
    try:
        return frozenset(Role(n) for n in names)
    except ValueError as exc:
        known = ", ".join(triage.ROLES)
        raise UserError(
            _("Unknown role in “%(roles)s”. Known roles: %(known)s, or none.")
            % {"roles": text, "known": known}
        ) from exc


def roles_for(goal: Goal | None, person_ids: list[int]) -> dict[int, list[Role]]:
    """Each judged person's roles for the goal, in the usual order, for a list page."""
    if goal is None:
        return {}
    found = Assessment.objects.filter(goal=goal, person_id__in=person_ids)
    return {a.person_id: [r for r in triage.ROLES if r in roles_of(a)] for a in found}
