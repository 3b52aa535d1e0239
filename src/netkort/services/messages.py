"""Writing to a person: templates (built-in or the user's own), filled for that person."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from netkort.domain import templates
from netkort.services import outreach
from netkort.services.errors import NotFound, UserError
from netkort.services.interactions import NewInteraction, log_interaction
from netkort.store.models import Interaction, MessageTemplate, Person, Profile, Tie, Workspace


def template_for(workspace: Workspace, kind: str, language: str) -> templates.Template:
    """The user's own version of a template if they saved one, else the built-in."""
    base = templates.built_in(kind, language)
    own = MessageTemplate.objects.filter(
        workspace=workspace, kind=kind, language=base.language
    ).first()
    if own is None:
        return base
    return templates.Template(kind, base.language, own.subject, own.body)


def is_own(workspace: Workspace, kind: str, language: str) -> bool:
    return MessageTemplate.objects.filter(
        workspace=workspace, kind=kind, language=language
    ).exists()


@transaction.atomic
def save_template(workspace: Workspace, kind: str, language: str, subject: str, body: str) -> None:
    if kind not in templates.KINDS or language not in templates.LANGUAGES:
        raise NotFound("no such template")
    if not body.strip():
        raise UserError(_("A template needs a text."))
    unknown = templates.unknown_placeholders(subject + body)
    if unknown:
        raise UserError(
            _("netkort cannot fill %(names)s; use %(known)s.")
            % {
                "names": ", ".join("{" + n + "}" for n in unknown),
                "known": ", ".join("{" + n + "}" for n in templates.PLACEHOLDERS),
            }
        )
    MessageTemplate.objects.update_or_create(
        workspace=workspace,
        kind=kind,
        language=language,
        defaults={"subject": subject.strip(), "body": body},
    )


def reset_template(workspace: Workspace, kind: str, language: str) -> None:
    MessageTemplate.objects.filter(workspace=workspace, kind=kind, language=language).delete()


def acquaintances(workspace: Workspace, person: Person) -> list[Person]:
    """Persons who know this person: whoever introduced them first, then their ties."""
    ties = Tie.objects.filter(workspace=workspace).filter(Q(a=person) | Q(b=person))
    ids = [t.b_id if t.a_id == person.pk else t.a_id for t in ties]
    known = list(Person.objects.filter(workspace=workspace, pk__in=ids).order_by("sort_key_en"))
    if person.introduced_by and person.introduced_by not in known:
        known.insert(0, person.introduced_by)
    elif person.introduced_by:
        known.remove(person.introduced_by)
        known.insert(0, person.introduced_by)
    return known


def first_name(person: Person) -> str:
    return person.given_name or person.display_name.split(" ")[0]


def values_for(
    workspace: Workspace,
    person: Person,
    language: str,
    *,
    mutual: Person | None = None,
    other: Person | None = None,
) -> dict[str, str]:
    profile = Profile.objects.filter(workspace=workspace).first()
    goal = outreach.active_goal(workspace)
    keys = [c.key for c in person.contexts.all()]
    values = {
        "first_name": first_name(person),
        "organisation": person.organisation.name if person.organisation else "",
        "how_we_know": templates.how_we_know(keys, language),
        "goal": goal.title if goal else "",
        "mutual_contact": mutual.display_name if mutual else "",
        "my_name": profile.full_name if profile else "",
    }
    if other is not None:
        values["other_first_name"] = first_name(other)
        values["other_organisation"] = other.organisation.name if other.organisation else ""
    return values


@dataclass(frozen=True, slots=True)
class Composed:
    kind: str
    language: str
    filled: templates.Filled
    mailto: str
    linkedin: str


def mailto(addresses: list[str], subject: str, body: str) -> str:
    to = ",".join(quote(a, safe="@") for a in addresses)
    return f"mailto:{to}?subject={quote(subject)}&body={quote(body)}"


def compose(
    workspace: Workspace,
    person: Person,
    kind: str,
    language: str,
    *,
    mutual: Person | None = None,
    other: Person | None = None,
) -> Composed:
    template = template_for(workspace, kind, language)
    filled = templates.fill(
        template, values_for(workspace, person, template.language, mutual=mutual, other=other)
    )
    addresses = [e.address for e in person.emails.all()]
    if other is not None:
        addresses += [e.address for e in other.emails.all()]
    return Composed(
        kind,
        template.language,
        filled,
        mailto(addresses, filled.subject, filled.body),
        person.linkedin_url,
    )


def log_sent(workspace: Workspace, person: Person, channel: str, subject: str) -> Interaction:
    """ "I sent it": the message is a contact, and the pipeline moves to "contacted"."""
    if channel not in ("email", "message"):
        raise UserError(_("A message goes by e-mail or as a message."))
    interaction = log_interaction(
        workspace, [person], NewInteraction(channel=channel, direction="out", note=subject)
    )
    outreach.advance(workspace, person, "contacted")
    return interaction
