"""The digest e-mail goes through Django's mail (the locmem backend in tests)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from netkort.config import ConfigError
from netkort.services import digest
from netkort.services.errors import UserError
from netkort.store.models import Workspace
from outreach_helpers import contact_on, person


def test_it_emails_the_weeks_list(workspace: Workspace) -> None:
    anna = person(workspace, "Anna Holm", closeness=1)
    contact_on(workspace, anna, timezone.localdate() - timedelta(days=33))
    digest.send_digest(workspace, "me@example.com", sender="netkort@example.com")
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["me@example.com"] and sent.from_email == "netkort@example.com"
    assert "Anna Holm" in sent.body
    assert sent.subject.startswith("netkort")


def test_it_needs_an_address(workspace: Workspace) -> None:
    with pytest.raises(UserError):
        digest.send_digest(workspace, "")
    assert mail.outbox == []


def test_smtp_settings_make_a_connection_and_a_bad_port_is_named() -> None:
    assert digest.smtp_connection({}) is None
    connection = digest.smtp_connection(
        {
            "NETKORT_SMTP_HOST": "mail.example.com",
            "NETKORT_SMTP_PORT": "2525",
            "NETKORT_SMTP_TLS": "0",
        }
    )
    assert connection is not None
    assert (connection.host, connection.port, connection.use_tls) == (
        "mail.example.com",
        2525,
        False,
    )  # type: ignore[attr-defined]
    with pytest.raises(ConfigError, match="NETKORT_SMTP_PORT"):
        digest.smtp_connection({"NETKORT_SMTP_HOST": "x", "NETKORT_SMTP_PORT": "many"})
