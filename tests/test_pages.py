"""Every workspace page: the owner sees it, a coach with a grant reads it, a stranger
gets 404, and nobody signed out gets in."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from clients import client_for
from netkort.services import login_links
from netkort.services.people import PersonFields, add_person
from netkort.store.models import AccessLogEntry, Person, Workspace, WorkspaceGrant


def english() -> Client:
    return Client(headers={"Accept-Language": "en"})


@pytest.fixture
def anne(workspace: Workspace) -> Person:
    return add_person(workspace, PersonFields(display_name="Anne Ærø", title="CTO"))


def pages(workspace: Workspace, person: Person) -> list[str]:
    ws = workspace.uid
    return [
        reverse("netkort:home", kwargs={"ws": ws}),
        reverse("netkort:people", kwargs={"ws": ws}),
        reverse("netkort:person", kwargs={"ws": ws, "pk": person.pk}),
        reverse("netkort:person-edit", kwargs={"ws": ws, "pk": person.pk}),
        reverse("netkort:person-add", kwargs={"ws": ws}),
    ]


def test_it_shows_every_page_to_the_owner(alice: User, workspace: Workspace, anne: Person) -> None:
    client = client_for(alice)
    for url in pages(workspace, anne):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Anne Ærø" in client.get(pages(workspace, anne)[2]).content.decode()


def test_stranger_gets_404_on_every_page(
    charlie: User, charlies_workspace: Workspace, workspace: Workspace, anne: Person
) -> None:
    client = client_for(charlie)
    for url in pages(workspace, anne):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"display_name": "x"}).status_code == 404, url
    anne.refresh_from_db()
    assert anne.display_name == "Anne Ærø"


def test_stranger_gets_404_for_a_person_of_another_workspace_under_his_own(
    charlie: User, charlies_workspace: Workspace, anne: Person
) -> None:
    url = reverse("netkort:person", kwargs={"ws": charlies_workspace.uid, "pk": anne.pk})
    assert client_for(charlie).get(url).status_code == 404


def test_a_coach_with_read_access_sees_but_cannot_change(
    bob: User,
    workspace: Workspace,
    grant: WorkspaceGrant,
    anne: Person,
) -> None:
    client = client_for(bob)
    detail, edit = pages(workspace, anne)[2:4]
    assert client.get(detail).status_code == 200
    response = client.post(edit, {"display_name": "Changed by coach"})
    assert response.status_code == 404
    anne.refresh_from_db()
    assert anne.display_name == "Anne Ærø"
    # The refused edit is not a visit; the page view is.
    assert AccessLogEntry.objects.filter(workspace=workspace, user=bob).count() == 1


def test_a_revoked_coach_sees_nothing(
    bob: User,
    workspace: Workspace,
    grant: WorkspaceGrant,
    anne: Person,
) -> None:
    grant.revoked_at = timezone.now()
    grant.save()
    assert client_for(bob).get(pages(workspace, anne)[2]).status_code == 404


def test_it_sends_the_signed_out_to_the_sign_in_page(workspace: Workspace, anne: Person) -> None:
    for url in pages(workspace, anne):
        response = english().get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("netkort:signed-out")


def test_a_login_link_works_once(alice: User, workspace: Workspace) -> None:
    token = login_links.mint(alice)
    client = english()
    first = client.get(reverse("netkort:login-link", kwargs={"token": token}), follow=True)
    assert first.status_code == 200
    assert first.redirect_chain[-1][0] == reverse("netkort:home", kwargs={"ws": workspace.uid})
    second = english().get(reverse("netkort:login-link", kwargs={"token": token}))
    assert second.status_code == 403
    assert "already been used" in second.content.decode()


def test_the_owner_edits_a_person_and_the_page_shows_it(
    alice: User, workspace: Workspace, anne: Person
) -> None:
    client = client_for(alice)
    edit = reverse("netkort:person-edit", kwargs={"ws": workspace.uid, "pk": anne.pk})
    response = client.post(
        edit,
        {
            "display_name": "Anne Ærø",
            "title": "Direktør",
            "phones": "20 12 34 56",
            "emails": "anne@example.dk",
            "tags": "mentor, board",
            "closeness": "2",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Direktør" in page
    assert "anne@example.dk" in page
    anne.refresh_from_db()
    assert anne.closeness == 2
    assert sorted(t.name for t in anne.tags.all()) == ["board", "mentor"]


def test_a_bad_phone_number_is_named_on_the_form(
    alice: User, workspace: Workspace, anne: Person
) -> None:
    edit = reverse("netkort:person-edit", kwargs={"ws": workspace.uid, "pk": anne.pk})
    response = client_for(alice).post(edit, {"display_name": "Anne Ærø", "phones": "abc"})
    assert response.status_code == 200
    assert "is not a phone number" in response.content.decode()


def test_quick_add_creates_a_person_with_a_context(alice: User, workspace: Workspace) -> None:
    friends = workspace.contexts.get(key="friends")
    url = reverse("netkort:person-add", kwargs={"ws": workspace.uid})
    client_for(alice).post(
        url, {"display_name": "Bjørn Ås", "organisation": "Fjordbank", "contexts": [friends.pk]}
    )
    person = Person.objects.get(workspace=workspace, display_name="Bjørn Ås")
    assert person.organisation is not None and person.organisation.name == "Fjordbank"
    assert list(person.contexts.all()) == [friends]


def test_the_list_searches_and_answers_htmx_with_the_results_only(
    alice: User, workspace: Workspace, anne: Person
) -> None:
    add_person(workspace, PersonFields(display_name="Bo Holm"))
    url = reverse("netkort:people", kwargs={"ws": workspace.uid})
    full = client_for(alice).get(url, {"q": "aero"}).content.decode()
    assert "Anne Ærø" in full and "Bo Holm" not in full and "<html" in full
    partial = client_for(alice).get(url, {"q": "holm"}, headers={"HX-Request": "true"})
    body = partial.content.decode()
    assert "Bo Holm" in body and "<html" not in body


def test_the_pages_speak_danish_and_english(alice: User, workspace: Workspace) -> None:
    client = client_for(alice)
    url = reverse("netkort:home", kwargs={"ws": workspace.uid})
    client.cookies["django_language"] = "da"
    assert "Tilføj" in client.get(url).content.decode()
    client.cookies["django_language"] = "en"
    assert "Add person" in client.get(url).content.decode()


def test_the_app_speaks_danish_unless_the_browser_asks_otherwise() -> None:
    code = "from django.conf import settings; print(settings.LANGUAGE_CODE)"
    env = {k: v for k, v in os.environ.items() if k != "NETKORT_LANGUAGE"}
    env["DJANGO_SETTINGS_MODULE"] = "netkort.web.settings"
    out = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout.strip()
    assert out == "da"
