"""A network for the export and backup tests: the demo, plus a row in every table the
demo leaves empty, plus names that break careless writers."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from netkort.services.demo import load_demo
from netkort.services.people import PersonFields, add_person
from netkort.store import models as m
from netkort.store.models import Person, Workspace

FORMULAS = [
    '=HYPERLINK("http://evil.example","click")',
    "+45 cmd",
    "-2+3",
    "@SUM(A1:A2)",
    "\tTabbed",
    "\rReturned",
]
TRICKY_NAMES = [
    '<b>Åse "Bo" Ødegård</b> & <script>x</script>',
    "Zoë 🎉 O'Brien; Jr, III",
    "مريم الحسن",
    "Ελένη Παπαδοπούλου",
]


def build_network(workspace: Workspace, size: int = 40) -> dict[str, Person]:
    """Fill ``workspace``; returns the persons the tests look for, by name."""
    load_demo(workspace, size=size)
    found: dict[str, Person] = {}
    for i, name in enumerate(TRICKY_NAMES + FORMULAS):
        person = add_person(
            workspace,
            PersonFields(
                display_name=name,
                title=FORMULAS[i % len(FORMULAS)],
                notes=f"Line one\nline two; {name}",
                organisation="Ærø Ølhus, A/S",
                emails=[f"tricky{i}@example.org"],
                tags=["vip", "=tag"],
                closeness=(i % 5) + 1,
            ),
        )
        # The form strips what people type; an import may keep a leading tab or CR.
        person.display_name, person.title = name, FORMULAS[i % len(FORMULAS)]
        person.save()
        found[name] = person
    arabic = found[TRICKY_NAMES[2]]
    arabic.linkedin_url = "https://www.linkedin.com/in/maryam-alhassan"
    arabic.photo = b"\x89PNG\r\n\x1a\nnot really"
    arabic.keep_in_touch_days = 45
    arabic.snoozed_until = dt.date(2027, 1, 3)
    arabic.introduced_by = found[TRICKY_NAMES[0]]
    arabic.birthday = dt.date(1980, 2, 29)
    arabic.save()
    _fill_goal_tables(workspace, found)
    _fill_other_tables(workspace, found)
    return found


def _fill_goal_tables(workspace: Workspace, found: dict[str, Person]) -> None:
    goal = m.Goal.objects.get(workspace=workspace, is_active=True)
    people = list(Person.objects.filter(workspace=workspace).order_by("pk")[:5])
    people.append(found[TRICKY_NAMES[1]])
    for i, person in enumerate(people):
        assessment = m.Assessment.objects.create(
            workspace=workspace,
            person=person,
            goal=goal,
            is_information=i % 2 == 0,
            is_intermediary=i % 3 == 0,
            is_direct_access=i == 1,
            status="meeting_booked" if i % 2 else "contacted",
            next_step=f"Ring om {person.display_name}",
            next_step_date=dt.date(2026, 12, 1) + dt.timedelta(days=i),
            judged_at=timezone.now(),
            notes="=1+1",
        )
        m.StatusChange.objects.create(
            workspace=workspace,
            assessment=assessment,
            from_status="not_contacted",
            to_status=assessment.status,
        )
    planned = m.Interaction.objects.create(
        workspace=workspace,
        occurred_at=dt.datetime(2026, 12, 3, 9, 30, tzinfo=dt.UTC),
        channel="meeting",
        summary="Kaffe hos <Åse> & co",
        duration_minutes=45,
        is_planned=True,
        link="https://example.org/meet?id=1&x=2",
    )
    for person in (found[TRICKY_NAMES[0]], found[TRICKY_NAMES[2]]):
        m.InteractionPerson.objects.create(workspace=workspace, interaction=planned, person=person)


def _fill_other_tables(workspace: Workspace, found: dict[str, Person]) -> None:
    m.Context.objects.create(workspace=workspace, name="Roklubben 🚣", position=20)
    m.MessageTemplate.objects.create(
        workspace=workspace, kind="reconnect", language="da", subject="Hej", body="Hej {navn}"
    )
    first, second = found[TRICKY_NAMES[0]], found[TRICKY_NAMES[1]]
    m.MergeDecision.objects.create(
        workspace=workspace, kept=first, other=None, other_keys=["email:x@y.dk"], decision="merged"
    )
    m.MergeDecision.objects.create(
        workspace=workspace, kept=first, other=second, decision="separate"
    )
    m.ImportBatch.objects.create(
        workspace=workspace,
        file_name="Connections.csv",
        sha256="ab" * 32,
        format="linkedin",
        status="done",
        counts={"persons": 3},
        problems=[{"line": 4, "reason": "no name"}],
        started_at=dt.datetime(2026, 10, 1, 12, 0, tzinfo=dt.UTC),
    )
    m.SheetMapping.objects.create(
        workspace=workspace, signature="sig1", mapping={"Navn": "display_name"}
    )
    workspace.settings["language"] = "da"
    workspace.save()
