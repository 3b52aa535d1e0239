"""Proposing a meeting: a planned contact, an .ics invitation, and afterwards how it went."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import icalendar
import pytest
from django.utils import timezone

from netkort.services import meetings, outreach
from netkort.services.errors import UserError
from netkort.services.meetings import Proposal, Review
from netkort.store.models import Favour, Interaction, Workspace
from outreach_helpers import goal, person


def proposal(days: int = 3, **kw: object) -> Proposal:
    fields: dict[str, object] = {
        "on": timezone.localdate() + timedelta(days=days),
        "at": time(9, 30),
        "minutes": 20,
        "platform": "zoom",
        "link": "https://zoom.us/j/123",
        **kw,
    }
    return Proposal(**fields)  # type: ignore[arg-type]


def test_a_proposal_books_a_planned_meeting_and_moves_the_pipeline(workspace: Workspace) -> None:
    g = goal(workspace)
    anna = person(workspace, "Anna Holm")
    meeting = meetings.propose(workspace, anna, proposal())
    assert meeting.is_planned and meeting.channel == "virtual_coffee"
    assert meeting.duration_minutes == 20 and meeting.link == "https://zoom.us/j/123"
    assert "Zoom" in meeting.summary
    assert outreach.assessment_of(workspace, anna, g).status == "meeting_booked"  # type: ignore[union-attr]
    anna.refresh_from_db()
    assert anna.interaction_count == 0  # planned, not yet held


def test_phone_and_in_person_meetings_keep_their_channel(workspace: Workspace) -> None:
    anna = person(workspace, "Anna Holm")
    assert meetings.propose(workspace, anna, proposal(platform="phone", link="")).channel == "phone"
    assert (
        meetings.propose(workspace, anna, proposal(platform="in_person", link="")).channel
        == "meeting"
    )


def test_the_invitation_is_valid_icalendar_at_the_local_time(workspace: Workspace) -> None:
    anna = person(workspace, "Anna Holm")
    meeting = meetings.propose(workspace, anna, proposal(days=200))
    calendar = icalendar.Calendar.from_ical(meetings.invitation(workspace, meeting))
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    start = events[0].decoded("dtstart")
    end = events[0].decoded("dtend")
    assert timezone.localtime(start).time() == time(9, 30)
    assert end - start == timedelta(minutes=20)
    assert "Anna Holm" in str(events[0]["summary"])
    assert "https://zoom.us/j/123" in str(events[0]["description"])
    assert str(events[0]["uid"]) == meetings.meeting_uid(workspace, meeting)


def test_it_refuses_a_bad_link_or_length(workspace: Workspace) -> None:
    anna = person(workspace, "Anna Holm")
    with pytest.raises(UserError, match="https"):
        meetings.propose(workspace, anna, proposal(link="zoom.us/j/1"))
    with pytest.raises(UserError):
        meetings.propose(workspace, anna, proposal(minutes=1000))
    with pytest.raises(UserError):
        meetings.propose(workspace, anna, proposal(platform="carrier-pigeon"))
    assert Interaction.objects.count() == 0


def _in_the_past(meeting: Interaction) -> None:
    meeting.occurred_at = datetime.now(UTC) - timedelta(hours=2)
    meeting.save()


def test_after_the_date_it_asks_how_it_went_and_records_the_answer(workspace: Workspace) -> None:
    g = goal(workspace)
    anna = person(workspace, "Anna Holm")
    meeting = meetings.propose(workspace, anna, proposal())
    assert meetings.to_review(workspace) == []
    _in_the_past(meeting)
    assert meetings.to_review(workspace) == [meeting]
    meetings.review(
        workspace,
        meeting,
        Review(
            outcome="informed",
            notes="Told me about the team",
            favour_direction="received",
            favour_kind="knowledge",
        ),
    )
    meeting.refresh_from_db()
    assert not meeting.is_planned
    assert "Told me about the team" in meeting.summary
    anna.refresh_from_db()
    assert anna.interaction_count == 1 and anna.last_contact_at == meeting.occurred_at
    card = outreach.assessment_of(workspace, anna, g)
    assert card is not None and (card.status, card.outcome) == ("met", "informed")
    favour = Favour.objects.get(person=anna)
    assert (favour.direction, favour.kind) == ("received", "knowledge")
    assert meetings.to_review(workspace) == []


def test_a_follow_up_moves_the_card_to_follow_up_with_its_date(workspace: Workspace) -> None:
    g = goal(workspace)
    anna = person(workspace, "Anna Holm")
    meeting = meetings.propose(workspace, anna, proposal())
    _in_the_past(meeting)
    on = timezone.localdate() + timedelta(days=5)
    meetings.review(workspace, meeting, Review(follow_up="Send the CV", follow_up_on=on))
    card = outreach.assessment_of(workspace, anna, g)
    assert card is not None
    assert (card.status, card.next_step, card.next_step_date) == ("follow_up", "Send the CV", on)
    assert [m.to_status for m in outreach.history(card)] == ["meeting_booked", "met", "follow_up"]


def test_a_meeting_that_did_not_happen_is_removed(workspace: Workspace) -> None:
    anna = person(workspace, "Anna Holm")
    meeting = meetings.propose(workspace, anna, proposal())
    _in_the_past(meeting)
    meetings.review(workspace, meeting, Review(held=False))
    assert not Interaction.objects.filter(pk=meeting.pk).exists()


def test_a_favour_needs_both_its_direction_and_its_kind(workspace: Workspace) -> None:
    anna = person(workspace, "Anna Holm")
    meeting = meetings.propose(workspace, anna, proposal())
    with pytest.raises(UserError):
        meetings.review(workspace, meeting, Review(favour_kind="advice"))
    meeting.refresh_from_db()
    assert meeting.is_planned
