"""Which format a file is, by its content, and reading it without surprises.

The formats are tried by priority, the most specific first: LinkedIn, vCard, Google,
Outlook, then any spreadsheet. Whatever the input, the caller
gets a ParsedFile or a FormatError that names the file and says what to do.
"""

from __future__ import annotations

import csv
import zipfile
import zlib
from pathlib import Path

from netkort.io.base import FORMATS, Format, FormatError, ParsedFile, by_priority

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Errors a parser may meet on hostile input; they become a FormatError, never a traceback.
_INPUT_ERRORS = (
    csv.Error,
    UnicodeError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    IndexError,
    KeyError,
    RecursionError,
)


def detect(path: Path | str) -> Format:
    """The registered format that reads ``path`` (a file or a folder)."""
    path = Path(path)
    _check_readable(path)
    for fmt in by_priority():
        try:
            if fmt.detect(path):
                return fmt
        except FormatError:
            continue
        except _INPUT_ERRORS:
            continue
    raise FormatError(path, _unknown_message(path))


def read_file(path: Path | str, format: str | None = None) -> ParsedFile:
    """Parse ``path`` as ``format`` (a name in FORMATS), or as the detected format."""
    path = Path(path)
    if format is not None and format not in FORMATS:
        known = ", ".join(FORMATS)
        raise FormatError(path, f"there is no format {format!r}; known formats: {known}")
    fmt = FORMATS[format] if format else detect(path)
    _check_readable(path)
    try:
        return fmt.read(path)
    except FormatError:
        raise
    except _INPUT_ERRORS as error:
        raise FormatError(
            path, f"cannot be read as {fmt.label} ({type(error).__name__}: {error})"
        ) from error


def _check_readable(path: Path) -> None:
    if not path.exists():
        raise FormatError(path, "there is no such file or folder")
    if path.is_dir():
        return
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as error:
        raise FormatError(path, f"cannot read the file ({error.strerror or error})") from error
    if not head:
        raise FormatError(path, "the file is empty; export it again")
    if head == _OLE_MAGIC:
        raise FormatError(
            path, "this is an old Excel (.xls) file; save it as .xlsx or CSV and import that"
        )


def _unknown_message(path: Path) -> str:
    if path.is_dir():
        return (
            "the folder holds neither a LinkedIn data archive nor vCard files; "
            "import the files themselves"
        )
    return (
        "this is not a format netkort knows (a LinkedIn archive, vCard, Google or Outlook "
        "contacts, or a spreadsheet with a header row); export it as CSV or vCard"
    )
