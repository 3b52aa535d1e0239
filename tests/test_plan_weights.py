"""The action list's weights: seen with their defaults, changed, checked, reset; coaches
who may only read see them and change nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation

from clients import client_for
from netkort.domain.ranking import DEFAULT_WEIGHTS
from netkort.services import plan
from netkort.services.organisations import OrganisationBook
from netkort.services.people import PersonFields, add_person
from netkort.store.models import Goal, GoalOrganisation, Workspace, WorkspaceGrant

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def url(workspace: Workspace, name: str) -> str:
    return reverse(f"netkort:{name}", kwargs={"ws": workspace.uid})


@pytest.fixture
def goal(workspace: Workspace) -> Goal:
    """Ørsted is the target: one person works there; a close friend does not."""
    add_person(workspace, PersonFields(display_name="Insider", organisation="Ørsted"))
    add_person(workspace, PersonFields(display_name="Close friend", organisation="Fjordbank",
                                       closeness=1))  # fmt: skip
    goal = Goal.objects.create(workspace=workspace, kind="job", title="Ørsted", is_active=True)
    org = OrganisationBook(workspace).get("Ørsted")
    assert org is not None
    GoalOrganisation.objects.create(workspace=workspace, goal=goal, organisation=org)
    return goal


def form(**changes: str) -> dict[str, str]:
    data = {key: str(value) for key, value in DEFAULT_WEIGHTS.items()}
    return {**data, **changes}


def order(workspace: Workspace, goal: Goal) -> list[str]:
    workspace.refresh_from_db()
    return [r.display_name for r in plan.plan_for(workspace, goal).rows]


def test_the_owner_sees_each_weight_with_its_explanation_and_default(
    alice: User, workspace: Workspace, goal: Goal
) -> None:
    html = client_for(alice).get(url(workspace, "plan")).content.decode()
    for key in DEFAULT_WEIGHTS:
        assert f'name="{key}"' in html
    assert "Places re-ranked for variety" in html
    assert 'name="mutual_peak" value="10" min="1" max="200"' in html
    assert "Back to the defaults" not in html  # nothing changed yet


def test_saving_weights_changes_the_ranking_at_once(
    alice: User, workspace: Workspace, goal: Goal
) -> None:
    assert order(workspace, goal) == ["Insider", "Close friend"]
    client = client_for(alice)
    answer = client.post(
        url(workspace, "plan-weights"),
        form(relevance="0", willingness="1", access="1", gate_floor="1", goal=str(goal.pk)),
    )
    assert answer.status_code == 302
    assert answer["Location"].endswith(f"?goal={goal.pk}#weights")
    workspace.refresh_from_db()
    assert workspace.settings["ranking_weights"] == {
        "relevance": 0.0, "willingness": 1.0, "access": 1.0, "gate_floor": 1.0,
    }  # fmt: skip
    assert order(workspace, goal) == ["Close friend", "Insider"]
    page = client.get(url(workspace, "plan")).content.decode()
    assert "The weights are saved" in page and "Back to the defaults" in page
    assert 'name="relevance" value="0"' in page


def test_a_decimal_comma_is_read_and_a_default_is_not_stored(
    alice: User, workspace: Workspace, goal: Goal
) -> None:
    client_for(alice).post(url(workspace, "plan-weights"), form(novelty="0,25", dormant="0.1"))
    workspace.refresh_from_db()
    assert workspace.settings["ranking_weights"] == {"novelty": 0.25}


def test_invalid_weights_are_named_and_nothing_is_saved(
    alice: User, workspace: Workspace, goal: Goal
) -> None:
    client = client_for(alice)
    client.post(url(workspace, "plan-weights"), form(novelty="0.3"))
    answer = client.post(
        url(workspace, "plan-weights"),
        form(relevance="lots", gate_floor="2", diversify_top="3.5", mutual_peak="", novelty="0.9"),
    )
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "Nothing was saved" in html
    assert "Relevance: “lots” is not a number from 0 to 1." in html
    assert "Share for people outside the goal: “2” is not a number from 0 to 1." in html
    assert "Places re-ranked for variety: “3.5” is not a whole number." in html
    assert "Most useful number of mutual connections: give a number from 1 to 200." in html
    assert 'name="relevance" value="lots"' in html and 'aria-invalid="true"' in html
    workspace.refresh_from_db()
    assert workspace.settings["ranking_weights"] == {"novelty": 0.3}


def test_reset_brings_back_the_defaults(alice: User, workspace: Workspace, goal: Goal) -> None:
    client = client_for(alice)
    client.post(url(workspace, "plan-weights"), form(relevance="0.1"))
    answer = client.post(url(workspace, "plan-weights"), {"reset": "1"})
    assert answer.status_code == 302
    workspace.refresh_from_db()
    assert "ranking_weights" not in workspace.settings
    assert plan.weights_of(workspace) == DEFAULT_WEIGHTS


def test_weights_out_of_range_in_the_settings_fall_back_to_the_defaults(
    workspace: Workspace,
) -> None:
    workspace.settings["ranking_weights"] = {"relevance": 7, "gate_floor": True, "novelty": 0.2}
    used = plan.weights_of(workspace)
    assert (used["relevance"], used["gate_floor"], used["novelty"]) == (0.45, 0.3, 0.2)


@pytest.mark.usefixtures("server_mode")
def test_a_coach_who_may_only_read_sees_the_weights_and_cannot_change_them(
    bob: User, workspace: Workspace, goal: Goal, grant: WorkspaceGrant
) -> None:
    client = client_for(bob)
    html = client.get(url(workspace, "plan")).content.decode()
    assert "Places re-ranked for variety" in html and 'name="relevance"' not in html
    assert "Save the weights" not in html
    assert client.post(url(workspace, "plan-weights"), form(relevance="0")).status_code == 404
    assert client.post(url(workspace, "plan-weights"), {"reset": "1"}).status_code == 404
    workspace.refresh_from_db()
    assert "ranking_weights" not in workspace.settings
    grant.level = "edit"
    grant.save()
    assert client.post(url(workspace, "plan-weights"), form(relevance="0")).status_code == 302
