"""The pages fit the screen: on a phone the menus wrap and wide tables scroll in place;
on a laptop the analysis's tables share the width."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from netkort.services import demo, login_links, workspaces

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["", "people/", "plan/", "today/", "analysis/", "pipeline/"]


def widths(page: Page, base: str, persons: int, width: int, height: int) -> dict[str, int]:
    """Sign in to a demo network of ``persons`` and measure each page's width."""
    workspace = workspaces.local_workspace()
    demo.load_demo(workspace, size=persons)
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{base}/login/{login_links.mint(workspaces.local_owner())}/")
    found = {}
    for name in PAGES:
        page.goto(f"{base}/w/{workspace.uid}/{name}")
        expect(page.locator("h1")).to_be_visible()
        found[name] = page.evaluate("document.documentElement.scrollWidth")
    return found


@pytest.mark.parametrize("language", ["en", "da"])
def test_no_page_is_wider_than_a_phone(
    page: Page, live_server: object, screenshot_dir: Path, language: str
) -> None:
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": str(live_server)}]
    )
    found = widths(page, str(live_server), persons=80, width=390, height=844)
    assert all(w <= 390 for w in found.values()), sorted(found.items())
    page.screenshot(path=str(screenshot_dir / f"phone-{language}-pipeline.png"), full_page=True)


def test_no_page_is_wider_than_a_laptop(page: Page, live_server: object) -> None:
    found = widths(page, str(live_server), persons=400, width=1280, height=900)
    assert all(w <= 1280 for w in found.values()), found
