"""Reaching out in the browser: from the Today list to a meeting held, then the rhythm.

The walk starts on the Today page (the person is due) and goes through the person page,
the pipeline board, the message composer and the meeting page.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from netkort.services import login_links, workspaces
from netkort.services.people import refresh_contact_stats
from netkort.store.models import Assessment, Interaction, Workspace
from outreach_helpers import contact_on, goal, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, live_server: object) -> Workspace:
    workspace = workspaces.local_workspace()
    token = login_links.mint(workspaces.local_owner())
    page.goto(f"{live_server}/login/{token}/")
    return workspace


def test_a_person_walks_from_due_to_met_and_comes_back_when_the_rhythm_runs_out(
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
    ws = f"{live_server}/w/{workspace.uid}"

    # Today: Anna is due (monthly rhythm, 40 days silent).
    page.goto(f"{ws}/today/")
    row = page.locator("table.due-list tbody tr", has_text="Anna Ærø")
    expect(row).to_contain_text("10 days overdue")
    page.screenshot(path=screenshot_dir / "outreach-today.png", full_page=True)
    row.get_by_role("link", name="Anna Ærø").click()

    # Person page → into the pipeline of the active goal.
    expect(page.locator("h1")).to_contain_text("Anna Ærø")
    page.get_by_role("button", name="Add to the pipeline").click()
    expect(page.locator("#pipeline-status")).to_contain_text("Not contacted")
    page.screenshot(path=screenshot_dir / "outreach-person.png", full_page=True)
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
    event = next(iter(icalendar.Calendar.from_ical(saved.read_bytes()).walk("VEVENT")))
    start = timezone.localtime(event.decoded("dtstart"))
    assert (start.date(), start.hour, start.minute) == (tomorrow, 9, 30)
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=20)
    assert "https://zoom.us/j/4242" in str(event["description"])
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

    # Move the clock: every contact with Anna 31 days ago. The monthly rhythm has run out.
    Interaction.objects.filter(persons=anna).update(
        occurred_at=datetime.now(UTC) - timedelta(days=31)
    )
    refresh_contact_stats(workspace, [anna.pk])
    page.goto(f"{ws}/today/")
    expect(page.locator("table.due-list tbody tr", has_text="Anna Ærø")).to_contain_text(
        "1 day overdue"
    )


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
