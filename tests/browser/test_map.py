"""The map in a real browser: sigma.js draws the network in (software) WebGL.

A drawn map is checked by counting pixels in the nodes' colours on screenshots: with
WebGL broken the canvas stays white and the counts are 0. The page signals on <body>
(``data-map-ready``, ``data-nodes``, ``data-colour``, ``data-view``…) when a change has
been drawn, because a string ``wait_for_function`` is refused under the page's CSP.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from playwright.sync_api import Page, expect

from netkort.services import demo, login_links, workspaces
from netkort.services import map as network_map
from netkort.services.people import find_context
from netkort.store.models import Assessment, Goal, Person, PersonContext, Workspace

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: script errors seen by the page; every test ends by checking there were none
ERRORS: list[str] = []


@pytest.fixture(autouse=True)
def no_script_errors() -> Iterator[None]:
    ERRORS.clear()
    yield
    assert ERRORS == []


def hex_rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def pixels_in(path: Path, colours: list[str], tolerance: int = 40) -> int:
    """How many pixels of the picture are close to one of the colours."""
    wanted = [hex_rgb(c) for c in colours]
    with Image.open(path) as image:
        counts = image.convert("RGB").getcolors(maxcolors=10_000_000) or []
    return sum(
        n
        for n, (r, g, b) in counts
        if any(abs(r - w[0]) + abs(g - w[1]) + abs(b - w[2]) <= tolerance for w in wanted)
    )


def pixels_changed(before: Path, after: Path) -> int:
    """How many pixels differ clearly between two pictures of the same size."""
    with Image.open(before) as a, Image.open(after) as b:
        difference = ImageChops.difference(a.convert("RGB"), b.convert("RGB")).convert("L")
    return sum(n for n, level in difference.getcolors(maxcolors=256) or [] if level > 30)


def drawn(path: Path) -> int:
    """Pixels that are neither white nor the light grey of the guides."""
    with Image.open(path) as image:
        counts = image.convert("RGB").getcolors(maxcolors=10_000_000) or []
    return sum(n for n, (r, g, b) in counts if min(r, g, b) < 200)


def open_map(
    page: Page, live_server: object, timeout: float = 30_000, overview: Path | None = None
) -> float:
    page.on("pageerror", lambda error: ERRORS.append(str(error)))
    token = login_links.mint(workspaces.local_owner())
    page.goto(f"{live_server}/login/{token}/")
    if overview is not None:
        charts = page.locator("section.charts")
        expect(charts.locator("figure")).to_have_count(7)
        charts.screenshot(path=overview)
    started = time.perf_counter()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Map").click()
    page.wait_for_selector("body[data-map-ready='1']", state="attached", timeout=timeout)
    return time.perf_counter() - started


def judge_some(workspace: Workspace) -> list[Person]:
    goal = Goal.objects.get(workspace=workspace, is_active=True)
    chosen = list(Person.objects.filter(workspace=workspace).order_by("id")[:60])
    Assessment.objects.bulk_create(
        Assessment(
            workspace=workspace,
            person=p,
            goal=goal,
            is_information=i % 3 == 0,
            is_intermediary=i % 3 == 1,
            is_direct_access=i % 3 == 2,
            status="contacted",
        )
        for i, p in enumerate(chosen)
    )
    return chosen


def test_it_draws_the_demo_network_finds_a_person_and_switches_colour_and_view(
    page: Page, live_server: object, screenshot_dir: Path
) -> None:
    workspace = workspaces.local_workspace()
    demo.load_demo(workspace, size=400)
    judged = judge_some(workspace)
    page.set_viewport_size({"width": 1400, "height": 1000})
    overview = screenshot_dir / "overview-charts.png"
    seconds = open_map(page, live_server, overview=overview)
    assert pixels_in(overview, ["#1f77b4", "#e6550d"], tolerance=20) > 5000
    render_ms = page.locator("body").get_attribute("data-render-ms")
    print(f"\nmap of 400 persons drawn in {seconds:.2f} s (page: {render_ms} ms)")

    body = page.locator("body")
    assert body.get_attribute("data-nodes") == "400"
    sectors = len(network_map.snapshot(workspace).contexts)  # at most one hub per context + none
    assert 401 < int(body.get_attribute("data-graph-nodes") or 0) <= 402 + sectors
    expect(page.get_by_role("status").first).to_contain_text("400 persons on the map")
    assert body.get_attribute("data-ties") == "shown"  # a small map shows who knows whom

    canvas = page.locator("#map-canvas")
    shot = screenshot_dir / "map-demo-context.png"
    canvas.screenshot(path=shot)
    assert pixels_in(shot, list(network_map.PALETTE)) > 1500
    expect(page.locator("#map-legend li").first).to_contain_text("Current colleagues")

    # Names can be hidden (and are culled by zoom when shown).
    named = pixels_in(shot, ["#000000"], tolerance=60)
    page.get_by_label("Names").uncheck()
    page.wait_for_selector("body[data-labels='hidden']", state="attached")
    unnamed_shot = screenshot_dir / "map-demo-no-names.png"
    canvas.screenshot(path=unnamed_shot)
    assert pixels_in(unnamed_shot, ["#000000"], tolerance=60) < named / 2
    page.get_by_label("Names").check()

    # Search a name, fly to it, read the side panel.
    target = Person.objects.filter(workspace=workspace).order_by("sort_key_en")[123]
    page.get_by_label("Find a person on the map").fill(target.display_name)
    page.get_by_label("Find a person on the map").press("Enter")
    panel = page.locator("#map-panel")
    expect(panel.locator("h2")).to_contain_text(target.display_name)
    expect(panel.get_by_role("link", name=f"Open {target.display_name}’s page")).to_be_visible()
    expect(page.locator("#map-results button").first).to_have_text(target.display_name)
    page.screenshot(path=screenshot_dir / "map-demo-found.png", full_page=True)
    page.get_by_role("button", name="Zoom out").click()
    page.get_by_role("button", name="Zoom in").click()
    page.get_by_role("button", name="Show everything").click()

    # Colour by role for the goal: the judged persons take the role colours.
    page.get_by_label("Colour by").select_option("role")
    page.wait_for_selector("body[data-colour='role']", state="attached")
    expect(page.locator("#map-legend")).to_contain_text("Information (20)")
    expect(page.locator("#map-legend")).to_contain_text(f"No role ({400 - len(judged)})")
    shot = screenshot_dir / "map-demo-role.png"
    canvas.screenshot(path=shot)
    assert pixels_in(shot, ["#1f77b4", "#e6550d", "#2ca02c"], tolerance=30) > 100
    assert pixels_in(shot, [network_map.GREY], tolerance=12) > 1000

    # Size by priority for the goal: fetched when picked, it redraws the nodes' sizes.
    page.wait_for_timeout(400)  # the camera's reset animation
    by_ties = screenshot_dir / "map-demo-size-ties.png"
    canvas.screenshot(path=by_ties)
    page.get_by_label("Size by").select_option("priority")
    page.wait_for_selector("body[data-size='priority']", state="attached")
    by_priority = screenshot_dir / "map-demo-size-priority.png"
    canvas.screenshot(path=by_priority)
    changed = pixels_changed(by_ties, by_priority)
    print(f"sizing by priority changed {changed} pixels")
    assert changed > 1000
    assert body.get_attribute("data-size-failed") is None

    # The mind map: me, a hub per context, the persons fanned out.
    page.get_by_label("Mind map").check()
    page.wait_for_selector("body[data-view='mind']", state="attached")
    page.wait_for_timeout(400)  # the camera's reset animation
    shot = screenshot_dir / "map-demo-mind.png"
    canvas.screenshot(path=shot)
    assert drawn(shot) > 2000
    assert pixels_in(shot, ["#1f77b4", "#e6550d", "#2ca02c"], tolerance=30) > 100
    href = page.locator("#map-svg").get_attribute("href") or ""
    assert "colour=role" in href and "view=mind" in href

    # A filter hides everyone outside the chosen context.
    friends = find_context(workspace, "friends")
    in_friends = PersonContext.objects.filter(context=friends).count()
    page.get_by_text("Filter", exact=True).click()
    page.get_by_label("Context", exact=True).select_option(label="Friends")
    page.wait_for_selector(f"body[data-shown='{in_friends}']", state="attached")
    expect(page.get_by_role("status").first).to_contain_text(f"{in_friends} of 400 persons shown")

    # The PNG export copies what is on the canvas.
    with page.expect_download() as download:
        page.get_by_role("button", name="Download picture (PNG)").click()
    png = screenshot_dir / "map-demo-export.png"
    download.value.save_as(png)
    assert download.value.suggested_filename.endswith("-mind.png")
    with Image.open(png) as image:
        assert image.size[0] > 500
    assert pixels_in(png, ["#1f77b4", "#e6550d", "#2ca02c", network_map.GREY], tolerance=30) > 100


def test_it_draws_five_thousand_persons_without_ties_until_asked(
    page: Page, live_server: object, screenshot_dir: Path
) -> None:
    workspace = workspaces.local_workspace()
    demo.load_demo(workspace, size=5000)
    seconds = open_map(page, live_server, timeout=90_000)
    body = page.locator("body")
    print(
        f"\nmap of 5,000 persons drawn in {seconds:.2f} s "
        f"(page: fetch {body.get_attribute('data-load-ms')} ms, "
        f"drawn {body.get_attribute('data-render-ms')} ms)"
    )
    assert body.get_attribute("data-nodes") == "5000"
    assert int(body.get_attribute("data-graph-nodes") or 0) > 5000
    assert body.get_attribute("data-ties") == "hidden"
    shot = screenshot_dir / "map-5000.png"
    page.locator("#map-canvas").screenshot(path=shot)
    assert pixels_in(shot, list(network_map.PALETTE)) > 20_000

    page.get_by_label("Find a person on the map").fill("søren")
    page.get_by_label("Find a person on the map").press("Enter")
    expect(page.locator("#map-panel h2")).to_contain_text("Søren")

    # The camera flies to the person found; hovering them draws their ties only.
    knows = page.locator("#map-panel dt", has_text="Knows in your network").locator("+ dd")
    ties = int((knows.text_content() or "").split()[0])
    page.wait_for_timeout(800)
    page.locator("#map-canvas").hover()
    page.wait_for_selector(f"body[data-hover-ties='{ties}']", state="attached")

    started = time.perf_counter()
    page.get_by_label("Who knows whom").check()
    page.wait_for_selector("body[data-ties='shown']", state="attached", timeout=60_000)
    print(f"7,500 ties drawn in {time.perf_counter() - started:.2f} s")
    shot = screenshot_dir / "map-5000-ties.png"
    page.locator("#map-canvas").screenshot(path=shot)
    assert drawn(shot) > 20_000
