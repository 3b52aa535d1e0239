"""`netkort analyze`, `plan` and `paths`, run as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli import netkort


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("analysis-cli")
    db = tmp / "x.sqlite"
    netkort("demo", "--size", "150", tmp=tmp, db=db)
    return tmp, db


def test_analyze_prints_every_measure_as_json(demo_db: tuple[Path, Path]) -> None:
    tmp, db = demo_db
    data = json.loads(netkort("analyze", "--json", tmp=tmp, db=db).stdout)
    for key in (
        "size",
        "by_context",
        "rings",
        "diversity",
        "brokers",
        "dormant",
        "super_connectors",
    ):
        assert key in data, key
    assert data["size"] == 150
    assert sum(r["count"] for r in data["rings"]) == 150
    assert {d["attribute"] for d in data["diversity"]} == {
        "industry",
        "organisation",
        "place",
        "function",
        "education",
    }
    assert data["brokers"] and all(0 < b["constraint"] <= 1.5 for b in data["brokers"])
    assert any(s["marked"] for s in data["super_connectors"])


def test_analyze_without_json_prints_a_summary(demo_db: tuple[Path, Path]) -> None:
    tmp, db = demo_db
    out = netkort("analyze", tmp=tmp, db=db).stdout
    assert "Persons: 150" in out and "By ring:" in out


def test_plan_prints_the_ranked_list_with_parts_and_reasons(demo_db: tuple[Path, Path]) -> None:
    tmp, db = demo_db
    rows = json.loads(netkort("plan", "--top", "5", "--json", tmp=tmp, db=db).stdout)
    assert len(rows) == 5
    for row in rows:
        assert set(row) >= {"person_id", "display_name", "score", "parts", "reasons"}
        assert set(row["parts"]) == {"relevance", "access", "novelty", "willingness", "dormant"}
        assert row["reasons"] and all(isinstance(r, str) for r in row["reasons"])
    scores = [r["score"] for r in rows]
    assert scores[0] == max(scores)
    text = netkort("plan", "--top", "2", tmp=tmp, db=db).stdout
    assert rows[0]["display_name"] in text


def test_plan_for_an_unknown_goal_is_a_user_error(demo_db: tuple[Path, Path]) -> None:
    tmp, db = demo_db
    result = netkort("plan", "--goal", "9999", tmp=tmp, db=db, check=False)
    assert result.returncode == 1
    assert "There is no goal 9999" in result.stderr and "Traceback" not in result.stderr


def test_plan_without_an_active_goal_says_how_to_set_one(tmp_path: Path) -> None:
    db = tmp_path / "empty.sqlite"
    result = netkort("plan", tmp=tmp_path, db=db, check=False)
    assert result.returncode == 1
    assert "netkort goal add" in result.stderr


def test_paths_lists_who_can_open_the_door(demo_db: tuple[Path, Path]) -> None:
    tmp, db = demo_db
    plan = json.loads(netkort("plan", "--top", "1", "--json", tmp=tmp, db=db).stdout)
    works = next(r for r in plan[0]["reasons"] if r.startswith("Works at "))
    organisation = works.removeprefix("Works at ")
    rows = json.loads(netkort("paths", "--to", organisation, "--json", tmp=tmp, db=db).stdout)
    assert plan[0]["person_id"] in [r["via"]["id"] for r in rows if r["direct"]]
    scores = [r["score"] for r in rows]
    assert scores == sorted(scores, reverse=True)
    assert any(not r["direct"] for r in rows)


def test_paths_to_an_unknown_organisation_is_a_user_error(demo_db: tuple[Path, Path]) -> None:
    tmp, db = demo_db
    result = netkort("paths", "--to", "Nowhere Inc", tmp=tmp, db=db, check=False)
    assert result.returncode == 1
    assert "No organisation in your network is called “Nowhere Inc”" in result.stderr
