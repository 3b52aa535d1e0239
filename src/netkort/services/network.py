"""Writing a whole network of records into a workspace in bulk (demo, first import)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from netkort.domain.emails import normalise_email
from netkort.domain.linkedin import normalise_profile_url
from netkort.domain.names import display_name
from netkort.domain.phones import to_e164
from netkort.domain.records import NetworkRecords, PersonRecord, ProfileRecord
from netkort.services.organisations import OrganisationBook
from netkort.services.people import refresh_contact_stats, set_derived
from netkort.store.models import (
    Context,
    EmailAddress,
    Favour,
    Goal,
    GoalOrganisation,
    Interaction,
    InteractionPerson,
    Person,
    PersonContext,
    PersonTag,
    PhoneNumber,
    Profile,
    ProfileEducation,
    ProfilePosition,
    Tag,
    Tie,
    Workspace,
)

BATCH = 2000
PERSON_FIELDS = [
    "given_name",
    "family_name",
    "display_name",
    "organisation",
    "title",
    "industry",
    "location",
    "linkedin_url",
    "notes",
    "closeness",
    "first_met",
    "connected_on",
    "birthday",
    "emails",
    "phones",
    "tags",
    "contexts",
]


@dataclass
class WriteCounts:
    persons: int = 0
    interactions: int = 0
    ties: int = 0
    favours: int = 0
    goals: int = 0
    skipped: list[str] = field(default_factory=list)


@transaction.atomic
def insert_network(workspace: Workspace, records: NetworkRecords, source: str) -> WriteCounts:
    """Insert every record as new rows, in one transaction; nothing is merged."""
    counts = WriteCounts()
    book = OrganisationBook(workspace)
    for org in records.organisations:
        book.get(org.name, org.industry, org.aliases)
    persons = _insert_persons(workspace, records.persons, book, source, counts)
    _insert_interactions(workspace, records, persons, source, counts)
    _insert_ties(workspace, records, persons, counts)
    _insert_favours(workspace, records, persons, source, counts)
    _insert_goals(workspace, records, book, counts)
    if records.profile is not None:
        write_profile(workspace, records.profile, book)
    refresh_contact_stats(workspace)
    return counts


def _new_person(
    workspace: Workspace, rec: PersonRecord, book: OrganisationBook, source: str, emails: list[str]
) -> Person:
    org = book.get(rec.organisation, rec.industry) if rec.organisation else None
    name = rec.display_name.strip() or display_name(rec.given_name, rec.family_name)
    person = Person(
        workspace=workspace,
        given_name=rec.given_name.strip(),
        family_name=rec.family_name.strip(),
        display_name=name,
        organisation=org,
        title=rec.title,
        industry=rec.industry,
        location=rec.location,
        linkedin_url=normalise_profile_url(rec.linkedin_url) if rec.linkedin_url else "",
        urls=rec.urls,
        notes=rec.notes,
        closeness=int(rec.closeness) if rec.closeness is not None else None,
        is_super_connector=rec.super_connector,
        first_met=rec.first_met,
        connected_on=rec.connected_on,
        birthday=rec.birthday,
    )
    person.provenance = {
        f: {"source": source, "user": False} for f in PERSON_FIELDS if getattr(rec, f, None)
    }
    set_derived(person, rec.organisation, emails)
    return person


def _insert_persons(
    workspace: Workspace,
    recs: list[PersonRecord],
    book: OrganisationBook,
    source: str,
    counts: WriteCounts,
) -> dict[str, Person]:
    emails = {r.key: [a for a in (normalise_email(e) for e in r.emails) if a] for r in recs}
    objs = [_new_person(workspace, r, book, source, emails[r.key]) for r in recs]
    Person.objects.bulk_create(objs, batch_size=BATCH)
    by_key = {r.key: p for r, p in zip(recs, objs, strict=True)}
    contexts = {c.key: c for c in Context.objects.filter(workspace=workspace) if c.key}
    links: list[PersonContext] = []
    for rec, person in zip(recs, objs, strict=True):
        for key in dict.fromkeys(rec.contexts):
            links.append(PersonContext(workspace=workspace, person=person, context=contexts[key]))
        if rec.contexts:
            person.primary_context = contexts[rec.contexts[0]]
        if rec.introduced_by in by_key:
            person.introduced_by = by_key[rec.introduced_by]
    PersonContext.objects.bulk_create(links, batch_size=BATCH)
    Person.objects.bulk_update(objs, ["primary_context", "introduced_by"], batch_size=500)
    _insert_contact_points(workspace, recs, by_key, emails)
    _insert_tags(workspace, recs, by_key)
    counts.persons = len(objs)
    return by_key


def _insert_contact_points(
    workspace: Workspace,
    recs: list[PersonRecord],
    by_key: dict[str, Person],
    emails: dict[str, list[str]],
) -> None:
    mails: list[EmailAddress] = []
    phones: list[PhoneNumber] = []
    for rec in recs:
        person = by_key[rec.key]
        for i, address in enumerate(dict.fromkeys(emails[rec.key])):
            mails.append(
                EmailAddress(workspace=workspace, person=person, address=address, position=i)
            )
        seen: set[str] = set()
        for raw in rec.phones:
            e164 = to_e164(raw, workspace.default_region)
            if e164 and e164 not in seen:
                seen.add(e164)
                phones.append(
                    PhoneNumber(
                        workspace=workspace, person=person, e164=e164, raw=raw, position=len(seen)
                    )
                )
    EmailAddress.objects.bulk_create(mails, batch_size=BATCH)
    PhoneNumber.objects.bulk_create(phones, batch_size=BATCH)


def _insert_tags(workspace: Workspace, recs: list[PersonRecord], by_key: dict[str, Person]) -> None:
    names = sorted({t for r in recs for t in r.tags})
    tags = {t.name: t for t in Tag.objects.filter(workspace=workspace, name__in=names)}
    Tag.objects.bulk_create(
        [Tag(workspace=workspace, name=n) for n in names if n not in tags], batch_size=BATCH
    )
    tags = {t.name: t for t in Tag.objects.filter(workspace=workspace, name__in=names)}
    PersonTag.objects.bulk_create(
        [
            PersonTag(workspace=workspace, person=by_key[r.key], tag=tags[t])
            for r in recs
            for t in dict.fromkeys(r.tags)
        ],
        batch_size=BATCH,
    )


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment, dt.UTC)


def _insert_interactions(
    workspace: Workspace,
    records: NetworkRecords,
    persons: dict[str, Person],
    source: str,
    counts: WriteCounts,
) -> None:
    kept = [r for r in records.interactions if any(k in persons for k in r.person_keys)]
    objs = [
        Interaction(
            workspace=workspace,
            occurred_at=_aware(r.occurred_at),
            channel=r.channel.value,
            direction=r.direction.value,
            summary=r.summary,
            source=source,
            external_id=r.external_id,
        )
        for r in kept
    ]
    Interaction.objects.bulk_create(objs, batch_size=BATCH)
    links = [
        InteractionPerson(workspace=workspace, interaction=obj, person=persons[k])
        for rec, obj in zip(kept, objs, strict=True)
        for k in dict.fromkeys(rec.person_keys)
        if k in persons
    ]
    InteractionPerson.objects.bulk_create(links, batch_size=BATCH)
    counts.interactions = len(objs)


def _insert_ties(
    workspace: Workspace, records: NetworkRecords, persons: dict[str, Person], counts: WriteCounts
) -> None:
    pairs: dict[tuple[int, int], Tie] = {}
    for rec in records.ties:
        a, b = persons.get(rec.a), persons.get(rec.b)
        if a is None or b is None or a.pk == b.pk:
            continue
        low, high = sorted((a, b), key=lambda p: p.pk)
        pairs.setdefault(
            (low.pk, high.pk),
            Tie(workspace=workspace, a=low, b=high, source=rec.source.value, strength=rec.strength),
        )
    Tie.objects.bulk_create(list(pairs.values()), batch_size=BATCH)
    counts.ties = len(pairs)


def _insert_favours(
    workspace: Workspace,
    records: NetworkRecords,
    persons: dict[str, Person],
    source: str,
    counts: WriteCounts,
) -> None:
    objs = [
        Favour(
            workspace=workspace,
            person=persons[r.person_key],
            direction=r.direction.value,
            kind=r.kind.value,
            on=r.on,
            note=r.note,
            source=source,
        )
        for r in records.favours
        if r.person_key in persons
    ]
    Favour.objects.bulk_create(objs, batch_size=BATCH)
    counts.favours = len(objs)


def _insert_goals(
    workspace: Workspace, records: NetworkRecords, book: OrganisationBook, counts: WriteCounts
) -> None:
    has_active = Goal.objects.filter(workspace=workspace, is_active=True).exists()
    for rec in records.goals:
        active = rec.active and not has_active
        has_active = has_active or active
        goal = Goal.objects.create(
            workspace=workspace,
            kind=rec.kind.value,
            title=rec.title,
            description=rec.description,
            roles=rec.roles,
            industries=rec.industries,
            places=rec.places,
            keywords=rec.keywords,
            deadline=rec.deadline,
            is_active=active,
        )
        orgs = [o for o in (book.get(n) for n in rec.target_organisations) if o is not None]
        GoalOrganisation.objects.bulk_create(
            GoalOrganisation(workspace=workspace, goal=goal, organisation=o) for o in orgs
        )
        counts.goals += 1


def write_profile(workspace: Workspace, rec: ProfileRecord, book: OrganisationBook) -> Profile:
    """Replace the profile of "me" with the record's."""
    profile, _ = Profile.objects.get_or_create(workspace=workspace)
    profile.full_name = rec.full_name
    profile.headline = rec.headline
    profile.industry = rec.industry
    profile.location = rec.location
    profile.skills = rec.skills
    profile.languages = rec.languages
    profile.network_size_guess = rec.network_size_guess
    profile.save()
    profile.positions.all().delete()
    profile.education.all().delete()
    ProfilePosition.objects.bulk_create(
        ProfilePosition(
            workspace=workspace,
            profile=profile,
            organisation=book.get(p.organisation),
            organisation_name=p.organisation,
            title=p.title,
            start=p.start,
            end=p.end,
        )
        for p in rec.positions
    )
    ProfileEducation.objects.bulk_create(
        ProfileEducation(
            workspace=workspace,
            profile=profile,
            school=e.school,
            degree=e.degree,
            field_of_study=e.field_of_study,
            start_year=e.start_year,
            end_year=e.end_year,
        )
        for e in rec.education
    )
    return profile
