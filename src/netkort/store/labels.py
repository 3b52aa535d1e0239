"""Translatable labels for the values the domain defines.

The domain's enums hold the stored values; this module gives each a name in the user's
language. Models use these as ``choices``; templates show them.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from netkort.domain.records import (
    Channel,
    Closeness,
    ContextKey,
    Direction,
    FavourDirection,
    FavourKind,
    GoalKind,
    TieSource,
)

CONTEXTS: dict[str, Promise] = {
    ContextKey.CURRENT_COLLEAGUES: _("Current colleagues"),
    ContextKey.FORMER_COLLEAGUES: _("Former colleagues"),
    ContextKey.CUSTOMERS: _("Customers"),
    ContextKey.PARTNERS: _("Partners and suppliers"),
    ContextKey.FRIENDS: _("Friends"),
    ContextKey.ACQUAINTANCES: _("Acquaintances"),
    ContextKey.FAMILY: _("Family"),
    ContextKey.LEISURE: _("Leisure"),
    ContextKey.PROFESSIONAL_EVENTS: _("Professional events"),
    ContextKey.SOCIAL_EVENTS: _("Social events"),
    ContextKey.EDUCATION: _("Education"),
}

CLOSENESS: dict[int, Promise] = {
    Closeness.INNER: _("1 · inner circle"),
    Closeness.CLOSE: _("2 · close"),
    Closeness.FRIENDLY: _("3 · friendly"),
    Closeness.ACQUAINTED: _("4 · acquainted"),
    Closeness.DISTANT: _("5 · distant"),
}

CHANNELS: dict[str, Promise] = {
    Channel.PHONE: _("Phone"),
    Channel.MESSAGE: _("Message"),
    Channel.EMAIL: _("E-mail"),
    Channel.MEETING: _("Meeting"),
    Channel.VIRTUAL_COFFEE: _("Virtual coffee"),
    Channel.EVENT: _("Event"),
    Channel.OTHER: _("Other"),
}

DIRECTIONS: dict[str, Promise] = {
    Direction.OUTGOING: _("From me"),
    Direction.INCOMING: _("To me"),
    Direction.MUTUAL: _("Both ways"),
    Direction.UNKNOWN: _("Unknown"),
}

GOAL_KINDS: dict[str, Promise] = {
    GoalKind.JOB: _("A new job"),
    GoalKind.SPARRING: _("Sparring"),
    GoalKind.CAREER: _("Career development"),
    GoalKind.OTHER: _("Other"),
}

FAVOUR_DIRECTIONS: dict[str, Promise] = {
    FavourDirection.GIVEN: _("Given"),
    FavourDirection.RECEIVED: _("Received"),
}

FAVOUR_KINDS: dict[str, Promise] = {
    FavourKind.ADVICE: _("Advice"),
    FavourKind.INTRODUCTION: _("Introduction"),
    FavourKind.KNOWLEDGE: _("Knowledge"),
    FavourKind.RECOMMENDATION: _("Recommendation"),
    FavourKind.ENDORSEMENT: _("Endorsement"),
    FavourKind.OTHER: _("Other"),
}

TIE_SOURCES: dict[str, Promise] = {
    TieSource.TYPED: _("Typed by you"),
    TieSource.SHARED_ORGANISATION: _("Same organisation"),
    TieSource.SHARED_CONTEXT: _("Same context"),
    TieSource.IMPORTED: _("Imported"),
}

OUTREACH_STATUSES: dict[str, Promise] = {
    "not_contacted": _("Not contacted"),
    "planned": _("Planned"),
    "contacted": _("Contacted"),
    "meeting_booked": _("Meeting booked"),
    "met": _("Met"),
    "follow_up": _("Follow up"),
    "closed": _("Closed"),
}

OUTCOMES: dict[str, Promise] = {
    "helped": _("Helped"),
    "introduced": _("Introduced someone"),
    "informed": _("Gave information"),
    "interview": _("Led to an interview or offer"),
    "no_answer": _("No answer"),
    "declined": _("Declined"),
}

GRANT_LEVELS: dict[str, Promise] = {
    "read": _("Read"),
    "comment": _("Read and suggest"),
    "edit": _("Edit"),
}

IMPORT_STATUSES: dict[str, Promise] = {
    "done": _("Done"),
    "failed": _("Failed"),
}


JOB_STATES: dict[str, Promise] = {
    "queued": _("Waiting"),
    "running": _("Importing"),
    "done": _("Done"),
    "failed": _("Failed"),
}


def choices(labels: dict[str, Promise] | dict[int, Promise]) -> list[tuple[object, Promise]]:
    return list(labels.items())
