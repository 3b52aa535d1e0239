"""Finding persons by a part of a word: of the name, organisation, title, place or e-mail.

The folded search text (``Person.search_text``) has a trigram index (migration 0004): on
PostgreSQL, pg_trgm's GIN index serves ``LIKE '%term%'`` as it is; on SQLite, an FTS5
table with the trigram tokenizer is asked for the matching persons first. A term shorter
than a trigram is matched by reading the search text of every person.
"""

from __future__ import annotations

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
