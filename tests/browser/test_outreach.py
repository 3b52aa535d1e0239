"""Reaching out in the browser: from the plan to a meeting held, then the rhythm.

The walk starts on the plan of the active goal and goes through the person page, the
Today list, the pipeline board, the message composer and the meeting page. The board's
drag and drop has a test of its own.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from netkort.services import login_links, outreach, workspaces
from netkort.services.people import refresh_contact_stats
from netkort.store.models import Assessment, Interaction, StatusChange, Workspace
from outreach_helpers import contact_on, goal, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, live_server: object) -> Workspace:
    workspace = workspaces.local_workspace()
    token = login_links.mint(workspaces.local_owner())
    page.goto(f"{live_server}/login/{token}/")
    return workspace


def test_a_person_walks_from_the_plan_to_met_and_comes_back_when_the_rhythm_runs_out(
    page: Page, live_server: object, screenshot_dir: Path, tmp_path: Path
) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    workspace = sign_in(page, live_server)
    g = goal(workspace, "a new job in renewable energy")
    anna = person(
        workspace,
        "Anna Ærø",
        closeness=1,
        organisation="Nordlys Energi",
        emails=["anna@example.dk"],
        linkedin_url="https://www.linkedin.com/in/anna-aeroe",
    )
    contact_on(workspace, anna, timezone.localdate() - timedelta(days=40))
    bo = person(workspace, "Bo Berg", closeness=3, organisation="Vindkraft A/S")
    contact_on(workspace, bo, timezone.localdate() - timedelta(days=5))  # not due
    ws = f"{live_server}/w/{workspace.uid}"

    # The plan for the active goal: start reaching out to Anna from her row.
    page.goto(f"{ws}/plan/")
    expect(page.locator("hgroup")).to_contain_text("a new job in renewable energy")
    row = page.locator("ol.plan > li", has_text="Anna Ærø")
    expect(page.locator("ol.plan > li", has_text="Bo Berg")).to_be_visible()
    # The caption of the score's parts is for screen readers only (app.css).
    caption = row.locator("table.parts caption")
    expect(caption).to_have_class("visually-hidden")
    box = caption.bounding_box()
    assert box is not None and box["width"] <= 1 and box["height"] <= 1, box
    page.screenshot(path=screenshot_dir / "outreach-plan.png", full_page=True)
    row.get_by_role("button", name="Start outreach").click()

    # Her page: she is in the pipeline, not contacted yet.
    expect(page.locator("h1")).to_contain_text("Anna Ærø")
    expect(page.get_by_role("status").first).to_contain_text("Anna Ærø is in the pipeline.")
    expect(page.locator("#pipeline-status")).to_contain_text("Not contacted")
    assert Assessment.objects.get(person=anna, goal=g).status == "not_contacted"
    assert not Assessment.objects.filter(person=bo).exists()
    page.screenshot(path=screenshot_dir / "outreach-person.png", full_page=True)

    # Today agrees that she is due (monthly rhythm, 40 days silent).
    page.goto(f"{ws}/today/")
    due_row = page.locator("table.due-list tbody tr", has_text="Anna Ærø")
    expect(due_row).to_contain_text("10 days overdue")
    page.screenshot(path=screenshot_dir / "outreach-today.png", full_page=True)
    due_row.get_by_role("link", name="Anna Ærø").click()
    expect(page.locator("h1")).to_contain_text("Anna Ærø")
    page.get_by_role("link", name="Open the pipeline").click()

    # The board: move the card one column on with the keyboard.
    card = page.locator(".board .column[data-status='not_contacted'] .card", has_text="Anna Ærø")
    card.get_by_role("button", name="Move Anna Ærø forward").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".board .column[data-status='planned'] .card")).to_contain_text("Anna Ærø")
    page.screenshot(path=screenshot_dir / "outreach-pipeline.png", full_page=True)
    page.locator(".board .card").get_by_role("link", name="Anna Ærø").click()

    # Compose a virtual-coffee message, copy it, and log it as sent.
    page.get_by_role("button", name="Write a message").click()
    page.locator("#id_kind").select_option("virtual_coffee")
    page.get_by_label("Language").select_option("en")
    page.get_by_role("button", name="Use this template").click()
    body = page.locator("#message-body")
    expect(body).to_contain_text("virtual coffee")
    assert "Hi Anna" in body.input_value()
    assert "Nordlys Energi" in body.input_value()
    assert "a new job in renewable energy" in body.input_value()
    body.fill(body.input_value() + "\nPS: my treat.")
    page.get_by_role("button", name="Copy the text").click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Hi Anna") and copied.endswith("PS: my treat.")
    mailto = page.locator("#mailto-link").get_attribute("href") or ""
    assert mailto.startswith("mailto:anna@example.dk?subject=") and "my%20treat" in mailto
    linkedin = page.get_by_role("button", name="Open the LinkedIn profile")
    expect(linkedin).to_have_attribute("href", "https://www.linkedin.com/in/anna-aeroe")
    page.screenshot(path=screenshot_dir / "outreach-compose.png", full_page=True)
    page.get_by_role("button", name="I sent it").click()
    expect(page.locator("#pipeline-status")).to_contain_text("Contacted")

    # Sending was a contact: Anna leaves the due list.
    page.goto(f"{ws}/today/")
    expect(page.locator("#nobody-due")).to_be_visible()

    # Propose a Zoom coffee tomorrow and download the invitation.
    page.goto(f"{ws}/people/{anna.pk}/")
    page.get_by_role("button", name="Propose a meeting").click()
    tomorrow = timezone.localdate() + timedelta(days=1)
    page.get_by_label("Date").fill(tomorrow.isoformat())
    page.get_by_label("Time").fill("09:30")
    page.get_by_label("Length").select_option("20")
    page.get_by_label("How").select_option("zoom")
    page.get_by_label("Link").fill("https://zoom.us/j/4242")
    page.get_by_role("button", name="Plan the meeting").click()
    expect(page.get_by_role("status").first).to_contain_text("The meeting is planned")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download the invitation (.ics)").click()
    saved = tmp_path / "invitation.ics"
    download_info.value.save_as(saved)
    assert download_info.value.suggested_filename.endswith(".ics")
    calendar = icalendar.Calendar.from_ical(saved.read_bytes())
    assert str(calendar["version"]) == "2.0"
    [event] = calendar.walk("VEVENT")
    start = timezone.localtime(event.decoded("dtstart"))
    assert (start.date(), start.hour, start.minute) == (tomorrow, 9, 30)
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=20)
    assert str(event["summary"]) == "Virtual coffee (Zoom) · Anna Ærø"
    assert "https://zoom.us/j/4242" in str(event["description"])
    assert str(event["url"]) == "https://zoom.us/j/4242"
    assert str(event["uid"]).endswith("@netkort")
    assert Assessment.objects.get(person=anna, goal=g).status == "meeting_booked"

    # The meeting took place: move it into the past; Today asks how it went.
    Interaction.objects.filter(persons=anna, is_planned=True).update(
        occurred_at=datetime.now(UTC) - timedelta(hours=1)
    )
    page.goto(f"{ws}/today/")
    expect(page.get_by_role("heading", name="How did it go?")).to_be_visible()
    page.locator("#review + ul a").first.click()
    page.get_by_label("Yes, we met").check()
    page.get_by_label("Outcome").select_option("informed")
    page.get_by_label("Notes").fill("Told me how the energy team hires.")
    page.get_by_label("A favour").select_option("received:knowledge")
    page.get_by_role("button", name="Save how it went").click()
    expect(page.locator("#pipeline-status")).to_contain_text("Met")
    expect(page.locator("#pipeline-status")).to_contain_text("Gave information")
    card_row = Assessment.objects.get(person=anna, goal=g)
    assert (card_row.status, card_row.outcome) == ("met", "informed")
    assert [m.to_status for m in card_row.moves.order_by("at", "id")] == [
        "planned", "contacted", "meeting_booked", "met",
    ]  # fmt: skip
    held = Interaction.objects.get(persons=anna, duration_minutes=20)
    assert not held.is_planned and "how the energy team hires" in held.summary
    assert [(f.direction, f.kind) for f in anna.favours.all()] == [("received", "knowledge")]

    # Move the clock: every contact with Anna 31 days ago. The monthly rhythm has run out.
    Interaction.objects.filter(persons=anna).update(
        occurred_at=datetime.now(UTC) - timedelta(days=31)
    )
    refresh_contact_stats(workspace, [anna.pk])
    page.goto(f"{ws}/today/")
    expect(page.locator("table.due-list tbody tr", has_text="Anna Ærø")).to_contain_text(
        "1 day overdue"
    )


def test_cards_are_dragged_between_columns_and_a_refused_move_puts_the_card_back(
    page: Page, live_server: object, screenshot_dir: Path
) -> None:
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",  # CSP refusals land here; a refused move's 422 is logged too, and meant
        lambda m: (
            problems.append(m.text)
            if m.type == "error" and not m.text.startswith("Failed to load resource")
            else None
        ),
    )
    workspace = sign_in(page, live_server)
    g = goal(workspace)
    cleo = person(workspace, "Cleo Clausen", closeness=2)
    dan = person(workspace, "Dan Dahl", closeness=3)
    card = outreach.add_to_pipeline(workspace, cleo, g)
    outreach.move(workspace, outreach.add_to_pipeline(workspace, dan, g), "planned")
    page.goto(f"{live_server}/w/{workspace.uid}/pipeline/")
    page.evaluate("window.sameDocument = true")  # gone if the page reloads

    def column(status: str) -> Locator:
        return page.locator(f"#board .column[data-status='{status}']")

    def cleos_card() -> Locator:
        return page.locator("#board .card", has_text="Cleo Clausen")

    # Drag Cleo from "Not contacted" to "Planned": saved, dated, the board redrawn in place.
    cleos_card().drag_to(column("planned"))
    expect(column("planned").locator(".card", has_text="Cleo Clausen")).to_be_visible()
    expect(page.locator("#board-status")).to_have_text("Cleo Clausen moved to “Planned”.")
    expect(column("planned").locator("h2")).to_contain_text("2")
    assert page.evaluate("window.sameDocument") is True
    card.refresh_from_db()
    assert card.status == "planned"
    [change] = StatusChange.objects.filter(assessment=card)
    assert (change.from_status, change.to_status) == ("not_contacted", "planned")
    assert timezone.localdate(change.at) == timezone.localdate()
    page.screenshot(path=screenshot_dir / "outreach-board-dragged.png", full_page=True)

    # Closing needs an outcome: the server refuses, the card goes back, the reason shows.
    cleos_card().drag_to(column("closed"))
    expect(page.get_by_role("alert")).to_have_text("Say how it ended before you close it.")
    expect(column("planned").locator(".card", has_text="Cleo Clausen")).to_be_visible()
    expect(column("closed").locator(".card")).to_have_count(0)
    page.screenshot(path=screenshot_dir / "outreach-board-refused.png", full_page=True)
    card.refresh_from_db()
    assert card.status == "planned" and StatusChange.objects.filter(assessment=card).count() == 1

    # The server cannot be reached: the card goes back too, with a message that says so.
    assert problems == []
    page.route("**/move/", lambda route: route.abort())
    cleos_card().drag_to(column("contacted"))
    expect(page.get_by_role("alert")).to_contain_text("The move was not saved.")
    expect(column("planned").locator(".card", has_text="Cleo Clausen")).to_be_visible()
    page.unroute("**/move/")
    assert page.evaluate("window.sameDocument") is True

    # The keyboard way still works: the arrow button moves her one column on.
    cleos_card().get_by_role("button", name="Move Cleo Clausen forward").focus()
    page.keyboard.press("Enter")
    expect(column("contacted").locator(".card")).to_contain_text("Cleo Clausen")
    card.refresh_from_db()
    assert card.status == "contacted"
    assert [m.to_status for m in card.moves.order_by("at", "id")] == ["planned", "contacted"]
    assert problems == []


def test_the_calendar_feed_is_valid_icalendar_and_a_wrong_token_gets_404(
    page: Page, live_server: object
) -> None:
    workspace = sign_in(page, live_server)
    anna = person(workspace, "Anna Ærø", closeness=2)
    contact_on(workspace, anna, timezone.localdate() - timedelta(days=70))
    page.goto(f"{live_server}/w/{workspace.uid}/today/")
    feed_url = page.get_by_label("Calendar feed address").input_value()
    assert feed_url.endswith(f"/feed/{workspace.feed_token}.ics")

    # A calendar program fetches it without signing in.
    page.context.clear_cookies()
    response = page.request.get(feed_url)
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.body())
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["Keep in touch with Anna Ærø"]
    wrong = feed_url.replace(workspace.feed_token, "not-the-token-" + "x" * 30)
    assert page.request.get(wrong).status == 404

    # Renewing the address from the settings section retires the old one.
    page.goto(f"{live_server}/login/{login_links.mint(workspaces.local_owner())}/")
    page.goto(f"{live_server}/w/{workspace.uid}/today/")
    page.get_by_role("button", name="Renew the address").click()
    expect(page.get_by_role("status").first).to_contain_text("new address")
    assert page.request.get(feed_url).status == 404
    fresh = page.get_by_label("Calendar feed address").input_value()
    assert fresh != feed_url and page.request.get(fresh).status == 200
