"""Bytes to text and text to CSV rows, the way real exports need it.

Exports arrive as UTF-8 (with or without BOM), UTF-16 with BOM (old Google and LinkedIn
files), or Windows-1252 (Danish Excel and Outlook). Delimiters are ``,``, ``;`` or tab.
Everything here turns a file that cannot be text into a :class:`FormatError` instead of
letting a ``UnicodeDecodeError`` or ``csv.Error`` escape.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from netkort.io.base import FormatError

# LinkedIn message bodies can exceed csv's default 128 KiB; a whole field in memory
# is fine up to this size, beyond it the file is not an export we know.
FIELD_SIZE_LIMIT = 32 * 1024 * 1024
csv.field_size_limit(FIELD_SIZE_LIMIT)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters that never occur in a text export (tab, newlines and form feed do).
_BINARY_CONTROLS = frozenset(chr(c) for c in range(32) if chr(c) not in "\t\n\r\f\v") | {"\x7f"}
_DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    encoding: str


def read_bytes(path: Path, limit: int = FIELD_SIZE_LIMIT * 8) -> bytes:
    try:
        size = path.stat().st_size
        if size > limit:
            raise FormatError(path, f"the file is larger than {limit // 2**20} MiB")
        return path.read_bytes()
    except OSError as error:
        raise FormatError(path, f"cannot read the file ({error.strerror or error})") from error


def decode(data: bytes, path: Path | str) -> Text:
    """Decode ``data`` by its BOM, as UTF-8, as UTF-16 without BOM, or as Windows-1252.

    Raises FormatError for bytes that are not text (NUL bytes outside UTF-16, or
    many control characters).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(_strict(data[len(bom) :], encoding, path), encoding, path)
    if b"\x00" in data[:4096]:
        guessed = _utf16_without_bom(data)
        if guessed is None:
            raise FormatError(path, "this is a binary file, not a text export")
        return _checked(_strict(data, guessed, path), guessed, path)
    try:
        return _checked(data.decode("utf-8"), "utf-8", path)
    except UnicodeDecodeError:
        pass
    try:
        return _checked(data.decode("cp1252"), "cp1252", path)
    except UnicodeDecodeError:
        return _checked(_fallback_decode(data), "unknown", path)


def _strict(data: bytes, encoding: str, path: Path | str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise FormatError(path, f"the file is not valid {encoding}: {error.reason}") from error


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if half and odd > half * 0.6 and even < half * 0.1:
        return "utf-16-le"
    if half and even > half * 0.6 and odd < half * 0.1:
        return "utf-16-be"
    return None


def _fallback_decode(data: bytes) -> str:
    # Windows-1252 leaves five bytes undefined; Mac Roman uses them for Danish letters
    # (0x81 is "Å"). charset-normalizer picks among the single-byte Western encodings.
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536], cp_isolation=["mac_roman", "cp850", "latin_1"]).best()
    encoding = best.encoding if best is not None else "latin-1"
    return data.decode(encoding, errors="replace")


def _checked(text: str, encoding: str, path: Path | str) -> Text:
    sample = text[:8192]
    if sample:
        controls = sum(1 for c in sample if c in _BINARY_CONTROLS)
        if controls > max(2, len(sample) // 100):
            raise FormatError(path, "this is a binary file, not a text export")
    if "\x00" in text:
        raise FormatError(path, "this is a binary file, not a text export")
    return Text(text, encoding)


def _count_outside_quotes(line: str, delimiter: str) -> int:
    if '"' not in line:
        return line.count(delimiter)
    return sum(part.count(delimiter) for part in line.split('"')[0::2])


def csv_rows(
    text: str, path: Path | str, delimiter: str = ",", check_end: bool = True
) -> Iterator[tuple[int, list[str]]]:
    """Rows with the 1-based line each starts on; a quote left open at the end is an error."""
    if check_end and text.count('"') % 2:
        _reject_open_quote(text, path, delimiter)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    try:
        for row in reader:
            yield start, row
            start = reader.line_num + 1
    except csv.Error as error:
        raise FormatError(path, f"broken CSV: {error}", reader.line_num) from error


def _reject_open_quote(text: str, path: Path | str, delimiter: str) -> None:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for _row in reader:
            pass
    except csv.Error as error:
        if "unexpected end of data" in str(error):
            raise FormatError(
                path,
                "the file ends inside a quoted value, so it looks cut off; export it again",
                reader.line_num,
            ) from error
        # Other strictness complaints (a stray quote mid-field) are tolerated.


def clean_header(cell: str) -> str:
    return cell.replace("\ufeff", "").strip().strip('"').strip()


def header_key(cell: str) -> str:
    """A header compared case- and spacing-insensitively."""
    return " ".join(clean_header(cell).casefold().split())


@dataclass
class Table:
    """A CSV file's header (found below any preamble) and an iterator over its rows."""

    header_line: int
    headers: list[str]
    keys: list[str]
    rows: Iterator[tuple[int, list[str]]]
    encoding: str
    delimiter: str

    def index(self, *names: str) -> int | None:
        """The column of the first of ``names`` (header keys) that the file has."""
        for name in names:
            if name in self._positions:
                return self._positions[name]
        return None

    @property
    def _positions(self) -> dict[str, int]:
        positions: dict[str, int] = {}
        for i, key in enumerate(self.keys):
            positions.setdefault(key, i)
        return positions


def guess_delimiter(text: str, lines: int = 20) -> str:
    sample = [line for line in text[:65536].splitlines()[: lines * 2] if line.strip()][:lines]
    totals = {d: sum(_count_outside_quotes(line, d) for line in sample) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: totals[d])
    return best if totals[best] else ","


def whole_lines(head: bytes) -> bytes:
    """The start of a file cut after its last complete line (UTF-16 aware)."""
    utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    cut = head.rfind(b"\n\x00" if head.startswith(codecs.BOM_UTF16_LE) else b"\n")
    if cut <= 0:
        return head
    end = cut + (2 if utf16 else 1)
    return head[: end - (end % 2)] if utf16 else head[:end]


def read_table(
    data: bytes,
    path: Path | str,
    is_header: Callable[[list[str]], bool] | None = None,
    scan: int = 50,
    partial: bool = False,
) -> Table | None:
    """Decode ``data`` and find the header: the first non-blank row ``is_header`` accepts
    within the first ``scan`` rows. None when there is no such row (an empty file).

    ``partial`` says ``data`` is only the start of the file (for detection): it is cut
    after its last whole line and a quote left open at its end is no error."""
    if partial:
        data = whole_lines(data)
    decoded = decode(data, path)
    delimiter = guess_delimiter(decoded.text)
    rows = csv_rows(decoded.text, path, delimiter, check_end=not partial)
    for count, (line, row) in enumerate(rows):
        if count >= scan:
            break
        if not any(cell.strip() for cell in row):
            continue
        if is_header is None or is_header(row):
            headers = [clean_header(c) for c in row]
            return Table(
                line, headers, [header_key(c) for c in headers], rows, decoded.encoding, delimiter
            )
    return None


def cell(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    return row[index].strip()
