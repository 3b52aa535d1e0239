"""Writing to a person: built-in or own templates, filled from what netkort knows."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from netkort.services import messages, outreach
from netkort.services.errors import UserError
from netkort.store.models import Profile, Tie, Workspace
from outreach_helpers import goal, person


def test_it_fills_a_message_from_the_person_the_goal_and_the_profile(workspace: Workspace) -> None:
    Profile.objects.filter(workspace=workspace).update(full_name="Mette Munk")
    goal(workspace, "a new job in energy")
    friends = workspace.contexts.get(key="former_colleagues")
    anna = person(
        workspace,
        "Anna Ærø",
        organisation="Nordlys Energi",
        emails=["anna@example.dk"],
        context_ids=[friends.pk],
    )
    mutual = person(workspace, "Bo Ek")
    Tie.objects.create(workspace=workspace, a=anna, b=mutual, source="typed")
    assert messages.acquaintances(workspace, anna) == [mutual]
    composed = messages.compose(workspace, anna, "reconnect", "en", mutual=mutual)
    body = composed.filled.body
    assert body.startswith("Hi Anna")
    assert "we used to work together" in body and "Nordlys Energi" in body
    assert "a new job in energy" in body and body.endswith("Mette Munk")
    assert composed.filled.missing == ()
    parts = urlsplit(composed.mailto)
    assert parts.scheme == "mailto" and parts.path == "anna@example.dk"
    assert parse_qs(parts.query)["body"][0] == body


def test_the_users_own_template_replaces_the_built_in_until_reset(workspace: Workspace) -> None:
    anna = person(workspace, "Anna Holm")
    messages.save_template(workspace, "thanks", "da", "Tak!", "Kære {first_name}, tak.")
    assert messages.compose(workspace, anna, "thanks", "da").filled.body == "Kære Anna, tak."
    assert messages.compose(workspace, anna, "thanks", "en").filled.body.startswith("Hi Anna")
    messages.reset_template(workspace, "thanks", "da")
    assert messages.compose(workspace, anna, "thanks", "da").filled.body.startswith("Hej Anna")


def test_it_refuses_a_template_with_a_placeholder_it_cannot_fill(workspace: Workspace) -> None:
    with pytest.raises(UserError, match="cannot fill"):
        messages.save_template(workspace, "thanks", "en", "", "Dear {nickname}")


def test_i_sent_it_logs_a_contact_and_moves_the_card_to_contacted(workspace: Workspace) -> None:
    g = goal(workspace)
    anna = person(workspace, "Anna Holm")
    messages.log_sent(workspace, anna, "email", "A short question")
    anna.refresh_from_db()
    assert anna.interaction_count == 1
    card = outreach.assessment_of(workspace, anna, g)
    assert card is not None and card.status == "contacted"
