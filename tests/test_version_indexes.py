"""The data version reads the newest row of each table of a workspace in one index
descent on both databases (migration 0005), not by walking other workspaces' rows."""

from __future__ import annotations

import importlib

import pytest
from django.db import connection

from netkort.store.migrations import __name__ as _  # noqa: F401 - the package exists

TABLES = importlib.import_module("netkort.store.migrations.0005_workspace_id_indexes").TABLES


@pytest.mark.django_db
@pytest.mark.parametrize("table", TABLES)
def test_the_newest_row_of_a_workspace_is_one_index_lookup(table: str) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE tablename = %s AND indexname = %s",
                [table, f"{table}_ws_id"],
            )
            (definition,) = cursor.fetchone()
            assert "(workspace_id, id)" in definition
        else:
            # SQLite's index on the workspace column ends with the row id, which is ``id``.
            cursor.execute(f"EXPLAIN QUERY PLAN SELECT MAX(id) FROM {table} WHERE workspace_id = 1")
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
            assert "INDEX" in plan and "workspace_id=?" in plan, plan
