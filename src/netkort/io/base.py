"""The contract between the format modules and the import service.

A format module turns a file (or a folder, for an unzipped archive) into records and a
list of the rows it had to skip. Unreadable input raises ``FormatError`` naming the file
and, where there is one, the line. Format modules register themselves in ``FORMATS``.

Adding a format:
1. a module in ``netkort/io/`` with ``detect(path) -> bool`` (by content: look at the
   first bytes or the header row, never only at the name) and ``read(path) -> ParsedFile``;
   decode and split CSV with ``netkort.io.text``, open zips and folders with
   ``netkort.io.archive`` (its limits guard against zip bombs and hostile names);
2. ``register(Format(name, label, detect, read, priority))`` at the end of the module, a
   priority below 90 (the catch-all spreadsheet), and an import in ``netkort/io/__init__``;
3. fixtures written by hand from ``docs/formats.md`` in ``tests/io/fixtures/<format>/``,
   tests asserting persons, fields, interactions and skipped rows, and the format's
   seeds added to ``tests/io/test_arbitrary_bytes.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from netkort.domain.records import NetworkRecords


class FormatError(Exception):
    """The file cannot be read as any format, or is broken; nothing is imported from it."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}, line {line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True, slots=True)
class Skipped:
    """A row that was left out, and why (the line is 1-based, as an editor shows it)."""

    line: int | None
    reason: str


@dataclass(slots=True)
class ParsedFile:
    path: str
    format: str
    records: NetworkRecords
    skipped: list[Skipped] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Format:
    """One importable format: ``detect`` looks at the content, ``read`` parses it.

    Detection tries formats by ascending ``priority``: specific formats (a LinkedIn
    archive) before general ones (any spreadsheet), which would also accept them.
    """

    name: str
    label: str
    detect: Callable[[Path], bool]
    read: Callable[[Path], ParsedFile]
    priority: int = 50


FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    FORMATS[fmt.name] = fmt
    return fmt


def by_priority() -> list[Format]:
    """The registered formats in the order detection tries them."""
    return sorted(FORMATS.values(), key=lambda fmt: fmt.priority)
