"""The outreach pipeline of a goal: moves are dated, closing needs an outcome."""

from __future__ import annotations

from datetime import date

import pytest

from netkort.services import outreach
from netkort.services.errors import NotFound, UserError
from netkort.store.models import Goal, StatusChange, Workspace
from outreach_helpers import goal, person


def test_every_move_is_dated(workspace: Workspace) -> None:
    g = goal(workspace)
    anna = person(workspace, "Anna Holm")
    card = outreach.add_to_pipeline(workspace, anna, g)
    assert card.status == "not_contacted"
    assert outreach.step(workspace, card, 1)
    assert outreach.move(workspace, card, "meeting_booked")
    assert not outreach.move(workspace, card, "meeting_booked")
    moves = outreach.history(card)
    assert [(m.from_status, m.to_status) for m in moves] == [
        ("not_contacted", "planned"),
        ("planned", "meeting_booked"),
    ]
    assert all(m.at is not None for m in moves)


def test_closing_needs_an_outcome(workspace: Workspace) -> None:
    card = outreach.add_to_pipeline(workspace, person(workspace, "Bo"), goal(workspace))
    with pytest.raises(UserError, match="how it ended"):
        outreach.move(workspace, card, "closed")
    assert outreach.move(workspace, card, "closed", outcome="interview")
    card.refresh_from_db()
    assert (card.status, card.outcome) == ("closed", "interview")


def test_it_refuses_unknown_statuses_and_outcomes(workspace: Workspace) -> None:
    card = outreach.add_to_pipeline(workspace, person(workspace, "Bo"), goal(workspace))
    with pytest.raises(UserError):
        outreach.move(workspace, card, "won")
    with pytest.raises(UserError):
        outreach.move(workspace, card, "met", outcome="great")
    assert StatusChange.objects.count() == 0


def test_stepping_stops_at_the_ends(workspace: Workspace) -> None:
    card = outreach.add_to_pipeline(workspace, person(workspace, "Bo"), goal(workspace))
    assert not outreach.step(workspace, card, -1)
    outreach.move(workspace, card, "closed", outcome="helped")
    assert not outreach.step(workspace, card, 1)


def test_advance_moves_forward_only_and_only_with_an_active_goal(workspace: Workspace) -> None:
    anna = person(workspace, "Anna Holm")
    assert outreach.advance(workspace, anna, "contacted") is None
    g = goal(workspace)
    card = outreach.advance(workspace, anna, "met")
    assert card is not None and card.status == "met"
    card = outreach.advance(workspace, anna, "contacted")
    assert card is not None and card.status == "met"
    assert card.goal == g


def test_the_board_has_a_column_per_status(workspace: Workspace) -> None:
    g = goal(workspace)
    for name, status in (("Anna", "planned"), ("Bo", "planned"), ("Cy", "met")):
        outreach.move(
            workspace, outreach.add_to_pipeline(workspace, person(workspace, name), g), status
        )
    columns = outreach.board(workspace, g)
    assert [c.status for c in columns] == list(outreach.STATUSES)
    by_status = {c.status: [a.person.display_name for a in c.cards] for c in columns}
    assert by_status["planned"] == ["Anna", "Bo"]
    assert by_status["met"] == ["Cy"]
    assert columns[0].total == 0


def test_the_next_step_is_kept_with_its_date(workspace: Workspace) -> None:
    card = outreach.add_to_pipeline(workspace, person(workspace, "Bo"), goal(workspace))
    outreach.set_next_step(workspace, card, "  Send my CV  ", date(2026, 9, 1))
    card.refresh_from_db()
    assert (card.next_step, card.next_step_date) == ("Send my CV", date(2026, 9, 1))


def test_another_workspaces_goal_cannot_be_used(
    workspace: Workspace, charlies_workspace: Workspace
) -> None:
    theirs = Goal.objects.create(workspace=charlies_workspace, kind="job", title="x")
    with pytest.raises(NotFound):
        outreach.add_to_pipeline(workspace, person(workspace, "Bo"), theirs)
