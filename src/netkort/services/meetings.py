"""Proposing meetings (a virtual coffee, a call, a lunch) and asking afterwards how it went."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netkort.io.export_ics import CalendarEvent, write_ics
from netkort.services import outreach
from netkort.services.errors import NotFound, UserError
from netkort.services.interactions import link_persons, moment_of
from netkort.services.people import refresh_contact_stats
from netkort.store import labels
from netkort.store.models import Favour, Interaction, Person, Workspace

PLATFORMS: dict[str, Promise] = {
    "teams": gettext_lazy("Microsoft Teams"),
    "google_meet": gettext_lazy("Google Meet"),
    "zoom": gettext_lazy("Zoom"),
    "skype": gettext_lazy("Skype"),
    "phone": gettext_lazy("Phone"),
    "in_person": gettext_lazy("In person"),
}
# How each platform is stored among the interaction channels.
CHANNEL_OF = {"phone": "phone", "in_person": "meeting"}
LENGTHS = (15, 20, 30, 45, 60, 90)
UPCOMING_SHOWN = 20


@dataclass(frozen=True, slots=True)
class Proposal:
    on: dt.date
    at: dt.time
    minutes: int
    platform: str
    link: str = ""
    note: str = ""


def _check(proposal: Proposal) -> None:
    if proposal.platform not in PLATFORMS:
        raise UserError(_("Choose how you will meet."))
    if not 5 <= proposal.minutes <= 480:
        raise UserError(_("A meeting lasts between 5 minutes and 8 hours."))
    if proposal.link and not proposal.link.startswith(("https://", "http://", "tel:")):
        raise UserError(_("The link should start with https://."))


@transaction.atomic
def propose(workspace: Workspace, person: Person, proposal: Proposal) -> Interaction:
    """A planned meeting with the person; their pipeline card moves to "meeting booked"."""
    _check(proposal)
    if person.workspace_id != workspace.pk:
        raise NotFound("no such person")
    label = str(PLATFORMS[proposal.platform])
    meeting = Interaction.objects.create(
        workspace=workspace,
        occurred_at=moment_of(proposal.on, proposal.at),
        channel=CHANNEL_OF.get(proposal.platform, "virtual_coffee"),
        direction="out",
        summary=proposal.note.strip() or _("Virtual coffee (%(platform)s)") % {"platform": label},
        duration_minutes=proposal.minutes,
        is_planned=True,
        link=proposal.link.strip(),
        source="user",
    )
    link_persons(workspace, meeting, [person])
    outreach.advance(workspace, person, "meeting_booked")
    return meeting


def get_meeting(workspace: Workspace, pk: int) -> Interaction:
    try:
        return Interaction.objects.prefetch_related("persons").get(workspace=workspace, pk=pk)
    except Interaction.DoesNotExist as exc:
        raise NotFound(f"no meeting {pk}") from exc


def meeting_uid(workspace: Workspace, meeting: Interaction) -> str:
    return f"meeting-{meeting.pk}-{workspace.uid}@netkort"


def meeting_event(workspace: Workspace, meeting: Interaction) -> CalendarEvent:
    names = ", ".join(p.display_name for p in meeting.persons.all())
    description = meeting.summary
    if meeting.link:
        description = f"{description}\n\n{meeting.link}".strip()
    return CalendarEvent(
        uid=meeting_uid(workspace, meeting),
        summary=f"{meeting.summary} · {names}" if names else meeting.summary,
        start=meeting.occurred_at,
        minutes=meeting.duration_minutes,
        description=description,
        url=meeting.link,
    )


def invitation(workspace: Workspace, meeting: Interaction) -> bytes:
    """An .ics file with the one meeting, to attach to a message or open in a calendar."""
    return write_ics([meeting_event(workspace, meeting)], _("Meeting"), timezone.now())


def to_review(workspace: Workspace) -> list[Interaction]:
    """Planned meetings whose time has passed: the app asks how they went."""
    return list(
        Interaction.objects.filter(
            workspace=workspace, is_planned=True, occurred_at__lte=timezone.now()
        )
        .prefetch_related("persons")
        .order_by("occurred_at")
    )


def planned(workspace: Workspace) -> tuple[list[Interaction], list[Interaction]]:
    """``to_review`` and ``upcoming`` (for everyone) from one query: the planned
    meetings are few, the interactions many, and each query reads through them."""
    now = timezone.now()
    items = list(
        Interaction.objects.filter(workspace=workspace, is_planned=True)
        .prefetch_related("persons")
        .order_by("occurred_at", "id")
    )
    past = [m for m in items if m.occurred_at <= now]
    return past, [m for m in items if m.occurred_at > now][:UPCOMING_SHOWN]


def upcoming(
    workspace: Workspace,
    person: Person | None = None,
    *,
    among: Sequence[Interaction] | None = None,
) -> list[Interaction]:
    """The next planned meetings, soonest first. ``among``: every interaction of the
    person, when the caller has read them already (their persons are not read then)."""
    now = timezone.now()
    if among is not None:
        planned = [i for i in among if i.is_planned and i.occurred_at > now]
        return sorted(planned, key=lambda i: i.occurred_at)[:UPCOMING_SHOWN]
    qs = Interaction.objects.filter(workspace=workspace, is_planned=True, occurred_at__gt=now)
    if person is not None:
        qs = qs.filter(persons=person)
    return list(qs.prefetch_related("persons").order_by("occurred_at")[:UPCOMING_SHOWN])


@dataclass(frozen=True, slots=True)
class Review:
    """How a meeting went. Empty fields are left out."""

    held: bool = True
    outcome: str = ""
    notes: str = ""
    favour_direction: str = ""
    favour_kind: str = ""
    follow_up: str = ""
    follow_up_on: dt.date | None = None


def _check_review(review: Review) -> None:
    if review.outcome and review.outcome not in labels.OUTCOMES:
        raise UserError(_("“%(outcome)s” is not an outcome.") % {"outcome": review.outcome})
    if bool(review.favour_direction) != bool(review.favour_kind):
        raise UserError(_("Say both whether the favour was given or received and what it was."))
    if review.favour_kind and (
        review.favour_kind not in labels.FAVOUR_KINDS
        or review.favour_direction not in labels.FAVOUR_DIRECTIONS
    ):
        raise UserError(_("That is not a kind of favour."))


@transaction.atomic
def review(workspace: Workspace, meeting: Interaction, answer: Review) -> None:
    """Record how the meeting went: it becomes a held contact, the pipeline moves to
    "met" (or "follow up" when there is a next step), and a favour is logged if named.
    A meeting that did not take place is removed."""
    if meeting.workspace_id != workspace.pk or not meeting.is_planned:
        raise NotFound("no planned meeting")
    _check_review(answer)
    persons = list(meeting.persons.all())
    if not answer.held:
        meeting.delete()
        refresh_contact_stats(workspace, [p.pk for p in persons])
        return
    meeting.is_planned = False
    if answer.notes.strip():
        meeting.summary = f"{meeting.summary}\n{answer.notes.strip()}".strip()
    meeting.save(update_fields=["is_planned", "summary"])
    refresh_contact_stats(workspace, [p.pk for p in persons])
    for person in persons:
        _after_meeting(workspace, person, answer)


def _after_meeting(workspace: Workspace, person: Person, answer: Review) -> None:
    assessment = outreach.advance(workspace, person, "met")
    if assessment is not None:
        outreach.move(workspace, assessment, assessment.status, outcome=answer.outcome)
        if answer.follow_up.strip():
            outreach.set_next_step(workspace, assessment, answer.follow_up, answer.follow_up_on)
            outreach.advance(workspace, person, "follow_up")
    if answer.favour_kind:
        Favour.objects.create(
            workspace=workspace,
            person=person,
            direction=answer.favour_direction,
            kind=answer.favour_kind,
            on=timezone.localdate(),
            note=answer.notes.strip(),
        )
