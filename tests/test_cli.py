"""The `netkort` command, run as a user runs it: a separate process on a real database."""

from __future__ import annotations

import http.cookiejar
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from cli import NETKORT, netkort
from netkort import __version__


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("cli")
    db = tmp / "x.sqlite"
    netkort("demo", tmp=tmp, db=db)
    return tmp, db


def people(tmp: Path, db: Path, *args: str) -> list[dict[str, object]]:
    out = netkort("people", "list", "--json", *args, tmp=tmp, db=db).stdout
    rows: list[dict[str, object]] = json.loads(out)
    return rows


def test_it_is_installed_as_a_console_script() -> None:
    assert NETKORT.exists()


def test_it_prints_its_version(tmp_path: Path) -> None:
    assert netkort("--version", tmp=tmp_path).stdout.strip() == f"netkort {__version__}"


def test_it_lists_the_demo_people_with_every_field(demo_db: tuple[Path, Path]) -> None:
    rows = people(*demo_db)
    assert 380 <= len(rows) <= 420
    fields = {
        "id", "display_name", "given_name", "family_name", "emails", "phones",
        "linkedin_url", "organization", "title", "contexts", "closeness", "tags",
        "last_contact", "interaction_count", "sources",
    }  # fmt: skip
    assert all(fields <= row.keys() for row in rows)
    names = " ".join(str(r["display_name"]) for r in rows)
    for letter in "æøåÆØÅ":
        assert letter in names
    assert any(str(r["linkedin_url"]).startswith("https://www.linkedin.com/in/") for r in rows)
    phones = [p for r in rows for p in r["phones"]]  # type: ignore[attr-defined]
    assert phones and all(str(p).startswith("+") for p in phones)
    assert all(r["sources"] == ["demo"] for r in rows)


def test_the_demo_is_idempotent(demo_db: tuple[Path, Path]) -> None:
    tmp, db = demo_db
    before = len(people(tmp, db))
    again = netkort("demo", "--json", tmp=tmp, db=db)
    assert json.loads(again.stdout)["created"] is False
    assert len(people(tmp, db)) == before


def test_it_searches_and_filters_by_context(demo_db: tuple[Path, Path]) -> None:
    tmp, db = demo_db
    everyone = people(tmp, db)
    friends = people(tmp, db, "--context", "friends")
    assert 0 < len(friends) < len(everyone)
    assert all("friends" in r["contexts"] for r in friends)  # type: ignore[operator]
    assert people(tmp, db, "--context", "Venner") == friends
    target = str(everyone[10]["family_name"] or everyone[10]["given_name"])
    found = people(tmp, db, "--search", target)
    assert everyone[10]["id"] in [r["id"] for r in found]


def test_an_unknown_context_is_a_user_error_with_a_message(demo_db: tuple[Path, Path]) -> None:
    tmp, db = demo_db
    result = netkort("people", "list", "--context", "golf", tmp=tmp, db=db, check=False)
    assert result.returncode == 1
    assert "There is no context “golf”" in result.stderr
    assert "friends" in result.stderr
    assert "Traceback" not in result.stderr


def test_wrong_usage_exits_with_2(tmp_path: Path) -> None:
    result = netkort("people", "frobnicate", tmp=tmp_path, check=False)
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_the_demo_will_not_mix_with_your_own_people(tmp_path: Path) -> None:
    db = tmp_path / "own.sqlite"
    netkort("demo", "--size", "5", tmp=tmp_path, db=db)
    # Make the five demo persons look like the user's own.
    code = (
        f"from netkort import cli; cli.setup({str(db)!r});"
        "from netkort.services import workspaces;"
        "ws = workspaces.local_workspace(); ws.settings.pop('demo'); ws.save();"
    )
    env = {**os.environ, "NETKORT_DATA_DIR": str(tmp_path)}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    result = netkort("demo", tmp=tmp_path, db=db, check=False)
    assert result.returncode == 1
    assert "already holds 5 persons of your own" in result.stderr
    assert len(people(tmp_path, db)) == 5


def test_a_bad_database_url_is_named(tmp_path: Path) -> None:
    result = netkort("people", "list", tmp=tmp_path, db="mysql://x", check=False)
    assert result.returncode == 1
    assert "must start with sqlite:/// or postgresql://" in result.stderr


def test_a_missing_database_folder_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "x.sqlite"
    result = netkort("people", "list", tmp=tmp_path, db=missing, check=False)
    assert result.returncode == 1
    assert "does not exist" in result.stderr and str(missing.parent) in result.stderr


def test_login_link_prints_a_link(demo_db: tuple[Path, Path]) -> None:
    tmp, db = demo_db
    link = netkort("login-link", "--port", "8123", tmp=tmp, db=db).stdout.strip()
    assert link.startswith("http://127.0.0.1:8123/login/")


def open_when_up(opener: urllib.request.OpenerDirector, url: str) -> Any:
    """Open ``url``, waiting up to five seconds for the server to start listening."""
    deadline = time.monotonic() + 5
    while True:
        try:
            return opener.open(url, timeout=10)
        except urllib.error.URLError as exc:
            if not isinstance(exc.reason, ConnectionRefusedError) or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_serve_prints_a_login_link_that_opens_the_overview(demo_db: tuple[Path, Path]) -> None:
    tmp, db = demo_db
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "NETKORT_DATA_DIR": str(tmp), "NETKORT_LANGUAGE": "en"}
    args = [str(NETKORT), "--db", str(db), "serve", "--port", str(port), "--no-browser"]
    server = subprocess.Popen(args, stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert server.stdout is not None
        link = ""
        while not link.startswith("http"):
            link = server.stdout.readline().strip()
        cookies = urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        page = open_when_up(urllib.request.build_opener(cookies), link)
        assert "/w/" in page.url
        assert "<h1>" in page.read().decode()
    finally:
        server.terminate()
        server.wait(timeout=10)
