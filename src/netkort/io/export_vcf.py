"""Writing persons as vCard 3.0, the version Apple Contacts, Google Contacts and Android
all read. UTF-8, CRLF line ends, lines folded at 75 octets without splitting a letter.

The LinkedIn profile goes in twice: as ``X-SOCIALPROFILE;type=linkedin`` (Apple links
the contact to the profile) and as ``URL`` (what Google and Android show).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from netkort.domain.birthdays import NO_YEAR, is_yearless

PRODID = "-//netkort//netkort export//EN"
LINE_OCTETS = 75
PHONE_TYPES = {
    "mobile": "CELL",
    "cell": "CELL",
    "mobil": "CELL",
    "work": "WORK",
    "arbejde": "WORK",
    "home": "HOME",
    "hjem": "HOME",
    "fax": "FAX",
}


@dataclass(slots=True)
class Contact:
    uid: str
    display_name: str
    given_name: str = ""
    family_name: str = ""
    organisation: str = ""
    title: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[tuple[str, str]] = field(default_factory=list)  # (number, label)
    linkedin_url: str = ""
    urls: list[str] = field(default_factory=list)
    notes: str = ""
    tags: list[str] = field(default_factory=list)
    birthday: dt.date | None = None


def write_vcf(contacts: list[Contact]) -> bytes:
    lines: list[str] = []
    for contact in contacts:
        lines += _card(contact)
    return "".join(_fold(line) + "\r\n" for line in lines).encode("utf-8")


def escape(text: str) -> str:
    """A text value as vCard 3.0 writes it (RFC 2426 section 4)."""
    text = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _uri(text: str) -> str:
    # A URI cannot hold a line break; anything else passes as written.
    return "".join(text.split("\n")).replace("\r", "")


def _card(c: Contact) -> list[str]:
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"PRODID:{PRODID}", f"UID:{escape(c.uid)}"]
    lines.append(f"N:{escape(c.family_name)};{escape(c.given_name)};;;")
    lines.append(f"FN:{escape(c.display_name)}")
    if c.organisation:
        lines.append(f"ORG:{escape(c.organisation)}")
    if c.title:
        lines.append(f"TITLE:{escape(c.title)}")
    for i, address in enumerate(c.emails):
        lines.append(f"EMAIL;type=INTERNET{';type=pref' if i == 0 else ''}:{escape(address)}")
    for i, (number, label) in enumerate(c.phones):
        kind = PHONE_TYPES.get(label.strip().lower(), "VOICE")
        lines.append(f"TEL;type={kind}{';type=pref' if i == 0 else ''}:{escape(number)}")
    if c.linkedin_url:
        lines.append(f"X-SOCIALPROFILE;type=linkedin:{_uri(c.linkedin_url)}")
    for url in dict.fromkeys([u for u in [c.linkedin_url, *c.urls] if u]):
        lines.append(f"URL:{_uri(url)}")
    if c.birthday and is_yearless(c.birthday):
        # Apple's form of "no year": Apple Contacts hides the year; others read 1604.
        lines.append(f"BDAY;X-APPLE-OMIT-YEAR={NO_YEAR}:{c.birthday.isoformat()}")
    elif c.birthday:
        lines.append(f"BDAY:{c.birthday.isoformat()}")
    if c.tags:
        lines.append("CATEGORIES:" + ",".join(escape(t) for t in c.tags))
    if c.notes:
        lines.append(f"NOTE:{escape(c.notes)}")
    lines.append("END:VCARD")
    return lines


def _fold(line: str) -> str:
    """Fold at 75 octets; a continuation line starts with a space (one octet of its 75)."""
    data = line.encode("utf-8")
    if len(data) <= LINE_OCTETS:
        return line
    parts: list[str] = []
    start, limit = 0, LINE_OCTETS
    while start < len(data):
        end = min(start + limit, len(data))
        # Step back to the start of a UTF-8 character (continuation bytes are 10xxxxxx).
        while end < len(data) and data[end] & 0xC0 == 0x80:
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, LINE_OCTETS - 1
    return "\r\n ".join(parts)
