"""The outreach pages: the owner uses them, a coach reads them, a stranger gets 404,
and the calendar feed answers only to its secret token."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import icalendar
import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from clients import client_for
from netkort.services import meetings, outreach
from netkort.services.meetings import Proposal
from netkort.store.models import (
    Assessment,
    Favour,
    Interaction,
    MessageTemplate,
    Person,
    Workspace,
    WorkspaceGrant,
)
from outreach_helpers import contact_on, goal, person


@pytest.fixture
def anna(workspace: Workspace) -> Person:
    return person(
        workspace, "Anna Ærø", closeness=1, emails=["anna@example.dk"], organisation="Nordlys"
    )


@pytest.fixture
def card(workspace: Workspace, anna: Person) -> Assessment:
    return outreach.add_to_pipeline(workspace, anna, goal(workspace))


@pytest.fixture
def meeting(workspace: Workspace, anna: Person) -> Interaction:
    on = timezone.localdate() + timedelta(days=2)
    return meetings.propose(workspace, anna, Proposal(on, time(10), 20, "teams", "https://t.ms/x"))


def url(name: str, workspace: Workspace, **kw: object) -> str:
    return reverse(f"netkort:{name}", kwargs={"ws": workspace.uid, **kw})


def read_pages(workspace: Workspace, anna: Person, meeting: Interaction) -> list[str]:
    return [
        url("today", workspace),
        url("pipeline", workspace),
        url("pipeline", workspace) + "?view=list",
        url("person", workspace, pk=anna.pk),
        url("compose", workspace, pk=anna.pk),
        url("meeting-propose", workspace, pk=anna.pk),
        url("meeting", workspace, pk=meeting.pk),
        url("invitation", workspace, pk=meeting.pk),
        url("templates", workspace),
        url("template", workspace, kind="thanks", language="da"),
    ]


def write_urls(
    workspace: Workspace, anna: Person, card: Assessment, meeting: Interaction
) -> list[str]:
    return [
        url("snooze", workspace, pk=anna.pk),
        url("keep-done", workspace, pk=anna.pk),
        url("feed-renew", workspace),
        url("rhythm-tag", workspace),
        url("contact-log", workspace, pk=anna.pk),
        url("favour-log", workspace, pk=anna.pk),
        url("rhythm", workspace, pk=anna.pk),
        url("compose", workspace, pk=anna.pk),
        url("introduce", workspace, pk=anna.pk),
        url("meeting-propose", workspace, pk=anna.pk),
        url("pipeline-add", workspace, pk=anna.pk),
        url("pipeline-move", workspace, pk=card.pk),
        url("pipeline-next", workspace, pk=card.pk),
        url("meeting", workspace, pk=meeting.pk),
        url("template", workspace, kind="thanks", language="en"),
    ]


EVERYTHING = {
    "days": "7",
    "channel": "phone",
    "contact-channel": "phone",
    "contact-direction": "out",
    "direction": "given",
    "kind": "advice",
    "tag": "mentor",
    "status": "met",
    "step": "1",
    "next_step": "Call",
    "subject": "Hello",
    "body": "Hi {first_name}",
    "other": "1",
    "on": (timezone.localdate() + timedelta(days=3)).isoformat(),
    "at": "10:00",
    "minutes": "20",
    "platform": "zoom",
    "held": "yes",
}


def snapshot(workspace: Workspace) -> tuple[object, ...]:
    workspace.refresh_from_db()
    return (
        Interaction.objects.count(),
        Favour.objects.count(),
        list(Assessment.objects.values_list("status", "next_step")),
        list(Person.objects.values_list("snoozed_until", "keep_in_touch_days")),
        MessageTemplate.objects.count(),
        workspace.feed_token,
        workspace.settings,
    )


def test_the_owner_sees_every_page(
    alice: User, workspace: Workspace, anna: Person, card: Assessment, meeting: Interaction
) -> None:
    client = client_for(alice)
    for page in read_pages(workspace, anna, meeting):
        assert client.get(page).status_code == 200, page


def test_the_navigation_and_overview_lead_to_today_and_the_pipeline(
    alice: User, workspace: Workspace, anna: Person
) -> None:
    home = client_for(alice).get(url("home", workspace)).content.decode()
    assert f'href="{url("today", workspace)}"' in home
    assert f'href="{url("pipeline", workspace)}"' in home


def test_a_stranger_gets_404_everywhere_and_changes_nothing(
    charlie: User,
    charlies_workspace: Workspace,
    workspace: Workspace,
    anna: Person,
    card: Assessment,
    meeting: Interaction,
) -> None:
    client = client_for(charlie)
    before = snapshot(workspace)
    for page in read_pages(workspace, anna, meeting) + write_urls(workspace, anna, card, meeting):
        assert client.get(page).status_code == 404, page
        assert client.post(page, EVERYTHING).status_code == 404, page
    assert snapshot(workspace) == before


def test_a_coach_reads_but_cannot_change_anything(
    bob: User,
    workspace: Workspace,
    grant: WorkspaceGrant,
    anna: Person,
    card: Assessment,
    meeting: Interaction,
) -> None:
    client = client_for(bob)
    for page in read_pages(workspace, anna, meeting):
        assert client.get(page).status_code == 200, page
    person_page = client.get(url("person", workspace, pk=anna.pk)).content.decode()
    assert "Log a contact" not in person_page
    before = snapshot(workspace)
    for page in write_urls(workspace, anna, card, meeting):
        assert client.post(page, EVERYTHING).status_code == 404, page
    assert snapshot(workspace) == before


def test_the_feed_is_valid_icalendar_and_a_wrong_token_gets_404(
    workspace: Workspace, anna: Person, meeting: Interaction
) -> None:
    contact_on(workspace, anna, timezone.localdate() - timedelta(days=40))
    anonymous = Client()
    feed = reverse("netkort:feed", kwargs={"token": workspace.feed_token})
    response = anonymous.get(feed)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    summaries = [str(e["summary"]) for e in calendar.walk("VEVENT")]
    assert any("Anna Ærø" in s and "Teams" in s for s in summaries)
    assert "Keep in touch with Anna Ærø" in summaries
    wrong = reverse("netkort:feed", kwargs={"token": "x" * 43})
    assert anonymous.get(wrong).status_code == 404
    assert anonymous.get(reverse("netkort:feed", kwargs={"token": "short"})).status_code == 404


def test_renewing_the_feed_address_retires_the_old_one(alice: User, workspace: Workspace) -> None:
    old = reverse("netkort:feed", kwargs={"token": workspace.feed_token})
    response = client_for(alice).post(url("feed-renew", workspace))
    assert response.status_code == 302
    workspace.refresh_from_db()
    assert Client().get(old).status_code == 404
    new = reverse("netkort:feed", kwargs={"token": workspace.feed_token})
    assert Client().get(new).status_code == 200


def test_the_owner_logs_a_contact_from_the_person_page(
    alice: User, workspace: Workspace, anna: Person
) -> None:
    client = client_for(alice)
    page = url("person", workspace, pk=anna.pk)
    response = client.post(
        url("contact-log", workspace, pk=anna.pk),
        {
            "contact-channel": "phone",
            "contact-on": timezone.localdate().isoformat(),
            "contact-direction": "in",
            "contact-note": "She called about the job",
            "next": page,
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == page
    assert "She called about the job" in response.content.decode()
    anna.refresh_from_db()
    assert anna.interaction_count == 1


def test_the_owner_moves_a_card_and_closes_it_with_an_outcome(
    alice: User, workspace: Workspace, card: Assessment
) -> None:
    client = client_for(alice)
    client.post(url("pipeline-move", workspace, pk=card.pk), {"step": "1"})
    card.refresh_from_db()
    assert card.status == "planned"
    response = client.post(url("pipeline-move", workspace, pk=card.pk), {"status": "closed"})
    card.refresh_from_db()
    assert card.status == "planned"
    client.post(
        url("pipeline-move", workspace, pk=card.pk), {"status": "closed", "outcome": "helped"}
    )
    card.refresh_from_db()
    assert (card.status, card.outcome) == ("closed", "helped")
    board = client.get(url("pipeline", workspace)).content.decode()
    assert "Anna Ærø" in board and "Helped" in board
    assert response.status_code == 302


def test_a_dropped_card_gets_the_board_back_or_the_reason_it_stayed(
    alice: User, workspace: Workspace, card: Assessment
) -> None:
    """What the board's drag and drop posts: the answer is the board alone (no page),
    or a 422 with the reason in plain text; every move is dated."""
    client = client_for(alice)
    move = url("pipeline-move", workspace, pk=card.pk)
    response = client.post(move, {"status": "contacted"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<div class="board" id="board"') and "<html" not in html
    assert "Anna Ærø moved to “Contacted”." in html
    card.refresh_from_db()
    assert card.status == "contacted"
    assert [(m.from_status, m.to_status) for m in card.moves.all()] == [
        ("not_contacted", "contacted")
    ]
    refused = client.post(move, {"status": "closed"}, headers={"HX-Request": "true"})
    assert refused.status_code == 422
    assert refused["Content-Type"].startswith("text/plain")
    assert refused.content.decode() == "Say how it ended before you close it."
    wrong = client.post(move, {"status": "nowhere"}, headers={"HX-Request": "true"})
    assert wrong.status_code == 422
    card.refresh_from_db()
    assert card.status == "contacted" and card.moves.count() == 1


def test_the_pipeline_without_a_goal_points_to_the_goals(alice: User, workspace: Workspace) -> None:
    page = client_for(alice).get(url("pipeline", workspace)).content.decode()
    assert "The pipeline follows your active goal" in page


def test_the_composer_fills_the_template_and_i_sent_it_logs_it(
    alice: User, workspace: Workspace, anna: Person, card: Assessment
) -> None:
    client = client_for(alice)
    page = client.get(
        url("compose", workspace, pk=anna.pk), {"kind": "virtual_coffee", "language": "da"}
    )
    text = page.content.decode()
    assert "Hej Anna" in text and "Nordlys" in text
    assert "mailto:anna@example.dk?subject=" in text
    client.post(url("compose", workspace, pk=anna.pk), {"channel": "email", "subject": "Kaffe?"})
    card.refresh_from_db()
    assert card.status == "contacted"
    assert Interaction.objects.get(persons=anna).summary == "Kaffe?"


def test_a_proposed_meeting_gives_an_invitation_and_asks_how_it_went(
    alice: User, workspace: Workspace, anna: Person, card: Assessment
) -> None:
    client = client_for(alice)
    on = timezone.localdate() + timedelta(days=1)
    response = client.post(
        url("meeting-propose", workspace, pk=anna.pk),
        {"on": on.isoformat(), "at": "14:00", "minutes": "30", "platform": "google_meet",
         "link": "https://meet.google.com/abc"},
    )  # fmt: skip
    planned = Interaction.objects.get(persons=anna, is_planned=True)
    assert response["Location"] == url("meeting", workspace, pk=planned.pk)
    ics = client.get(url("invitation", workspace, pk=planned.pk))
    assert ics["Content-Disposition"].startswith("attachment")
    event = next(iter(icalendar.Calendar.from_ical(ics.content).walk("VEVENT")))
    assert timezone.localtime(event.decoded("dtstart")).time() == time(14, 0)
    planned.occurred_at = datetime.now(UTC) - timedelta(hours=1)
    planned.save()
    today = client.get(url("today", workspace)).content.decode()
    assert "How did it go?" in today
    client.post(
        url("meeting", workspace, pk=planned.pk),
        {
            "held": "yes",
            "outcome": "introduced",
            "notes": "Nice",
            "favour": "received:introduction",
        },
    )
    card.refresh_from_db()
    assert (card.status, card.outcome) == ("met", "introduced")
    assert Favour.objects.filter(person=anna, kind="introduction").exists()


def test_a_meeting_in_the_past_cannot_be_proposed(
    alice: User, workspace: Workspace, anna: Person
) -> None:
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client_for(alice).post(
        url("meeting-propose", workspace, pk=anna.pk),
        {"on": yesterday.isoformat(), "at": "14:00", "minutes": "30", "platform": "zoom"},
    )
    assert response.status_code == 200
    assert "Choose a day from today on." in response.content.decode()


def test_the_today_page_snoozes_and_marks_done(
    alice: User, workspace: Workspace, anna: Person
) -> None:
    contact_on(workspace, anna, timezone.localdate() - timedelta(days=45))
    client = client_for(alice)
    assert "Anna Ærø" in client.get(url("today", workspace)).content.decode()
    client.post(url("snooze", workspace, pk=anna.pk), {"days": "3"})
    anna.refresh_from_db()
    assert anna.snoozed_until == timezone.localdate() + timedelta(days=3)
    assert 'id="nobody-due"' in client.get(url("today", workspace)).content.decode()
    client.post(url("keep-done", workspace, pk=anna.pk), {"channel": "message"})
    anna.refresh_from_db()
    assert anna.interaction_count == 2 and anna.snoozed_until is None


def test_the_owner_saves_a_template_and_a_tag_rhythm(alice: User, workspace: Workspace) -> None:
    client = client_for(alice)
    client.post(
        url("template", workspace, kind="thanks", language="en"),
        {"subject": "Thanks", "body": "Thanks {first_name}!"},
    )
    assert (
        MessageTemplate.objects.get(workspace=workspace, kind="thanks").body
        == "Thanks {first_name}!"
    )
    bad = client.post(
        url("template", workspace, kind="thanks", language="en"), {"body": "Hi {nick}"}
    )
    assert "cannot fill" in bad.content.decode()
    client.post(url("rhythm-tag", workspace), {"tag": "mentor", "days": "14"})
    workspace.refresh_from_db()
    assert workspace.settings["rhythm"]["tags"] == {"mentor": 14}


def test_an_unknown_template_kind_is_404(alice: User, workspace: Workspace) -> None:
    page = url("template", workspace, kind="spam", language="en")
    assert client_for(alice).get(page).status_code == 404


def test_a_double_introduction_from_the_person_page(
    alice: User, workspace: Workspace, anna: Person
) -> None:
    bo = person(workspace, "Bo Ek", organisation="Fjordbank")
    client = client_for(alice)
    page = client.get(url("introduce", workspace, pk=anna.pk), {"other": "Bo Ek", "language": "en"})
    text = page.content.decode()
    assert "Anna, meet Bo" in text and "Fjordbank" in text
    client.post(url("introduce", workspace, pk=anna.pk), {"other": str(bo.pk)})
    assert Favour.objects.filter(kind="introduction", direction="given").count() == 2


def test_a_coach_is_not_offered_forms_that_would_change_anything(
    bob: User,
    workspace: Workspace,
    grant: WorkspaceGrant,
    anna: Person,
    card: Assessment,
    meeting: Interaction,
) -> None:
    contact_on(workspace, anna, timezone.localdate() - timedelta(days=40))
    client = client_for(bob)
    today = client.get(url("today", workspace)).content.decode()
    assert "Anna Ærø" in today
    assert url("keep-done", workspace, pk=anna.pk) not in today
    assert url("feed-renew", workspace) not in today
    assert workspace.feed_token not in today
    board = client.get(url("pipeline", workspace)).content.decode()
    assert "Anna Ærø" in board and url("pipeline-move", workspace, pk=card.pk) not in board
    compose = client.get(url("compose", workspace, pk=anna.pk)).content.decode()
    assert "Hi Anna" in compose and "I sent it" not in compose
    propose = client.get(url("meeting-propose", workspace, pk=anna.pk)).content.decode()
    assert "You may read this network but not change it." in propose


def test_the_pages_and_the_messages_speak_danish(
    alice: User, workspace: Workspace, anna: Person, card: Assessment, meeting: Interaction
) -> None:
    client = client_for(alice)
    client.cookies["django_language"] = "da"
    for page in read_pages(workspace, anna, meeting):
        assert client.get(page).status_code == 200, page
    compose = client.get(url("compose", workspace, pk=anna.pk), {"kind": "thanks"})
    assert "Hej Anna" in compose.content.decode()


def test_an_empty_pipeline_says_where_to_start(alice: User, workspace: Workspace) -> None:
    active = goal(workspace)
    client = client_for(alice)
    hint = "Nobody is in the pipeline yet"
    page = client.get(url("pipeline", workspace)).content.decode()
    assert hint in page and f'href="{url("plan", workspace)}"' in page
    danish = client_for(alice, "da").get(url("pipeline", workspace)).content.decode()
    assert "Der er ingen i kontaktforløbet endnu" in danish
    outreach.add_to_pipeline(workspace, person(workspace, "Anna Ærø"), active)
    assert hint not in client.get(url("pipeline", workspace)).content.decode()
