"""The action list for a goal, and the user's corrections to it.

Pins and hides live in ``Workspace.settings["plan"][goal id]``; a score the user sets is
``Assessment.priority_override``; the roles judged for the goal come from the
assessments. Outcomes (reply, meeting, introduction, lead) are logged by the outreach
pipeline in ``Assessment.outcome``; they are kept there so the weights can be tuned later.
Weights are ``Workspace.settings["ranking_weights"]`` over ``ranking.DEFAULT_WEIGHTS``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from netkort.domain import ranking
from netkort.domain.names import fold
from netkort.services import analysis, explain
from netkort.services.errors import NotFound, UserError
from netkort.store.models import Assessment, Goal, GoalOrganisation, Person, Workspace

DEFAULT_TOP = 50
ROLE_FLAGS = {
    "information": "is_information",
    "intermediary": "is_intermediary",
    "direct_access": "is_direct_access",
}


@dataclass(frozen=True, slots=True)
class Row:
    person_id: int
    display_name: str
    score: float
    parts: dict[str, float]
    reasons: list[str]
    pinned: bool
    overridden: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id,
            "display_name": self.display_name,
            "score": self.score,
            "parts": self.parts,
            "reasons": self.reasons,
            "pinned": self.pinned,
            "overridden": self.overridden,
        }


@dataclass(frozen=True, slots=True)
class Plan:
    goal: Goal | None
    rows: list[Row]
    hidden: list[analysis.PersonRef]
    weights: dict[str, float]


def goal_for(workspace: Workspace, goal_id: int | None = None) -> Goal | None:
    """The given goal of the workspace, or the active one (None if there is none)."""
    goals = Goal.objects.filter(workspace=workspace)
    if goal_id is None:
        return goals.filter(is_active=True).first()
    goal = goals.filter(pk=goal_id).first()
    if goal is None:
        raise NotFound(_("There is no goal %(id)s in this network.") % {"id": goal_id})
    return goal


def goal_spec(goal: Goal) -> ranking.GoalSpec:
    labels: dict[str, str] = {}

    def folded(values: list[Any]) -> tuple[str, ...]:
        out = []
        for value in values:
            key = fold(str(value))
            if key:
                labels.setdefault(key, str(value))
                out.append(key)
        return tuple(out)

    targets = GoalOrganisation.objects.filter(goal=goal).values_list("organisation_id", flat=True)
    return ranking.GoalSpec(
        targets=frozenset(targets),
        roles=folded(goal.roles),
        industries=folded(goal.industries),
        places=folded(goal.places),
        keywords=folded(goal.keywords),
        labels=labels,
    )


def _state(workspace: Workspace, goal: Goal) -> dict[str, list[int]]:
    plans = workspace.settings.get("plan")
    state = plans.get(str(goal.pk)) if isinstance(plans, dict) else None
    if not isinstance(state, dict):
        return {"pinned": [], "hidden": []}
    return {
        k: [int(v) for v in state.get(k, []) if isinstance(v, int)] for k in ("pinned", "hidden")
    }


def overrides_for(workspace: Workspace, goal: Goal) -> ranking.Overrides:
    state = _state(workspace, goal)
    out = ranking.Overrides(pinned=state["pinned"], hidden=set(state["hidden"]))
    for row in Assessment.objects.filter(workspace=workspace, goal=goal).values(
        "person_id", "priority_override", *ROLE_FLAGS.values()
    ):
        if row["priority_override"] is not None:
            out.scores[row["person_id"]] = float(row["priority_override"])
        roles = {role for role, flag in ROLE_FLAGS.items() if row[flag]}
        if roles:
            out.judged[row["person_id"]] = roles
    return out


def weights_of(workspace: Workspace) -> dict[str, float]:
    wanted = workspace.settings.get("ranking_weights")
    return ranking.weights_from(wanted if isinstance(wanted, dict) else None)


@dataclass(frozen=True, slots=True)
class Weight:
    """One weight as the settings form shows it."""

    key: str
    label: str
    help: str
    default: float
    value: float
    low: float
    high: float
    whole: bool

    @property
    def changed(self) -> bool:
        return self.value != self.default

    @property
    def step(self) -> str:
        return "1" if self.whole else "0.01"


def _shown(value: float) -> float | int:
    return int(value) if value == int(value) else value


def weight_rows(workspace: Workspace) -> list[Weight]:
    """Every weight with its explanation, default, value in use and allowed range."""
    texts = explain.weight_texts()
    used = weights_of(workspace)
    rows = []
    for key, default in ranking.DEFAULT_WEIGHTS.items():
        low, high, whole = ranking.WEIGHT_LIMITS[key]
        label, help_text = texts.get(key, (key, ""))
        rows.append(
            Weight(key, label, help_text, _shown(default), _shown(used[key]), _shown(low),
                   _shown(high), whole)
        )  # fmt: skip
    return rows


class InvalidWeights(UserError):
    """Some weights were not valid; ``errors`` names each by its key."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(" ".join(errors.values()))
        self.errors = errors


def _parse_weight(key: str, raw: str, label: str) -> tuple[float | None, str]:
    low, high, whole = ranking.WEIGHT_LIMITS[key]
    text = raw.strip().replace(",", ".")
    values = {"name": label, "low": _shown(low), "high": _shown(high), "value": raw.strip()}
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not text:
        return None, _("%(name)s: give a number from %(low)s to %(high)s.") % values
    if whole and value == value and value != int(value):
        return None, _("%(name)s: “%(value)s” is not a whole number.") % values
    if not ranking.weight_allowed(key, value):
        return None, (_("%(name)s: “%(value)s” is not a number from %(low)s to %(high)s.") % values)
    return value, ""


@transaction.atomic
def save_weights(workspace: Workspace, raw: dict[str, str]) -> dict[str, float]:
    """Check and keep the weights the user typed (text, "," or "." as the decimal mark).

    Nothing is kept unless every weight is valid; the errors name each field. Weights equal
    to their default are not stored, so a later change of a default reaches them.
    """
    texts = explain.weight_texts()
    errors: dict[str, str] = {}
    chosen: dict[str, float] = {}
    for key in ranking.DEFAULT_WEIGHTS:
        value, problem = _parse_weight(key, raw.get(key, ""), texts.get(key, (key, ""))[0])
        if problem:
            errors[key] = problem
        elif value is not None and value != ranking.DEFAULT_WEIGHTS[key]:
            chosen[key] = value
    if errors:
        raise InvalidWeights(errors)
    _store_weights(workspace, chosen)
    return weights_of(workspace)


@transaction.atomic
def reset_weights(workspace: Workspace) -> None:
    """Back to the documented defaults."""
    _store_weights(workspace, {})


def _store_weights(workspace: Workspace, chosen: dict[str, float]) -> None:
    ws = Workspace.objects.select_for_update().get(pk=workspace.pk)
    if chosen:
        ws.settings["ranking_weights"] = chosen
    else:
        ws.settings.pop("ranking_weights", None)
    ws.save(update_fields=["settings"])
    # The ranking reads the weights from the workspace on every call; nothing computed
    # from them is cached, so the next plan uses them at once.
    workspace.settings = ws.settings


def plan_for(workspace: Workspace, goal: Goal | None, top: int = DEFAULT_TOP) -> Plan:
    """The ranked, explained list for the goal (empty without a goal)."""
    weights = weights_of(workspace)
    if goal is None:
        return Plan(None, [], [], weights)
    measures = analysis.measures(workspace)
    overrides = overrides_for(workspace, goal)
    ranked = ranking.rank(measures.candidates, goal_spec(goal), overrides, weights, top=top)
    rows = [
        Row(r.person_id, r.display_name, r.score, r.parts, explain.say_all(r.reasons),
            r.pinned, r.overridden)
        for r in ranked
    ]  # fmt: skip
    index = measures.candidates.index_of()
    names = measures.candidates.names
    hidden = [
        analysis.PersonRef(p, names[index[p]]) for p in sorted(overrides.hidden) if p in index
    ]
    return Plan(goal, rows, hidden, weights)


def _person(workspace: Workspace, person_id: int) -> Person:
    person = Person.objects.filter(workspace=workspace, pk=person_id).first()
    if person is None:
        raise NotFound(_("There is no person %(id)s in this network.") % {"id": person_id})
    return person


@transaction.atomic
def mark(workspace: Workspace, goal: Goal, person_id: int, action: str) -> None:
    """``pin``, ``unpin``, ``hide`` or ``unhide`` a person in the goal's list."""
    if goal.workspace_id != workspace.pk:
        raise NotFound("no such goal")
    _person(workspace, person_id)
    ws = Workspace.objects.select_for_update().get(pk=workspace.pk)
    plans = ws.settings.get("plan")
    plans = plans if isinstance(plans, dict) else {}
    state = _state(ws, goal)
    for key in ("pinned", "hidden"):
        state[key] = [p for p in state[key] if p != person_id]
    if action == "pin":
        state["pinned"].append(person_id)
    elif action == "hide":
        state["hidden"].append(person_id)
    elif action not in ("unpin", "unhide"):
        raise UserError(_("Unknown action “%(action)s”.") % {"action": action})
    plans[str(goal.pk)] = state
    ws.settings["plan"] = plans
    ws.save(update_fields=["settings"])
    workspace.settings = ws.settings


@transaction.atomic
def set_score(workspace: Workspace, goal: Goal, person_id: int, score: int | None) -> None:
    """The user's own score 0…100 for a person and goal (None: back to the computed one)."""
    if goal.workspace_id != workspace.pk:
        raise NotFound("no such goal")
    person = _person(workspace, person_id)
    if score is not None and not 0 <= score <= 100:
        raise UserError(_("A score is a number from 0 to 100."))
    assessment, _created = Assessment.objects.get_or_create(
        workspace=workspace, person=person, goal=goal
    )
    assessment.priority_override = score
    assessment.save(update_fields=["priority_override"])


def outcomes(workspace: Workspace, goal: Goal) -> dict[str, int]:
    """How many outcomes of each kind were logged for the goal (for calibration)."""
    counts: dict[str, int] = {}
    for outcome in (
        Assessment.objects.filter(workspace=workspace, goal=goal)
        .exclude(outcome="")
        .values_list("outcome", flat=True)
    ):
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts
