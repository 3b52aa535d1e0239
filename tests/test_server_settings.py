"""Server mode takes its settings from the environment and refuses to start without them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from netkort import config

GOOD = {
    "NETKORT_MODE": "server",
    "NETKORT_SECRET_KEY": "k" * 50,
    "NETKORT_ALLOWED_HOSTS": "netkort.example.dk",
    "NETKORT_DATABASE_URL": "postgresql://netkort:pw@127.0.0.1:5432/netkort",
    "NETKORT_EMAIL_HOST": "smtp.example.dk",
    "NETKORT_FROM_EMAIL": "netkort@example.dk",
}


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name, value in GOOD.items():
        monkeypatch.setenv(name, value)
    return monkeypatch


def test_good_settings_are_read(env: pytest.MonkeyPatch) -> None:
    env.setenv("NETKORT_EMAIL_PORT", "465")
    env.setenv("NETKORT_EMAIL_TLS", "0")
    got = config.server_settings()
    assert got["ALLOWED_HOSTS"] == ["netkort.example.dk"]
    assert got["DATABASE"]["ENGINE"] == "django.db.backends.postgresql"
    assert (got["EMAIL_PORT"], got["EMAIL_USE_TLS"]) == (465, False)
    assert got["HSTS_SECONDS"] == 31_536_000


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("NETKORT_SECRET_KEY", "", "NETKORT_SECRET_KEY is required"),
        ("NETKORT_SECRET_KEY", "short", "at least 40 characters"),
        ("NETKORT_ALLOWED_HOSTS", "", "NETKORT_ALLOWED_HOSTS is required"),
        ("NETKORT_ALLOWED_HOSTS", "*", "'*' is not allowed"),
        ("NETKORT_DATABASE_URL", "", "NETKORT_DATABASE_URL is required"),
        ("NETKORT_DATABASE_URL", "sqlite:////tmp/x.sqlite3", "must be a postgresql:// URL"),
        ("NETKORT_EMAIL_HOST", "", "NETKORT_EMAIL_HOST is required"),
        ("NETKORT_FROM_EMAIL", "", "NETKORT_FROM_EMAIL is required"),
        ("NETKORT_EMAIL_PORT", "25x", "NETKORT_EMAIL_PORT must be a whole number"),
        ("NETKORT_EMAIL_TLS", "maybe", "NETKORT_EMAIL_TLS must be 1 or 0"),
        ("NETKORT_HSTS_SECONDS", "-1", "must not be negative"),
    ],
)
def test_a_missing_or_bad_setting_is_named(
    env: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    env.setenv(name, value)
    with pytest.raises(config.ConfigError, match=message):
        config.server_settings()


def test_an_unknown_mode_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETKORT_MODE", "cloud")
    with pytest.raises(config.ConfigError, match="NETKORT_MODE must be 'local' or 'server'"):
        config.server_mode()


SHOW = """
import json
from netkort.web import settings as s
print(json.dumps({name: getattr(s, name, None) for name in (
    "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS",
    "SECURE_SSL_REDIRECT", "SECURE_PROXY_SSL_HEADER", "DEBUG", "ALLOWED_HOSTS",
    "AUTHENTICATION_BACKENDS", "AXES_ENABLED", "EMAIL_HOST", "LOGIN_URL",
)}))
"""


def settings_in(extra: dict[str, str], tmp: Path) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETKORT_")}
    env.update({"NETKORT_DATA_DIR": str(tmp), **extra})
    out = subprocess.run(
        [sys.executable, "-c", SHOW], env=env, capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(out.stdout)
    return result


def test_server_mode_turns_on_secure_cookies_hsts_and_throttling(tmp_path: Path) -> None:
    got = settings_in({**GOOD, "NETKORT_DEBUG": "1"}, tmp_path)
    assert got["SESSION_COOKIE_SECURE"] is True and got["CSRF_COOKIE_SECURE"] is True
    assert got["SECURE_HSTS_SECONDS"] == 31_536_000 and got["SECURE_SSL_REDIRECT"] is True
    assert got["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert got["DEBUG"] is False
    assert got["AXES_ENABLED"] is True
    assert got["AUTHENTICATION_BACKENDS"][0] == "axes.backends.AxesStandaloneBackend"  # type: ignore[index]
    assert got["EMAIL_HOST"] == "smtp.example.dk"
    assert got["LOGIN_URL"] == "netkort:login"


def test_local_mode_keeps_its_defaults(tmp_path: Path) -> None:
    got = settings_in({}, tmp_path)
    assert got["SESSION_COOKIE_SECURE"] is None
    assert got["SECURE_SSL_REDIRECT"] is None
    assert got["AXES_ENABLED"] is False
    assert got["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost", "[::1]"]
    assert got["AUTHENTICATION_BACKENDS"] == ["django.contrib.auth.backends.ModelBackend"]
    assert got["LOGIN_URL"] == "netkort:signed-out"
