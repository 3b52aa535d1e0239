"""`netkort export` and `netkort restore`, run as a user runs them: a separate process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli import netkort

FORMATS = ("xlsx", "csv", "vcf", "graphml", "gexf", "ics", "json")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("export-cli")
    db = tmp / "demo.sqlite3"
    netkort("demo", "--size", "40", tmp=tmp, db=db)
    return tmp, db


@pytest.mark.parametrize("fmt", FORMATS)
def test_it_exports_each_format_to_a_file(demo: tuple[Path, Path], fmt: str) -> None:
    tmp, db = demo
    out = tmp / f"out.{fmt}"
    result = netkort("export", fmt, "-o", str(out), tmp=tmp, db=db)
    assert str(out) in result.stdout
    assert out.stat().st_size > 100
    assert not list(tmp.glob(".netkort-*.part"))


def test_it_writes_danish_semicolon_csv_to_stdout(demo: tuple[Path, Path]) -> None:
    tmp, db = demo
    result = netkort(
        "export", "csv", "-o", "-", "--language", "da", "--delimiter", ";", tmp=tmp, db=db
    )
    assert result.stdout.startswith("\ufeffnetkort-id;Navn;")


def test_backup_restore_backup_is_identical(demo: tuple[Path, Path], tmp_path: Path) -> None:
    tmp, db = demo
    first = tmp_path / "first.json"
    again = tmp_path / "again.json"
    restored = tmp_path / "restored.sqlite3"
    netkort("export", "json", "-o", str(first), tmp=tmp, db=db)
    result = netkort("restore", str(first), tmp=tmp, db=restored)
    assert "Restored 40 persons" in result.stdout
    netkort("export", "json", "-o", str(again), tmp=tmp, db=restored)
    assert first.read_bytes() == again.read_bytes()


def test_restore_refuses_a_network_that_is_not_empty_unless_replacing(
    demo: tuple[Path, Path], tmp_path: Path
) -> None:
    tmp, db = demo
    backup = tmp_path / "b.json"
    netkort("export", "json", "-o", str(backup), tmp=tmp, db=db)
    refused = netkort("restore", str(backup), tmp=tmp, db=db, check=False)
    assert refused.returncode == 1
    assert "not empty" in refused.stderr and "--replace" in refused.stderr
    replaced = netkort("restore", str(backup), "--replace", "--json", tmp=tmp, db=db)
    assert json.loads(replaced.stdout)["persons"] == 40


def test_restore_refuses_newer_and_damaged_backups(demo: tuple[Path, Path], tmp_path: Path) -> None:
    tmp, db = demo
    backup = tmp_path / "b.json"
    netkort("export", "json", "-o", str(backup), tmp=tmp, db=db)
    data = json.loads(backup.read_text("utf-8"))
    data["schema_version"] = 99
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(data), "utf-8")
    empty = tmp_path / "empty.sqlite3"
    result = netkort("restore", str(newer), tmp=tmp, db=empty, check=False)
    assert result.returncode == 1
    assert "newer netkort" in result.stderr
    cut = tmp_path / "cut.json"
    cut.write_bytes(backup.read_bytes()[:5000])
    result = netkort("restore", str(cut), tmp=tmp, db=empty, check=False)
    assert result.returncode == 1
    assert "not readable JSON" in result.stderr
    missing = netkort("restore", str(tmp_path / "nowhere.json"), tmp=tmp, db=empty, check=False)
    assert missing.returncode == 1
    assert "Cannot read" in missing.stderr


def test_an_unknown_goal_is_a_clear_error(demo: tuple[Path, Path], tmp_path: Path) -> None:
    tmp, db = demo
    out = tmp_path / "x.xlsx"
    result = netkort(
        "export", "xlsx", "-o", str(out), "--goal", "999999", tmp=tmp, db=db, check=False
    )
    assert result.returncode == 1
    assert "no goal 999999" in result.stderr
    assert not out.exists()
