"""Where netkort keeps its data and which database it uses.

Zero configuration locally: an SQLite file in the user's data directory. Loud failure on
bad configuration: an unusable ``NETKORT_DATABASE_URL`` stops start-up with a message.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
import platformdirs

DATA_DIR_ENV = "NETKORT_DATA_DIR"
DATABASE_URL_ENV = "NETKORT_DATABASE_URL"


class ConfigError(Exception):
    """A setting is missing or unusable; the message says which and what to do."""


def data_dir() -> Path:
    configured = os.environ.get(DATA_DIR_ENV)
    path = Path(configured) if configured else Path(platformdirs.user_data_dir("netkort"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url() -> str:
    return os.environ.get(DATABASE_URL_ENV) or f"sqlite:///{data_dir() / 'netkort.sqlite3'}"


def database_settings(url: str) -> dict[str, Any]:
    """Django's DATABASES entry for a URL; SQLite gets WAL and foreign keys."""
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///")).expanduser()
        if not path.parent.is_dir():
            raise ConfigError(
                f"The folder for the database file {path} does not exist; create it or "
                "choose another path with --db."
            )
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(path),
            "OPTIONS": {
                # WAL lets the web app read while an import writes; IMMEDIATE avoids
                # "database is locked" when two writers upgrade their locks at once.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    if url.startswith(("postgres://", "postgresql://")):
        settings: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
        settings["ENGINE"] = "django.db.backends.postgresql"
        return settings
    raise ConfigError(
        f"{DATABASE_URL_ENV} must start with sqlite:/// or postgresql://, not {url[:20]!r}."
    )


def secret_key() -> str:
    """The key from the environment, or one made once and kept in the data directory."""
    from_env = os.environ.get("NETKORT_SECRET_KEY")
    if from_env:
        return from_env
    path = data_dir() / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


MODE_ENV = "NETKORT_MODE"


def server_mode() -> bool:
    """True when netkort runs as a multi-user server (``NETKORT_MODE=server``)."""
    mode = os.environ.get(MODE_ENV, "local")
    if mode not in ("local", "server"):
        raise ConfigError(f"{MODE_ENV} must be 'local' or 'server', not {mode!r}.")
    return mode == "server"


def _required(name: str, why: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ConfigError(f"{name} is required in server mode: {why}")
    return value


def _integer(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}.") from None
    if value < 0:
        raise ConfigError(f"{name} must not be negative.")
    return value


def _flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{name} must be 1 or 0 (true or false), not {raw!r}.")


def server_settings() -> dict[str, Any]:
    """Django settings that server mode needs from the environment.

    Every one is checked here, at start-up, so a server never runs half-configured: a
    missing secret, an open host list, SQLite, or a mail server that cannot be reached
    by name stops it with a message that names the variable.
    """
    key = _required("NETKORT_SECRET_KEY", "set it to a long random string, kept secret.")
    if len(key) < 40:
        raise ConfigError("NETKORT_SECRET_KEY must be at least 40 characters long.")
    hosts = [
        h.strip()
        for h in _required(
            "NETKORT_ALLOWED_HOSTS", "the host names the server answers to, comma-separated."
        ).split(",")
        if h.strip()
    ]
    if "*" in hosts:
        raise ConfigError("NETKORT_ALLOWED_HOSTS must name the hosts; '*' is not allowed.")
    url = _required(DATABASE_URL_ENV, "a postgresql://user:password@host:port/name URL.")
    if not url.startswith(("postgres://", "postgresql://")):
        raise ConfigError(f"{DATABASE_URL_ENV} must be a postgresql:// URL in server mode.")
    return {
        "SECRET_KEY": key,
        "ALLOWED_HOSTS": hosts,
        "DATABASE": database_settings(url),
        "EMAIL_HOST": _required("NETKORT_EMAIL_HOST", "the SMTP server that sends e-mail."),
        "EMAIL_PORT": _integer("NETKORT_EMAIL_PORT", 587),
        "EMAIL_HOST_USER": os.environ.get("NETKORT_EMAIL_USER", ""),
        "EMAIL_HOST_PASSWORD": os.environ.get("NETKORT_EMAIL_PASSWORD", ""),
        "EMAIL_USE_TLS": _flag("NETKORT_EMAIL_TLS", True),
        "DEFAULT_FROM_EMAIL": _required(
            "NETKORT_FROM_EMAIL", "the sender address of invitations and password e-mails."
        ),
        "HSTS_SECONDS": _integer("NETKORT_HSTS_SECONDS", 60 * 60 * 24 * 365),
        "SSL_REDIRECT": _flag("NETKORT_SSL_REDIRECT", True),
    }
