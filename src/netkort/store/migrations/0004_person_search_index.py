"""A trigram index over the persons' search text, so a search reads the few matching
persons instead of every row of the workspace.

SQLite: an FTS5 table with the trigram tokenizer over ``netkort_person.search_text``
(external content), kept in step by triggers. PostgreSQL: a GIN index with pg_trgm's
operator class, which ``LIKE '%term%'`` uses directly.
"""

from typing import Any

from django.db import migrations

SQLITE_CREATE = [
    """CREATE VIRTUAL TABLE netkort_person_search USING fts5(
        search_text, content='netkort_person', content_rowid='id', tokenize='trigram'
    )""",
    """CREATE TRIGGER netkort_person_search_insert AFTER INSERT ON netkort_person BEGIN
        INSERT INTO netkort_person_search(rowid, search_text)
        VALUES (new.id, new.search_text);
    END""",
    """CREATE TRIGGER netkort_person_search_delete AFTER DELETE ON netkort_person BEGIN
        INSERT INTO netkort_person_search(netkort_person_search, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    END""",
    """CREATE TRIGGER netkort_person_search_update AFTER UPDATE OF search_text
    ON netkort_person WHEN old.search_text IS NOT new.search_text BEGIN
        INSERT INTO netkort_person_search(netkort_person_search, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
        INSERT INTO netkort_person_search(rowid, search_text)
        VALUES (new.id, new.search_text);
    END""",
    "INSERT INTO netkort_person_search(netkort_person_search) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS netkort_person_search_insert",
    "DROP TRIGGER IF EXISTS netkort_person_search_delete",
    "DROP TRIGGER IF EXISTS netkort_person_search_update",
    "DROP TABLE IF EXISTS netkort_person_search",
]
POSTGRES_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS netkort_person_search_trgm "
    "ON netkort_person USING gin (search_text gin_trgm_ops)",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS netkort_person_search_trgm"]


def _run(statements: dict[str, list[str]]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("netkort", "0003_education_jobs_indexes"),
    ]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        ),
    ]
