"""A new, empty network exports in every format without errors, and restores as empty."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User

from netkort.services import backup
from netkort.services.export import FORMATS, ExportOptions, export
from netkort.services.workspaces import create_workspace
from netkort.store.models import Workspace


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_an_empty_network_exports_in_every_format(workspace: Workspace, fmt: str) -> None:
    result = export(workspace, ExportOptions(fmt, language="da"))
    # No persons, no cards; every other format still has its frame (headers, root, ...).
    assert (result.data == b"") if fmt == "vcf" else result.data
    assert result.filename.endswith(f".{fmt}")


def test_an_empty_backup_restores_into_an_empty_network(
    workspace: Workspace, charlie: User
) -> None:
    data = backup.backup_bytes(workspace)
    target = create_workspace(charlie, "Charlie's")
    backup.restore(target, json.loads(data))
    assert backup.backup_bytes(target) == data
