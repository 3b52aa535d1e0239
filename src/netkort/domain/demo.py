"""A deterministic, fictional demo network.

``generate`` builds a whole :class:`NetworkRecords` batch: a Danish professional as "me",
some sixty fictional organisations, ``size`` persons, years of interactions, ties between
persons, favours and two goals. It serves the demo mode, screenshots, manual testing and
benchmarks, so it has to be

* deterministic: the same ``(size, seed, today)`` always yields equal records, because
  every random choice comes from one ``random.Random(seed)`` and every date is relative
  to ``today`` (never the clock);
* realistic enough to exercise the product: Danish and international names with æ, ø, å,
  accents, hyphens and one-word names; phone numbers and e-mails as people type them;
  a skewed closeness and interaction distribution like a real network;
* fast: tens of thousands of persons in a couple of seconds, for the benchmarks.

It is pure Python (no Django) and returns values as a source would write them; the
services normalise them like any import. Every name here is invented; any likeness to a
real organisation is accidental.
"""

from __future__ import annotations

import random
import re
import unicodedata
from bisect import bisect
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate
from typing import TypeVar

from netkort.domain.records import (
    Channel,
    Closeness,
    ContextKey,
    Direction,
    EducationRecord,
    FavourDirection,
    FavourKind,
    FavourRecord,
    GoalKind,
    GoalRecord,
    InteractionRecord,
    NetworkRecords,
    OrganisationRecord,
    PersonRecord,
    PositionRecord,
    ProfileRecord,
    TieRecord,
    TieSource,
)

__all__ = ["generate"]

T = TypeVar("T")


def _split(text: str, sep: str = ",") -> tuple[str, ...]:
    """Split a compact list (items may contain spaces); empty items are dropped."""
    return tuple(item for part in text.split(sep) if (item := part.strip()))


# --- Organisations ---------------------------------------------------------------------
# One string a row keeps the data compact: "name; LinkedIn-style industry; sector (for
# titles); aliases separated by |".
_ORG_ROWS = (
    "Nordlys Energi A/S; Renewable Energy; energy; Nordlys|Nordlys Energy",
    "Vestenvind Power A/S; Renewable Energy; energy; Vestenvind",
    "Kattegat Offshore A/S; Oil and Gas; energy;",
    "Gudenå Forsyning; Utilities; energy; Gudenaa Forsyning",
    "Solhverv Energi ApS; Renewable Energy; energy;",
    "Kattegat Pharma A/S; Pharmaceutical Manufacturing; pharma; Kattegat Pharma",
    "Lindholm Biotek A/S; Biotechnology Research; pharma; Lindholm Biotech",
    "Øresund Life Science A/S; Pharmaceutical Manufacturing; pharma; ØLS",
    "Bølgen Diagnostics ApS; Medical Equipment Manufacturing; pharma;",
    "Fjordbank; Banking; finance; Fjordbanken|Fjordbank A/S",
    "Limfjord Sparekasse; Banking; finance;",
    "Nordhavn Kapital A/S; Investment Management; finance; Nordhavn Capital",
    "Skjoldborg Forsikring; Insurance; finance;",
    "Ankerpension; Financial Services; finance;",
    "Bitvæv Consulting A/S; IT Services and IT Consulting; it; Bitvæv|Bitvaev",
    "Kodehuset ApS; Software Development; it;",
    "Datagrund A/S; IT Services and IT Consulting; it;",
    "Skybro Solutions ApS; Software Development; it; Skybro",
    "Pixelfjord ApS; Software Development; it;",
    "Systemsmedjen A/S; IT Services and IT Consulting; it; Systemsmedjen",
    "Nordic Health Data ApS; Software Development; it; NHD",
    "Spilfabrikken ApS; Computer Games; it;",
    "Signalværket A/S; Telecommunications; it; Signalvaerket",
    "Region Vestkyst; Government Administration; public;",
    "Styrelsen for Digital Forvaltning; Government Administration; public; SDF",
    "Gudenå Kommune; Government Administration; public; Gudenaa Kommune",
    "Limfjord Kommune; Government Administration; public;",
    "Styrelsen for Klimatilpasning; Government Administration; public;",
    "Købmandsgaarden A/S; Retail; retail; Købmandsgården",
    "Bølle & Co.; Retail Apparel and Fashion; retail; Bølle",
    "Nordhjem Interiør A/S; Retail; retail; Nordhjem",
    "DagligMarked A/S; Retail Groceries; retail;",
    "Skagerrak Shipping A/S; Maritime Transportation; shipping; Skagerrak Line",
    "Havbro Logistik A/S; Transportation, Logistics, Supply Chain and Storage; shipping; Havbro",
    "Ankerhavn Rederi A/S; Maritime Transportation; shipping;",
    "Nordsø Container Lines; Maritime Transportation; shipping; NCL",
    "Gudenå Universitet; Higher Education; education; GU",
    "Professionshøjskolen Kattegat; Higher Education; education; PH Kattegat",
    "Jyllands Erhvervsakademi; Education Administration Programs; education;",
    "Øresunds Handelshøjskole; Higher Education; education; ØHH",
    "Grøn Fremtid; Non-profit Organizations; ngo;",
    "Fællesskabsfonden; Philanthropic Fundraising Services; ngo;",
    "Bedre Byer Danmark; Non-profit Organizations; ngo;",
    "Kulturfonden Nord; Philanthropic Fundraising Services; ngo;",
    "Mejeriet Engbo A/S; Food and Beverage Manufacturing; food; Engbo",
    "Humlegaarden Bryghus; Beverage Manufacturing; food; Humlegården",
    "Kornkammeret A/S; Food and Beverage Manufacturing; food;",
    "Havgrøn Seafood A/S; Food and Beverage Manufacturing; food; Havgrøn",
    "Brohus Rådgivende Ingeniører; Civil Engineering; engineering; Brohus",
    "Tegnestuen Lys & Rum; Architecture and Planning; engineering;",
    "Byggeselskabet Grundsten A/S; Construction; engineering; Grundsten",
    "Advokatfirmaet Holm & Krogh; Law Practice; services; Holm & Krogh",
    "Talentbroen Rekruttering ApS; Staffing and Recruiting; services; Talentbroen",
    "Vinge Kommunikation ApS; Public Relations and Communications Services; services;",
    "Ledelseshuset Kompas ApS; Business Consulting and Services; services; Kompas",
    "Strategihuset Nord; Business Consulting and Services; services;",
    "Dagbladet Fjordposten; Newspaper Publishing; services; Fjordposten",
    "Privathospitalet Skovly; Hospitals and Health Care; health; Skovly",
    "Sundhedshuset Midt; Hospitals and Health Care; health;",
    "Maskinfabrikken Tandhjul A/S; Industrial Machinery Manufacturing; manufacturing; Tandhjul",
    "Grøn Mobilitet A/S; Truck Transportation; manufacturing;",
    "Hotel Fjordkanten; Hospitality; hospitality;",
)


@dataclass(frozen=True, slots=True)
class _Org:
    name: str
    industry: str
    sector: str
    aliases: tuple[str, ...]


_ORGS = tuple(
    _Org(name, industry, sector, _split(aliases, "|"))
    for name, industry, sector, aliases in (
        (part.strip() for part in row.split(";")) for row in _ORG_ROWS
    )
)

_SECTOR_TITLES: dict[str, tuple[str, ...]] = {
    sector: _split(titles)
    for sector, titles in (
        row.split(":")
        for row in (
            "energy: Projektleder, Ingeniør, Energianalytiker, Head of Offshore Operations, "
            "Commercial Manager, Teknisk chef, Asset Manager",
            "pharma: Laborant, Research Scientist, QA Specialist, Regulatory Affairs Manager, "
            "Medical Advisor, Produktionschef, Clinical Project Manager",
            "finance: Erhvervsrådgiver, Risk Manager, Kundechef, Investment Analyst, "
            "Compliance Officer, Filialdirektør, Head of Payments",
            "it: Senior Consultant, Softwareudvikler, Solution Architect, Scrum Master, "
            "Product Owner, Data Engineer, Head of Delivery, Partner",
            "public: Fuldmægtig, Specialkonsulent, Kontorchef, Chefkonsulent, Sagsbehandler, "
            "Digitaliseringskonsulent, Direktør for Teknik og Miljø",
            "retail: Butikschef, Indkøber, E-commerce Manager, Category Manager, "
            "Marketingkoordinator, Supply Chain Planner",
            "shipping: Chartering Manager, Operations Coordinator, Speditør, Fleet Manager, "
            "Logistikchef",
            "education: Lektor, Adjunkt, Studievejleder, Professor, Uddannelsesleder, "
            "Ph.d.-studerende",
            "ngo: Kampagneleder, Frivilligkoordinator, Fundraiser, Generalsekretær, Policy Advisor",
            "food: Mejeriingeniør, Produktudvikler, Key Account Manager, Kvalitetschef, "
            "Brygmester, Salgschef",
            "engineering: Civilingeniør, Bygningskonstruktør, Projektchef, Arkitekt MAA, "
            "BIM-koordinator",
            "services: Advokat, Partner, Managementkonsulent, Rekrutteringskonsulent, "
            "Headhunter, Kommunikationsrådgiver, Journalist, Redaktør",
            "health: Sygeplejerske, Overlæge, Fysioterapeut, Klinikchef, Sundhedsøkonom",
            "manufacturing: Produktionsleder, Maskinmester, Lean-konsulent, Indkøbschef, "
            "Logistikplanlægger",
            "hospitality: Hotelchef, Køkkenchef, Eventkoordinator, Receptionist",
        )
    )
}
# Titles found in any kind of organisation; mixed in so not everyone fits a stereotype.
_GENERIC_TITLES = _split(
    "CEO, Adm. direktør, HR-chef, HR Business Partner, CFO, Økonomiansvarlig, "
    "Kommunikationschef, Teamleder, Office Manager, Studentermedhjælper"
)
_NO_ORG_TITLES = _split("Studerende, Pensionist, Selvstændig, Freelancer")

# --- Names and places ------------------------------------------------------------------
_DANISH_GIVEN = _split(
    "Søren, Bjørn, Jens, Mads, Anders, Henrik, Lars, Mikkel, Rasmus, Jesper, Thomas, "
    "Martin, Kasper, Frederik, Christian, Niels, Morten, Jørgen, Ole, Peter, Troels, Asger, "
    "Emil, Magnus, Jonas, Torben, Poul, Åge, Malthe, Bo, Åse, Mette, Anne, Karen, Lise, "
    "Hanne, Pia, Camilla, Sofie, Ida, Freja, Signe, Maja, Line, Louise, Trine, Helle, "
    "Birgitte, Kirsten, Dorthe, Marianne, Astrid, Ingrid, Rikke, Tove, Gitte, Bodil, "
    "Sølvi, Mathilde, Øjvind"
)
_DANISH_FAMILY = _split(
    "Nielsen, Jensen, Hansen, Pedersen, Andersen, Christensen, Larsen, Sørensen, Rasmussen, "
    "Jørgensen, Petersen, Madsen, Kristensen, Olsen, Thomsen, Poulsen, Johansen, Møller, "
    "Mortensen, Kjærgaard, Ærenlund, Bjørnholm, Højgaard, Søndergaard, Østergaard, "
    "Damgaard, Lindholm, Krogh, Dahl, Bach, Holm, Vestergaard, Skov, Lund, Friis, Brøndum, "
    "Mølgaard, Kjær, Lykke, Åkjær, Frølund, Nørgaard, Bønnelykke, Ravn, Ærtebjerg"
)


@dataclass(frozen=True, slots=True)
class _Origin:
    """Names from one part of the world, with where such a person might live abroad."""

    given: tuple[str, ...]
    family: tuple[str, ...]
    cities: tuple[str, ...]
    phone: str  # "#" is replaced by a random digit


# "given names; family names; cities abroad; phone pattern" a row.
_ORIGIN_ROWS = (
    "Björn, Åsa, Märta, Göran, Linnéa, Måns; Lindqvist, Öberg, Åström, Sjöberg;"
    "Malmö, Stockholm, Göteborg; +46 70 ### ## ##",
    "Øystein, Solveig, Håkon, Ingrid, Tor; Haugland, Bråten, Økland, Dæhli;"
    "Oslo, Bergen, Trondheim; +47 4## ## ###",
    "Jürgen, Anke, Jörg, Katrin, Uwe; Müller, Schäfer, Weiß, Köhler, Becker;"
    "Hamburg, Berlin, Kiel; +49 151 ########",
    "José, Lucía, Pilar, Andrés, Begoña; García, Martínez, Fernández, Núñez, Ibáñez;"
    "Barcelona, Madrid, Valencia; +34 6## ### ###",
    "François, Élodie, Hélène, Stéphane, Anaïs; Dubois, Lefèvre, Moreau, Bérenger;"
    "Paris, Lyon, Lille; +33 6 ## ## ## ##",
    "Zoë, Siobhán, Oliver, Niamh, James; O'Brien, Clarke, MacLeod, Smith;"
    "London, Manchester, Edinburgh; +44 7700 900###",
    "Łukasz, Małgorzata, Paweł, Agnieszka; Wiśniewski, Kowalczyk, Zieliński, Wójcik;"
    "Warszawa, Kraków, Gdańsk; +48 5## ### ###",
    "Thị Lan, Văn Minh, Thu Hà, Quốc Bảo, Ngọc Anh; Nguyễn, Trần, Lê, Phạm, Hoàng;"
    "Hanoi, Hồ Chí Minh City; +84 9# ### ## ##",
    "Ayşe, Mehmet, Elif, Murat, Zeynep; Y\u0131lmaz, Öztürk, Kaya, Çelik, Şahin;"
    "Istanbul, İzmir, Ankara; +90 5## ### ## ##",
    "Fatima, Omar, Yasmin, Karim, Leila; Al-Hassan, El-Sayed, Haddad, Khalil;"
    "Beirut, Dubai; +971 50 ### ####",
    "Priya, Arjun, Ananya, Rahul, Kavya; Sharma, Patel, Iyer, Reddy, Gupta;"
    "Bengaluru, Mumbai, Pune; +91 98### #####",
    "Niccolò, Giulia, Matteo, Chiara; Rossi, Esposito, Ricci, De Luca;"
    "Milano, Roma, Torino; +39 3## ### ####",
    "Þórunn, Guðrún, Sólveig, Ásdís; Jónsdóttir, Sigurðardóttir, Ólafsdóttir;"
    "Reykjavík; +354 6## ####",
    "Zoë, Bram, Sanne, Daan; de Vries, van Dijk, Bakker, Jansen;"
    "Amsterdam, Rotterdam, Utrecht; +31 6 ########",
    "Wei, Xiu Ying, Jun, Mei; Zhang, Wang, Li, Chen; Shanghai, Beijing; +86 139 #### ####",
)
_ORIGINS = tuple(
    _Origin(_split(given), _split(family), _split(cities), phone.strip())
    for given, family, cities, phone in (row.split(";") for row in _ORIGIN_ROWS)
)

_DANISH_CITIES = _split(
    "København, Aarhus, Odense, Aalborg, Esbjerg, Randers, Kolding, Horsens, Vejle, "
    "Roskilde, Herning, Silkeborg, Frederiksberg, Hillerød, Helsingør, Næstved, Viborg, "
    "Skanderborg, Svendborg, Sønderborg, Køge, Ølstykke, Århus C"
)
_MOBILE_PREFIXES = _split(
    "20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 40, 41, 42, 50, 51, 52, 53, 60, 61, "
    "71, 81, 91, 93"
)
# How people actually type Danish numbers into phones and CVs.
_DK_PHONE_FORMATS = ("+45 {} {} {} {}", "{}{}{}{}", "+45{}{}{}{}", "{} {} {} {}", "0045 {}{}{}{}")
_PRIVATE_MAIL = _split("gmail.com, hotmail.com, outlook.dk, live.dk, mail.dk, icloud.com")
_TAGS = _split(
    "mentor, alumni, board, recruiter, investor, speaker, volunteer, former manager, "
    "headhunter, padel, løbeklub"
)
_NOTES = _split(
    "Mødt til konference om grøn omstilling, Met at a Nordic digital summit, "
    "Kender fra løbeklubben, Har to børn og spiller padel, Interested in board work, "
    "Tidligere chef - god til sparring, Flyttede til udlandet for nogle år siden, "
    "Knows everyone in the energy sector, Vil gerne høre om nye projekter"
)

# --- Interactions and favours ----------------------------------------------------------
_CHANNELS = tuple(Channel)
_DIRECTIONS = tuple(Direction)  # outgoing, incoming, mutual, unknown
# Weights over _CHANNELS (phone, message, email, meeting, virtual coffee, event, other).
_WORK_CHANNELS = (10, 15, 30, 30, 10, 3, 2)
_PRIVATE_CHANNELS = (30, 40, 5, 15, 3, 5, 2)
_LOOSE_CHANNELS = (10, 20, 25, 15, 15, 12, 3)
_WORK_CONTEXTS = frozenset(
    {
        ContextKey.CURRENT_COLLEAGUES,
        ContextKey.FORMER_COLLEAGUES,
        ContextKey.CUSTOMERS,
        ContextKey.PARTNERS,
    }
)
_PRIVATE_CONTEXTS = frozenset(
    {ContextKey.FRIENDS, ContextKey.FAMILY, ContextKey.LEISURE, ContextKey.SOCIAL_EVENTS}
)
_TEMPLATES: dict[Channel, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # (Danish templates, English templates); "{}" takes a topic in the same language.
    Channel.PHONE: (
        _split("Telefonsamtale om {}, Ringede om {}, Kort opkald: {}"),
        _split("Phone call about {}, Quick call re {}"),
    ),
    Channel.MESSAGE: (
        _split("Besked om {}, SMS om {}, LinkedIn-besked om {}"),
        _split("Message about {}, LinkedIn message re {}"),
    ),
    Channel.EMAIL: (_split("Mail om {}, Mailtråd: {}"), _split("Email about {}, Re: {}")),
    Channel.MEETING: (
        _split("Møde om {}, Frokost og snak om {}"),
        _split("Meeting on {}, Lunch - talked about {}"),
    ),
    Channel.VIRTUAL_COFFEE: (
        _split("Virtuel kaffe på Teams: {}, Kaffe på Zoom om {}"),
        _split("Virtual coffee on Google Meet: {}, Zoom coffee about {}"),
    ),
    Channel.EVENT: (
        _split("Sås til arrangement - talte om {}, Netværksmøde: {}"),
        _split("Met at an event - talked about {}, Meetup: {}"),
    ),
    Channel.OTHER: (_split("Kontakt om {}"), _split("Touched base about {}")),
}
_WORK_TOPICS = (
    _split(
        "det nye projekt, ledige stillinger, budgettet, rekruttering, en mulig samarbejdsaftale, "
        "grøn omstilling, AI i praksis, udbuddet, reorganiseringen, næste skridt"
    ),
    _split(
        "the new project, open positions, the budget, hiring, a possible partnership, "
        "the green transition, AI in practice, the tender, the reorganisation, next steps"
    ),
)
_PRIVATE_TOPICS = (
    _split("sommerferien, fødselsdagen, padel på torsdag, børnene, flytningen, julefrokosten"),
    _split("the summer holiday, the birthday, padel on Thursday, the kids, the move, dinner"),
)
_FAVOUR_NOTES: dict[FavourKind, tuple[str, ...]] = {
    FavourKind.ADVICE: _split("Sparring om lønforhandling, Advice on a job offer"),
    FavourKind.INTRODUCTION: _split("Introduktion til en leder, Introduced me to a recruiter"),
    FavourKind.KNOWLEDGE: _split("Delte en markedsanalyse, Explained how their tenders work"),
    FavourKind.RECOMMENDATION: _split("Anbefaling på LinkedIn, Reference for an application"),
    FavourKind.ENDORSEMENT: _split("Endorsement for projektledelse, Endorsed a skill"),
    FavourKind.OTHER: _split("Lånte udstyr til arrangement, Helped with a move"),
}

# --- Weights ---------------------------------------------------------------------------
_CONTEXTS = tuple(ContextKey)
# Many current and former colleagues, few family members: as in a real professional map.
_CONTEXT_WEIGHTS: dict[ContextKey, int] = {
    ContextKey.CURRENT_COLLEAGUES: 14,
    ContextKey.FORMER_COLLEAGUES: 24,
    ContextKey.CUSTOMERS: 9,
    ContextKey.PARTNERS: 7,
    ContextKey.FRIENDS: 7,
    ContextKey.ACQUAINTANCES: 10,
    ContextKey.FAMILY: 3,
    ContextKey.LEISURE: 6,
    ContextKey.PROFESSIONAL_EVENTS: 10,
    ContextKey.SOCIAL_EVENTS: 4,
    ContextKey.EDUCATION: 6,
}
_PRIMARY_ONLY = frozenset({ContextKey.FAMILY, ContextKey.CURRENT_COLLEAGUES})
_CLOSENESS_VALUES: tuple[Closeness | None, ...] = (None, *Closeness)
# Weights over _CLOSENESS_VALUES (unset, 1..5) per primary context. Only family and a
# few friends reach the inner circle, which keeps it at 5-15 people in a network of 400.
_CLOSENESS_WEIGHTS: dict[ContextKey, tuple[float, ...]] = {
    ContextKey.FAMILY: (5, 30, 35, 20, 7, 3),
    ContextKey.FRIENDS: (5, 10, 35, 33, 12, 5),
    ContextKey.CURRENT_COLLEAGUES: (15, 0.8, 15, 40, 20, 9),
    ContextKey.FORMER_COLLEAGUES: (20, 0.6, 7, 27, 30, 15),
}
_DEFAULT_CLOSENESS_WEIGHTS = (25, 0.3, 4, 18, 30, 23)
# Mean number of interactions by closeness: close persons many, distant few or none.
_INTERACTION_MEANS: dict[Closeness | None, float] = {
    Closeness.INNER: 50,
    Closeness.CLOSE: 28,
    Closeness.FRIENDLY: 12,
    Closeness.ACQUAINTED: 4,
    Closeness.DISTANT: 1.5,
    None: 3,
}

# Distant and unrated persons are often only names in an address book.
_SILENT_LEVELS = frozenset({Closeness.DISTANT, None})

_FOLD = str.maketrans(
    {
        "æ": "ae",
        "ø": "oe",
        "å": "aa",
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "ß": "ss",
        "þ": "th",
        "ð": "d",
        "ł": "l",
        "đ": "d",
        "\u0131": "i",  # Turkish dotless i
        "œ": "oe",
    }
)
_LEGAL_SUFFIX = re.compile(r"\s+(A/S|ApS|I/S|P/S)$")


def _fold(text: str) -> str:
    """Lower-case ASCII the way Danish e-mail addresses spell names (ø → oe, é → e)."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    return "".join(c for c in decomposed if c.isascii())


def _slug(text: str, sep: str = "") -> str:
    """ASCII letters and digits of ``text``, words joined by ``sep``."""
    return sep.join(re.findall(r"[a-z0-9]+", _fold(text)))


def _domain(org_name: str) -> str:
    return _slug(_LEGAL_SUFFIX.sub("", org_name), "-") + ".dk"


def _cumulative(weights: Sequence[float]) -> list[float]:
    """Cumulative weights, computed once: weighted picks then cost one bisection."""
    return list(accumulate(weights))


# Direction weights (out, in, mutual, unknown): meetings are mostly mutual.
_TOGETHER_CW = _cumulative((20, 15, 60, 5))
_APART_CW = _cumulative((45, 40, 5, 10))
_EXTRA_CONTEXTS_CW = _cumulative((70, 22, 8))  # most persons have one context


@dataclass(slots=True)
class _Person:
    """A person while being built, with what later stages need beyond the record."""

    record: PersonRecord
    index: int
    org: str


class _Builder:
    """Holds the random source and the state shared by the generation stages.

    The stages run in a fixed order (see ``generate``); later ones read what earlier
    ones set, as declared here.
    """

    # Set by profile(): who "me" is, for colleagues, family names and places.
    me_family: str
    me_city: str
    my_positions: list[PositionRecord]
    former_positions: list[PositionRecord]
    current_org: str
    schools: tuple[str, str]
    # Set by all_persons() and index_groups().
    super_set: set[int]
    super_keys: list[str]
    super_indices: list[int]
    by_org: dict[str, list[int]]
    by_context: dict[ContextKey, list[int]]

    def __init__(self, size: int, seed: int, today: date) -> None:
        self.rng = random.Random(seed)
        self.size = size
        self.today = today
        self.orgs = [OrganisationRecord(o.name, o.industry, list(o.aliases)) for o in _ORGS]
        self.sector = {o.name: o.sector for o in _ORGS}
        self.industry = {o.name: o.industry for o in _ORGS}
        self.used_emails: set[str] = set()
        self.used_phones: set[str] = set()
        self.used_slugs: set[str] = set()
        self.persons: list[_Person] = []
        self.context_cw = _cumulative([_CONTEXT_WEIGHTS[c] for c in _CONTEXTS])
        self.closeness_cw = {c: _cumulative(w) for c, w in _CLOSENESS_WEIGHTS.items()}
        self.default_closeness_cw = _cumulative(_DEFAULT_CLOSENESS_WEIGHTS)
        self.channel_cw = {
            "work": _cumulative(_WORK_CHANNELS),
            "private": _cumulative(_PRIVATE_CHANNELS),
            "loose": _cumulative(_LOOSE_CHANNELS),
        }

    # -- small helpers -------------------------------------------------------------------
    # These replace ``randint``/``choices``, which are several times slower and dominate
    # the run time for large networks.
    def pick(self, items: Sequence[T]) -> T:
        return items[int(self.rng.random() * len(items))]

    def between(self, low: int, high: int) -> int:
        """A random integer in [low, high]."""
        return low + int(self.rng.random() * (high - low + 1))

    def weighted(self, items: Sequence[T], cum_weights: Sequence[float]) -> T:
        return items[bisect(cum_weights, self.rng.random() * cum_weights[-1])]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def day_between(self, start: date, end: date) -> date:
        """A random day in [start, end]; ``start`` if the range is empty."""
        span = (end - start).days
        return start + timedelta(days=self.between(0, span)) if span > 0 else start

    def years_ago(self, years: float) -> date:
        return self.today - timedelta(days=round(years * 365.25))

    # -- me --------------------------------------------------------------------------------
    def profile(self) -> ProfileRecord:
        self.me_family = self.pick(_DANISH_FAMILY)
        self.me_city = self.pick(("Aarhus", "København"))
        positions = self.my_positions = self.positions()
        current = positions[-1]
        self.current_org = current.organisation
        self.former_positions = positions[:-1]
        return ProfileRecord(
            full_name=f"{self.pick(_DANISH_GIVEN)} {self.me_family}",
            headline=f"{current.title} hos {current.organisation} | digitalisering og "
            "forandringsledelse",
            industry=self.industry[current.organisation],
            location=self.me_city,
            positions=positions,
            education=self.education(),
            skills=self.rng.sample(
                _split(
                    "Projektledelse, Forandringsledelse, Digitalisering, Stakeholder "
                    "management, Agile metoder, PRINCE2, Power BI, Forretningsudvikling, "
                    "Kommunikation, Ledelse, Procesoptimering"
                ),
                k=self.between(6, 9),
            ),
            languages=["Dansk", "English", self.pick(("Deutsch", "Svenska", "Español"))],
            network_size_guess=self.between(60, 120),
        )

    def positions(self) -> list[PositionRecord]:
        """Three or four employers since graduating ~15 years ago; the last is current."""
        count = self.between(3, 4)
        career = [o.name for o in _ORGS if o.sector in {"it", "energy", "public", "finance"}]
        employers = self.rng.sample(career, count)
        titles = ("Konsulent", "Senior konsulent", "Projektleder", "Programleder")[-count:]
        # Evenly spread job changes, each give or take half a year.
        first, span = self.years_ago(15), self.years_ago(1) - self.years_ago(15)
        edges = [
            first + span * k / count + timedelta(days=self.between(-180, 180))
            for k in range(1, count)
        ]
        starts = [self.years_ago(15), *edges]
        ends: list[date | None] = [*edges, None]
        return [
            PositionRecord(org, title, start, end)
            for org, title, start, end in zip(employers, titles, starts, ends, strict=True)
        ]

    def education(self) -> list[EducationRecord]:
        schools = [o.name for o in _ORGS if o.sector == "education"]
        first, second = self.rng.sample(schools, 2)
        year = self.today.year
        self.schools = (first, second)
        return [
            EducationRecord(first, "Bachelor", "Informationsvidenskab", year - 20, year - 17),
            EducationRecord(second, "Cand.it.", "IT-ledelse", year - 17, year - 15),
        ]

    # -- persons ---------------------------------------------------------------------------
    def all_persons(self) -> list[PersonRecord]:
        # Every context occurs at least once: fix the primary context of a few random
        # persons (only possible when there are enough persons).
        forced: dict[int, ContextKey] = {}
        if self.size >= len(_CONTEXTS):
            forced = dict(
                zip(self.rng.sample(range(self.size), len(_CONTEXTS)), _CONTEXTS, strict=True)
            )
        # Exactly 3 % super-connectors, drawn up front so that small networks get their
        # share too instead of a binomially scattered count.
        self.super_set = set(self.rng.sample(range(self.size), round(0.03 * self.size)))
        self.super_keys = []
        for index in range(self.size):
            self.persons.append(self.person(index, forced.get(index)))
        return [p.record for p in self.persons]

    def person(self, index: int, forced: ContextKey | None) -> _Person:
        key = f"p{index + 1}"
        contexts = self.contexts(forced)
        given, family, origin = self.name(contexts[0])
        org, first_met = self.work(contexts[0])
        # Most people with foreign names live here; some are contacts abroad.
        abroad = origin is not None and self.chance(0.15)
        record = PersonRecord(
            key=key,
            given_name=given,
            family_name=family,
            display_name=f"{given} {family}" if family else given,
            organisation=org,
            title=self.title(org),
            industry=self.industry.get(org, ""),
            location=self.location(origin if abroad else None),
            contexts=contexts,
            closeness=self.closeness(contexts[0]),
            first_met=first_met,
        )
        record.emails = self.emails(given, family, org)
        record.phones = self.phones(origin if abroad else None)
        self.extras(record, index)
        return _Person(record, index, org)

    def contexts(self, forced: ContextKey | None) -> list[ContextKey]:
        primary = forced or self.weighted(_CONTEXTS, self.context_cw)
        contexts = [primary]
        extra = self.weighted((0, 1, 2), _EXTRA_CONTEXTS_CW)
        while len(contexts) < extra + 1:
            candidate = self.weighted(_CONTEXTS, self.context_cw)
            # Family and current colleagues follow from who the person is (name,
            # employer), so they are only ever the primary context.
            if candidate not in contexts and candidate not in _PRIMARY_ONLY:
                contexts.append(candidate)
        return contexts

    def name(self, context: ContextKey) -> tuple[str, str, _Origin | None]:
        """Given name, family name ("" for one-word names) and foreign origin, if any."""
        roll = self.rng.random()
        if roll < 0.015:  # a phone contact saved by first name only
            return self.pick(_DANISH_GIVEN), "", None
        if roll < 0.20 and context is not ContextKey.FAMILY:
            origin = self.pick(_ORIGINS)
            return self.pick(origin.given), self.pick(origin.family), origin
        given = self.pick(_DANISH_GIVEN)
        if context is ContextKey.FAMILY and self.chance(0.5):
            return given, self.me_family, None
        family = self.pick(_DANISH_FAMILY)
        if self.chance(0.06):
            other = self.pick(_DANISH_FAMILY)
            family = f"{family}-{other}" if other != family else family
        return given, family, None

    def work(self, context: ContextKey) -> tuple[str, date | None]:
        """Current organisation and first meeting, consistent with "me"'s career."""
        if context is ContextKey.CURRENT_COLLEAGUES:
            return self.current_org, self.day_between(self.current_start(), self.today)
        if context is ContextKey.FORMER_COLLEAGUES:
            position = self.pick(self.former_positions)
            assert position.start is not None and position.end is not None
            met = self.day_between(position.start, position.end)
            # Most stayed where we worked together; some have moved on since.
            return position.organisation if self.chance(0.55) else self.random_org(), met
        if context is ContextKey.EDUCATION:
            met = self.day_between(self.years_ago(20), self.years_ago(15))
            return self.random_org(), met
        if context is ContextKey.FAMILY:
            return ("" if self.chance(0.3) else self.random_org()), None
        org = "" if context in _PRIVATE_CONTEXTS and self.chance(0.15) else self.random_org()
        return org, self.day_between(self.years_ago(15), self.today)

    def current_start(self) -> date:
        last = self.former_positions[-1]
        assert last.end is not None
        return last.end

    def random_org(self) -> str:
        return self.pick(self.orgs).name

    def title(self, org: str) -> str:
        if not org:
            return self.pick(_NO_ORG_TITLES)
        if self.chance(0.2):
            return self.pick(_GENERIC_TITLES)
        return self.pick(_SECTOR_TITLES[self.sector[org]])

    def location(self, origin: _Origin | None) -> str:
        if origin is not None:
            return self.pick(origin.cities)
        return self.me_city if self.chance(0.35) else self.pick(_DANISH_CITIES)

    def closeness(self, context: ContextKey) -> Closeness | None:
        cw = self.closeness_cw.get(context, self.default_closeness_cw)
        return self.weighted(_CLOSENESS_VALUES, cw)

    def emails(self, given: str, family: str, org: str) -> list[str]:
        """None, one or two addresses: a work address where there is an employer."""
        roll = self.rng.random()
        if roll < 0.12:
            return []
        g, f = _slug(given), _slug(family, "-")
        emails: list[str] = []
        if org and roll < 0.85:
            emails.append(self.unique_email(self.work_local(g, f), _domain(org)))
        if not emails or self.chance(0.25):
            local = f"{g}.{f}" if f else g
            if self.chance(0.4):
                local += str(self.between(1, 99))
            emails.append(self.unique_email(local, self.pick(_PRIVATE_MAIL)))
        return emails

    def work_local(self, g: str, f: str) -> str:
        # Danish workplaces commonly use initials ("sokj@") besides given.family.
        roll = self.rng.random()
        if not f or roll < 0.1:
            return g
        if roll < 0.35:
            return g[:2] + f.replace("-", "")[:2]
        return f"{g}.{f}"

    def unique_email(self, local: str, domain: str) -> str:
        # Two persons never share an address: an importer would rightly merge them.
        address, n = f"{local}@{domain}", 1
        while address in self.used_emails:
            n += 1
            address = f"{local}{n}@{domain}"
        self.used_emails.add(address)
        return address

    def phones(self, origin: _Origin | None) -> list[str]:
        roll = self.rng.random()
        count = 0 if roll < 0.25 else 2 if roll < 0.3 else 1
        return [self.phone(origin if i == 0 else None) for i in range(count)]

    def phone(self, origin: _Origin | None) -> str:
        while True:
            if origin is None:
                pairs = [
                    self.pick(_MOBILE_PREFIXES),
                    *(f"{self.between(0, 99):02d}" for _ in range(3)),
                ]
                number = self.pick(_DK_PHONE_FORMATS).format(*pairs)
            else:
                number = re.sub("#", lambda _: str(self.between(0, 9)), origin.phone)
            digits = re.sub(r"\D", "", number)[-8:]
            if digits not in self.used_phones:
                self.used_phones.add(digits)
                return number

    def extras(self, record: PersonRecord, index: int) -> None:
        """The sparser fields: LinkedIn, tags, notes, super-connector, introductions."""
        if self.chance(0.7):
            record.linkedin_url = f"https://www.linkedin.com/in/{self.linkedin_slug(record)}"
            if record.first_met is not None:
                record.connected_on = min(
                    self.today, record.first_met + timedelta(days=self.between(0, 400))
                )
        if self.chance(0.02):
            record.urls = [f"https://www.{_slug(record.display_name, '-')}.dk"]
        if self.chance(0.15) or (ContextKey.EDUCATION in record.contexts and self.chance(0.4)):
            record.tags = self.tags(record)
        if self.chance(0.05):
            record.notes = self.pick(_NOTES)
        elif ContextKey.EDUCATION in record.contexts and self.chance(0.3):
            record.notes = f"Studiekammerat fra {self.pick(self.schools)}"
        if self.chance(0.35):
            year = self.today.year - self.between(20, 75)
            record.birthday = self.day_between(date(year, 1, 1), date(year, 12, 31))
        if index > 0 and self.chance(0.05):
            # Super-connectors introduce generously, so they introduce more often.
            if self.super_keys and self.chance(0.4):
                record.introduced_by = self.pick(self.super_keys)
            else:
                record.introduced_by = f"p{self.between(1, index)}"
        record.super_connector = index in self.super_set
        if record.super_connector:
            self.super_keys.append(record.key)

    def linkedin_slug(self, record: PersonRecord) -> str:
        base = _slug(record.display_name, "-") or "member"
        slug = base if self.chance(0.2) else f"{base}-{self.rng.getrandbits(32):08x}"
        while slug in self.used_slugs:
            slug = f"{base}-{self.rng.getrandbits(32):08x}"
        self.used_slugs.add(slug)
        return slug

    def tags(self, record: PersonRecord) -> list[str]:
        tags = self.rng.sample(_TAGS, self.between(1, 2))
        if ContextKey.EDUCATION in record.contexts and "alumni" not in tags:
            tags.append("alumni")
        return tags

    # -- interactions ----------------------------------------------------------------------
    def index_groups(self) -> None:
        """Who shares an organisation or a context: ties and group meetings come from these."""
        self.by_org = defaultdict(list)
        self.by_context = defaultdict(list)
        for person in self.persons:
            if person.org:
                self.by_org[person.org].append(person.index)
            for context in person.record.contexts:
                self.by_context[context].append(person.index)
        self.super_indices = [p.index for p in self.persons if p.record.super_connector]

    def all_interactions(self) -> list[InteractionRecord]:
        interactions: list[InteractionRecord] = []
        for person in self.persons:
            interactions.extend(self.interactions_with(person))
        # Chronological external ids read naturally; the stable sort keeps determinism.
        interactions.sort(key=lambda i: i.occurred_at)
        for n, interaction in enumerate(interactions, 1):
            interaction.external_id = f"demo-{n}"
        return interactions

    def interactions_with(self, person: _Person) -> Iterator[InteractionRecord]:
        record = person.record
        count = round(_INTERACTION_MEANS[record.closeness] * self.rng.uniform(0.2, 1.8))
        if record.closeness in _SILENT_LEVELS and self.chance(0.3):
            count = 0  # e.g. a LinkedIn connection never actually spoken to
        window = self.years_ago(6)
        start = max(window, record.first_met) if record.first_met else window
        span = (self.today - timedelta(days=1) - start).days
        if count == 0 or span < 0:
            return
        context = record.contexts[0]
        private = context in _PRIVATE_CONTEXTS
        cw = self.channel_cw[
            "private" if private else "work" if context in _WORK_CONTEXTS else "loose"
        ]
        topics = _PRIVATE_TOPICS if private else _WORK_TOPICS
        for _ in range(count):
            day = start + timedelta(days=self.between(0, span))
            # Stored in UTC; 6-19 UTC is daytime and evening in Denmark.
            at = datetime.combine(day, time(self.between(6, 19), self.between(0, 59)), tzinfo=UTC)
            channel = self.weighted(_CHANNELS, cw)
            yield InteractionRecord(
                occurred_at=at,
                channel=channel,
                direction=self.direction(channel),
                person_keys=self.participants(person),
                summary=self.summary(channel, topics),
            )

    def direction(self, channel: Channel) -> Direction:
        together = channel in {Channel.MEETING, Channel.EVENT, Channel.VIRTUAL_COFFEE}
        return self.weighted(_DIRECTIONS, _TOGETHER_CW if together else _APART_CW)

    def participants(self, person: _Person) -> list[str]:
        """Mostly one person; now and then two or three from the same workplace or setting."""
        keys = [person.record.key]
        if not self.chance(0.07):
            return keys
        group = (
            self.by_org[person.org] if person.org else self.by_context[person.record.contexts[0]]
        )
        wanted = self.between(2, 3)
        for _ in range(6):  # a few tries: small groups may not have enough other members
            other = self.persons[self.pick(group)].record.key
            if other not in keys:
                keys.append(other)
            if len(keys) == wanted:
                break
        return keys

    def summary(self, channel: Channel, topics: tuple[tuple[str, ...], ...]) -> str:
        language = 0 if self.chance(0.6) else 1  # Danish first, English for the rest
        return self.pick(_TEMPLATES[channel][language]).format(self.pick(topics[language]))

    # -- ties --------------------------------------------------------------------------------
    def all_ties(self) -> list[TieRecord]:
        ties: list[TieRecord] = []
        seen: set[tuple[int, int]] = set()
        # Whoever introduced someone evidently knows them.
        for person in self.persons:
            if person.record.introduced_by:
                introducer = int(person.record.introduced_by[1:]) - 1
                self.add_tie(ties, seen, introducer, person.index, TieSource.TYPED)
        target = round(1.5 * self.size)
        for _ in range(10 * target):  # bounded: tiny networks have few possible pairs
            if len(ties) >= target:
                break
            self.random_tie(ties, seen)
        return ties

    def random_tie(self, ties: list[TieRecord], seen: set[tuple[int, int]]) -> None:
        """Mostly among people sharing an organisation or a context, as in real life."""
        hub = self.super_indices and self.chance(0.2)
        a = self.pick(self.super_indices) if hub else self.between(0, self.size - 1)
        person = self.persons[a]
        roll = self.rng.random()
        group: Sequence[int]
        if roll < 0.5 and person.org:
            group, source = self.by_org[person.org], TieSource.SHARED_ORGANISATION
        elif roll < 0.8:
            context = self.pick(person.record.contexts)
            group, source = self.by_context[context], TieSource.SHARED_CONTEXT
        else:
            group = range(self.size)
            source = TieSource.IMPORTED if roll < 0.9 else TieSource.TYPED
        self.add_tie(ties, seen, a, self.pick(group), source)

    def add_tie(
        self, ties: list[TieRecord], seen: set[tuple[int, int]], a: int, b: int, source: TieSource
    ) -> None:
        pair = (min(a, b), max(a, b))
        if a == b or pair in seen:
            return
        seen.add(pair)
        strength = round(self.rng.uniform(0.1, 1.0), 2) if self.chance(0.6) else None
        ties.append(TieRecord(f"p{pair[0] + 1}", f"p{pair[1] + 1}", source, strength))

    # -- favours and goals ---------------------------------------------------------------------
    def all_favours(self) -> list[FavourRecord]:
        if not self.persons:
            return []
        kinds = tuple(FavourKind)
        # Enough that every kind occurs, even in a tiny network.
        count = max(round(0.3 * self.size), len(kinds))
        close = [p for p in self.persons if p.record.closeness and p.record.closeness <= 3]
        favours = [self.favour(n, kinds, close) for n in range(count)]
        favours.sort(key=lambda f: f.on)
        return favours

    def favour(self, n: int, kinds: tuple[FavourKind, ...], close: list[_Person]) -> FavourRecord:
        # Favours flow mostly between people who know each other well.
        person = self.pick(close) if close and self.chance(0.7) else self.pick(self.persons)
        first = n < len(kinds)  # the first ones cover every kind, in both directions
        kind = kinds[n] if first else self.pick(kinds)
        given = n % 2 == 0 if first else self.chance(0.55)
        window = self.years_ago(5)
        start = max(window, person.record.first_met or window)
        return FavourRecord(
            person_key=person.record.key,
            direction=FavourDirection.GIVEN if given else FavourDirection.RECEIVED,
            kind=kind,
            on=self.day_between(start, self.today),
            note=self.pick(_FAVOUR_NOTES[kind]),
        )

    def goals(self) -> list[GoalRecord]:
        mine = {p.organisation for p in self.my_positions}
        candidates = [
            o.name
            for o in _ORGS
            if o.sector in {"energy", "pharma", "public", "it"} and o.name not in mine
        ]
        targets = self.rng.sample(candidates, 3)
        job = GoalRecord(
            kind=GoalKind.JOB,
            title="Ny stilling som programleder",
            description="Et job med ansvar for store digitale forandringer, gerne i en "
            "organisation med en grøn dagsorden.",
            target_organisations=targets,
            roles=["Programleder", "Head of Digital Transformation", "Afdelingsleder"],
            industries=sorted({self.industry[t] for t in targets}),
            places=[self.me_city, self.pick(("Vejle", "Odense", "Roskilde"))],
            keywords=["digitalisering", "grøn omstilling", "forandringsledelse"],
            deadline=self.today + timedelta(days=self.between(120, 240)),
            active=True,
        )
        sparring = GoalRecord(
            kind=GoalKind.SPARRING,
            title="Sparring om ledelse",
            description="Erfarne ledere uden for min egen branche at sparre med.",
            roles=["Erfaren leder", "Mentor"],
            keywords=["ledelse", "strategi"],
            active=False,
        )
        return [job, sparring]


_DEFAULT_TODAY = date(2026, 11, 1)


def generate(size: int = 400, seed: int = 1, today: date = _DEFAULT_TODAY) -> NetworkRecords:
    """A fictional network of ``size`` persons around a Danish professional.

    Equal arguments give equal records. ``today`` anchors every date: interactions reach
    about six years back, first meetings about fifteen.
    """
    if size < 0:
        raise ValueError(f"size must not be negative, got {size}")
    builder = _Builder(size, seed, today)
    # The stages draw from one random source, so their order is part of the output.
    profile = builder.profile()
    persons = builder.all_persons()
    builder.index_groups()
    interactions = builder.all_interactions()
    ties = builder.all_ties()
    favours = builder.all_favours()
    goals = builder.goals()
    return NetworkRecords(
        profile=profile,
        organisations=builder.orgs,
        persons=persons,
        interactions=interactions,
        ties=ties,
        favours=favours,
        goals=goals,
    )
