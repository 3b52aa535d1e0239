"""``netkort user add|list|disable|invite`` and ``netkort serve --server``, run as an
administrator runs them: separate processes on real databases."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

NETKORT = Path(sys.executable).with_name("netkort")
POSTGRES = os.environ.get("NETKORT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432")


def run(
    *args: str, tmp: Path, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("NETKORT_")}
    full = {**base, "NETKORT_DATA_DIR": str(tmp), "NETKORT_LANGUAGE": "en", **(env or {})}
    return subprocess.run(
        [str(NETKORT), *args], input=stdin, capture_output=True, text=True, env=full, timeout=300
    )


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "server.sqlite3")


def test_an_administrator_adds_lists_and_disables_users(tmp_path: Path, db: str) -> None:
    added = run(
        "--db", db, "user", "add", "ann", "--email", "ann@example.dk", "--coach",
        "--password-stdin", tmp=tmp_path, stdin="fjord-lighthouse-27\n",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "Added ann" in added.stdout
    assert run("--db", db, "user", "add", "root", "--admin", tmp=tmp_path).returncode == 0
    rows = json.loads(run("--db", db, "user", "list", "--json", tmp=tmp_path).stdout)
    assert [(r["username"], r["coach"], r["admin"], r["active"]) for r in rows] == [
        ("ann", True, False, True),
        ("root", False, True, True),
    ]
    disabled = run("--db", db, "user", "disable", "ANN", tmp=tmp_path)
    assert disabled.returncode == 0 and "ann can no longer sign in" in disabled.stdout
    listing = run("--db", db, "user", "list", tmp=tmp_path).stdout
    assert "ann  ann@example.dk  (coach, disabled)" in listing


def test_a_taken_name_and_a_weak_password_are_user_errors(tmp_path: Path, db: str) -> None:
    run("--db", db, "user", "add", "ann", tmp=tmp_path)
    again = run("--db", db, "user", "add", "Ann", tmp=tmp_path)
    assert again.returncode == 1 and "The user name Ann is taken" in again.stderr
    weak = run("--db", db, "user", "add", "bo", "--password-stdin", tmp=tmp_path, stdin="1234\n")
    assert weak.returncode == 1 and "too short" in weak.stderr
    assert run("--db", db, "user", "disable", "nobody", tmp=tmp_path).returncode == 1


def test_a_coach_gets_an_invitation_link_and_a_client_does_not(tmp_path: Path, db: str) -> None:
    run("--db", db, "user", "add", "ann", "--coach", tmp=tmp_path)
    run("--db", db, "user", "add", "cleo", tmp=tmp_path)
    link = run("--db", db, "user", "invite", "--by", "ann", "--url", "https://n.dk", tmp=tmp_path)
    assert link.returncode == 0
    assert link.stdout.startswith("https://n.dk/accounts/sign-up/")
    refused = run("--db", db, "user", "invite", "--by", "cleo", tmp=tmp_path)
    assert refused.returncode == 1 and "may invite" in refused.stderr


def test_serve_server_names_a_missing_setting(tmp_path: Path) -> None:
    result = run("serve", "--server", "--no-browser", tmp=tmp_path)
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
