"""A synthetic LinkedIn data archive in today's format, for benchmarks.

    from bench.synthetic_linkedin import write_archive
    write_archive(Path("/tmp/archive.zip"), connections=30_000, messages=150_000, seed=1)

The path ending in ``.zip`` gives a zip, anything else a folder. The archive has a
Profile.csv (the owner, Mette Ørsted), Connections.csv with the 2022+ preamble,
messages.csv with every field quoted (2026), newlines and HTML in some bodies, group
chats, spam and sponsored messages, Invitations.csv and the endorsements and
recommendations received. The same seed gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import random
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

OWNER_NAME = ("Mette", "Ørsted")
OWNER_URL = "https://www.linkedin.com/in/mette-orsted"
_GIVEN = (  # noqa: SIM905
    "Søren Åse Jens Mads Karen Birgitte Henrik Anne Line Kasper Pernille Frederik Bente "
    "Jonas Ida Emil Sofie Mikkel Freja Rasmus Signe Anders Mette Lars Trine Ole Maja "
    "Niels Astrid Thomas Ærtebjørg Jørgen Dorthe Bjørn Sanne"
).split()
_FAMILY = (  # noqa: SIM905
    "Jensen Nielsen Hansen Pedersen Andersen Kjær Bøgh Østergaard Møller Lærkholm Ravn "
    "Holm Dahl Nørgaard Winther Thygesen Lund Sørensen Rasmussen Jørgensen Madsen Kristensen "
    "Olsen Thomsen Christiansen Poulsen Johansen Knudsen Mortensen Ærø Bach Frølund"
).split()
_COMPANIES = (
    "Novo Nordisk",
    "Danske Bank",
    "Maersk",
    "Vestas Wind Systems A/S",
    "Carlsberg",
    "LEGO",
    "Ørsted",
    "Netcompany",
    "Systematic",
    "Fjordlys",
    "Arla Foods",
    "Coloplast",
    "Stripe, Inc.",
    "Region Midtjylland",
    "Aarhus Universitet",
)
_TITLES = (
    "Softwareudvikler",
    "Projektleder",
    "Product Owner",
    "Head of Risk, Nordics",
    "CTO",
    "HR-partner",
    "Konsulent",
    "Senior Scientist",
    "Direktør",
    "UX-designer",
)
_PHRASES = (
    "Hej! Tak for sidst.",
    "Skal vi tage en kop kaffe i næste uge?",
    "Jeg så dit opslag om stillingen — spændende!",
    "Har du tid til et kort opkald torsdag?",
    "Tak for anbefalingen, det betød meget.",
    "Vi ses til konferencen i Aarhus.",
    "Kender du nogen hos {company}, der arbejder med data?",
    "Her er linket, jeg nævnte: https://example.dk/rapport",
)
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MESSAGE_HEADER = [
    "CONVERSATION ID",
    "CONVERSATION TITLE",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "RECIPIENT PROFILE URLS",
    "DATE",
    "SUBJECT",
    "CONTENT",
    "FOLDER",
    "ATTACHMENTS",
]


@dataclass(frozen=True, slots=True)
class _Connection:
    given: str
    family: str
    url: str
    company: str
    title: str

    @property
    def name(self) -> str:
        return f"{self.given} {self.family}"


def write_archive(path: Path, connections: int, messages: int, seed: int = 1) -> Path:
    """Write the archive to ``path`` (a zip if it ends in .zip, else a folder)."""
    rng = random.Random(seed)
    people = [_connection(rng, i) for i in range(connections)]
    files = {
        "Profile.csv": _profile(),
        "Connections.csv": _connections(rng, people),
        "messages.csv": _messages(rng, people, messages),
        "Invitations.csv": _invitations(rng, people),
        "Endorsement_Received_Info.csv": _endorsements(rng, people),
        "Recommendations_Received.csv": _recommendations(rng, people),
        "Skills.csv": "Name\nProduktledelse\nPython\n",
    }
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            for name, text in files.items():
                archive.writestr(name, text.encode())
    else:
        path.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (path / name).write_bytes(text.encode())
    return path


def _connection(rng: random.Random, index: int) -> _Connection:
    given, family = rng.choice(_GIVEN), rng.choice(_FAMILY)
    slug = f"{given}-{family}-{index}".lower()
    return _Connection(
        given, family, f"https://www.linkedin.com/in/{slug}", rng.choice(_COMPANIES),
        rng.choice(_TITLES),
    )  # fmt: skip


def _csv(rows: list[list[str]], quote_all: bool = False) -> str:
    buffer = io.StringIO()
    writer = csv.writer(
        buffer, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL, lineterminator="\n"
    )
    writer.writerows(rows)
    return buffer.getvalue()


def _profile() -> str:
    header = (  # noqa: SIM905
        "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,"
        "Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers"
    ).split(",")
    row = [*OWNER_NAME, "", "", "", "Leder af produktudvikling", "", "Software", "8000"]
    return _csv([header, [*row, "Aarhus, Danmark", "", "", ""]])


def _connections(rng: random.Random, people: list[_Connection]) -> str:
    preamble = (
        'Notes:\n"When exporting your connection data, you may notice that some of the '
        'email addresses are missing."\n\n'
    )
    rows = [
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    ]
    for person in people:
        day = f"{rng.randint(1, 28):02d} {rng.choice(_MONTHS)} {rng.randint(2008, 2025)}"
        email = f"{person.url.rsplit('/', 1)[-1]}@example.dk" if rng.random() < 0.02 else ""
        rows.append(
            [person.given, person.family, person.url, email, person.company, person.title, day]
        )
    rows.append(["", "", "", "", "", "", "12 Aug 2019"])  # a closed account
    return preamble + _csv(rows).rstrip("\n")


def _messages(rng: random.Random, people: list[_Connection], count: int) -> str:
    owner = " ".join(OWNER_NAME)
    rows = [MESSAGE_HEADER]
    start = datetime(2016, 1, 1, tzinfo=UTC)
    conversation: list[_Connection] = []
    conversation_id, left = "", 0
    moment = start
    for _ in range(count):
        if left == 0:
            size = 1 if rng.random() < 0.9 else rng.randint(2, 4)
            conversation = rng.sample(people, min(size, len(people)))
            conversation_id = f"2-{rng.getrandbits(64):016x}"
            left = rng.randint(1, 12)
            moment = start + timedelta(seconds=rng.randint(0, 10 * 365 * 86400))
        left -= 1
        moment += timedelta(minutes=rng.randint(1, 3000))
        rows.append(_message_row(rng, owner, conversation, conversation_id, moment))
    return _csv(rows, quote_all=True)


def _message_row(
    rng: random.Random,
    owner: str,
    conversation: list[_Connection],
    conversation_id: str,
    moment: datetime,
) -> list[str]:
    members = [(owner, OWNER_URL)] + [(p.name, p.url) for p in conversation]
    sender = members[0] if rng.random() < 0.45 else rng.choice(members[1:])
    recipients = [m for m in members if m != sender]
    content = rng.choice(_PHRASES).format(company=rng.choice(_COMPANIES))
    roll = rng.random()
    if roll < 0.2:
        content += "\n\nMvh\n" + sender[0]
    elif roll < 0.3:
        content = f"<p>{content}</p><p>Venlig hilsen &amp; på gensyn</p>"
    folder = "SPAM" if roll > 0.995 else rng.choice(("INBOX", "ARCHIVE"))
    sender_name, sender_url = sender
    if 0.99 < roll <= 0.995:
        sender_name, sender_url = "LinkedIn Member", ""
    return [
        conversation_id,
        "",
        sender_name,
        sender_url,
        ", ".join(name for name, _url in recipients),
        ",".join(url for _name, url in recipients),
        moment.strftime("%Y-%m-%d %H:%M:%S UTC"),
        "",
        content,
        folder,
        "",
    ]


def _invitations(rng: random.Random, people: list[_Connection]) -> str:
    owner = " ".join(OWNER_NAME)
    rows = [
        ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"]
    ]
    for person in rng.sample(people, min(200, len(people))):
        sent = f"{rng.randint(1, 12)}/{rng.randint(1, 28)}/{rng.randint(18, 25)}, 9:05 AM"
        if rng.random() < 0.5:
            rows.append([owner, person.name, sent, "Hej, lad os holde kontakten.", "OUTGOING",
                         OWNER_URL, person.url])  # fmt: skip
        else:
            rows.append([person.name, owner, sent, "", "INCOMING", person.url, OWNER_URL])
    return _csv(rows)


def _endorsements(rng: random.Random, people: list[_Connection]) -> str:
    rows = [["Endorsement Date", "Skill Name", "Endorser First Name", "Endorser Last Name",
             "Endorser Public Url", "Endorsement Status"]]  # fmt: skip
    for person in rng.sample(people, min(100, len(people))):
        day = f"{rng.randint(2015, 2025)}/{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}"
        rows.append([f"{day} 10:00:00 UTC", rng.choice(("Python", "Produktledelse")),
                     person.given, person.family, person.url.removeprefix("https://"),
                     "ACCEPTED"])  # fmt: skip
    return _csv(rows)


def _recommendations(rng: random.Random, people: list[_Connection]) -> str:
    rows = [["First Name", "Last Name", "Company", "Job Title", "Text", "Creation Date", "Status"]]
    for person in rng.sample(people, min(10, len(people))):
        rows.append([person.given, person.family, person.company, person.title,
                     "En fremragende kollega, klog og hjælpsom.", "10/02/24, 11:12 AM",
                     "VISIBLE"])  # fmt: skip
    return _csv(rows)
