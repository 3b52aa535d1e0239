"""The week's list by e-mail, when SMTP settings are given.

Settings (environment): ``NETKORT_SMTP_HOST`` (turns e-mail on), ``NETKORT_SMTP_PORT``
(587), ``NETKORT_SMTP_USER``, ``NETKORT_SMTP_PASSWORD``, ``NETKORT_SMTP_TLS`` (``1``:
STARTTLS, the default; ``0``: none), ``NETKORT_SMTP_FROM`` and ``NETKORT_DIGEST_TO``.
"""

from __future__ import annotations

import os
from typing import Any

from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils.translation import gettext as _

from netkort.config import ConfigError
from netkort.services import keep_in_touch
from netkort.services.errors import UserError
from netkort.store.models import Workspace


def smtp_connection(env: dict[str, str] | None = None) -> BaseEmailBackend | None:
    """An SMTP connection from the settings, or ``None`` when no host is set."""
    env = dict(os.environ) if env is None else env
    host = env.get("NETKORT_SMTP_HOST", "").strip()
    if not host:
        return None
    try:
        port = int(env.get("NETKORT_SMTP_PORT", "587"))
    except ValueError as exc:
        raise ConfigError("NETKORT_SMTP_PORT must be a number, such as 587.") from exc
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "username": env.get("NETKORT_SMTP_USER", ""),
        "password": env.get("NETKORT_SMTP_PASSWORD", ""),
        "use_tls": env.get("NETKORT_SMTP_TLS", "1") != "0",
        "timeout": 30,
    }
    return get_connection("django.core.mail.backends.smtp.EmailBackend", **options)


def send_digest(
    workspace: Workspace,
    to: str,
    *,
    sender: str = "",
    connection: BaseEmailBackend | None = None,
) -> str:
    """E-mail the week's list to ``to``; returns the text that was sent."""
    if "@" not in to:
        raise UserError(
            _("Say where to send the digest: --to you@example.com or NETKORT_DIGEST_TO.")
        )
    text = keep_in_touch.digest_text(workspace)
    message = EmailMessage(
        subject=text.splitlines()[0],
        body=text,
        from_email=sender or os.environ.get("NETKORT_SMTP_FROM") or to,
        to=[to],
        connection=connection,
    )
    message.send()
    return text
