"""Mapping a network in the browser: the recall wizard, a goal, triage by keyboard only,
and the result in the people list filtered by role."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from netkort.services import login_links, workspaces
from netkort.services.people import PersonFields, add_person
from netkort.store.models import Assessment, Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NETWORK = [
    ("Mette Juul", "Fjordbank", "Analyst", 3),
    ("Ole Nordlys", "Nordlys Energi", "Engineer", 4),
    ("Pia Lund", "Nordlys Energi", "Head of HR", None),
    ("Rasmus Ørsted", "Gudenå Forsyning", "Controller", 2),
    ("Sara Ahmed", "Fjordbank", "Developer", 1),
    ("Tue Kjær", "Vestkyst IT", "Consultant", 5),
    ("Ulla Bech", "Vestkyst IT", "CEO", 3),
    ("Vera Holm", "", "", 2),
    ("Åse Krog", "Fjordbank", "Designer", None),
    ("Yusuf Demir", "Gudenå Forsyning", "Engineer", 4),
]


def test_it_maps_a_network_from_recall_to_a_role_filtered_list(
    page: Page, live_server: object, screenshot_dir: Path
) -> None:
    workspace = workspaces.local_workspace()
    for name, org, title, closeness in NETWORK:
        add_person(
            workspace,
            PersonFields(display_name=name, organisation=org, title=title, closeness=closeness),
        )
    page.goto(f"{live_server}/login/{login_links.mint(workspaces.local_owner())}/")
    nav = page.get_by_role("navigation", name="Main")

    # The wizard: a guess first, then two contexts, one of them reusing a known person.
    nav.get_by_role("link", name="Recall").click()
    page.get_by_label("how many people do you think").fill("8")
    page.get_by_role("button", name="Start").click()
    expect(page.locator("h1")).to_have_text("Current colleagues")
    expect(page.locator("#recall-progress")).to_contain_text("Step 1 of 11")
    page.get_by_label("Who comes to mind?").fill("Anna Berg, Nordlys Energi, CTO\nBo Krogh")
    page.get_by_role("button", name="Next: Former colleagues").click()
    expect(page.locator("h1")).to_have_text("Former colleagues")
    page.get_by_label("Who comes to mind?").fill("mette juul\nCarl Dahl, Fjordbank")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="Already in your network")).to_contain_text(
        "Mette Juul"
    )
    assert Person.objects.filter(workspace=workspace, display_name="Mette Juul").count() == 1
    page.screenshot(path=screenshot_dir / "recall-step.png", full_page=True)
    page.get_by_role("link", name="Leave for now").click()
    nav.get_by_role("link", name="Recall").click()
    expect(page.get_by_role("button", name="Continue with Former colleagues")).to_be_visible()
    page.get_by_role("link", name="See how many you know now").click()
    expect(page.locator("#recall-guess")).to_contain_text("8")
    expect(page.locator("#recall-count")).to_contain_text("13")
    rows = page.locator("#recall-contexts tbody tr")
    expect(rows.filter(has_text="Current colleagues")).to_contain_text("2")
    expect(rows.filter(has_text="Former colleagues").locator("td").first).to_have_text("2")
    page.screenshot(path=screenshot_dir / "recall-count.png", full_page=True)

    # A goal with a target organisation.
    nav.get_by_role("link", name="Goals").click()
    page.get_by_role("button", name="New goal").click()
    page.get_by_label("Title").fill("Head of Digital at an energy company")
    page.get_by_label("Add a target organisation from your network").fill("Nordlys Energi")
    page.get_by_label("Roles you aim at").fill("Head of Digital")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("article.goal.active")).to_contain_text("Nordlys Energi")
    page.get_by_role("button", name="Judge persons against this goal").click()

    # Triage by keyboard only: the target organisation comes first (the closest of them
    # first), with its reason.
    expect(page.locator("#triage-name")).to_have_text("Ole Nordlys")
    expect(page.locator("#triage-reason")).to_contain_text(
        "works at Nordlys Energi — one of your target organisations"
    )
    expect(page.locator("#triage-progress")).to_contain_text("0 of 13 judged")
    direct: set[str] = set()
    judged = 0
    step = 0
    while judged < 10:
        name = page.locator("#triage-name").inner_text()
        access = page.locator('input[name="roles"][data-key="d"]')
        if step == 4:
            page.keyboard.press("k")  # skip one: it must not count
            expect(page.locator("#triage-name")).not_to_have_text(name)
            step += 1
            continue
        if step % 2 == 0:
            page.keyboard.press("d")
        if step == 1:
            page.keyboard.press("s")
            page.keyboard.press("n")
            page.keyboard.type("Knows the board")
            page.keyboard.press("Escape")
        page.keyboard.press(str(1 + step % 5))
        if access.is_checked():
            direct.add(name)
        page.keyboard.press("Enter")
        judged += 1
        step += 1
        expect(page.locator("#triage-progress")).to_contain_text(f"{judged} of 13 judged")
    page.screenshot(path=screenshot_dir / "triage.png", full_page=True)

    assessments = Assessment.objects.filter(judged_at__isnull=False).select_related("person")
    assert assessments.count() == 10
    assert {a.person.display_name for a in assessments if a.is_direct_access} == direct
    # A CTO and a head of HR at the target are suggested as direct access: Anna's was
    # confirmed as it was, Pia's toggled off with "d".
    assert "Anna Berg" in direct and "Pia Lund" not in direct and "Ole Nordlys" in direct
    noted = Assessment.objects.get(notes="Knows the board").person
    assert noted.is_super_connector and noted.closeness == 2

    # The result in the people list, filtered by role.
    nav.get_by_role("link", name="People").click()
    role_filter = page.get_by_role("combobox", name=re.compile(r"^Role for the goal"))
    role_filter.select_option("direct_access")
    names = page.locator("table.people tbody tr td:nth-child(2) a")
    expect(names).to_have_count(len(direct))
    assert set(names.all_inner_texts()) == direct
    expect(page.locator("table.people tbody tr").first).to_contain_text("Direct access")
    page.screenshot(path=screenshot_dir / "people-by-role.png", full_page=True)

    # A bulk action on everyone the filter shows; the list comes back filtered.
    page.get_by_label("Select everyone on this page").check()
    page.locator("#bulk-action").select_option("tag")
    page.locator("#bulk-tag").fill("for the goal")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("status").filter(has_text="Changed")).to_have_text(
        f"Changed {len(direct)} persons."
    )
    expect(page.locator("table.people tbody tr")).to_have_count(len(direct))
    tagged = Person.objects.filter(workspace=workspace, tags__name="for the goal")
    assert {p.display_name for p in tagged} == direct
