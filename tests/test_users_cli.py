"""``netkort user add|list|disable|invite`` and ``netkort serve --server``, run as an
administrator runs them: separate processes on real databases."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from cli import NETKORT, netkort

POSTGRES = os.environ.get("NETKORT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432")


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "server.sqlite3")


def test_an_administrator_adds_lists_and_disables_users(tmp_path: Path, db: str) -> None:
    added = netkort(
        "user", "add", "ann", "--email", "ann@example.dk", "--coach",
        "--password-stdin", tmp=tmp_path, db=db, stdin="fjord-lighthouse-27\n",
    )  # fmt: skip
    assert "Added ann" in added.stdout
    netkort("user", "add", "root", "--admin", tmp=tmp_path, db=db)
    rows = json.loads(netkort("user", "list", "--json", tmp=tmp_path, db=db).stdout)
    assert [(r["username"], r["coach"], r["admin"], r["active"]) for r in rows] == [
        ("ann", True, False, True),
        ("root", False, True, True),
    ]
    disabled = netkort("user", "disable", "ANN", tmp=tmp_path, db=db)
    assert "ann can no longer sign in" in disabled.stdout
    listing = netkort("user", "list", tmp=tmp_path, db=db).stdout
    assert "ann  ann@example.dk  (coach, disabled)" in listing


def test_a_taken_name_and_a_weak_password_are_user_errors(tmp_path: Path, db: str) -> None:
    netkort("user", "add", "ann", tmp=tmp_path, db=db)
    again = netkort("user", "add", "Ann", tmp=tmp_path, db=db, check=False)
    assert again.returncode == 1 and "The user name Ann is taken" in again.stderr
    weak = netkort(
        "user", "add", "bo", "--password-stdin", tmp=tmp_path, db=db, stdin="1234\n", check=False
    )
    assert weak.returncode == 1 and "too short" in weak.stderr
    assert netkort("user", "disable", "nobody", tmp=tmp_path, db=db, check=False).returncode == 1


def test_a_coach_gets_an_invitation_link_and_a_client_does_not(tmp_path: Path, db: str) -> None:
    netkort("user", "add", "ann", "--coach", tmp=tmp_path, db=db)
    netkort("user", "add", "cleo", tmp=tmp_path, db=db)
    link = netkort("user", "invite", "--by", "ann", "--url", "https://n.dk", tmp=tmp_path, db=db)
    assert link.stdout.startswith("https://n.dk/accounts/sign-up/")
    refused = netkort("user", "invite", "--by", "cleo", tmp=tmp_path, db=db, check=False)
    assert refused.returncode == 1 and "may invite" in refused.stderr


def test_serve_server_names_a_missing_setting(tmp_path: Path) -> None:
    result = netkort("serve", "--server", "--no-browser", tmp=tmp_path, check=False)
    assert result.returncode == 1
    assert "NETKORT_SECRET_KEY is required in server mode" in result.stderr


@pytest.fixture
def postgres_database() -> Iterator[str]:
    """A database of its own on the PostgreSQL server, dropped afterwards."""
    name = f"nk_cli_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{POSTGRES}/{name}"
    finally:
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def fetch(url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], str]:
    opener = urllib.request.build_opener(NoRedirect)
    deadline = time.monotonic() + 60
    while True:
        try:
            with opener.open(urllib.request.Request(url, headers=headers), timeout=10) as r:
                return r.status, dict(r.headers), r.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), ""
        except urllib.error.URLError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_serve_server_answers_behind_an_https_proxy(tmp_path: Path, postgres_database: str) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        "NETKORT_SECRET_KEY": "s" * 50,
        "NETKORT_ALLOWED_HOSTS": "127.0.0.1",
        "NETKORT_DATABASE_URL": postgres_database,
        "NETKORT_EMAIL_HOST": "127.0.0.1",
        "NETKORT_FROM_EMAIL": "netkort@example.dk",
        "NETKORT_DATA_DIR": str(tmp_path),
        "NETKORT_LANGUAGE": "en",
        "PATH": os.environ.get("PATH", ""),
    }
    args = [str(NETKORT), "serve", "--server", "--port", str(port), "--no-browser"]
    server = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        url = f"http://127.0.0.1:{port}/accounts/login/"
        status, headers, page = fetch(url, {"X-Forwarded-Proto": "https"})
        assert status == 200, page
        assert "Sign in" in page
        assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
        assert "Secure" in headers["Set-Cookie"]
        plain, moved, _ = fetch(url, {})
        assert plain == 301 and moved["Location"].startswith("https://")
    finally:
        server.terminate()
        server.wait(timeout=10)
