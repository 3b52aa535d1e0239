"""The person page reads each thing once and passes it on: what its parts compute from
what the page has read is what they would read for themselves."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clients import client_for
from netkort.services import analysis, demo, favours, meetings, people
from netkort.services.meetings import Proposal
from netkort.store.models import Favour, Interaction, Person, Workspace, WorkspaceGrant
from netkort.web.views.outreach import can_write
from outreach_helpers import contact_on, person


def page_read(workspace: Workspace, pk: int) -> tuple[Person, dict[str, object]]:
    found = people.get_person(workspace, pk)
    return found, people.details_of(found)


def test_the_estimate_from_what_the_page_read_is_the_estimate_read_alone(
    workspace: Workspace,
) -> None:
    demo.load_demo(workspace, size=120)
    analysis.forget(workspace)
    compared = 0
    for pk in Person.objects.filter(workspace=workspace).values_list("pk", flat=True):
        found, details = page_read(workspace, pk)
        everything = details["every_interaction"]
        assert everything is not None  # the demo's persons have few contacts
        introduced, favoured = details["introduced"], details["favours"]
        assert isinstance(introduced, list) and isinstance(favoured, list)
        alone = analysis.strength_of(workspace, pk)
        for interactions in (everything, None):
            read = analysis.PersonRead(found, len(introduced), favoured, interactions)  # type: ignore[arg-type]
            assert analysis.strength_of(workspace, pk, read) == alone, pk
        compared += 1
    assert compared == 120


def test_a_long_history_is_shown_in_part_and_the_estimate_counts_all_of_it(
    workspace: Workspace,
) -> None:
    anna = person(workspace, "Anna", closeness=None)
    today = timezone.localdate()
    for days in range(people.HISTORY_SHOWN + 5):
        contact_on(workspace, anna, today - timedelta(days=days + 1))
    found, details = page_read(workspace, anna.pk)
    assert len(details["interactions"]) == people.HISTORY_SHOWN  # type: ignore[arg-type]
    assert details["every_interaction"] is None
    html = client_for(workspace.owner).get(
        reverse("netkort:person", kwargs={"ws": workspace.uid, "pk": anna.pk})
    )
    assert html.content.decode().count("<tr><td><time") == people.HISTORY_SHOWN
    alone = analysis.strength_of(workspace, anna.pk)
    assert (
        alone is not None
        and analysis.strength_of(workspace, anna.pk, analysis.PersonRead(found, 0, [], None))
        == alone
    )


def test_upcoming_meetings_from_the_persons_interactions_are_those_read_alone(
    workspace: Workspace,
) -> None:
    anna, bo = person(workspace, "Anna"), person(workspace, "Bo")
    today = timezone.localdate()
    for days, who in ((3, anna), (1, anna), (2, bo)):
        meetings.propose(
            workspace, who, Proposal(today + timedelta(days=days), time(10), 20, "teams", "")
        )
    contact_on(workspace, anna, today - timedelta(days=5))
    _, details = page_read(workspace, anna.pk)
    among = details["every_interaction"]
    assert isinstance(among, list)
    alone = meetings.upcoming(workspace, anna)
    assert [m.pk for m in meetings.upcoming(workspace, anna, among=among)] == [m.pk for m in alone]
    assert len(alone) == 2 and alone[0].occurred_at < alone[1].occurred_at


def test_a_persons_balance_counts_only_their_favours(workspace: Workspace) -> None:
    anna, bo = person(workspace, "Anna"), person(workspace, "Bo")
    for who, direction in ((anna, "given"), (anna, "given"), (anna, "received"), (bo, "given")):
        favours.log_favour(workspace, who, direction=direction, kind="advice")
    assert (
        favours.balance_of(workspace, anna).given,
        favours.balance_of(workspace, anna).received,
    ) == (2, 1)
    read = list(Favour.objects.filter(person=anna))
    assert favours.balance_of(workspace, anna, read=read) == favours.balance_of(workspace, anna)
    assert favours.balance_of(workspace).given == 3


@pytest.mark.parametrize(
    ("level", "revoked", "writes"),
    [
        ("edit", False, True),
        ("comment", False, False),
        ("read", False, False),
        ("edit", True, False),
    ],
)
def test_who_may_write_follows_the_grant(
    workspace: Workspace, bob: User, level: str, revoked: bool, writes: bool
) -> None:
    WorkspaceGrant.objects.create(
        workspace=workspace, user=bob, level=level, revoked_at=timezone.now() if revoked else None
    )
    request = RequestFactory().get("/")
    request.user = bob
    assert can_write(request, workspace) is writes
    request.user = workspace.owner
    with CaptureQueriesContext(connection) as queries:
        assert can_write(request, workspace)
    assert len(queries.captured_queries) == 0  # the owner is known from the workspace


def test_the_page_reads_the_workspace_once_and_not_every_favour(workspace: Workspace) -> None:
    anna, bo = person(workspace, "Anna", closeness=2), person(workspace, "Bo")
    favours.log_favour(workspace, bo, direction="given", kind="advice")
    favours.log_favour(workspace, anna, direction="received", kind="advice")
    client = client_for(workspace.owner)
    url = reverse("netkort:person", kwargs={"ws": workspace.uid, "pk": anna.pk})
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    assert page.status_code == 200
    sql = [q["sql"] for q in queries.captured_queries]
    assert sum('FROM "netkort_workspace"' in q for q in sql) == 1
    assert sum('FROM "netkort_tie"' in q for q in sql) == 1
    favour_reads = [q for q in sql if 'FROM "netkort_favour"' in q]
    assert len(favour_reads) == 1 and str(anna.pk) in favour_reads[0]
    assert "given 0 · received 1" in page.content.decode()
    assert not Interaction.objects.exists()
