"""Downloading an export from the export page, as a person would."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from netkort.services import demo, login_links, workspaces
from netkort.store.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_downloads_the_workbook_from_the_export_page(
    page: Page, live_server: object, screenshot_dir: Path, tmp_path: Path
) -> None:
    workspace = workspaces.local_workspace()
    demo.load_demo(workspace, size=40)
    token = login_links.mint(workspaces.local_owner())
    page.goto(f"{live_server}/login/{token}/")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Export").click()
    expect(page.locator("h1")).to_have_text("Export")
    page.get_by_label("Workbook (Excel", exact=False).check()
    page.get_by_label("Language of headers and labels").select_option("en")
    page.screenshot(path=screenshot_dir / "export-page.png", full_page=True)

    with page.expect_download() as info:
        page.get_by_role("button", name="Download").click()
    download = info.value
    assert download.suggested_filename.startswith("netkort-")
    assert download.suggested_filename.endswith(".xlsx")
    target = tmp_path / download.suggested_filename
    download.save_as(target)

    book = openpyxl.load_workbook(target)
    assert book.sheetnames[0] == "People"
    people = list(book["People"].iter_rows(values_only=True))
    assert people[0][:2] == ("netkort id", "Name")
    ids = {row[0] for row in people[1:]}
    assert ids == set(Person.objects.filter(workspace=workspace).values_list("pk", flat=True))


def test_it_downloads_the_contacts_as_vcard(page: Page, live_server: object) -> None:
    workspace = workspaces.local_workspace()
    demo.load_demo(workspace, size=10)
    token = login_links.mint(workspaces.local_owner())
    page.goto(f"{live_server}/login/{token}/")
    page.goto(f"{live_server}/w/{workspace.uid}/export/")
    page.get_by_label("Contacts as vCard", exact=False).check()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download").click()
    text = Path(info.value.path()).read_text("utf-8")
    assert text.count("BEGIN:VCARD") == 10
