"""The action list's weights in the browser: an invalid value is named, a valid one
changes the order of the list at once, and reset brings back the defaults."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from netkort.services import login_links, workspaces
from netkort.services.organisations import OrganisationBook
from netkort.services.people import PersonFields, add_person
from netkort.store.models import Goal, GoalOrganisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_weights_are_checked_saved_and_reset_in_the_browser(
    page: Page, live_server: object, screenshot_dir: Path
) -> None:
    workspace = workspaces.local_workspace()
    add_person(workspace, PersonFields(display_name="Insider", organisation="Ørsted"))
    add_person(workspace, PersonFields(display_name="Close friend", organisation="Fjordbank",
                                       closeness=1, schools=["DTU"]))  # fmt: skip
    goal = Goal.objects.create(workspace=workspace, kind="job", title="Ørsted", is_active=True)
    org = OrganisationBook(workspace).get("Ørsted")
    assert org is not None
    GoalOrganisation.objects.create(workspace=workspace, goal=goal, organisation=org)
    page.goto(f"{live_server}/login/{login_links.mint(workspaces.local_owner())}/")
    page.goto(f"{live_server}/w/{workspace.uid}/plan/")
    names = page.locator("ol.plan article header strong")
    expect(names).to_have_text(["Insider", "Close friend"])

    page.get_by_label("Share for people outside the goal").fill("3")
    page.get_by_role("button", name="Save the weights").click()
    expect(page.get_by_role("alert").first).to_contain_text("Nothing was saved")
    expect(page.locator("#weight-gate_floor-error")).to_have_text(
        "Share for people outside the goal: “3” is not a number from 0 to 1."
    )
    page.locator("#weights").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir / "plan-weights-invalid.png"), full_page=True)

    page.get_by_label("Share for people outside the goal").fill("1")
    page.get_by_label("Relevance").fill("0")
    page.get_by_label("Willingness").fill("1")
    page.get_by_role("button", name="Save the weights").click()
    expect(names).to_have_text(["Close friend", "Insider"])
    page.screenshot(path=str(screenshot_dir / "plan-weights-saved.png"), full_page=True)

    page.get_by_role("button", name="Back to the defaults").click()
    expect(names).to_have_text(["Insider", "Close friend"])
    expect(page.get_by_label("Relevance")).to_have_value("0.45")
    # Every value is shown whole in its box, beside the long explanations.
    for box in page.locator(".weights-form input[type=number]").all():
        assert box.evaluate("e => e.scrollWidth <= e.clientWidth"), box.input_value()
