"""Plain records that flow between the layers.

Parsers (``netkort.io``) and generators (``netkort.domain.demo``) produce these; the
services turn them into database rows. They carry values as the source wrote them:
normalisation (phones to E.164, LinkedIn URLs, folded names) happens in the services
through the functions in ``netkort.domain``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime


class Closeness(enum.IntEnum):
    """How well the user knows a person: 1 is the inner circle, 5 is distant."""

    INNER = 1
    CLOSE = 2
    FRIENDLY = 3
    ACQUAINTED = 4
    DISTANT = 5


class Channel(enum.StrEnum):
    PHONE = "phone"
    MESSAGE = "message"
    EMAIL = "email"
    MEETING = "meeting"
    VIRTUAL_COFFEE = "virtual_coffee"
    EVENT = "event"
    OTHER = "other"


class Direction(enum.StrEnum):
    OUTGOING = "out"
    INCOMING = "in"
    MUTUAL = "mutual"
    UNKNOWN = "unknown"


class ContextKey(enum.StrEnum):
    """The built-in contexts: the settings people know each other from."""

    CURRENT_COLLEAGUES = "current_colleagues"
    FORMER_COLLEAGUES = "former_colleagues"
    CUSTOMERS = "customers"
    PARTNERS = "partners"
    FRIENDS = "friends"
    ACQUAINTANCES = "acquaintances"
    FAMILY = "family"
    LEISURE = "leisure"
    PROFESSIONAL_EVENTS = "professional_events"
    SOCIAL_EVENTS = "social_events"
    EDUCATION = "education"


class GoalKind(enum.StrEnum):
    JOB = "job"
    SPARRING = "sparring"
    CAREER = "career"
    OTHER = "other"


class FavourDirection(enum.StrEnum):
    GIVEN = "given"
    RECEIVED = "received"


class FavourKind(enum.StrEnum):
    ADVICE = "advice"
    INTRODUCTION = "introduction"
    KNOWLEDGE = "knowledge"
    RECOMMENDATION = "recommendation"
    ENDORSEMENT = "endorsement"
    OTHER = "other"


class TieSource(enum.StrEnum):
    TYPED = "typed"
    SHARED_ORGANISATION = "shared_organisation"
    SHARED_CONTEXT = "shared_context"
    IMPORTED = "imported"


@dataclass(slots=True)
class OrganisationRecord:
    name: str
    industry: str = ""
    aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class PersonRecord:
    """One person as a source describes them.

    ``key`` identifies the person within one batch of records (a demo network or one
    import file) so that interactions, ties and introductions can refer to them.
    """

    key: str
    given_name: str = ""
    family_name: str = ""
    display_name: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    linkedin_url: str = ""
    urls: list[str] = field(default_factory=list)
    organisation: str = ""
    title: str = ""
    industry: str = ""
    location: str = ""
    notes: str = ""
    tags: list[str] = field(default_factory=list)
    contexts: list[ContextKey] = field(default_factory=list)
    closeness: Closeness | None = None
    super_connector: bool = False
    introduced_by: str = ""  # key of another PersonRecord in the same batch
    first_met: date | None = None
    connected_on: date | None = None
    birthday: date | None = None
    schools: list[str] = field(default_factory=list)  # where they studied, as written
    # A birthday the source gave without a year (vCard "--0517", Apple's 1604): (month, day).
    birthday_month_day: tuple[int, int] | None = None
    # Context names as a sheet wrote them (built-in keys or labels in any language, or the
    # user's own); the services resolve them. ``contexts`` holds already-known keys.
    context_names: list[str] = field(default_factory=list)
    # The stored person's id, when the source is a netkort export edited by hand.
    netkort_id: int | None = None


@dataclass(slots=True)
class InteractionRecord:
    occurred_at: datetime
    channel: Channel
    direction: Direction
    person_keys: list[str]
    summary: str = ""
    external_id: str = ""


@dataclass(slots=True)
class TieRecord:
    a: str  # person keys
    b: str
    source: TieSource = TieSource.TYPED
    strength: float | None = None


@dataclass(slots=True)
class FavourRecord:
    person_key: str
    direction: FavourDirection
    kind: FavourKind
    on: date
    note: str = ""
    external_id: str = ""  # stable across re-imports of the same source


@dataclass(slots=True)
class PositionRecord:
    organisation: str
    title: str
    start: date | None = None
    end: date | None = None  # None: current


@dataclass(slots=True)
class EducationRecord:
    school: str
    degree: str = ""
    field_of_study: str = ""
    start_year: int | None = None
    end_year: int | None = None


@dataclass(slots=True)
class ProfileRecord:
    full_name: str
    headline: str = ""
    industry: str = ""
    location: str = ""
    positions: list[PositionRecord] = field(default_factory=list)
    education: list[EducationRecord] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    network_size_guess: int | None = None


@dataclass(slots=True)
class GoalRecord:
    kind: GoalKind
    title: str
    description: str = ""
    target_organisations: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    industries: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    deadline: date | None = None
    active: bool = False


@dataclass(slots=True)
class AssessmentRecord:
    """One row of the Goal sheet of an edited netkort workbook: a stored person's
    assessment for a goal, as the sheet wrote it.

    Roles are True or False where the cell said yes or no and None where it was blank
    (left as it is). Status and outcome are the labels as written (in either language);
    the services resolve them. Blank text leaves the stored value as it is.
    """

    netkort_id: int
    line: int  # the row in the sheet, for the report of a row left out
    goal_id: int | None = None  # None: the active goal
    closeness: Closeness | None = None  # the person's, also on the People sheet
    is_information: bool | None = None
    is_intermediary: bool | None = None
    is_direct_access: bool | None = None
    status: str = ""
    outcome: str = ""
    next_step: str = ""
    next_step_date: date | None = None
    notes: str = ""


@dataclass(slots=True)
class NetworkRecords:
    """A whole network in records: what a demo generator or a full import yields."""

    profile: ProfileRecord | None = None
    organisations: list[OrganisationRecord] = field(default_factory=list)
    persons: list[PersonRecord] = field(default_factory=list)
    interactions: list[InteractionRecord] = field(default_factory=list)
    ties: list[TieRecord] = field(default_factory=list)
    favours: list[FavourRecord] = field(default_factory=list)
    goals: list[GoalRecord] = field(default_factory=list)
    # The Goal sheet of an edited netkort workbook (persons named by their stored id).
    assessments: list[AssessmentRecord] = field(default_factory=list)
