"""Listing, finding, adding and editing persons."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.translation import gettext as _

from netkort.domain.collation import sort_key
from netkort.domain.emails import normalise_email
from netkort.domain.linkedin import normalise_profile_url
from netkort.domain.names import display_name, fold, split_name
from netkort.domain.phones import to_e164
from netkort.services import search, ties
from netkort.services.errors import NotFound, UserError
from netkort.services.organisations import OrganisationBook
from netkort.store import labels
from netkort.store.models import (
    Assessment,
    Context,
    EmailAddress,
    Interaction,
    InteractionPerson,
    Person,
    PersonContext,
    PersonTag,
    PhoneNumber,
    Tag,
    Workspace,
)

SORTS = ("name", "-last_contact", "closeness", "-added")
UNKNOWN = "unknown"
# Sort keys grow about ten digits a letter; cut them where PostgreSQL's index entries
# stay small. The order of names up to ~200 letters is kept; longer ones tie by id.
SORT_KEY_LENGTH = 600
HISTORY_SHOWN = 50  # the newest contacts on a person's page


@dataclass(frozen=True, slots=True)
class PeopleFilter:
    """What the people list shows. Empty fields do not filter."""

    search: str = ""
    context: int | None = None
    closeness: str = ""  # "1".."5" or "unknown"
    tag: str = ""
    organisation: int | None = None
    sort: str = "name"
    language: str = "da"
    # A role for a goal (information, intermediary, direct_access, or any); needs goal.
    role: str = ""
    goal: int | None = None


def set_derived(person: Person, org_name: str, emails: list[str]) -> None:
    """Set the search text and the sort keys from the person's fields (not saved)."""
    parts = [person.display_name, person.given_name, person.family_name, org_name]
    parts += [person.title, person.location, *emails]
    person.search_text = fold(" ".join(p for p in parts if p))
    person.sort_key_da = sort_key(person.display_name, "da")[:SORT_KEY_LENGTH]
    person.sort_key_en = sort_key(person.display_name, "en")[:SORT_KEY_LENGTH]


def refresh_derived(person: Person, emails: list[str] | None = None) -> None:
    """``set_derived`` from what is stored about the person."""
    if emails is None:
        emails = [e.address for e in person.emails.all()] if person.pk else []
    set_derived(person, person.organisation.name if person.organisation else "", emails)


def people(workspace: Workspace, flt: PeopleFilter) -> QuerySet[Person]:
    qs = Person.objects.filter(workspace=workspace)
    for term in fold(flt.search).split():
        qs = qs.filter(search.contains(term))
    if flt.context is not None:
        qs = qs.filter(personcontext__context_id=flt.context)
    if flt.closeness == UNKNOWN:
        qs = qs.filter(closeness__isnull=True)
    elif flt.closeness:
        qs = qs.filter(closeness=int(flt.closeness))
    if flt.tag:
        qs = qs.filter(persontag__tag__name=flt.tag)
    if flt.organisation is not None:
        qs = qs.filter(organisation_id=flt.organisation)
    if flt.role and flt.goal is not None:
        qs = qs.filter(_role_filter(flt.goal, flt.role))
    return qs.order_by(*_ordering(flt))


ROLE_FILTERS = ("information", "intermediary", "direct_access", "any")


def _role_filter(goal: int, role: str) -> Q:
    """Persons judged to have ``role`` for the goal ("any": at least one role)."""
    flags = ["is_information", "is_intermediary", "is_direct_access"]
    if role != "any":
        flags = [f"is_{role}"] if role in ROLE_FILTERS else []
    ids = Q()
    for flag in flags:
        ids |= Q(**{flag: True})
    assessed = Assessment.objects.filter(ids, goal_id=goal).values("person_id") if flags else []
    return Q(pk__in=assessed)


def _ordering(flt: PeopleFilter) -> list[Any]:
    name_key = "sort_key_en" if flt.language == "en" else "sort_key_da"
    if flt.sort == "-last_contact":
        return [F("last_contact_at").desc(nulls_last=True), name_key, "id"]
    if flt.sort == "closeness":
        return [Coalesce("closeness", Value(9)), name_key, "id"]
    if flt.sort == "-added":
        return ["-created_at", "-id"]
    return [name_key, "id"]


def with_details(qs: QuerySet[Person]) -> QuerySet[Person]:
    """The query with what a list row or a JSON object shows, fetched in a few queries."""
    return qs.select_related("organisation").prefetch_related(
        Prefetch("contexts", queryset=Context.objects.order_by("position", "id")),
        "tags",
        "emails",
        "phones",
    )


ROW_FIELDS = (
    "workspace_id",
    "display_name",
    "title",
    "closeness",
    "is_super_connector",
    "last_contact_at",
    "organisation__name",
)


def as_rows(qs: QuerySet[Person]) -> QuerySet[Person]:
    """The query with what a row of the people list shows and nothing more: notes,
    provenance, photos, e-mails and phones stay in the database."""
    return (
        qs.select_related("organisation")
        .only(*ROW_FIELDS)
        .prefetch_related(
            # A plain list: a row reads it as ``context_list`` without building a related
            # manager for each person.
            Prefetch(
                "contexts",
                queryset=Context.objects.order_by("position", "id"),
                to_attr="context_list",
            ),
        )
    )


def page_of_people(
    workspace: Workspace, flt: PeopleFilter, number: int | str, per_page: int = 50
) -> Page[Person]:
    paginator = Paginator(as_rows(people(workspace, flt)), per_page)
    return paginator.get_page(number)


def get_person(workspace: Workspace, pk: int) -> Person:
    try:
        person = with_details(Person.objects.filter(workspace=workspace)).get(pk=pk)
    except Person.DoesNotExist as exc:
        raise NotFound(f"no person {pk}") from exc
    person.workspace = workspace  # known already: not read again through the person
    return person


def as_dict(person: Person) -> dict[str, Any]:
    """The JSON shape of a person, used by ``people list --json`` and the API."""
    return {
        "id": person.pk,
        "display_name": person.display_name,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "emails": [e.address for e in person.emails.all()],
        "phones": [p.e164 for p in person.phones.all()],
        "linkedin_url": person.linkedin_url,
        "organization": person.organisation.name if person.organisation else "",
        "title": person.title,
        "industry": person.industry,
        "location": person.location,
        "contexts": [c.key or c.name for c in person.contexts.all()],
        "closeness": person.closeness,
        "super_connector": person.is_super_connector,
        "tags": sorted(t.name for t in person.tags.all()),
        "last_contact": person.last_contact_at.isoformat() if person.last_contact_at else None,
        "interaction_count": person.interaction_count,
        "sources": person.sources,
    }


def find_context(workspace: Workspace, name_or_key: str) -> Context:
    """A context by its key (``friends``), its name in Danish or English, or its id."""
    wanted = fold(name_or_key)
    contexts = list(Context.objects.filter(workspace=workspace))
    for ctx in contexts:
        if wanted in names_of_context(ctx):
            return ctx
    known = ", ".join(c.key or c.name for c in contexts)
    raise UserError(
        _("There is no context “%(name)s”. Known contexts: %(known)s.")
        % {"name": name_or_key, "known": known}
    )


def names_of_context(ctx: Context) -> set[str]:
    """Every name a context answers to, folded: its key, its own name, both languages."""
    names = {fold(ctx.key), fold(ctx.name), str(ctx.pk)}
    if ctx.key in labels.CONTEXTS:
        for language in ("da", "en"):
            with translation.override(language):
                names.add(fold(str(labels.CONTEXTS[ctx.key])))
    return names - {""}


def refresh_contact_stats(workspace: Workspace, person_ids: list[int] | None = None) -> None:
    """Bring each person's interaction count and last contact in step with the log."""
    links = InteractionPerson.objects.filter(person=OuterRef("pk"), interaction__is_planned=False)
    count = links.values("person").annotate(n=Count("id")).values("n")
    last = links.order_by("-interaction__occurred_at").values("interaction__occurred_at")[:1]
    qs = Person.objects.filter(workspace=workspace)
    if person_ids is not None:
        qs = qs.filter(pk__in=person_ids)
    if person_ids is None or len(person_ids) > BULK:
        _fresh_statistics()
    qs.update(interaction_count=Coalesce(Subquery(count), 0), last_contact_at=Subquery(last))


BULK = 1_000


def _fresh_statistics() -> None:
    """On PostgreSQL, let the planner see rows written in this transaction.

    Without statistics for thousands of new rows, the planner takes the tables for empty
    and runs the subqueries above as nested loops over every link: minutes, not a second,
    for a 30,000-person import. ANALYZE within the transaction samples its own rows.
    """
    if connection.vendor != "postgresql":
        return
    tables = [m._meta.db_table for m in (Person, Interaction, InteractionPerson)]
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(connection.ops.quote_name(t) for t in tables)}")


@dataclass(slots=True)
class PersonFields:
    """What a user can type about a person; ``None`` leaves a value as it is."""

    given_name: str | None = None
    family_name: str | None = None
    display_name: str | None = None
    organisation: str | None = None
    title: str | None = None
    industry: str | None = None
    location: str | None = None
    linkedin_url: str | None = None
    notes: str | None = None
    closeness: int | None = None
    clear_closeness: bool = False
    is_super_connector: bool | None = None
    first_met: date | None = None
    birthday: date | None = None
    emails: list[str] | None = None
    phones: list[str] | None = None
    tags: list[str] | None = None
    context_ids: list[int] | None = None
    problems: list[str] = field(default_factory=list)
    schools: list[str] | None = None  # where they studied, as written


def _mark_typed(person: Person, names: list[str]) -> None:
    for name in names:
        person.provenance[name] = {"source": "user", "user": True}


def _apply_scalars(person: Person, fields: PersonFields, book: OrganisationBook) -> list[str]:
    changed: list[str] = []
    for name in ("given_name", "family_name", "title", "industry", "location", "notes"):
        value = getattr(fields, name)
        if value is not None and value != getattr(person, name):
            setattr(person, name, value.strip() if name != "notes" else value)
            changed.append(name)
    if fields.organisation is not None:
        org = book.get(fields.organisation)
        if org != person.organisation:
            person.organisation = org
            changed.append("organisation")
    if fields.linkedin_url is not None:
        url = normalise_profile_url(fields.linkedin_url) if fields.linkedin_url.strip() else ""
        if fields.linkedin_url.strip() and not url:
            raise UserError(
                _(
                    "“%(url)s” is not a LinkedIn profile address; it should look like "
                    "https://www.linkedin.com/in/name."
                )
                % {"url": fields.linkedin_url.strip()}
            )
        if url != person.linkedin_url:
            person.linkedin_url = url
            changed.append("linkedin_url")
    if fields.clear_closeness or fields.closeness is not None:
        new = None if fields.clear_closeness else fields.closeness
        if new != person.closeness:
            person.closeness = new
            changed.append("closeness")
    for name in ("is_super_connector", "first_met", "birthday"):
        value = getattr(fields, name)
        if value is not None and value != getattr(person, name):
            setattr(person, name, value)
            changed.append(name)
    if fields.schools is not None:
        schools = clean_schools(fields.schools)
        if schools != list(person.schools or []):
            person.schools = schools
            changed.append("schools")
    return changed


MAX_SCHOOLS = 20


def clean_schools(names: list[str]) -> list[str]:
    """Schools as written, trimmed, each once (compared folded), at most MAX_SCHOOLS."""
    out: list[str] = []
    seen: set[str] = set()
    for name in names:
        shown = " ".join(name.split())[:300]
        key = fold(shown)
        if key and key not in seen:
            seen.add(key)
            out.append(shown)
    return out[:MAX_SCHOOLS]


def _normalised_emails(raw: list[str]) -> list[str]:
    out: list[str] = []
    for item in raw:
        if not item.strip():
            continue
        address = normalise_email(item)
        if address is None:
            raise UserError(
                _("“%(address)s” is not an e-mail address.") % {"address": item.strip()}
            )
        if address not in out:
            out.append(address)
    return out


def _normalised_phones(raw: list[str], region: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for item in raw:
        if not item.strip():
            continue
        e164 = to_e164(item, region)
        if e164 is None:
            raise UserError(
                _(
                    "“%(number)s” is not a phone number; write it with its country code, "
                    "for example +45 20 12 34 56."
                )
                % {"number": item.strip()}
            )
        if e164 not in [p for p, _ in out]:
            out.append((e164, item.strip()))
    return out


def _set_lists(workspace: Workspace, person: Person, fields: PersonFields) -> list[str]:
    changed: list[str] = []
    if fields.emails is not None:
        emails = _normalised_emails(fields.emails)
        person.emails.all().delete()
        EmailAddress.objects.bulk_create(
            EmailAddress(workspace=workspace, person=person, address=a, position=i)
            for i, a in enumerate(emails)
        )
        changed.append("emails")
    if fields.phones is not None:
        phones = _normalised_phones(fields.phones, workspace.default_region)
        person.phones.all().delete()
        PhoneNumber.objects.bulk_create(
            PhoneNumber(workspace=workspace, person=person, e164=e, raw=r, position=i)
            for i, (e, r) in enumerate(phones)
        )
        changed.append("phones")
    if fields.tags is not None:
        set_tags(workspace, person, fields.tags)
        changed.append("tags")
    if fields.context_ids is not None:
        set_contexts(workspace, person, fields.context_ids)
        changed.append("contexts")
    return changed


def set_tags(workspace: Workspace, person: Person, names: list[str]) -> None:
    wanted = sorted({" ".join(n.split()) for n in names if n.strip()})
    tags = []
    for name in wanted:
        tag, _ = Tag.objects.get_or_create(workspace=workspace, name=name)
        tags.append(tag)
    PersonTag.objects.filter(person=person).exclude(tag__in=tags).delete()
    have = set(PersonTag.objects.filter(person=person).values_list("tag_id", flat=True))
    PersonTag.objects.bulk_create(
        PersonTag(workspace=workspace, person=person, tag=t) for t in tags if t.pk not in have
    )


def set_contexts(workspace: Workspace, person: Person, context_ids: list[int]) -> None:
    valid = list(
        Context.objects.filter(workspace=workspace, pk__in=context_ids).values_list("pk", flat=True)
    )
    PersonContext.objects.filter(person=person).exclude(context_id__in=valid).delete()
    have = set(PersonContext.objects.filter(person=person).values_list("context_id", flat=True))
    PersonContext.objects.bulk_create(
        PersonContext(workspace=workspace, person=person, context_id=c)
        for c in valid
        if c not in have
    )
    if person.primary_context_id not in valid:
        person.primary_context_id = valid[0] if valid else None
        person.save(update_fields=["primary_context"])


def _finish_name(person: Person, fields: PersonFields) -> None:
    typed = (fields.display_name or "").strip()
    if typed and not (person.given_name or person.family_name):
        person.given_name, person.family_name = split_name(typed)
    person.display_name = typed or display_name(person.given_name, person.family_name)
    if not person.display_name:
        raise UserError(_("A person needs a name."))


@transaction.atomic
def update_person(workspace: Workspace, person: Person, fields: PersonFields) -> list[str]:
    """Apply what the user typed; every changed field is marked as typed by the user."""
    if person.workspace_id != workspace.pk:
        raise NotFound("no such person")
    book = OrganisationBook(workspace)
    changed = _apply_scalars(person, fields, book)
    if fields.display_name is not None and fields.display_name.strip() != person.display_name:
        changed.append("display_name")
    _finish_name(person, fields)
    changed += _set_lists(workspace, person, fields)
    _mark_typed(person, changed)
    refresh_derived(person)
    person.save()
    return changed


@transaction.atomic
def add_person(workspace: Workspace, fields: PersonFields) -> Person:
    """A new person from what the user typed (quick add)."""
    person = Person(workspace=workspace)
    book = OrganisationBook(workspace)
    changed = _apply_scalars(person, fields, book)
    _finish_name(person, fields)
    changed.append("display_name")
    refresh_derived(person, emails=[])
    person.save()
    changed += _set_lists(workspace, person, fields)
    _mark_typed(person, changed)
    refresh_derived(person)
    person.save()
    return person


def details_of(person: Person) -> dict[str, Any]:
    """What the person page shows besides the person's own fields, each read once.

    ``every_interaction``: all the person's contacts and meetings, newest first, when they
    fit in the contact history shown (else None), so nothing else reads them again."""
    interactions = list(
        Interaction.objects.filter(persons=person)
        .order_by("-occurred_at")
        .only("occurred_at", "channel", "direction", "summary", "is_planned")[: HISTORY_SHOWN + 1]
    )
    return {
        "person": person,
        "ties": ties.ties_of(person.workspace, person),
        "interactions": interactions[:HISTORY_SHOWN],
        "every_interaction": interactions if len(interactions) <= HISTORY_SHOWN else None,
        "introduced": list(
            Person.objects.filter(workspace_id=person.workspace_id, introduced_by=person)
            .order_by("sort_key_da")
            .only("display_name")
        ),
        "favours": list(person.favours.order_by("-on")),
        "provenance": sorted(person.provenance.items()),
    }
