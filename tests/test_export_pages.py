"""The export page: the owner downloads every format, a coach reads, a stranger gets 404."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from clients import client_for
from netkort.services.demo import load_demo
from netkort.store.models import Goal, Person, Workspace, WorkspaceGrant

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "vcf": "text/vcard; charset=utf-8",
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
    "ics": "text/calendar; charset=utf-8",
    "json": "application/json",
}


@pytest.fixture
def demo(workspace: Workspace) -> Workspace:
    load_demo(workspace, size=30)
    workspace.name = "Alice's <network> æøå"
    workspace.save()
    return workspace


def urls(workspace: Workspace) -> tuple[str, str]:
    ws = workspace.uid
    return (
        reverse("netkort:export", kwargs={"ws": ws}),
        reverse("netkort:export-download", kwargs={"ws": ws}),
    )


def test_it_shows_the_export_page_with_every_format(alice: User, demo: Workspace) -> None:
    page, _ = urls(demo)
    response = client_for(alice).get(page)
    assert response.status_code == 200
    html = response.content.decode()
    for fmt in CONTENT_TYPES:
        assert f'value="{fmt}"' in html
    assert 'aria-current="page"' in html
    goal = Goal.objects.get(workspace=demo, is_active=True)
    assert goal.title in html


@pytest.mark.parametrize("fmt", sorted(CONTENT_TYPES))
def test_the_owner_downloads_each_format_with_a_safe_name(
    alice: User, demo: Workspace, fmt: str
) -> None:
    _, download = urls(demo)
    response = client_for(alice).get(download, {"format": fmt, "language": "en"})
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES[fmt]
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="netkort-alices-network-')
    filename = disposition.split('filename="')[1].rstrip('"')
    assert filename.endswith(f".{fmt}")
    assert all(c.isascii() and (c.isalnum() or c in "-.") for c in filename), filename
    assert len(response.content) > 100


def test_the_backup_download_holds_the_whole_network(alice: User, demo: Workspace) -> None:
    _, download = urls(demo)
    response = client_for(alice).get(download, {"format": "json", "language": "en"})
    data = json.loads(response.content)
    assert len(data["tables"]["persons"]["rows"]) == Person.objects.filter(workspace=demo).count()


def test_a_csv_with_semicolons_for_danish_excel(alice: User, demo: Workspace) -> None:
    _, download = urls(demo)
    response = client_for(alice).get(
        download, {"format": "csv", "language": "da", "delimiter": ";"}
    )
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffnetkort-id;Navn;")


def test_a_bad_choice_shows_the_page_again(alice: User, demo: Workspace) -> None:
    _, download = urls(demo)
    response = client_for(alice).get(download, {"format": "exe", "language": "en"})
    assert response.status_code == 400
    assert "Content-Disposition" not in response
    assert b"Select a valid choice" in response.content


def test_a_goal_of_another_workspace_is_refused(
    alice: User, demo: Workspace, charlies_workspace: Workspace
) -> None:
    load_demo(charlies_workspace, size=5)
    other = Goal.objects.filter(workspace=charlies_workspace).first()
    assert other is not None
    _, download = urls(demo)
    response = client_for(alice).get(
        download, {"format": "xlsx", "language": "en", "goal": other.pk}
    )
    assert response.status_code == 400


def test_a_stranger_gets_404_on_the_page_and_the_downloads(
    charlie: User, charlies_workspace: Workspace, demo: Workspace
) -> None:
    client = client_for(charlie)
    for url in urls(demo):
        assert client.get(url, {"format": "json", "language": "en"}).status_code == 404
        assert client.post(url, {"format": "json"}).status_code == 404


def test_a_coach_reads_and_downloads_but_cannot_post(
    bob: User, demo: Workspace, grant: WorkspaceGrant
) -> None:
    client = client_for(bob)
    page, download = urls(demo)
    assert client.get(page).status_code == 200
    response = client.get(download, {"format": "vcf", "language": "en"})
    assert response.status_code == 200
    assert b"BEGIN:VCARD" in response.content
    for url in (page, download):
        assert client.post(url, {"format": "json"}).status_code == 404


def test_signed_out_visitors_are_sent_away(demo: Workspace) -> None:
    for url in urls(demo):
        response = Client().get(url, {"format": "json"})
        assert response.status_code == 302
