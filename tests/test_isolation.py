"""Isolation on every workspace URL there is, found by walking the URL configuration:
a stranger gets 404, a coach who may only read changes nothing, a revoked coach sees
nothing, and nobody signed out gets in. New pages are covered without editing this file.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from clients import client_for
from netkort.services.people import PersonFields, add_person
from netkort.store.models import Person, Workspace, WorkspaceGrant

pytestmark = pytest.mark.usefixtures("server_mode")

CONVERTER = re.compile(r"<(?:(?P<kind>\w+):)?(?P<name>\w+)>")


def routes(patterns: list[Any] | None = None, prefix: str = "") -> Iterator[str]:
    """Every route of the URL configuration, with its converters left in."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def workspace_routes() -> list[str]:
    found = sorted({r for r in routes() if "<uuid:ws>" in r})
    assert len(found) > 5
    return found


def fill(route: str, ws: uuid.UUID, number: int) -> str:
    """A concrete path: the workspace's id, an existing person's id, a plain word."""

    def value(match: re.Match[str]) -> str:
        if match["name"] == "ws":
            return str(ws)
        if match["kind"] == "int":
            return str(number)
        return "x"

    return "/" + CONVERTER.sub(value, route).lstrip("^").rstrip("$")


@pytest.fixture
def anne(workspace: Workspace) -> Person:
    return add_person(workspace, PersonFields(display_name="Anne Ærø", title="CTO"))


def snapshot(workspace: Workspace) -> dict[str, list[dict[str, Any]]]:
    """Every row of the workspace in every table, to compare before and after."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for model in apps.get_app_config(Person._meta.app_label).get_models():
        field_names = {f.name for f in model._meta.get_fields()}
        if "workspace" in field_names:
            rows[model.__name__] = list(model.objects.filter(workspace=workspace).values())
    rows["Workspace"] = list(Workspace.objects.filter(pk=workspace.pk).values())
    return rows


def test_the_walk_finds_every_workspace_page() -> None:
    found = workspace_routes()
    for name in ("people/", "sharing/", "access-log/", "people/<int:pk>/delete/"):
        assert f"w/<uuid:ws>/{name}" in found


def test_a_stranger_gets_404_on_every_workspace_url(
    charlie: User, charlies_workspace: Workspace, workspace: Workspace, anne: Person
) -> None:
    client = client_for(charlie)
    before = snapshot(workspace)
    for route in workspace_routes():
        url = fill(route, workspace.uid, anne.pk)
        missing = fill(route, uuid.uuid4(), anne.pk)
        assert client.post(url, {"display_name": "x"}).status_code == 404, url
        answer = client.get(url).status_code
        # A view that refuses GET before it looks at the workspace answers 405 whether
        # the workspace is his or missing: that tells him nothing.
        assert answer in (404, 405), url
        assert answer == client.get(missing).status_code, url
    assert snapshot(workspace) == before


def test_a_coach_who_may_only_read_cannot_change_anything(
    bob: User, workspace: Workspace, grant: WorkspaceGrant, anne: Person
) -> None:
    client = client_for(bob)
    before = snapshot(workspace)
    for level in ("read", "comment"):
        grant.level = level
        grant.save()
        for route in workspace_routes():
            url = fill(route, workspace.uid, anne.pk)
            data = {"display_name": "Changed", "title": "x", "name": "x", "level": "edit"}
            assert client.post(url, data).status_code == 404, (level, url)
    grant.level = "read"
    grant.save()
    assert snapshot(workspace) == before


def test_a_coach_who_may_read_sees_the_pages(
    bob: User, workspace: Workspace, grant: WorkspaceGrant, anne: Person
) -> None:
    client = client_for(bob)
    for name in ("home", "people"):
        assert (
            client.get(reverse(f"netkort:{name}", kwargs={"ws": workspace.uid})).status_code == 200
        )
    person = reverse("netkort:person", kwargs={"ws": workspace.uid, "pk": anne.pk})
    assert client.get(person).status_code == 200


def test_a_revoked_coach_gets_404_on_every_workspace_url(
    bob: User, workspace: Workspace, grant: WorkspaceGrant, anne: Person
) -> None:
    grant.level = "edit"
    grant.revoked_at = timezone.now()
    grant.save()
    client = client_for(bob)
    for route in workspace_routes():
        url = fill(route, workspace.uid, anne.pk)
        assert client.get(url).status_code in (404, 405), url
        assert client.post(url, {"display_name": "x"}).status_code == 404, url


def test_a_disabled_coach_gets_404_even_with_a_live_grant(
    bob: User, workspace: Workspace, grant: WorkspaceGrant, anne: Person
) -> None:
    client = client_for(bob)
    bob.is_active = False
    bob.save()
    person = reverse("netkort:person", kwargs={"ws": workspace.uid, "pk": anne.pk})
    assert client.get(person).status_code in (302, 404)


def test_nobody_signed_out_gets_into_any_workspace_url(workspace: Workspace, anne: Person) -> None:
    client = Client()
    for route in workspace_routes():
        url = fill(route, workspace.uid, anne.pk)
        for answer in (client.get(url), client.post(url)):
            assert answer.status_code in (302, 404, 405), url
            if answer.status_code == 302:
                assert answer["Location"].startswith(reverse("netkort:login")), url


def test_a_calendar_feed_with_a_guessed_token_is_404(workspace: Workspace) -> None:
    feeds = [r for r in routes() if "<str:token>" in r and r.startswith("feed")]
    for route in feeds:
        assert Client().get("/" + route.replace("<str:token>", "guessed")).status_code == 404
