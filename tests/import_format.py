"""A tiny line format for the import service's tests, independent of the real parsers.

    #nk-test
    person|key|given|family|organisation|title|email|phone|linkedin|tags
    message|external id|person key|2024-03-05T14:02|summary

Registered under the name ``nktest``; a line it cannot read raises a FormatError with
its line number.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from netkort.domain.records import (
    Channel,
    Direction,
    InteractionRecord,
    NetworkRecords,
    PersonRecord,
)
from netkort.io.base import FORMATS, Format, FormatError, ParsedFile, Skipped

NAME = "nktest"
HEADER = "#nk-test"


def detect(path: Path) -> bool:
    if not path.is_file():
        return False
    with path.open("rb") as handle:
        return handle.read(len(HEADER)) == HEADER.encode()


def read(path: Path) -> ParsedFile:
    records = NetworkRecords()
    skipped: list[Skipped] = []
    text = path.read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines()[1:], start=2):
        fields = line.split("|")
        if not line.strip():
            continue
        if fields[0] == "person" and len(fields) == 10:
            key, given, family, org, title, email, phone, linkedin, tags = fields[1:]
            records.persons.append(
                PersonRecord(
                    key=key,
                    given_name=given,
                    family_name=family,
                    organisation=org,
                    title=title,
                    emails=[email] if email else [],
                    phones=[phone] if phone else [],
                    linkedin_url=linkedin,
                    tags=[t for t in tags.split(",") if t],
                )
            )
        elif fields[0] == "message" and len(fields) == 5:
            external, key, when, summary = fields[1:]
            records.interactions.append(
                InteractionRecord(
                    occurred_at=datetime.fromisoformat(when).replace(tzinfo=UTC),
                    channel=Channel.MESSAGE,
                    direction=Direction.INCOMING,
                    person_keys=[key],
                    summary=summary,
                    external_id=external,
                )
            )
        elif fields[0] == "skip":
            skipped.append(Skipped(number, "a row to skip"))
        else:
            raise FormatError(path, "not a test row", number)
    return ParsedFile(str(path), NAME, records, skipped)


@contextmanager
def registered() -> Iterator[Format]:
    fmt = Format(NAME, "test rows", detect, read, priority=1)
    # First in the registry, so that no real format claims the test files.
    saved = dict(FORMATS)
    FORMATS.clear()
    FORMATS[NAME] = fmt
    FORMATS.update({k: v for k, v in saved.items() if k != NAME})
    try:
        yield fmt
    finally:
        FORMATS.clear()
        FORMATS.update(saved)


def person(
    key: str,
    given: str,
    family: str,
    org: str = "",
    title: str = "",
    email: str = "",
    phone: str = "",
    linkedin: str = "",
    tags: str = "",
) -> str:
    return "|".join(["person", key, given, family, org, title, email, phone, linkedin, tags])


def message(external: str, key: str, when: str, summary: str = "") -> str:
    return "|".join(["message", external, key, when, summary])


def write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path
