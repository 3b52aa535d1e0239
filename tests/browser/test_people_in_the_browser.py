"""A newcomer's first minutes: open the login link, see the demo people, search, edit."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from netkort.services import demo, login_links, workspaces
from netkort.store.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def is_blank(path: Path) -> bool:
    """True when the picture is (almost) one colour: nothing was drawn."""
    with Image.open(path) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000) or []
    colours.sort(reverse=True)
    background = colours[0][0] if colours else 0
    total = sum(count for count, _ in colours)
    return len(colours) < 20 or background / total > 0.98


def test_it_shows_searches_and_edits_the_demo_people(
    page: Page, live_server: object, screenshot_dir: Path
) -> None:
    workspace = workspaces.local_workspace()
    demo.load_demo(workspace, size=80)
    token = login_links.mint(workspaces.local_owner())
    page.goto(f"{live_server}/login/{token}/")

    expect(page.locator("h1")).to_have_text("Your network")
    expect(page.locator("hgroup p")).to_contain_text("80 persons")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="People").click()
    expect(page.locator("table.people tbody tr")).to_have_count(50)
    expect(page.get_by_role("status")).to_contain_text("80 persons")

    target = Person.objects.filter(workspace=workspace).order_by("sort_key_en")[7]
    page.get_by_role("searchbox").fill(target.family_name or target.given_name)
    row = page.locator("table.people tbody tr", has_text=target.display_name)
    expect(row.first).to_be_visible()
    page.screenshot(path=screenshot_dir / "people-search.png", full_page=True)
    assert not is_blank(screenshot_dir / "people-search.png")

    row.first.get_by_role("link", name=target.display_name).click()
    expect(page.locator("h1")).to_contain_text(target.display_name)
    page.get_by_role("button", name="Edit").click()
    page.get_by_label("Title").fill("Chief Networker")
    page.get_by_label("Closeness").select_option("1")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("status").first).to_have_text("Saved.")
    expect(page.locator("hgroup p")).to_contain_text("Chief Networker")
    page.screenshot(path=screenshot_dir / "person-edited.png", full_page=True)
    assert not is_blank(screenshot_dir / "person-edited.png")
    target.refresh_from_db()
    assert target.title == "Chief Networker"
    assert target.closeness == 1
    assert target.is_user_typed("title")


def test_a_used_login_link_explains_how_to_get_a_new_one(page: Page, live_server: object) -> None:
    workspaces.local_workspace()
    token = login_links.mint(workspaces.local_owner())
    page.goto(f"{live_server}/login/{token}/")
    page.context.clear_cookies()
    page.goto(f"{live_server}/login/{token}/")
    expect(page.locator("h1")).to_contain_text("already been used")
    expect(page.locator("pre")).to_contain_text("netkort login-link")
