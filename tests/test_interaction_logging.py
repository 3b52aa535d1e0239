"""Logging a contact: fast, dated in the user's zone, and it moves "last contact"."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from netkort.services import interactions
from netkort.services.errors import NotFound, UserError
from netkort.services.interactions import NewInteraction
from netkort.store.models import Workspace
from outreach_helpers import person


def test_it_logs_a_contact_and_updates_the_last_contact(workspace: Workspace) -> None:
    anna = person(workspace, "Anna Holm")
    day = timezone.localdate() - timedelta(days=2)
    logged = interactions.log_interaction(
        workspace, [anna], NewInteraction(channel="phone", on=day, note=" Coffee talk ")
    )
    assert logged.summary == "Coffee talk"
    assert anna.interaction_count == 1
    assert anna.last_contact_at is not None
    assert timezone.localdate(anna.last_contact_at) == day


def test_a_contact_is_dated_on_the_local_day_the_user_picked(workspace: Workspace) -> None:
    anna = person(workspace, "Anna Holm")
    day = date(2026, 3, 29)  # the spring clock change in Copenhagen
    logged = interactions.log_interaction(
        workspace, [anna], NewInteraction(channel="phone", on=day, at=time(0, 30))
    )
    assert timezone.localtime(logged.occurred_at).date() == day
    assert logged.occurred_at.utcoffset() is not None


def test_it_refuses_a_future_date_an_unknown_channel_and_no_person(workspace: Workspace) -> None:
    anna = person(workspace, "Anna Holm")
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(UserError, match="future"):
        interactions.log_interaction(workspace, [anna], NewInteraction("phone", on=tomorrow))
    with pytest.raises(UserError, match="not a channel"):
        interactions.log_interaction(workspace, [anna], NewInteraction("pigeon"))
    with pytest.raises(NotFound):
        interactions.log_interaction(workspace, [], NewInteraction("phone"))


def test_it_will_not_log_a_contact_with_someone_elses_person(
    workspace: Workspace, charlies_workspace: Workspace
) -> None:
    theirs = person(charlies_workspace, "Their Person")
    with pytest.raises(NotFound):
        interactions.log_interaction(workspace, [theirs], NewInteraction("phone"))


def test_it_finds_a_person_by_id_or_by_a_unique_name(workspace: Workspace) -> None:
    anna = person(workspace, "Anna Ærø")
    person(workspace, "Anne Holm")
    person(workspace, "Anne Berg")
    assert interactions.find_person(workspace, str(anna.pk)) == anna
    assert interactions.find_person(workspace, "anna aero") == anna
    with pytest.raises(UserError, match="several"):
        interactions.find_person(workspace, "anne")
    with pytest.raises(UserError, match="Nobody"):
        interactions.find_person(workspace, "zelda")
