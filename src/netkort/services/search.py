"""Finding persons by a part of a word: of the name, organisation, title, place or e-mail.

The folded search text (``Person.search_text``) has a trigram index (migration 0004): on
PostgreSQL, pg_trgm's GIN index serves ``LIKE '%term%'`` as it is; on SQLite, an FTS5
table with the trigram tokenizer is asked for the matching persons first. A term shorter
than a trigram is matched by reading the search text of every person.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

TRIGRAM = 3
SQLITE_INDEX = "netkort_person_search"


def contains(term: str) -> Q:
    """Persons whose folded search text contains the folded ``term``."""
    if connection.vendor == "sqlite" and len(term) >= TRIGRAM and not set(term) & set('%_"'):
        return Q(
            pk__in=RawSQL(
                f"SELECT rowid FROM {SQLITE_INDEX} WHERE search_text LIKE %s", (f"%{term}%",)
            )
        )
    return Q(search_text__contains=term)


def purge() -> None:
    """Rewrite the SQLite search index without what deleted persons left in it.

    FTS5 marks a deleted row's entries and drops them at its next merge; a person deleted
    on request must leave nothing searchable behind, so the index is merged at once.
    """
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {SQLITE_INDEX}({SQLITE_INDEX}) VALUES ('optimize')")


@contextmanager
def indexed_after(many: bool = True) -> Iterator[None]:
    """Persons inserted within are added to the SQLite search index in one statement
    afterwards, not by the insert trigger row by row (about ten times faster for 10^4
    persons). ``many=False`` leaves the trigger alone.

    The trigger is dropped and made again from its own SQL inside the caller's
    transaction, so a failure leaves it as it was. Only this transaction writes while it
    holds SQLite's write lock, so the new persons are those above the largest id before.
    """
    if not many or connection.vendor != "sqlite":
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("indexed_after needs a transaction")
    trigger = f"{SQLITE_INDEX}_insert"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = %s", [trigger]
        )
        found = cursor.fetchone()
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM netkort_person")
        (before,) = cursor.fetchone()
        if found is not None:
            cursor.execute(f'DROP TRIGGER "{trigger}"')
    yield
    if found is None:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {SQLITE_INDEX}(rowid, search_text) "
            "SELECT id, search_text FROM netkort_person WHERE id > %s",
            [before],
        )
        cursor.execute(found[0])
