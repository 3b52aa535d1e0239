"""Where computed network measures are kept between requests.

Computing a network's measures takes about half a second per 1,000 persons, so they are
kept per workspace together with the data version they were computed from:

- in this process, most recently used first, within a budget counted in persons (the
  measures of a 30,000-person network take tens of megabytes);
- in the shared cache (Django's cache ``measures``: a folder in the data directory), so
  that the other server processes, and the next start, read them instead of computing
  them again.

A reader asks for the measures of one version. ``latest`` gives a small summary of the
newest measures whatever their version (``summary`` makes it), for a page that can make
do with it: the summary travels with the shared cache's pointer to the newest entry, so a
process reads a few kilobytes, not the whole network's measures. Entries written by
other code (another netkort version, an edited module) are never read: the key carries a
fingerprint of the code.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.cache import caches

import netkort

log = logging.getLogger(__name__)

# Persons' worth of measures one process keeps (a network counts at least 1,000).
MEMORY_BUDGET = 250_000
SHARED_ALIAS = "measures"
# Persons' worth of summaries one process keeps (a summary counts at least 1,000).
SUMMARY_BUDGET = 1_000_000


def _fingerprint() -> str:
    """The code the measures come from: the package version and its modules' sizes and
    modification times (a changed module makes earlier entries unreadable, not wrong)."""
    root = Path(netkort.__file__).parent
    digest = hashlib.sha256(getattr(netkort, "__version__", "").encode())
    for path in sorted(root.rglob("*.py")):
        if path.parts[-2] in {"analysis", "domain", "services"}:
            stat = path.stat()
            digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


_CODE = _fingerprint()


def version_key(version: tuple[Any, ...]) -> str:
    return hashlib.sha256(repr(version).encode()).hexdigest()[:32]


class MeasuresCache:
    def __init__(
        self,
        size: Callable[[Any], int],
        summary: Callable[[Any], Any] = lambda measures: measures,
        budget: int = MEMORY_BUDGET,
    ) -> None:
        self.size = size  # persons the measures describe
        self.summary = summary
        self.budget = budget
        self._memory: OrderedDict[int, tuple[str, Any, int]] = OrderedDict()
        # workspace → (key, summary): the newest summary seen, in a bounded LRU.
        self._summaries: OrderedDict[int, tuple[str, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[int, threading.Lock] = {}

    # --- reading ------------------------------------------------------------------------

    def get(
        self,
        workspace_id: int,
        version: tuple[Any, ...],
        compute: Callable[[], Any],
    ) -> Any:
        """The measures of ``version``: from memory, the shared cache, or computed (once,
        however many threads of this process ask at the same time)."""
        key = version_key(version)
        found = self._from_memory(workspace_id, key)
        if found is not None:
            return found
        with self._compute_lock(workspace_id):
            found = self._from_memory(workspace_id, key)
            if found is not None:
                return found
            found = self._from_shared(workspace_id, key)
            if found is None:
                found = compute()
                self._to_shared(workspace_id, key, found)
            self._to_memory(workspace_id, key, found, self.size(found))
            return found

    def peek(self, workspace_id: int, version: tuple[Any, ...]) -> Any | None:
        """The measures of ``version`` if this process or the shared cache holds them."""
        key = version_key(version)
        found = self._from_memory(workspace_id, key)
        if found is None:
            found = self._from_shared(workspace_id, key)
            if found is not None:
                self._to_memory(workspace_id, key, found, self.size(found))
        return found

    def latest(self, workspace_id: int) -> Any | None:
        """The summary of the most recent measures of the workspace that this process or
        the shared cache holds, whatever their version (None if there are none)."""
        with self._lock:
            entry = self._memory.get(workspace_id)
            known = self._summaries.get(workspace_id)
        if entry is not None and (known is None or known[0] != entry[0]):
            known = (entry[0], self.summary(entry[1]))
            self._keep_summary(workspace_id, known)
        if known is not None:
            return known[1]
        pointer = self._shared_get(self._pointer(workspace_id))
        if not (isinstance(pointer, tuple) and len(pointer) == 2):
            return None
        self._keep_summary(workspace_id, pointer)
        return pointer[1]

    def forget(self, workspace_id: int) -> None:
        with self._lock:
            self._memory.pop(workspace_id, None)
            self._summaries.pop(workspace_id, None)
        pointer = self._shared_get(self._pointer(workspace_id))
        try:
            if isinstance(pointer, tuple) and pointer and isinstance(pointer[0], str):
                caches[SHARED_ALIAS].delete(self._key(workspace_id, pointer[0]))
            caches[SHARED_ALIAS].delete(self._pointer(workspace_id))
        except OSError:  # the shared cache is a help, never a reason to fail
            log.warning("the shared measures cache could not be cleared", exc_info=True)

    def clear_memory(self) -> None:
        with self._lock:
            self._memory.clear()
            self._summaries.clear()

    def _keep_summary(self, workspace_id: int, entry: tuple[str, Any]) -> None:
        with self._lock:
            self._summaries[workspace_id] = entry
            self._summaries.move_to_end(workspace_id)
            held = sum(_persons(summary) for _, summary in self._summaries.values())
            while len(self._summaries) > 1 and held > SUMMARY_BUDGET:
                _, (_, dropped) = self._summaries.popitem(last=False)
                held -= _persons(dropped)

    # --- memory -------------------------------------------------------------------------

    def _from_memory(self, workspace_id: int, key: str) -> Any | None:
        with self._lock:
            entry = self._memory.get(workspace_id)
            if entry is None or entry[0] != key:
                return None
            self._memory.move_to_end(workspace_id)
            return entry[1]

    def _to_memory(self, workspace_id: int, key: str, value: Any, persons: int) -> None:
        with self._lock:
            self._memory[workspace_id] = (key, value, max(persons, 1_000))
            self._memory.move_to_end(workspace_id)
            while len(self._memory) > 1 and self._held() > self.budget:
                self._memory.popitem(last=False)

    def _held(self) -> int:
        return sum(persons for _, _, persons in self._memory.values())

    def _compute_lock(self, workspace_id: int) -> threading.Lock:
        with self._lock:
            return self._computing.setdefault(workspace_id, threading.Lock())

    # --- shared -------------------------------------------------------------------------

    @staticmethod
    def _key(workspace_id: int, key: str) -> str:
        return f"measures:{_CODE}:{workspace_id}:{key}"

    @staticmethod
    def _pointer(workspace_id: int) -> str:
        return f"measures:{_CODE}:{workspace_id}:latest"

    @staticmethod
    def _shared_get(key: str) -> Any | None:
        try:
            return caches[SHARED_ALIAS].get(key)
        except Exception:  # a broken or foreign entry is a miss, not an error
            log.warning("an entry of the shared measures cache was unreadable", exc_info=True)
            return None

    def _from_shared(self, workspace_id: int, key: str) -> Any | None:
        return self._shared_get(self._key(workspace_id, key))

    def _to_shared(self, workspace_id: int, key: str, value: Any) -> None:
        cache = caches[SHARED_ALIAS]
        try:
            previous = cache.get(self._pointer(workspace_id))
            cache.set(self._key(workspace_id, key), value)
            cache.set(self._pointer(workspace_id), (key, self.summary(value)))
            if isinstance(previous, tuple) and previous and previous[0] != key:
                cache.delete(self._key(workspace_id, previous[0]))
        except OSError:
            log.warning("the shared measures cache could not be written", exc_info=True)


def _persons(summary: Any) -> int:
    """What a summary counts against the budget: its length, at least 1,000."""
    return max(len(summary) if hasattr(summary, "__len__") else 0, 1_000)
