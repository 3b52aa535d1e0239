"""LinkedIn's data archive: the zip, the unzipped folder, or single CSV files from it.

Every era described in ``docs/formats.md`` is read by header name. Persons are keyed by
their normalised profile URL where the archive gives one, else by their folded name
(``name:<folded>``), so that a message, an invitation and an endorsement from the same
person land on the same record. The archive owner (from ``Profile.csv``, or the person
present in every conversation) is never a person of their own network.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from urllib.parse import quote, unquote

from netkort.domain.linkedin import normalise_profile_url
from netkort.domain.names import display_name, fold, split_name
from netkort.domain.records import (
    Channel,
    Direction,
    EducationRecord,
    FavourDirection,
    FavourKind,
    FavourRecord,
    InteractionRecord,
    NetworkRecords,
    PersonRecord,
    PositionRecord,
    ProfileRecord,
)
from netkort.io.archive import FileSource, Member, Source, open_source
from netkort.io.base import Format, FormatError, ParsedFile, Skipped, register
from netkort.io.dates import parse_date, parse_datetime, year_of
from netkort.io.text import Table, cell, header_key, read_table

NAME = "linkedin"
SUMMARY_LENGTH = 500
_UNKNOWN_SENDER = "linkedin member"
_SPONSORED_PREFIX = '<p class="spinmail-quill-editor__spin-break">'
# Block-level tags separate words; inline tags (<b>, <a>) sit inside them.
_BLOCK_TAG = re.compile(r"<(?:br|/?p|/?div|/?li|/?h\d|/?tr|/?td)\b[^>]{0,2000}>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]{0,2000}>")
_TRUE = frozenset({"yes", "true", "1", "ja"})
_CANONICAL = re.compile(r"(https://www\.linkedin\.com/in/[a-z0-9-]+)/?")
# The same spelling with any letters in the slug (but nothing to decode or split off).
_PLAIN_PROFILE = re.compile(r"https://www\.linkedin\.com/in/([^/?#%\s]+)/?")
_PROFILE_PREFIX = "https://www.linkedin.com/in/"
_DIRECTIONS_2018 = {"INCOMING": "in", "OUTGOING": "out"}

# Header keys that make a CSV one of the archive's files, checked in this order.
_SIGNATURES: tuple[tuple[str, frozenset[str]], ...] = (
    ("messages", frozenset({"conversation id", "from", "to", "date", "content"})),
    ("messages_2018", frozenset({"from", "to", "date", "subject", "content", "direction"})),
    ("invitations", frozenset({"from", "to", "sent at", "direction"})),
    ("endorsements", frozenset({"skill name", "endorser first name", "endorsement date"})),
    ("recommendations", frozenset({"first name", "last name", "text", "creation date"})),
    ("profile", frozenset({"first name", "last name", "maiden name", "headline"})),
    ("connections", frozenset({"first name", "last name", "connected on"})),
    ("positions", frozenset({"company name", "title", "started on"})),
    ("education", frozenset({"school name", "degree name"})),
)
_FILE_NAMES = {
    "connections.csv": "connections",
    "invitations.csv": "invitations",
    "profile.csv": "profile",
    "positions.csv": "positions",
    "education.csv": "education",
    "skills.csv": "skills",
    "endorsement_received_info.csv": "endorsements",
    "recommendations_received.csv": "recommendations",
}
# Files read first: the owner's name and the connections' URLs help resolve the rest.
_ORDER = ("profile", "connections", "messages", "invitations", "endorsements", "recommendations")


def kind_of_name(basename: str) -> str | None:
    name = basename.casefold()
    if name.endswith("messages.csv"):
        return "messages"
    return _FILE_NAMES.get(name)


def kind_of_headers(keys: list[str], basename: str = "") -> str | None:
    present = set(keys)
    for kind, needed in _SIGNATURES:
        if needed <= present:
            return kind
    if keys == ["name"] and basename.casefold() == "skills.csv":
        return "skills"
    return None


def _header_test(basename: str) -> Callable[[list[str]], bool]:
    """Accepts the first row that is one of the archive's headers (skipping preambles)."""

    def is_header(row: list[str]) -> bool:
        return kind_of_headers([header_key(c) for c in row], basename) is not None

    return is_header


def detect(path: Path) -> bool:
    try:
        source = open_source(path)
    except FormatError:
        return False
    try:
        if isinstance(source, FileSource):
            return _single_file_kind(source, source.members()[0]) is not None
        return bool(_archive_members(source))
    except FormatError:
        return False
    finally:
        source.close()


def _single_file_kind(source: Source, member: Member) -> str | None:
    head = source.head(member)
    table = read_table(head, source.path, _header_test(member.basename), partial=True)
    return kind_of_headers(table.keys, member.basename) if table else None


def _archive_members(source: Source) -> list[tuple[str, Member]]:
    """The archive's known files at the shallowest folder that has any (zips of a folder)."""
    known = [(kind, m) for m in source.members() if (kind := kind_of_name(m.basename))]
    if not known:
        return []
    top = min(m.depth for _kind, m in known)
    chosen = [(kind, m) for kind, m in known if m.depth == top]
    return sorted(chosen, key=lambda km: (_rank(km[0]), km[1].name))


def _rank(kind: str) -> int:
    return _ORDER.index(kind) if kind in _ORDER else len(_ORDER)


def read(path: Path) -> ParsedFile:
    source = open_source(path)
    try:
        if isinstance(source, FileSource):
            member = source.members()[0]
            kind = _single_file_kind(source, member)
            if kind is None:
                raise FormatError(path, "this is not a file from a LinkedIn data archive")
            members = [(kind, member)]
        else:
            members = _archive_members(source)
            if not members:
                raise FormatError(
                    path, "no LinkedIn files (Connections.csv, messages.csv …) were found in it"
                )
        reader = _ArchiveReader(path, prefix_reasons=not isinstance(source, FileSource))
        return reader.read(source, members)
    finally:
        source.close()


@dataclass(slots=True)
class _Message:
    line: int
    reasons_prefix: str
    conversation: str
    sender_url: str  # normalised, or ""
    sender_name: str
    to_text: str
    recipient_urls: tuple[str, ...]  # normalised
    date_text: str
    moment: datetime
    summary: str
    direction_2018: str  # "in"/"out" for the 2018 file, else ""


class _ArchiveReader:
    """The state shared by one archive's files: persons, names seen, the owner."""

    def __init__(self, path: Path, prefix_reasons: bool) -> None:
        self.path = path
        self.prefix_reasons = prefix_reasons
        self.records = NetworkRecords()
        self.skipped: list[Skipped] = []
        self.persons: dict[str, PersonRecord] = {}
        self.url_names: dict[str, str] = {}  # normalised URL -> a name it was seen with
        # folded name -> its URL (None: several), built from url_names when first needed
        self._name_urls: dict[str, str | None] = {}
        self._name_urls_size = 0
        self.exact_urls: dict[str, str | None] = {}  # the same by the name as written
        self.name_keys: dict[str, str] = {}  # folded name -> key of a connection without URL
        self.url_keys: dict[str, str] = {}  # normalised URL -> person key
        self.owner_keys: set[str] = set()
        self.owner_names: set[str] = set()
        self.messages: list[_Message] = []
        self.external_ids: dict[str, int] = {}
        self._urls: dict[str, str] = {}
        self._folds: dict[str, str] = {}
        self._dates: dict[str, date | None] = {}
        self._recipients: dict[str, tuple[str, ...]] = {}
        self._participants: dict[tuple[object, ...], tuple[str, bool, tuple[str, ...]]] = {}

    # -- helpers ----------------------------------------------------------------------

    def norm_url(self, raw: str) -> str:
        if not raw:
            return ""
        value = self._urls.get(raw)
        if value is None:
            # Most URLs in an archive are already canonical; skip the full parse for them.
            value = self._urls[raw] = profile_url(raw)
        return value

    def date(self, text: str) -> date | None:
        # Thousands of connections share a few thousand dates.
        if text not in self._dates:
            self._dates[text] = parse_date(text)
        return self._dates[text]

    def fold(self, name: str) -> str:
        value = self._folds.get(name)
        if value is None:
            value = self._folds[name] = fold(name)
        return value

    def skip(self, member: Member, line: int | None, reason: str) -> None:
        prefix = f"{member.basename}: " if self.prefix_reasons else ""
        self.skipped.append(Skipped(line, prefix + reason))

    def learn_name(self, url: str, name: str) -> None:
        if url and name and url not in self.url_names:
            self.url_names[url] = name
            known = self.exact_urls.get(name, url)
            self.exact_urls[name] = url if known == url else None

    def url_for_name(self, name: str) -> str | None:
        """The one URL seen with this name, as written or else folded."""
        if name in self.exact_urls:
            return self.exact_urls[name]
        return self.name_urls().get(self.fold(name))

    def name_urls(self) -> dict[str, str | None]:
        """Folded name -> the one URL seen with it (None when several people share it).

        Folding every name costs time a big archive only spends when a file names
        people without URLs, so the index is built on first use and after growth."""
        if self._name_urls_size != len(self.url_names):
            index: dict[str, str | None] = {}
            for url, name in self.url_names.items():
                folded = self.fold(name)
                index[folded] = url if index.get(folded, url) == url else None
            self._name_urls, self._name_urls_size = index, len(self.url_names)
        return self._name_urls

    def key_for(self, url: str, name: str) -> str:
        """The person key for a normalised URL and/or a name (a connection's first).

        A URL seen for the first time is tied to the connection of that name when the
        connections file had no URLs (2020 to mid-2023), so both end up one person.
        """
        if url:
            key = self.url_keys.get(url)
            if key is None:
                key = url
                if self.name_keys and url not in self.persons:
                    key = self.name_keys.get(self.fold(name)) or url
                self.url_keys[url] = key
                if key != url and not self.persons[key].linkedin_url:
                    self.persons[key].linkedin_url = url
            return key
        folded = self.fold(name)
        if not folded or folded == _UNKNOWN_SENDER:
            return ""
        known = self.name_keys.get(folded)
        if known:
            return known
        learned = self.url_for_name(name)
        return self.key_for(learned, name) if learned else "name:" + folded

    def is_owner(self, key: str, name: str = "") -> bool:
        return key in self.owner_keys or (bool(name) and self.fold(name) in self.owner_names)

    def ensure_person(self, key: str, name: str, raw_url: str = "") -> PersonRecord:
        person = self.persons.get(key)
        if person is None:
            if not name and key.startswith("https://"):
                name = _name_from_slug(key)
            # LinkedIn names carry credentials after a comma ("Ane Lund, Cand. Merc."),
            # not the "Family, Given" order split_name reads a comma as.
            given, family = split_name(name.split(",", 1)[0]) if name else ("", "")
            person = PersonRecord(
                key=key,
                given_name=given,
                family_name=family,
                display_name=" ".join(name.split()) or display_name(given, family),
                linkedin_url=raw_url or (key if key.startswith("https://") else ""),
            )
            self.persons[key] = person
        return person

    def external_id(self, base: str) -> str:
        # Two messages in one conversation in the same second from the same sender exist;
        # the file order is stable, so numbering the repeats keeps re-imports idempotent.
        count = self.external_ids.get(base, 0) + 1
        self.external_ids[base] = count
        return base if count == 1 else f"{base}#{count}"

    # -- files ------------------------------------------------------------------------

    def read(self, source: Source, members: list[tuple[str, Member]]) -> ParsedFile:
        readers = {
            "profile": self.read_profile,
            "connections": self.read_connections,
            "messages": self.read_messages,
            "messages_2018": self.read_messages,
            "invitations": self.read_invitations,
            "endorsements": self.read_endorsements,
            "recommendations": self.read_recommendations,
            "positions": self.read_positions,
            "education": self.read_education,
            "skills": self.read_skills,
        }
        for kind, member in members:
            try:
                self.read_member(source, kind, member, readers)
            except FormatError as error:
                if not self.prefix_reasons:
                    raise
                message = f"{member.name}: {error.message}"
                raise FormatError(self.path, message, error.line) from error
        self.finish_messages()
        self.records.persons = list(self.persons.values())
        return ParsedFile(str(self.path), NAME, self.records, self.skipped)

    def read_member(
        self,
        source: Source,
        kind: str,
        member: Member,
        readers: Mapping[str, Callable[[Table, Member], None]],
    ) -> None:
        table = read_table(source.read(member), self.path, _header_test(member.basename))
        if table is None:
            return
        actual = kind_of_headers(table.keys, member.basename)
        if actual is None or (actual != kind and not kind.startswith("messages")):
            if kind != "messages":  # "No conversations found" needs no mention
                # A changed layout of one file should not stop the rest of the archive.
                self.skip(member, None, "not read: its columns are not the ones expected")
            return
        readers[actual](table, member)

    def profile(self) -> ProfileRecord:
        if self.records.profile is None:
            self.records.profile = ProfileRecord(full_name="")
        return self.records.profile

    def read_profile(self, table: Table, member: Member) -> None:
        first, last = table.index("first name"), table.index("last name")
        headline, industry = table.index("headline"), table.index("industry")
        location = table.index("geo location")
        for _line, row in table.rows:
            name = display_name(cell(row, first), cell(row, last))
            if not name:
                continue
            profile = self.profile()
            profile.full_name = name
            profile.headline = cell(row, headline)
            profile.industry = cell(row, industry)
            profile.location = cell(row, location)
            self.owner_names.add(self.fold(name))
            break

    def read_connections(self, table: Table, member: Member) -> None:
        first, last = table.index("first name"), table.index("last name")
        url, email = table.index("url"), table.index("email address")
        company, position = table.index("company"), table.index("position")
        connected = table.index("connected on")
        for line, row in table.rows:
            if not any(row):
                continue
            given, family, raw_url = cell(row, first), cell(row, last), cell(row, url)
            name = display_name(given, family)
            if not name:
                self.skip(member, line, "no name (a closed account)")
                continue
            normal = self.norm_url(raw_url)
            self.learn_name(normal, name)
            key = normal or self.name_keys.get(self.fold(name)) or "name:" + self.fold(name)
            if key in self.persons:
                continue
            address = cell(row, email)
            person = PersonRecord(
                key=key,
                given_name=given,
                family_name=family,
                display_name=name,
                emails=[address] if address else [],
                linkedin_url=raw_url,
                organisation=cell(row, company),
                title=cell(row, position),
                connected_on=self.date(cell(row, connected)),
            )
            self.persons[key] = person
            if not normal:
                self.name_keys.setdefault(self.fold(name), key)

    # -- messages ---------------------------------------------------------------------

    def read_messages(self, table: Table, member: Member) -> None:
        # The hot loop of a big archive: columns are read by plain indexing, with every
        # missing column pointing at an empty cell appended to the row.
        c = _MessageColumns.of(table)
        width = len(table.keys)
        padding = [""] * (width + 1)
        prefix = f"{member.basename}: " if self.prefix_reasons else ""
        for line, row in table.rows:
            if len(row) <= width:
                if not any(row):
                    continue
                row = row + padding[: width + 1 - len(row)]
            message = self.message(c, prefix, line, row)
            if message is not None:
                self.messages.append(message)

    def message(
        self, c: _MessageColumns, prefix: str, line: int, row: list[str]
    ) -> _Message | None:
        folder = row[c.folder]
        if folder == "SPAM" or folder.strip().upper() == "SPAM":
            self.skipped.append(Skipped(line, prefix + "in the spam folder"))
            return None
        if folder == "DRAFTS" or (row[c.draft] and row[c.draft].strip().lower() in _TRUE):
            self.skipped.append(Skipped(line, prefix + "a draft"))
            return None
        content = row[c.content]
        sender_raw = row[c.sender_url]
        if not sender_raw and content.startswith(_SPONSORED_PREFIX):
            self.skipped.append(Skipped(line, prefix + "a sponsored message"))
            return None
        date_text = row[c.date]
        moment = parse_datetime(date_text)
        if moment is None:
            self.skipped.append(Skipped(line, prefix + f"the date {date_text!r} cannot be read"))
            return None
        sender_url = self.norm_url(sender_raw)
        sender_name = row[c.sender]
        if sender_url and sender_url not in self.url_names:
            self.learn_name(sender_url, sender_name)
        return _Message(  # positional: this runs once per message
            line,
            prefix,
            row[c.conversation],
            sender_url,
            sender_name,
            row[c.to],
            self.recipient_urls(row[c.recipient_urls]),
            date_text,
            moment,
            _summary(row[c.subject], content),
            _DIRECTIONS_2018.get(row[c.direction].upper(), ""),
        )

    def recipient_urls(self, text: str) -> tuple[str, ...]:
        urls = self._recipients.get(text)
        if urls is None:
            urls = tuple(u for r in text.split(",") if (u := self.norm_url(r.strip())))
            self._recipients[text] = urls
        return urls

    def finish_messages(self) -> None:
        if not self.messages:
            return
        self.find_owner()
        for message in self.messages:
            self.add_message(message)
        self.messages = []

    def find_owner(self) -> None:
        """The owner: Profile.csv's name, or whoever is part of the most conversations."""
        by_conversation: dict[str, set[str]] = {}
        for message in self.messages:
            # 2018 files say who sent what: the sender of an outgoing message is the owner.
            if message.direction_2018 == "out" and message.sender_name:
                self.owner_names.add(self.fold(message.sender_name))
            tokens = by_conversation.setdefault(message.conversation or message.date_text, set())
            if message.sender_url:
                tokens.add(message.sender_url)
            tokens.update(message.recipient_urls)
        counts = Counter(t for tokens in by_conversation.values() for t in tokens)
        top = max(counts.values(), default=0)
        for url, count in counts.items():
            # The owner is in (nearly) every conversation; only frequent URLs qualify.
            if count * 2 >= top and self.fold(self.url_names.get(url, "")) in self.owner_names:
                self.owner_keys.add(url)
        if self.owner_names:
            return  # the owner may have sent nothing: never guess against Profile.csv
        if counts:
            url, _count = counts.most_common(1)[0]
            self.owner_keys.add(url)
            if url in self.url_names:
                self.owner_names.add(self.fold(self.url_names[url]))
            return
        self.owner_names.add(self._most_common_name())

    def _most_common_name(self) -> str:
        counts: Counter[str] = Counter()
        by_conversation: dict[str, set[str]] = {}
        for message in self.messages:
            names = by_conversation.setdefault(message.conversation, set())
            names.add(self.fold(message.sender_name))
            names.add(self.fold(message.to_text))
        for names in by_conversation.values():
            counts.update(names - {"", _UNKNOWN_SENDER})
        return counts.most_common(1)[0][0] if counts else ""

    def add_message(self, message: _Message) -> None:
        # Messages of one conversation share their participants: resolve them once.
        shape = (
            message.sender_url,
            message.sender_name,
            message.recipient_urls,
            "" if message.recipient_urls else message.to_text,
            message.direction_2018,
        )
        resolved = self._participants.get(shape)
        if resolved is None:
            resolved = self._participants[shape] = self.participants(message)
        sender_key, outgoing, others = resolved
        if not others:
            self.skipped.append(
                Skipped(message.line, message.reasons_prefix + "no other person in the message")
            )
            return
        if message.conversation:
            base = f"linkedin:message:{message.conversation}:{message.date_text}:{sender_key}"
        else:
            digest = hashlib.blake2b(message.summary.encode(), digest_size=6).hexdigest()
            base = f"linkedin:message:{message.date_text}:{sender_key}:{others[0]}:{digest}"
        self.records.interactions.append(
            InteractionRecord(
                message.moment,
                Channel.MESSAGE,
                Direction.OUTGOING if outgoing else Direction.INCOMING,
                list(others),
                message.summary,
                self.external_id(base),
            )
        )

    def participants(self, message: _Message) -> tuple[str, bool, tuple[str, ...]]:
        """The sender's key, whether the owner sent it, and the other persons' keys."""
        sender_key = self.key_for(message.sender_url, message.sender_name)
        if message.direction_2018:
            outgoing = message.direction_2018 == "out"
        else:
            outgoing = self.is_owner(sender_key, message.sender_name)
        others: list[str] = []
        if sender_key and not outgoing:
            self.ensure_person(sender_key, message.sender_name)
            others.append(sender_key)
        for key, name in self.recipients(message):
            if key and key not in others and not self.is_owner(key, name):
                self.ensure_person(key, name)
                others.append(key)
        return sender_key, outgoing, tuple(others)

    def recipients(self, message: _Message) -> Iterator[tuple[str, str]]:
        if message.recipient_urls:
            names: list[str] = []
            for i, url in enumerate(message.recipient_urls):
                name = self.url_names.get(url, "")
                if not name:
                    names = names or _split_names(message.to_text, message.recipient_urls)
                    name = names[i]
                yield self.key_for(url, name), name
            return
        whole = message.to_text
        if not whole:
            return
        folded = self.fold(whole)
        known = folded in self.name_keys or self.url_for_name(whole) is not None
        if "," not in whole or known or folded in self.owner_names:
            yield self.key_for("", whole), whole
            return
        for name in whole.split(","):
            name = name.strip()
            if name:
                yield self.key_for("", name), name

    # -- other files ------------------------------------------------------------------

    def read_invitations(self, table: Table, member: Member) -> None:
        sender, to = table.index("from"), table.index("to")
        sent, text = table.index("sent at"), table.index("message")
        direction = table.index("direction")
        inviter, invitee = table.index("inviterprofileurl"), table.index("inviteeprofileurl")
        for line, row in table.rows:
            if not any(row):
                continue
            outgoing = cell(row, direction).upper() == "OUTGOING"
            name = cell(row, to) if outgoing else cell(row, sender)
            raw_url = cell(row, invitee) if outgoing else cell(row, inviter)
            moment = parse_datetime(cell(row, sent))
            key = self.key_for(self.norm_url(raw_url), name)
            if moment is None or not key:
                self.skip(member, line, "no date or no person")
                continue
            self.ensure_person(key, name, raw_url)
            self.records.interactions.append(
                InteractionRecord(
                    occurred_at=moment,
                    channel=Channel.MESSAGE,
                    direction=Direction.OUTGOING if outgoing else Direction.INCOMING,
                    person_keys=[key],
                    summary=_summary("", cell(row, text)),
                    external_id=self.external_id(
                        f"linkedin:invitation:{'out' if outgoing else 'in'}:{key}:{cell(row, sent)}"
                    ),
                )
            )

    def read_endorsements(self, table: Table, member: Member) -> None:
        when, skill = table.index("endorsement date"), table.index("skill name")
        first, last = table.index("endorser first name"), table.index("endorser last name")
        url = table.index("endorser public url")
        for line, row in table.rows:
            if not any(row):
                continue
            name = display_name(cell(row, first), cell(row, last))
            raw_url = cell(row, url)
            key = self.key_for(self.norm_url(raw_url), name)
            on = parse_date(cell(row, when))
            if not key or on is None:
                self.skip(member, line, "no endorser or no date")
                continue
            self.ensure_person(key, name, raw_url)
            self.records.favours.append(
                FavourRecord(
                    person_key=key,
                    direction=FavourDirection.RECEIVED,
                    kind=FavourKind.ENDORSEMENT,
                    on=on,
                    note=cell(row, skill),
                    external_id=self.external_id(
                        f"linkedin:endorsement:{key}:{cell(row, skill)}:{on.isoformat()}"
                    ),
                )
            )

    def read_recommendations(self, table: Table, member: Member) -> None:
        first, last = table.index("first name"), table.index("last name")
        company, title = table.index("company"), table.index("job title")
        text, when = table.index("text"), table.index("creation date")
        for line, row in table.rows:
            if not any(row):
                continue
            name = display_name(cell(row, first), cell(row, last))
            key = self.key_for("", name)
            on = parse_date(cell(row, when))
            if not key or on is None:
                self.skip(member, line, "no recommender or no date")
                continue
            person = self.ensure_person(key, name)
            person.organisation = person.organisation or cell(row, company)
            person.title = person.title or cell(row, title)
            self.records.favours.append(
                FavourRecord(
                    person_key=key,
                    direction=FavourDirection.RECEIVED,
                    kind=FavourKind.RECOMMENDATION,
                    on=on,
                    note=cell(row, text),
                    external_id=self.external_id(f"linkedin:recommendation:{key}:{on.isoformat()}"),
                )
            )

    def read_positions(self, table: Table, member: Member) -> None:
        company, title = table.index("company name"), table.index("title")
        started, finished = table.index("started on"), table.index("finished on")
        for _line, row in table.rows:
            if cell(row, company) or cell(row, title):
                self.profile().positions.append(
                    PositionRecord(
                        organisation=cell(row, company),
                        title=cell(row, title),
                        start=parse_date(cell(row, started)),
                        end=parse_date(cell(row, finished)),
                    )
                )

    def read_education(self, table: Table, member: Member) -> None:
        school, degree = table.index("school name"), table.index("degree name")
        start, end = table.index("start date"), table.index("end date")
        notes = table.index("notes")
        for _line, row in table.rows:
            if cell(row, school):
                self.profile().education.append(
                    EducationRecord(
                        school=cell(row, school),
                        degree=cell(row, degree),
                        field_of_study=cell(row, notes),
                        start_year=year_of(cell(row, start)),
                        end_year=year_of(cell(row, end)),
                    )
                )

    def read_skills(self, table: Table, member: Member) -> None:
        for _line, row in table.rows:
            if cell(row, 0):
                self.profile().skills.append(cell(row, 0))


@dataclass(frozen=True, slots=True)
class _MessageColumns:
    """Column positions; a column the file lacks points one past the header."""

    conversation: int
    sender: int
    sender_url: int
    to: int
    recipient_urls: int
    date: int
    subject: int
    content: int
    folder: int
    draft: int
    direction: int

    @classmethod
    def of(cls, table: Table) -> _MessageColumns:
        missing = len(table.keys)

        def at(name: str) -> int:
            index = table.index(name)
            return missing if index is None else index

        return cls(
            conversation=at("conversation id"),
            sender=at("from"),
            sender_url=at("sender profile url"),
            to=at("to"),
            recipient_urls=at("recipient profile urls"),
            date=at("date"),
            subject=at("subject"),
            content=at("content"),
            folder=at("folder"),
            draft=at("is message draft"),
            direction=at("direction"),
        )


def profile_url(raw: str) -> str:
    """``normalise_profile_url``, without parsing the URL when it is spelt the way
    archives write it (``https://www.linkedin.com/in/<slug>``), as most are."""
    canonical = _CANONICAL.fullmatch(raw)
    if canonical:
        return canonical[1]
    plain = _PLAIN_PROFILE.fullmatch(raw)
    if plain:
        return _PROFILE_PREFIX + quote(unicodedata.normalize("NFC", plain[1]).lower(), safe="")
    return normalise_profile_url(raw)


def _summary(subject: str, content: str) -> str:
    """Subject and content as plain text on one line, cut to SUMMARY_LENGTH characters."""
    text = f"{subject} — {content}" if subject and content else subject or content
    if len(text) > SUMMARY_LENGTH * 8:
        text = text[: SUMMARY_LENGTH * 8]
    if "<" in text:
        text = _TAG.sub("", _BLOCK_TAG.sub(" ", text))
    if "&" in text:
        text = html.unescape(text)
    # Collapsing whitespace is the costly step; most bodies are one tidy line already.
    if "\n" in text or "\r" in text or "\t" in text or "  " in text or text != text.strip():
        text = " ".join(text.split())
    return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1] + "…"


def _split_names(to_text: str, urls: tuple[str, ...]) -> list[str]:
    """A name for each recipient URL from TO, whose names may themselves contain ", ".

    Equal counts pair up in order; otherwise each URL takes the run of pieces whose
    words all occur in its slug ("Ane Lund, Cand. Merc." for /in/ane-lund-cand-merc).
    """
    if len(urls) == 1:
        return [to_text]
    pieces = [p.strip() for p in to_text.split(",") if p.strip()]
    if len(pieces) == len(urls):
        return pieces
    names = []
    for url in urls:
        slug = set(fold(unquote(url.rsplit("/", 1)[-1]).replace("-", " ")).split())
        fits = [bool(words) and words <= slug for words in (set(fold(p).split()) for p in pieces)]
        start = next((i for i, fit in enumerate(fits) if fit), None)
        if start is None:
            names.append(_name_from_slug(url))
            continue
        end = start + 1
        while end < len(pieces) and fits[end]:
            end += 1
        names.append(", ".join(pieces[start:end]))
    return names


def _name_from_slug(url: str) -> str:
    words = unquote(url.rsplit("/", 1)[-1]).split("-")
    if len(words) > 1 and any(c.isdigit() for c in words[-1]):
        words = words[:-1]  # the random suffix LinkedIn adds to common names
    return " ".join(w.capitalize() for w in words if w)


FORMAT = register(
    Format(NAME, "LinkedIn data archive (zip, folder or its CSV files)", detect, read, 10)
)
