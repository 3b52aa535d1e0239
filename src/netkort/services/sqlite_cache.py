"""A large SQLite page cache for the duration of a big write (an import, a restore).

SQLite's default cache (2 MB) is far smaller than the indexes a big write goes into
(sort keys, external ids, the search index); with it, inserting 30,000 persons and
150,000 interactions spends most of its time reading back index pages it just wrote.
The cache grows only as pages are used, and is set back afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


@contextmanager
def big_page_cache(mebibytes: int) -> Iterator[None]:
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (previous,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = {-1024 * int(mebibytes)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")
