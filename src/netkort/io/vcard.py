"""vCard 2.1, 3.0 and 4.0: one file with many cards, or a folder of one-card files.

A tolerant reader of its own rather than vobject, because real files break the rules
vobject enforces: Android's quoted-printable with soft line breaks, Outlook's
Windows-1252, multi-byte characters split across a fold. Lines are unfolded as bytes
and each value is decoded with its own CHARSET (then UTF-8, then Windows-1252).
Photos are dropped: a person record has no picture.
"""

from __future__ import annotations

import codecs
import quopri
from dataclasses import dataclass, field
from pathlib import Path

from netkort.domain.linkedin import normalise_profile_url
from netkort.domain.names import display_name
from netkort.domain.records import NetworkRecords, PersonRecord
from netkort.io.archive import FileSource, FolderSource, Source, open_source
from netkort.io.base import Format, FormatError, ParsedFile, Skipped, register
from netkort.io.dates import parse_birthday

NAME = "vcard"
_EXTENSIONS = (".vcf", ".vcard")
_BINARY_PROPERTIES = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
_NOT_PERSONS = frozenset({"group", "org", "location"})
_UNESCAPES = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\", ":": ":"}


@dataclass(slots=True)
class _Property:
    group: str
    name: str
    params: dict[str, list[str]]  # upper-case names; bare parameters go under TYPE
    raw: bytes

    def param(self, name: str) -> str:
        values = self.params.get(name)
        return values[0] if values else ""

    @property
    def types(self) -> set[str]:
        return {t.lower() for value in self.params.get("TYPE", []) for t in value.split(",")}


@dataclass(slots=True)
class _Card:
    line: int
    properties: list[_Property] = field(default_factory=list)
    complete: bool = False


def detect(path: Path) -> bool:
    if path.is_dir():
        return any(m.basename.lower().endswith(_EXTENSIONS) for m in FolderSource(path).members())
    source = open_source(path)
    try:
        if not isinstance(source, FileSource):
            return False
        head = source.head(source.members()[0], 4096)
    finally:
        source.close()
    return _text_start(head).upper().startswith(b"BEGIN:VCARD")


def _text_start(data: bytes) -> bytes:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = data.decode("utf-16", errors="ignore").encode()
    return data.removeprefix(codecs.BOM_UTF8).lstrip()


def read(path: Path) -> ParsedFile:
    source: Source = FolderSource(path) if path.is_dir() else FileSource(path)
    records = NetworkRecords()
    skipped: list[Skipped] = []
    members = [
        m for m in source.members() if path.is_file() or m.name.lower().endswith(_EXTENSIONS)
    ]
    found = 0
    for member in members:
        prefix = f"{member.name}: " if path.is_dir() else ""
        cards = parse_cards(_as_utf8_bytes(source.read(member), path))
        found += len(cards)
        for card in cards:
            person = _person(card, f"card-{len(records.persons) + 1}", skipped, prefix)
            if person is not None:
                records.persons.append(person)
    if not found:
        raise FormatError(path, "no vCard (BEGIN:VCARD) was found in it")
    return ParsedFile(str(path), NAME, records, skipped)


def _as_utf8_bytes(data: bytes, path: Path) -> bytes:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16").encode()
        except UnicodeDecodeError as error:
            raise FormatError(path, "the file is not valid UTF-16") from error
    return data.removeprefix(codecs.BOM_UTF8)


def parse_cards(data: bytes) -> list[_Card]:
    """The cards in ``data``, each with its properties still as bytes."""
    cards: list[_Card] = []
    card: _Card | None = None
    depth = 0
    for line_no, line in _logical_lines(data):
        prop = _parse_property(line)
        if prop is None:
            continue
        if prop.name == "BEGIN" and prop.raw.strip().upper() == b"VCARD":
            depth += 1
            if depth == 1:
                card = _Card(line_no)
                cards.append(card)
            continue
        if prop.name == "END" and prop.raw.strip().upper() == b"VCARD":
            depth = max(0, depth - 1)
            if depth == 0 and card is not None:
                card.complete = True
                card = None
            continue
        if card is not None and depth == 1:
            card.properties.append(prop)
    return cards


def _logical_lines(data: bytes) -> list[tuple[int, bytes]]:
    """Unfold continuation lines (leading space or tab) and quoted-printable soft breaks."""
    out: list[tuple[int, bytes]] = []
    current: list[bytes] = []
    start = 0
    qp = False
    for number, line in enumerate(data.splitlines(), start=1):
        if current and line[:1] in (b" ", b"\t"):
            if qp and current[-1].endswith(b"="):
                current[-1] = current[-1][:-1]
            current.append(line[1:])
            continue
        if current and qp and current[-1].endswith(b"="):
            current[-1] = current[-1][:-1]
            current.append(line)
            continue
        if current:
            out.append((start, b"".join(current)))
            current = []
        if line.strip():
            current, start = [line], number
            head = line.split(b":", 1)[0].upper()
            qp = b"QUOTED-PRINTABLE" in head
    if current:
        out.append((start, b"".join(current)))
    return out


def _parse_property(line: bytes) -> _Property | None:
    colon = _name_end(line)
    if colon < 0:
        return None  # base64 lines of a photo, or junk
    head, raw = line[:colon], line[colon + 1 :]
    parts = head.decode("ascii", errors="replace").split(";")
    group, _dot, name = parts[0].rpartition(".")
    params: dict[str, list[str]] = {}
    if len(parts) == 1:
        return _Property(group.upper(), name.strip().upper(), params, raw)
    for part in parts[1:]:
        key, eq, value = part.partition("=")
        key, value = (key.strip().upper(), value.strip().strip('"')) if eq else ("TYPE", key)
        params.setdefault(key, []).append(value)
    return _Property(group.upper(), name.strip().upper(), params, raw)


def _name_end(line: bytes) -> int:
    # The first colon outside a quoted parameter value ends the name and parameters.
    colon = line.find(b":")
    if colon < 0 or b'"' not in line[:colon]:
        return colon
    quoted = False
    for i, byte in enumerate(line[:1000]):
        if byte == 0x22:
            quoted = not quoted
        elif byte == 0x3A and not quoted:
            return i
    return -1


def _text(prop: _Property) -> str:
    raw = prop.raw
    if prop.param("ENCODING").upper() in ("QUOTED-PRINTABLE", "QP") or "QUOTED-PRINTABLE" in {
        t.upper() for t in prop.params.get("TYPE", [])
    }:
        raw = quopri.decodestring(raw)
    charset = prop.param("CHARSET")
    for encoding in ("utf-8", charset, "cp1252"):
        if not encoding:
            continue
        try:
            return raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return raw.decode("latin-1")


def _components(text: str, separator: str = ";") -> list[str]:
    """Split at unescaped separators and unescape each part."""
    if "\\" not in text:
        return [part.strip() for part in text.split(separator)]
    parts, current, escaped = [], [], False
    for char in text:
        if escaped:
            current.append(_UNESCAPES.get(char, "\\" + char))
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == separator:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    parts.append("".join(current).strip())
    return parts


def _unescape(text: str) -> str:
    return _components(text, "\x00")[0] if "\\" in text else text.strip()


def _person(card: _Card, key: str, skipped: list[Skipped], prefix: str) -> PersonRecord | None:
    if not card.complete:
        skipped.append(Skipped(card.line, prefix + "the card is cut off (no END:VCARD)"))
        return None
    values: dict[str, list[_Property]] = {}
    for prop in card.properties:
        if prop.name not in _BINARY_PROPERTIES:
            values.setdefault(prop.name, []).append(prop)
    kind = _first(values, "KIND") or _first(values, "X-ADDRESSBOOKSERVER-KIND")
    if kind.lower() in _NOT_PERSONS:
        skipped.append(Skipped(card.line, prefix + f"a {kind.lower()} card, not a person"))
        return None
    person = PersonRecord(key=key)
    _fill_name(person, values)
    _fill_contact(person, values)
    _fill_other(person, values)
    person.display_name = display_name(
        person.given_name,
        person.family_name,
        _first(values, "FN") or person.organisation or next(iter(person.emails), ""),
    ) or next(iter(person.phones), "")
    if not person.display_name:
        skipped.append(Skipped(card.line, prefix + "no name, e-mail or phone"))
        return None
    return person


def _first(values: dict[str, list[_Property]], name: str) -> str:
    props = values.get(name)
    return _unescape(_text(props[0])) if props else ""


def _fill_name(person: PersonRecord, values: dict[str, list[_Property]]) -> None:
    if "N" in values:
        parts = [*_components(_text(values["N"][0])), "", "", ""]
        family, given, additional = parts[0], parts[1], parts[2]
        person.given_name = " ".join(p for p in (given, additional) if p)
        person.family_name = family
    if "ORG" in values:
        person.organisation = _components(_text(values["ORG"][0]))[0]
    person.title = _first(values, "TITLE")


def _fill_contact(person: PersonRecord, values: dict[str, list[_Property]]) -> None:
    for prop in values.get("EMAIL", []):
        address = _unescape(_text(prop)).removeprefix("mailto:")
        if address and address not in person.emails:
            person.emails.append(address)
    for prop in values.get("TEL", []):
        number = _unescape(_text(prop)).removeprefix("tel:")
        if number and number not in person.phones:
            person.phones.append(number)
    for prop in values.get("URL", []) + values.get("X-SOCIALPROFILE", []):
        url = _unescape(_text(prop))
        if prop.name == "X-SOCIALPROFILE" and "linkedin" in prop.types and "linkedin" not in url:
            user = prop.param("X-USER")
            url = f"https://www.linkedin.com/in/{user}" if user else url
        if normalise_profile_url(url):
            person.linkedin_url = person.linkedin_url or url
        elif url and prop.name == "URL" and url not in person.urls:
            person.urls.append(url)


def _fill_other(person: PersonRecord, values: dict[str, list[_Property]]) -> None:
    person.notes = "\n".join(_unescape(_text(p)) for p in values.get("NOTE", []))
    for prop in values.get("CATEGORIES", []):
        for tag in _components(_text(prop), ","):
            if tag and tag not in person.tags:
                person.tags.append(tag)
    if "ADR" in values:
        parts = [*_components(_text(values["ADR"][0])), "", "", "", "", "", "", ""]
        person.location = ", ".join(p for p in (parts[3], parts[6]) if p)
    if "BDAY" in values:
        _set_birthday(person, values["BDAY"][0])


def _set_birthday(person: PersonRecord, prop: _Property) -> None:
    text = _unescape(_text(prop))
    person.birthday, person.birthday_month_day = parse_birthday(
        text, prop.param("X-APPLE-OMIT-YEAR")
    )


FORMAT = register(Format(NAME, "vCard (.vcf, one file or a folder of them)", detect, read, 20))
