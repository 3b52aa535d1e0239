"""The contract between the format modules and the import service.

A format module turns a file (or a folder, for an unzipped archive) into records and a
list of the rows it had to skip. Unreadable input raises ``FormatError`` naming the file
and, where there is one, the line. Format modules register themselves in ``FORMATS``.
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
    """One importable format: ``detect`` looks at the content, ``read`` parses it."""

    name: str
    label: str
    detect: Callable[[Path], bool]
    read: Callable[[Path], ParsedFile]


FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    FORMATS[fmt.name] = fmt
    return fmt
