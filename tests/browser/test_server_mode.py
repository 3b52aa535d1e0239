"""A coach and a client on a server: invite, sign up, share, look, revoke."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import Browser, Page, expect

from netkort.services import accounts, demo
from netkort.store.models import Workspace

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("server_mode"),
]

PASSWORD = "fjord-lighthouse-27"


def sign_in(page: Page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_a_coach_invites_a_client_who_shares_and_later_revokes(
    page: Page, browser: Browser, live_server: object, screenshot_dir: Path
) -> None:
    base = str(live_server)
    coach = accounts.create_user("bob", "bob@coach.dk", password=PASSWORD, coach=True)
    assert Group.objects.filter(name=accounts.COACHES, user=coach).exists()

    # The coach makes an invitation link.
    sign_in(page, base, "bob", PASSWORD)
    expect(page.locator("h1")).to_have_text("Your network")
    page.get_by_role("link", name="bob").click()
    page.get_by_role("link", name="Invite someone").click()
    page.get_by_role("button", name="Make a new invitation link").click()
    link = page.get_by_label("Invitation link").input_value()
    assert "/accounts/sign-up/" in link

    # The client signs up through it, with a network of her own.
    client_context = browser.new_context(locale="en-GB")
    client = client_context.new_page()
    client.goto(link)
    expect(client.locator("h1")).to_have_text("Welcome to netkort")
    client.get_by_label("Username").fill("dora")
    client.get_by_label("E-mail address").fill("dora@example.dk")
    client.get_by_label("Password:", exact=True).fill(PASSWORD)
    client.get_by_label("Password confirmation").fill(PASSWORD)
    client.get_by_role("button", name="Create my account").click()
    expect(client.locator("h1")).to_have_text("Your network")
    dora = User.objects.get(username="dora")
    workspace = Workspace.objects.get(owner=dora)
    demo.load_demo(workspace, size=60)

    # She lets her coach read it.
    client.get_by_role("link", name="Sharing").click()
    client.get_by_label("User name or e-mail address of your coach").fill("bob@coach.dk")
    client.get_by_label("What they may do").select_option("read")
    client.get_by_role("button", name="Give access").click()
    expect(client.get_by_role("status").first).to_contain_text("bob may now: Read.")
    client.screenshot(path=screenshot_dir / "server-sharing.png", full_page=True)

    # The coach finds her on the dashboard and opens her overview and map.
    page.get_by_role("link", name="Clients").click()
    row = page.locator("table.clients tbody tr", has_text="dora")
    expect(row).to_contain_text("60")
    page.screenshot(path=screenshot_dir / "server-coach-dashboard.png", full_page=True)
    row.get_by_role("link", name="dora").click()
    expect(page.locator("h1")).to_have_text("Your network")
    expect(page.locator("hgroup p")).to_contain_text("60 persons")
    overview = page.url
    page.go_back()
    page.locator("table.clients tbody tr", has_text="dora").get_by_role("link", name="Map").click()
    expect(page.locator("h1")).to_have_text("Map of your network")

    # She revokes; the coach's next request finds nothing.
    client.get_by_role("button", name="Revoke bob").click()
    expect(client.get_by_role("status").first).to_contain_text("bob no longer sees your network")
    response = page.goto(overview)
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_have_text("Not found")
    page.goto(f"{base}/coach/")
    expect(page.locator("table.clients")).to_have_count(0)
    client_context.close()
