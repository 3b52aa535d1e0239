"""``netkort due``, ``digest`` and ``log``, run as a user runs them."""

from __future__ import annotations

import json
import socketserver
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli import netkort


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("outreach-cli")
    db = tmp / "x.sqlite"
    netkort("demo", "--size", "60", tmp=tmp, db=db)
    return tmp, db


def due(tmp: Path, db: Path) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = json.loads(netkort("due", "--json", tmp=tmp, db=db).stdout)
    return rows


def test_due_lists_whom_to_keep_in_touch_with(demo_db: tuple[Path, Path]) -> None:
    rows = due(*demo_db)
    assert rows, "the demo network has people who are due"
    assert {"id", "display_name", "rhythm_days", "last_contact", "due_on", "overdue_days"} <= rows[
        0
    ].keys()
    overdue = [int(str(r["overdue_days"])) for r in rows]
    assert overdue == sorted(overdue, reverse=True)
    text = netkort("due", tmp=demo_db[0], db=demo_db[1]).stdout
    assert str(rows[0]["display_name"]) in text


def test_log_takes_a_person_off_the_due_list(demo_db: tuple[Path, Path]) -> None:
    tmp, db = demo_db
    first = due(tmp, db)[0]
    out = netkort(
        "log", str(first["id"]), "--channel", "phone", "--note", "Caught up", "--json",
        tmp=tmp, db=db,
    )  # fmt: skip
    logged = json.loads(out.stdout)
    assert logged["person"] == first["id"] and logged["channel"] == "phone"
    assert first["id"] not in [r["id"] for r in due(tmp, db)]


def test_log_names_the_problem_with_an_unknown_person(demo_db: tuple[Path, Path]) -> None:
    tmp, db = demo_db
    result = netkort("log", "Zelda Nobody", tmp=tmp, db=db, check=False)
    assert result.returncode == 1
    assert "Nobody in your network matches “Zelda Nobody”" in result.stderr
    assert "Traceback" not in result.stderr


def test_digest_prints_the_weeks_list(demo_db: tuple[Path, Path]) -> None:
    tmp, db = demo_db
    out = netkort("digest", tmp=tmp, db=db).stdout
    assert out.startswith("netkort: your week from")
    assert "Keep in touch (" in out


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for one message: it records the DATA it receives."""

    received: list[str] = []

    def _say(self, line: str) -> None:
        self.wfile.write((line + "\r\n").encode())

    def handle(self) -> None:
        self._say("220 test")
        while line := self.rfile.readline().decode():
            verb = line[:4].upper()
            if verb in ("EHLO", "HELO"):
                self._say("250 test")
            elif verb == "DATA":
                self._say("354 go on")
                lines = []
                while (row := self.rfile.readline().decode()) not in (".\r\n", ""):
                    lines.append(row)
                self.received.append("".join(lines))
                self._say("250 kept")
            elif verb == "QUIT":
                self._say("221 bye")
                return
            else:
                self._say("250 ok")


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, list[str]]]:
    _SMTPHandler.received = []
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SMTPHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], _SMTPHandler.received
    finally:
        server.shutdown()
        server.server_close()


def test_digest_is_emailed_with_smtp_settings(
    demo_db: tuple[Path, Path], smtp_server: tuple[int, list[str]]
) -> None:
    tmp, db = demo_db
    port, received = smtp_server
    env = {
        "NETKORT_SMTP_HOST": "127.0.0.1",
        "NETKORT_SMTP_PORT": str(port),
        "NETKORT_SMTP_TLS": "0",
        "NETKORT_SMTP_FROM": "netkort@example.com",
    }
    out = netkort("digest", "--to", "me@example.com", tmp=tmp, db=db, env=env)
    assert "The digest was sent to me@example.com." in out.stdout
    assert len(received) == 1
    assert "To: me@example.com" in received[0]
    assert "Subject: netkort: your week from" in received[0]


def test_digest_with_smtp_but_no_address_says_what_to_do(demo_db: tuple[Path, Path]) -> None:
    tmp, db = demo_db
    env = {"NETKORT_SMTP_HOST": "127.0.0.1", "NETKORT_DIGEST_TO": ""}
    result = netkort("digest", tmp=tmp, db=db, env=env, check=False)
    assert result.returncode == 1
    assert "--to you@example.com" in result.stderr
