"""Logging a contact without leaving the map or the plan, in a real browser (issue 8)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import Page, expect

from netkort.services import demo, login_links, workspaces
from netkort.services.people import PersonFields, add_person
from netkort.store.models import Interaction

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_logs_a_contact_from_the_map_panel_and_the_plan(
    page: Page, live_server: object, screenshot_dir: Path
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    workspace = workspaces.local_workspace()
    demo.load_demo(workspace, size=30)
    quentin = add_person(workspace, PersonFields(display_name="Quentin Quicklog"))
    day = timezone.localdate() - timedelta(days=1)
    with translation.override("en"):
        shown_day = date_format(day, "DATE_FORMAT")

    page.goto(f"{live_server}/login/{login_links.mint(workspaces.local_owner())}/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Map").click()
    page.wait_for_selector("body[data-map-ready='1']", state="attached")
    page.get_by_label("Find a person on the map").fill("Quentin Quicklog")
    page.get_by_label("Find a person on the map").press("Enter")
    panel = page.locator("#map-panel")
    expect(panel.locator("h2")).to_contain_text("Quentin Quicklog")
    last_contact = panel.locator("#map-panel-last-contact")
    expect(last_contact).to_have_text("None recorded")

    map_url = page.url
    panel.get_by_text("Log a contact").click()
    form = panel.get_by_role("form", name="Log a contact with Quentin Quicklog")
    form.get_by_label("Channel").select_option(label="Virtual coffee")
    form.get_by_label("Date").fill(day.isoformat())
    form.get_by_label("Note").fill("Coffee about the wind farm")
    form.get_by_role("button", name="Log contact").click()

    expect(panel.get_by_role("status")).to_contain_text("Contact with Quentin Quicklog logged.")
    expect(last_contact).to_have_text(shown_day)
    assert page.url == map_url  # the map stayed where it was
    page.screenshot(path=screenshot_dir / "map-quick-log.png", full_page=True)
    logged = Interaction.objects.get(workspace=workspace, persons=quentin)
    assert (logged.channel, logged.summary) == ("virtual_coffee", "Coffee about the wind farm")

    # The plan: each row has the same form; logging keeps the page and confirms in place.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Plan").click()
    row = page.locator("ol.plan > li").first
    name = row.locator("header strong").text_content() or ""
    row.get_by_text("Log a contact").click()
    row.get_by_role("button", name="Log contact").click()
    expect(row.get_by_role("status")).to_contain_text(f"Contact with {name} logged.")
    assert "/plan/" in page.url
    assert Interaction.objects.filter(workspace=workspace, persons__display_name=name).exists()
    assert errors == []
