"""Day one: upload the LinkedIn archive and the phone's contacts, read the report, and
resolve the one entry netkort was unsure about."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from netkort.services import login_links, workspaces
from netkort.store.models import ImportJob, Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONNECTIONS = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email '
    'addresses are missing."\n\n'
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Kristian,Hansen,https://www.linkedin.com/in/kristian-hansen,,Fjordbank,CFO,7 Feb 2022\n"
    "Søren,Kjær,https://www.linkedin.com/in/soeren-kjaer,soeren@novo.dk,Novo Nordisk,"
    "Scientist,05 Mar 2024\n"
)
MESSAGES = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n"
    "c1,,Søren Kjær,https://www.linkedin.com/in/soeren-kjaer,Mette Ørsted,"
    "2024-03-05 14:02:11 UTC,,Hej Mette,INBOX\n"
    "c1,,Mette Ørsted,https://www.linkedin.com/in/mette-orsted,Søren Kjær,"
    "2024-03-06 09:00:00 UTC,,Hej Søren,INBOX\n"
    "c2,,Mette Ørsted,https://www.linkedin.com/in/mette-orsted,Kristian Hansen,"
    "2024-04-02 10:00:00 UTC,,Kaffe?,INBOX\n"
)
VCARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Hansen;Kris;;;\r\nFN:Kris Hansen\r\nORG:Nordlys Energi;\r\n"
    "TEL;type=CELL:+45 20 12 34 56\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Kjær;Søren;;;\r\nFN:Søren Kjær\r\n"
    "EMAIL;type=INTERNET:soeren@novo.dk\r\nEND:VCARD\r\n"
)


def test_it_imports_an_archive_and_a_vcard_and_resolves_a_duplicate(
    page: Page, live_server: object, screenshot_dir: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "Basic_LinkedInDataExport_03-05-2026.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("Connections.csv", CONNECTIONS)
        zf.writestr("messages.csv", MESSAGES)
    contacts = tmp_path / "contacts.vcf"
    contacts.write_text(VCARD, encoding="utf-8")

    workspace = workspaces.local_workspace()
    token = login_links.mint(workspaces.local_owner())
    page.goto(f"{live_server}/login/{token}/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Import").click()
    expect(page.locator("h1")).to_have_text("Import")

    page.get_by_label("Files").set_input_files([archive, contacts])
    page.get_by_role("button", name="Import", exact=True).click()

    report = page.locator("section.import-report")
    expect(report.locator("h2")).to_have_text("What the import did")
    rows = report.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("LinkedIn data archive")
    expect(rows.nth(1)).to_contain_text("vCard")
    expect(report).to_contain_text("Your network now holds 3 persons.")
    page.screenshot(path=screenshot_dir / "import-report.png", full_page=True)

    report.get_by_role("link", name="Review 1 possible duplicate").click()
    expect(page.locator("h1")).to_have_text("Possible duplicates")
    pair = page.locator("article.duplicate")
    expect(pair).to_have_count(1)
    expect(pair).to_contain_text("Fjordbank")
    expect(pair).to_contain_text("Nordlys Energi")
    page.screenshot(path=screenshot_dir / "possible-duplicates.png", full_page=True)
    pair.get_by_role("button", name="Merge, keep the name Kristian Hansen").click()

    expect(page.get_by_role("status").first).to_have_text("Merged into Kristian Hansen.")
    expect(page.locator("article.duplicate")).to_have_count(0)
    kristian = Person.objects.get(workspace=workspace, display_name="Kristian Hansen")
    assert [p.e164 for p in kristian.phones.all()] == ["+4520123456"]
    assert Person.objects.filter(workspace=workspace).count() == 2


def test_a_big_archive_is_imported_in_the_background_with_progress(
    page: Page, live_server: object, screenshot_dir: Path, tmp_path: Path, settings: Any
) -> None:
    settings.NETKORT_BACKGROUND_IMPORT_BYTES = 100  # this small archive counts as big
    archive = tmp_path / "Complete_LinkedInDataExport_03-05-2026.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("Connections.csv", CONNECTIONS)
        zf.writestr("messages.csv", MESSAGES)

    workspaces.local_workspace()
    token = login_links.mint(workspaces.local_owner())
    page.goto(f"{live_server}/login/{token}/")
    page.goto(f"{live_server}/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Import").click()
    page.get_by_label("Files").set_input_files([archive])
    page.get_by_role("button", name="Import", exact=True).click()

    expect(page).to_have_url(re.compile(r"/import/jobs/\d+/$"))
    expect(page.locator("hgroup p")).to_have_text(archive.name)
    job = page.locator("#import-job")
    # The page polls until the job has ended, then shows the same report.
    report = job.locator("section.import-report")
    expect(report.locator("h2")).to_have_text("What the import did", timeout=30_000)
    expect(report.locator("tbody tr")).to_have_count(1)
    expect(report).to_contain_text("LinkedIn data archive")
    expect(report).to_contain_text("Your network now holds 2 persons.")
    expect(job.locator("progress")).to_have_count(0)
    page.screenshot(path=screenshot_dir / "import-job-report.png", full_page=True)
    assert Person.objects.count() == 2
    assert ImportJob.objects.get().state == "done"
