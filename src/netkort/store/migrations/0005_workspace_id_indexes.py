"""Indexes on (workspace, id) for the tables whose newest row the data version reads.

PostgreSQL answers ``MAX(id) WHERE workspace_id = X`` by walking the primary key
backwards until it meets a row of the workspace: through every newer row of every other
workspace (measured: 150 ms of a 230 ms version read on a server of 60 networks). With
the workspace first in the index it is one descent. SQLite needs nothing: its index on
the workspace column already ends with the row id, which is ``id``.
"""

from typing import Any

from django.db import migrations

TABLES = (
    "netkort_tie",
    "netkort_interactionperson",
    "netkort_favour",
    "netkort_personcontext",
    "netkort_persontag",
    "netkort_organisation",
)


def _create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {table}_ws_id ON {table} (workspace_id, id)"
            )


def _drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {table}_ws_id")


class Migration(migrations.Migration):
    dependencies = [
        ("netkort", "0004_person_search_index"),
    ]

    operations = [migrations.RunPython(_create, _drop)]
