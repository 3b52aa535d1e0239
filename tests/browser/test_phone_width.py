"""The pages fit the screen: on a phone the menus wrap and wide tables scroll in place;
on a laptop the analysis's tables share the width."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from netkort.services import demo, login_links, workspaces

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["", "people/", "plan/", "today/", "analysis/", "pipeline/"]


@pytest.mark.parametrize("language", ["en", "da"])
def test_no_page_is_wider_than_a_phone(
    page: Page, live_server: object, screenshot_dir: Path, language: str
) -> None:
    workspace = workspaces.local_workspace()
    demo.load_demo(workspace, size=80)
    page.set_viewport_size({"width": 390, "height": 844})
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": str(live_server)}]
    )
    page.goto(f"{live_server}/login/{login_links.mint(workspaces.local_owner())}/")
    for name in PAGES:
        page.goto(f"{live_server}/w/{workspace.uid}/{name}")
        expect(page.locator("h1")).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (name, width)
    page.screenshot(path=str(screenshot_dir / f"phone-{language}-pipeline.png"), full_page=True)


def test_no_page_is_wider_than_a_laptop(page: Page, live_server: object) -> None:
    workspace = workspaces.local_workspace()
    demo.load_demo(workspace, size=400)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server}/login/{login_links.mint(workspaces.local_owner())}/")
    for name in PAGES:
        page.goto(f"{live_server}/w/{workspace.uid}/{name}")
        expect(page.locator("h1")).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 1280, (name, width)
