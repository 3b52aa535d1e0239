"""Fixtures shared by the whole suite: the personas and their workspaces.

The suite runs on SQLite by default and on PostgreSQL when NETKORT_DATABASE_URL names
one. PostgreSQL is required under CI=true; elsewhere a missing server ends that pass
with a visible notice.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import hypothesis
import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.utils import translation

from netkort.services.workspaces import create_workspace
from netkort.store.models import Workspace, WorkspaceGrant

# Property tests draw the same examples on every run, so CI cannot fail by chance.
hypothesis.settings.register_profile("netkort", derandomize=True, deadline=None)
hypothesis.settings.load_profile("netkort")


def pytest_sessionstart(session: pytest.Session) -> None:
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        return
    import psycopg

    try:
        psycopg.connect(
            host=db.get("HOST") or None,
            port=db.get("PORT") or None,
            user=db.get("USER") or None,
            password=db.get("PASSWORD") or None,
            # The named database need not exist: the tests create their own copy of it.
            dbname="postgres",
            connect_timeout=5,
        ).close()
    except psycopg.OperationalError as exc:
        where = f"{db.get('HOST')}:{db.get('PORT')}"
        if os.environ.get("CI") == "true":
            pytest.exit(f"PostgreSQL at {where} is required under CI=true: {exc}", returncode=1)
        pytest.exit(
            f"NOTICE: PostgreSQL at {where} is not reachable; this pass was skipped "
            "(the SQLite pass still ran).",
            returncode=0,
        )


@pytest.fixture
def alice(db: None) -> User:
    """The owner of a network."""
    return User.objects.create_user("alice", password="not-used-1")


@pytest.fixture
def bob(db: None) -> User:
    """A coach; sees alice's network only through a grant."""
    return User.objects.create_user("bob", password="not-used-2")


@pytest.fixture
def charlie(db: None) -> User:
    """A stranger with a network of his own."""
    return User.objects.create_user("charlie", password="not-used-3")


@pytest.fixture
def workspace(alice: User) -> Workspace:
    return create_workspace(alice, "Alice's network")


@pytest.fixture
def charlies_workspace(charlie: User) -> Workspace:
    return create_workspace(charlie, "Charlie's network")


@pytest.fixture
def grant(workspace: Workspace, bob: User) -> WorkspaceGrant:
    return WorkspaceGrant.objects.create(workspace=workspace, user=bob, level="read")


@pytest.fixture(autouse=True)
def _english_unless_asked(settings: Any) -> Iterator[None]:
    """Tests read English unless a request asks for Danish; the app's default is Danish
    (test_settings checks that)."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Argon2 is slow by design; tests hash with MD5 (tests of the hasher read the module)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def server_mode(settings: Any) -> None:
    """Turn on server mode's pages and login throttling, as NETKORT_MODE=server does."""
    settings.NETKORT_SERVER_MODE = True
    settings.AXES_ENABLED = True
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "django.contrib.auth.backends.ModelBackend",
    ]
    settings.LOGIN_URL = "netkort:login"
