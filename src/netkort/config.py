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
