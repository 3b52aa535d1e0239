"""`netkort import`, run as a user runs it: a separate process on a real database."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from cli import netkort

PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email '
    'addresses are missing."\n\n'
)
CONNECTIONS = PREAMBLE + (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    'Søren,Kjær,https://www.linkedin.com/in/soeren-kjaer,,"Novo Nordisk, Inc.",'
    "Senior Scientist,05 Mar 2024\n"
    "Kristian,Hansen,https://www.linkedin.com/in/kristian-hansen,kris@fjord.dk,Fjordbank,"
    "CFO,7 Feb 2022\n"
    ",,,,,,01 Jan 2020\n"
)
MESSAGES = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n"
    "c1,,Søren Kjær,https://www.linkedin.com/in/soeren-kjaer,Mette Ørsted,"
    "2024-03-05 14:02:11 UTC,,Hej Mette,INBOX\n"
    "c1,,Mette Ørsted,https://www.linkedin.com/in/mette-orsted,Søren Kjær,"
    "2024-03-06 09:00:00 UTC,,Hej Søren,INBOX\n"
    "c2,,Kristian Hansen,https://www.linkedin.com/in/kristian-hansen,Mette Ørsted,"
    "2024-04-01 10:00:00 UTC,,Kaffe?,INBOX\n"
    "c2,,Mette Ørsted,https://www.linkedin.com/in/mette-orsted,Kristian Hansen,"
    "2024-04-02 10:00:00 UTC,,Gerne,INBOX\n"
)
VCARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Hansen;Kris;;;\r\nFN:Kris Hansen\r\n"
    "EMAIL;type=INTERNET:kris@fjord.dk\r\nTEL;type=CELL:+45 20 12 34 56\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Berg;Lise;;;\r\nFN:Lise Berg\r\n"
    "TEL;type=CELL:+45 30 11 22 33\r\nEND:VCARD\r\n"
)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    path = tmp_path / "Basic_LinkedInDataExport_03-05-2026.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Connections.csv", CONNECTIONS)
        zf.writestr("messages.csv", MESSAGES)
    return path


@pytest.fixture
def vcard(tmp_path: Path) -> Path:
    path = tmp_path / "contacts.vcf"
    path.write_text(VCARD, encoding="utf-8")
    return path


def import_json(tmp: Path, db: Path, *args: str) -> dict[str, object]:
    out = netkort("import", "--json", *args, tmp=tmp, db=db).stdout
    data: dict[str, object] = json.loads(out)
    return data


def people(tmp: Path, db: Path) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = json.loads(
        netkort("people", "list", "--json", tmp=tmp, db=db).stdout
    )
    return rows


def test_it_imports_an_archive_and_a_vcard_and_reports_as_json(
    tmp_path: Path, archive: Path, vcard: Path
) -> None:
    db = tmp_path / "n.sqlite3"
    report = import_json(tmp_path, db, str(archive), str(vcard))
    linkedin, phone = report["files"]  # type: ignore[misc]
    assert linkedin["format"] == "linkedin" and phone["format"] == "vcard"
    assert set(linkedin) >= {
        "path", "format", "persons_new", "persons_merged", "persons_updated",
        "persons_unchanged", "interactions_new", "skipped",
    }  # fmt: skip
    assert linkedin["persons_new"] == 2 and linkedin["interactions_new"] == 4
    assert any(s["line"] == 7 for s in linkedin["skipped"])  # the closed account
    # Kris (vCard) is Kristian (LinkedIn) by e-mail; Lise is new.
    assert (phone["persons_new"], phone["persons_merged"]) == (1, 1)
    assert report["persons_total"] == 3
    rows = {r["display_name"]: r for r in people(tmp_path, db)}
    kristian = rows["Kristian Hansen"]
    assert kristian["phones"] == ["+4520123456"]
    assert kristian["interaction_count"] == 2
    assert kristian["sources"] == ["linkedin", "vcard"]


def test_importing_again_changes_nothing(tmp_path: Path, archive: Path, vcard: Path) -> None:
    db = tmp_path / "n.sqlite3"
    import_json(tmp_path, db, str(archive), str(vcard))
    before = people(tmp_path, db)
    again = import_json(tmp_path, db, str(archive), str(vcard))
    for f in again["files"]:  # type: ignore[attr-defined]
        assert f["persons_new"] == f["persons_merged"] == f["persons_updated"] == 0
        assert f["interactions_new"] == 0
    assert people(tmp_path, db) == before


def test_a_dry_run_changes_nothing(tmp_path: Path, archive: Path) -> None:
    db = tmp_path / "n.sqlite3"
    result = netkort("import", "--dry-run", str(archive), tmp=tmp_path, db=db)
    assert "2 new" in result.stdout and "dry run" in result.stdout
    assert people(tmp_path, db) == []


def test_a_broken_file_exits_1_names_the_file_and_changes_nothing(
    tmp_path: Path, archive: Path
) -> None:
    db = tmp_path / "n.sqlite3"
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 this is not really a zip")
    result = netkort("import", str(archive), str(broken), tmp=tmp_path, check=False, db=db)
    assert result.returncode == 1
    assert "broken.zip" in result.stderr and "Nothing was imported." in result.stderr
    assert "Traceback" not in result.stderr
    assert people(tmp_path, db) == []


def test_a_spreadsheet_is_read_with_the_columns_given(tmp_path: Path) -> None:
    db = tmp_path / "n.sqlite3"
    sheet = tmp_path / "liste.csv"
    sheet.write_text("Hvem;Arbejde;Kælenavn\nSøren Kjær;Novo Nordisk;Sønne\n", encoding="utf-8")
    args = ["--map", "Hvem=display_name", "--map", "Arbejde=organisation", str(sheet)]
    report = import_json(tmp_path, db, *args)
    assert report["files"][0]["persons_new"] == 1  # type: ignore[index]
    (row,) = people(tmp_path, db)
    assert row["display_name"] == "Søren Kjær" and row["organization"] == "Novo Nordisk"
    bad = netkort("import", "--map", "oops", str(sheet), tmp=tmp_path, check=False, db=db)
    assert bad.returncode == 1 and "--map takes COLUMN=FIELD" in bad.stderr


def test_the_progress_bar_stays_off_when_stderr_is_not_a_terminal(
    tmp_path: Path, archive: Path
) -> None:
    result = netkort("import", str(archive), tmp=tmp_path, db=tmp_path / "n.sqlite3")
    assert "[#" not in result.stderr and "\r" not in result.stderr
