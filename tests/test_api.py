"""The read API: the same people the pages show, to the same users, and 404 to others."""

from __future__ import annotations

import uuid

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from clients import client_for
from netkort.services.people import PersonFields, add_person
from netkort.store.models import AccessLogEntry, Person, Workspace, WorkspaceGrant


@pytest.fixture
def anne(workspace: Workspace) -> Person:
    return add_person(
        workspace,
        PersonFields(display_name="Anne Ærø", organisation="Fjordbank", emails=["a@f.dk"]),
    )


def test_the_owner_lists_and_reads_her_people(
    alice: User, workspace: Workspace, anne: Person
) -> None:
    add_person(workspace, PersonFields(display_name="Bo Holm"))
    client = client_for(alice)
    listing = client.get(f"/api/w/{workspace.uid}/people", {"q": "aero"}).json()
    assert listing["count"] == 1
    assert listing["items"][0]["display_name"] == "Anne Ærø"
    assert listing["items"][0]["organization"] == "Fjordbank"
    detail = client.get(f"/api/w/{workspace.uid}/people/{anne.pk}").json()
    assert detail["emails"] == ["a@f.dk"]
    everyone = client.get(f"/api/w/{workspace.uid}/people", {"limit": 1, "offset": 1}).json()
    assert everyone["count"] == 2 and len(everyone["items"]) == 1


def test_it_lists_the_workspaces_the_caller_may_see_with_the_role(
    bob: User, workspace: Workspace, grant: WorkspaceGrant
) -> None:
    from netkort.services.workspaces import create_workspace

    own = create_workspace(bob, "Bob's network")
    rows = client_for(bob).get("/api/workspaces").json()
    assert [(r["uid"], r["role"]) for r in rows] == [
        (str(own.uid), "owner"),
        (str(workspace.uid), "read"),
    ]


def test_a_stranger_gets_404_and_no_data(
    charlie: User, charlies_workspace: Workspace, workspace: Workspace, anne: Person
) -> None:
    client = client_for(charlie)
    for url in (
        f"/api/w/{workspace.uid}/people",
        f"/api/w/{workspace.uid}/people/{anne.pk}",
        f"/api/w/{charlies_workspace.uid}/people/{anne.pk}",
        f"/api/w/{uuid.uuid4()}/people",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Anne" not in response.content.decode()
    assert client.get("/api/workspaces").json() == [
        {"uid": str(charlies_workspace.uid), "name": "Charlie's network", "role": "owner"}
    ]


def test_a_coachs_reading_is_logged_and_ends_with_the_grant(
    bob: User, workspace: Workspace, grant: WorkspaceGrant, anne: Person
) -> None:
    client = client_for(bob)
    assert client.get(f"/api/w/{workspace.uid}/people/{anne.pk}").status_code == 200
    assert AccessLogEntry.objects.filter(workspace=workspace, user=bob).count() == 1
    grant.revoked_at = timezone.now()
    grant.save()
    assert client.get(f"/api/w/{workspace.uid}/people/{anne.pk}").status_code == 404


def test_nobody_signed_out_reads_anything(workspace: Workspace, anne: Person) -> None:
    response = Client().get(f"/api/w/{workspace.uid}/people")
    assert response.status_code == 401
    assert "Anne" not in response.content.decode()


def test_the_openapi_description_names_every_endpoint() -> None:
    spec = Client().get("/api/openapi.json").json()
    assert spec["info"]["title"] == "netkort"
    assert set(spec["paths"]) == {
        "/api/workspaces",
        "/api/w/{ws}/people",
        "/api/w/{ws}/people/{person_id}",
    }


def test_out_of_range_numbers_are_refused_not_crashed(alice: User, workspace: Workspace) -> None:
    client = client_for(alice)
    assert client.get(f"/api/w/{workspace.uid}/people/{2**70}").status_code in (404, 422)
    assert client.get(f"/api/w/{workspace.uid}/people", {"limit": 10_000}).status_code == 422
    assert client.get(f"/api/w/{workspace.uid}/people", {"q": "a\x00b"}).status_code == 200
