"""`netkort export` and `netkort restore`, run as a user runs them: a separate process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

NETKORT = Path(sys.executable).with_name("netkort")
FORMATS = ("xlsx", "csv", "vcf", "graphml", "gexf", "ics", "json")


def run(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NETKORT_DATA_DIR": str(tmp), "NETKORT_LANGUAGE": "en"}
    env.pop("NETKORT_DATABASE_URL", None)
    return subprocess.run(
        [str(NETKORT), *args], capture_output=True, text=True, env=env, timeout=300
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("export-cli")
    db = tmp / "demo.sqlite3"
    assert run(tmp, "--db", str(db), "demo", "--size", "40").returncode == 0
    return tmp, db


@pytest.mark.parametrize("fmt", FORMATS)
def test_it_exports_each_format_to_a_file(demo: tuple[Path, Path], fmt: str) -> None:
    tmp, db = demo
    out = tmp / f"out.{fmt}"
    result = run(tmp, "--db", str(db), "export", fmt, "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    assert out.stat().st_size > 100
    assert not list(tmp.glob(".netkort-*.part"))


def test_it_writes_danish_semicolon_csv_to_stdout(demo: tuple[Path, Path]) -> None:
    tmp, db = demo
    result = run(
        tmp, "--db", str(db), "export", "csv", "-o", "-", "--language", "da", "--delimiter", ";"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("\ufeffnetkort-id;Navn;")


def test_backup_restore_backup_is_identical(demo: tuple[Path, Path], tmp_path: Path) -> None:
    tmp, db = demo
    first = tmp_path / "first.json"
    again = tmp_path / "again.json"
    restored = tmp_path / "restored.sqlite3"
    assert run(tmp, "--db", str(db), "export", "json", "-o", str(first)).returncode == 0
    result = run(tmp, "--db", str(restored), "restore", str(first))
    assert result.returncode == 0, result.stderr
    assert "Restored 40 persons" in result.stdout
    assert run(tmp, "--db", str(restored), "export", "json", "-o", str(again)).returncode == 0
    assert first.read_bytes() == again.read_bytes()


def test_restore_refuses_a_network_that_is_not_empty_unless_replacing(
    demo: tuple[Path, Path], tmp_path: Path
) -> None:
    tmp, db = demo
    backup = tmp_path / "b.json"
    assert run(tmp, "--db", str(db), "export", "json", "-o", str(backup)).returncode == 0
    refused = run(tmp, "--db", str(db), "restore", str(backup))
    assert refused.returncode == 1
    assert "not empty" in refused.stderr and "--replace" in refused.stderr
    replaced = run(tmp, "--db", str(db), "restore", str(backup), "--replace", "--json")
    assert replaced.returncode == 0, replaced.stderr
    assert json.loads(replaced.stdout)["persons"] == 40


def test_restore_refuses_newer_and_damaged_backups(demo: tuple[Path, Path], tmp_path: Path) -> None:
    tmp, db = demo
    backup = tmp_path / "b.json"
    assert run(tmp, "--db", str(db), "export", "json", "-o", str(backup)).returncode == 0
    data = json.loads(backup.read_text("utf-8"))
    data["schema_version"] = 99
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(data), "utf-8")
    empty = tmp_path / "empty.sqlite3"
    result = run(tmp, "--db", str(empty), "restore", str(newer))
    assert result.returncode == 1
    assert "newer netkort" in result.stderr
    cut = tmp_path / "cut.json"
    cut.write_bytes(backup.read_bytes()[:5000])
    result = run(tmp, "--db", str(empty), "restore", str(cut))
    assert result.returncode == 1
    assert "not readable JSON" in result.stderr
    missing = run(tmp, "--db", str(empty), "restore", str(tmp_path / "nowhere.json"))
    assert missing.returncode == 1
    assert "Cannot read" in missing.stderr


def test_an_unknown_goal_is_a_clear_error(demo: tuple[Path, Path], tmp_path: Path) -> None:
    tmp, db = demo
    result = run(
        tmp, "--db", str(db), "export", "xlsx", "-o", str(tmp_path / "x.xlsx"), "--goal", "999999"
    )
    assert result.returncode == 1
    assert "no goal 999999" in result.stderr
    assert not (tmp_path / "x.xlsx").exists()
