"""The rows of the people list (written in Python for speed) show what the template did,
escaped, in the reader's language, with only the queries a page of rows needs."""

from __future__ import annotations

from datetime import UTC, datetime

from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clients import client_for
from netkort.domain.triage import Role
from netkort.services import goals, triage
from netkort.services.people import PersonFields, add_person
from netkort.store.models import Context, Person, Workspace


def _people(workspace: Workspace) -> str:
    return reverse("netkort:people", kwargs={"ws": workspace.uid})


def test_a_row_shows_the_person_escaped(alice: User, workspace: Workspace) -> None:
    friends = Context.objects.get(workspace=workspace, key="friends")
    person = add_person(
        workspace,
        PersonFields(
            display_name="Eve <script>alert(1)</script>",
            organisation="Nordlys & Co",
            title="CTO",
            closeness=2,
            is_super_connector=True,
            context_ids=[friends.pk],
        ),
    )
    Person.objects.filter(pk=person.pk).update(
        last_contact_at=datetime(2026, 3, 14, 23, 30, tzinfo=UTC)
    )
    body = client_for(alice).get(_people(workspace)).content.decode()
    link = reverse("netkort:person", kwargs={"ws": workspace.uid, "pk": person.pk})
    assert "<script>alert" not in body
    assert f'<a href="{link}">Eve &lt;script&gt;alert(1)&lt;/script&gt;</a>' in body
    assert 'aria-label="Select Eve &lt;script&gt;' in body
    assert "Nordlys &amp; Co" in body and '<small class="muted">CTO</small>' in body
    assert '<span class="badge" title="Super-connector">★</span>' in body
    assert f'<span class="chip">{friends.label}</span>' in body
    assert "<td>2</td>" in body
    # 23:30 UTC is the next day in Copenhagen, the workspace's time zone.
    assert '<time datetime="2026-03-15T00:30:00+01:00">' in body


def test_dates_and_labels_follow_the_language(alice: User, workspace: Workspace) -> None:
    person = add_person(workspace, PersonFields(display_name="Bo", is_super_connector=True))
    Person.objects.filter(pk=person.pk).update(
        last_contact_at=datetime(2026, 3, 14, 12, 0, tzinfo=UTC)
    )
    danish = client_for(alice, language="da").get(_people(workspace)).content.decode()
    english = client_for(alice, language="en").get(_people(workspace)).content.decode()
    assert "14.03.2026" in danish and 'aria-label="Vælg Bo"' in danish
    assert "14 Mar 2026" in english and 'aria-label="Select Bo"' in english


def test_roles_for_the_active_goal_show_in_their_column(alice: User, workspace: Workspace) -> None:
    goal = goals.create_goal(workspace, goals.GoalFields(title="New job"), activate=True)
    judged = add_person(workspace, PersonFields(display_name="Ann"))
    add_person(workspace, PersonFields(display_name="Ben"))
    triage.judge(workspace, goal, judged, triage.Judgement(frozenset({Role.INTERMEDIARY})))
    body = client_for(alice).get(_people(workspace)).content.decode()
    assert "Roles for the goal" in body
    assert body.count('<td class="roles">') == 2
    assert '<span class="chip role-intermediary">Intermediary</span>' in body


def test_a_page_of_rows_reads_a_fixed_number_of_queries(alice: User, workspace: Workspace) -> None:
    client = client_for(alice)
    add_person(workspace, PersonFields(display_name="First", organisation="A"))
    client.get(_people(workspace))
    with CaptureQueriesContext(connection) as one:
        client.get(_people(workspace))
    for i in range(30):
        add_person(workspace, PersonFields(display_name=f"P{i}", organisation=f"Org {i}"))
    with CaptureQueriesContext(connection) as many:
        body = client.get(_people(workspace)).content.decode()
    assert "Org 29" in body
    assert len(many.captured_queries) == len(one.captured_queries)
