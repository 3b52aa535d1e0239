"""`netkort goal …` and `netkort assess …`, run as a user runs them."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from cli import netkort


def run(tmp: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """``netkort`` on the demo network's database, which the module keeps in ``tmp``."""
    return netkort(*args, tmp=tmp, db=tmp / "g.sqlite", check=check)


def as_json(tmp: Path, *args: str) -> Any:
    return json.loads(run(tmp, *args, "--json").stdout)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("goals")
    run(tmp, "demo", "--size", "30")
    return tmp


def test_it_adds_lists_shows_activates_and_archives_goals(db: Path) -> None:
    before = as_json(db, "goal", "list")
    assert [g["title"] for g in before if g["active"]]  # the demo has an active goal
    added = as_json(
        db, "goal", "add", "Leadership sparring", "--kind", "sparring",
        "--org", "Nordlys Test", "--org", "Fjord Test", "--role", "Mentor",
        "--keyword", "ledelse", "--deadline", "2027-01-31",
    )  # fmt: skip
    assert added["target_organisations"] == ["Fjord Test", "Nordlys Test"]
    assert (added["kind"], added["deadline"], added["active"]) == ("sparring", "2027-01-31", False)
    gid = str(added["id"])
    assert as_json(db, "goal", "show", gid) == added
    assert as_json(db, "goal", "activate", gid)["active"] is True
    active = [g["id"] for g in as_json(db, "goal", "list") if g["active"]]
    assert active == [added["id"]]
    assert as_json(db, "goal", "archive", gid)["archived"] is True
    assert added["id"] not in [g["id"] for g in as_json(db, "goal", "list")]
    assert added["id"] in [g["id"] for g in as_json(db, "goal", "list", "--all")]
    text = run(db, "goal", "show", gid).stdout
    assert "Leadership sparring (archived)" in text and "Mentor" in text


def test_it_assesses_a_person_by_id_or_by_name(db: Path) -> None:
    people = json.loads(run(db, "people", "list", "--json").stdout)
    target = people[3]
    goal = as_json(db, "goal", "add", "A job for the test", "--activate")
    result = as_json(
        db, "assess", str(target["id"]), "--goal", str(goal["id"]),
        "--roles", "information,intermediary", "--closeness", "2", "--note", "Ask her",
    )  # fmt: skip
    assert result["roles"] == ["information", "intermediary"]
    assert (result["closeness"], result["note"], result["goal"]) == (2, "Ask her", goal["id"])
    again = as_json(db, "assess", str(target["display_name"]), "--super-connector")
    assert again["roles"] == ["information", "intermediary"] and again["super_connector"]
    assert again["goal"] == goal["id"]
    plain = run(db, "assess", str(target["id"]), "--roles", "none").stdout
    assert f"{target['display_name']} for goal {goal['id']}: no role" in plain


def test_a_name_that_fits_several_persons_lists_the_candidates(db: Path) -> None:
    result = run(db, "assess", "a", "--roles", "information", check=False)
    assert result.returncode == 1
    assert "fits" in result.stderr and "(#" in result.stderr and "give the id" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_goals_and_roles_are_user_errors(db: Path) -> None:
    missing = run(db, "goal", "show", "99999", check=False)
    assert missing.returncode == 1 and "There is no goal 99999" in missing.stderr
    bad = run(db, "assess", "1", "--roles", "boss", check=False)
    assert bad.returncode == 1 and "Known roles" in bad.stderr
    usage = run(db, "goal", "add", "x", "--kind", "party", check=False)
    assert usage.returncode == 2
