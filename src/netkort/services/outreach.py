"""The outreach pipeline of a goal: where each person stands, every move dated."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netkort.services.errors import NotFound, UserError
from netkort.store import labels
from netkort.store.models import Assessment, Goal, Person, StatusChange, Workspace

STATUSES: tuple[str, ...] = tuple(labels.OUTREACH_STATUSES)
CLOSED = "closed"
COLUMN_LIMIT = 60


def active_goal(workspace: Workspace) -> Goal | None:
    return Goal.objects.filter(workspace=workspace, is_active=True).first()


def rank(status: str) -> int:
    return STATUSES.index(status)


def get_assessment(workspace: Workspace, pk: int) -> Assessment:
    try:
        return Assessment.objects.select_related("person", "goal").get(workspace=workspace, pk=pk)
    except Assessment.DoesNotExist as exc:
        raise NotFound(f"no assessment {pk}") from exc


def assessment_of(workspace: Workspace, person: Person, goal: Goal | None) -> Assessment | None:
    if goal is None:
        return None
    return Assessment.objects.filter(workspace=workspace, person=person, goal=goal).first()


def add_to_pipeline(workspace: Workspace, person: Person, goal: Goal) -> Assessment:
    """The person's place in the goal's pipeline, made "not contacted" when new."""
    if person.workspace_id != workspace.pk or goal.workspace_id != workspace.pk:
        raise NotFound("no such person or goal")
    assessment, _created = Assessment.objects.get_or_create(
        workspace=workspace, person=person, goal=goal
    )
    return assessment


@transaction.atomic
def move(workspace: Workspace, assessment: Assessment, to_status: str, outcome: str = "") -> bool:
    """Move to a status and date the move; False when it already stood there.

    Closing needs an outcome (given now or recorded before)."""
    if assessment.workspace_id != workspace.pk:
        raise NotFound("no such assessment")
    if to_status not in STATUSES:
        raise UserError(_("“%(status)s” is not a pipeline status.") % {"status": to_status})
    if outcome and outcome not in labels.OUTCOMES:
        raise UserError(_("“%(outcome)s” is not an outcome.") % {"outcome": outcome})
    if to_status == CLOSED and not (outcome or assessment.outcome):
        raise UserError(_("Say how it ended before you close it."))
    fields = []
    if outcome and outcome != assessment.outcome:
        assessment.outcome = outcome
        fields.append("outcome")
    if to_status == assessment.status:
        if fields:
            assessment.save(update_fields=fields)
        return False
    StatusChange.objects.create(
        workspace=workspace,
        assessment=assessment,
        from_status=assessment.status,
        to_status=to_status,
    )
    assessment.status = to_status
    assessment.save(update_fields=[*fields, "status"])
    return True


def step(workspace: Workspace, assessment: Assessment, by: int) -> bool:
    """One column forward (``by=1``) or back (``by=-1``); closing still needs an outcome."""
    target = rank(assessment.status) + by
    if not 0 <= target < len(STATUSES):
        return False
    return move(workspace, assessment, STATUSES[target])


def advance(workspace: Workspace, person: Person, to_status: str) -> Assessment | None:
    """Move the person forward in the active goal's pipeline, never back.

    Logging a sent message or booking a meeting calls this, so the board follows what
    the user did without their moving cards by hand. No active goal: nothing to move."""
    goal = active_goal(workspace)
    if goal is None:
        return None
    assessment = add_to_pipeline(workspace, person, goal)
    if assessment.status != CLOSED and rank(assessment.status) < rank(to_status):
        move(workspace, assessment, to_status)
    return assessment


def set_next_step(workspace: Workspace, assessment: Assessment, text: str, on: date | None) -> None:
    if assessment.workspace_id != workspace.pk:
        raise NotFound("no such assessment")
    assessment.next_step = text.strip()[:300]
    assessment.next_step_date = on
    assessment.save(update_fields=["next_step", "next_step_date"])


@dataclass(frozen=True, slots=True)
class Column:
    status: str
    label: str
    cards: list[Assessment]
    total: int


def board(workspace: Workspace, goal: Goal) -> list[Column]:
    """The goal's pipeline in columns, persons by name in each."""
    base = Assessment.objects.filter(workspace=workspace, goal=goal)
    columns = []
    for status in STATUSES:
        qs = base.filter(status=status).select_related("person", "person__organisation")
        qs = qs.order_by("person__sort_key_en", "id")
        columns.append(
            Column(
                status, str(labels.OUTREACH_STATUSES[status]), list(qs[:COLUMN_LIMIT]), qs.count()
            )
        )
    return columns


def history(assessment: Assessment) -> list[StatusChange]:
    return list(assessment.moves.order_by("at", "id"))


def moved_at(assessment: Assessment) -> date | None:
    """The local date of the latest move, for "in this column since"."""
    last = assessment.moves.order_by("-at", "-id").first()
    return timezone.localdate(last.at) if last else None
