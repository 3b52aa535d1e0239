"""The Import and Possible duplicates pages, for the owner, a coach and a stranger."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clients import client_for
from import_format import HEADER, message, person, registered
from netkort.services import duplicates
from netkort.services.people import PersonFields, add_person
from netkort.store.models import (
    InteractionPerson,
    MergeDecision,
    Person,
    Workspace,
    WorkspaceGrant,
)
from netkort.web import import_forms

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def test_format() -> Iterator[None]:
    with registered():
        yield


def upload(name: str, *lines: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, ("\n".join([HEADER, *lines]) + "\n").encode())


def urls(workspace: Workspace) -> list[str]:
    return [
        reverse("netkort:import", kwargs={"ws": workspace.uid}),
        reverse("netkort:duplicates", kwargs={"ws": workspace.uid}),
    ]


@pytest.fixture
def pair(workspace: Workspace) -> tuple[Person, Person]:
    """Two persons proposed as duplicates (a nickname and a new job)."""
    kristian = add_person(
        workspace, PersonFields(display_name="Kristian Hansen", organisation="Fjordbank")
    )
    kris = add_person(
        workspace,
        PersonFields(display_name="Kris Hansen", organisation="Nordlys", emails=["k@n.dk"]),
    )
    found = duplicates.evidence(duplicates.identity_of(kristian), duplicates.identity_of(kris))
    duplicates.add_proposals(workspace, [(kristian.pk, kris.pk, found)])
    return kristian, kris


def test_the_owner_sees_both_pages(alice: User, workspace: Workspace) -> None:
    client = client_for(alice)
    for url in urls(workspace):
        assert client.get(url).status_code == 200, url
    page = client.get(urls(workspace)[0]).content.decode()
    assert 'type="file"' in page and "multiple" in page and "test rows" in page


def test_the_nav_links_to_the_import_page(alice: User, workspace: Workspace) -> None:
    page = client_for(alice).get(reverse("netkort:home", kwargs={"ws": workspace.uid}))
    assert urls(workspace)[0] in page.content.decode()


def test_a_stranger_gets_404_and_changes_nothing(
    charlie: User, charlies_workspace: Workspace, workspace: Workspace, pair: tuple[Person, Person]
) -> None:
    client = client_for(charlie)
    for url in urls(workspace):
        assert client.get(url).status_code == 404, url
    response = client.post(
        urls(workspace)[0], {"uploads": upload("a.txt", person("a", "Eve", "X"))}
    )
    assert response.status_code == 404
    a, b = pair
    response = client.post(urls(workspace)[1], {"a": a.pk, "b": b.pk, "action": "merge"})
    assert response.status_code == 404
    assert Person.objects.filter(workspace=workspace).count() == 2


def test_a_coach_with_read_access_sees_but_cannot_import_or_merge(
    bob: User, workspace: Workspace, grant: WorkspaceGrant, pair: tuple[Person, Person]
) -> None:
    client = client_for(bob)
    assert client.get(urls(workspace)[1]).status_code == 200
    response = client.post(
        urls(workspace)[0], {"uploads": upload("a.txt", person("a", "Eve", "X"))}
    )
    assert response.status_code == 404
    a, b = pair
    response = client.post(urls(workspace)[1], {"a": a.pk, "b": b.pk, "action": "separate"})
    assert response.status_code == 404
    assert Person.objects.filter(workspace=workspace).count() == 2
    assert not MergeDecision.objects.exists()


def test_an_upload_is_imported_and_reported(alice: User, workspace: Workspace) -> None:
    files = [
        upload("../../contacts.txt", person("a", "Anne", "Holm", "Fjordbank"), "skip|x"),
        upload("more.txt", person("b", "Bo", "Berg"), message("m1", "b", "2024-01-02T10:00")),
    ]
    response = client_for(alice).post(urls(workspace)[0], {"uploads": files})
    assert response.status_code == 200
    page = response.content.decode()
    assert "What the import did" in page
    assert "contacts.txt" in page and "more.txt" in page and "../" not in page
    assert "line 3" in page and "a row to skip" in page
    assert "Your network now holds 2 persons." in page
    assert Person.objects.filter(workspace=workspace).count() == 2
    assert InteractionPerson.objects.filter(person__given_name="Bo").count() == 1


def test_a_dry_run_upload_changes_nothing(alice: User, workspace: Workspace) -> None:
    files = [upload("a.txt", person("a", "Anne", "Holm"))]
    response = client_for(alice).post(urls(workspace)[0], {"uploads": files, "dry_run": "on"})
    assert "nothing was changed" in response.content.decode()
    assert not Person.objects.filter(workspace=workspace).exists()


def test_a_broken_upload_is_named_and_nothing_is_imported(
    alice: User, workspace: Workspace
) -> None:
    files = [upload("good.txt", person("a", "Anne", "Holm")), upload("bad.txt", "nonsense")]
    response = client_for(alice).post(urls(workspace)[0], {"uploads": files})
    assert response.status_code == 400
    page = response.content.decode()
    assert "bad.txt, line 2" in page and "Nothing was imported." in page
    assert "netkort-upload-" not in page
    assert not Person.objects.filter(workspace=workspace).exists()


def test_a_too_large_upload_is_refused(
    alice: User, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(import_forms, "MAX_FILE_BYTES", 10)
    files = [upload("big.txt", person("a", "Anne", "Holm"))]
    response = client_for(alice).post(urls(workspace)[0], {"uploads": files})
    assert response.status_code == 400
    assert "big.txt is larger than" in response.content.decode()
    assert not Person.objects.filter(workspace=workspace).exists()


def test_the_duplicates_page_shows_the_evidence_side_by_side(
    alice: User, workspace: Workspace, pair: tuple[Person, Person]
) -> None:
    page = client_for(alice).get(urls(workspace)[1]).content.decode()
    assert "Kristian Hansen" in page and "Kris Hansen" in page
    assert "Fjordbank" in page and "Nordlys" in page and "k@n.dk" in page
    assert "a similar name" in page or "the same name" in page
    assert "different organisations" in page


def test_merging_keeps_everything_on_the_chosen_person(
    alice: User, workspace: Workspace, pair: tuple[Person, Person]
) -> None:
    kristian, kris = pair
    response = client_for(alice).post(
        urls(workspace)[1], {"a": kristian.pk, "b": kris.pk, "action": "merge", "keep": "a"}
    )
    assert response.status_code == 302
    kristian.refresh_from_db()
    assert not Person.objects.filter(pk=kris.pk).exists()
    assert [e.address for e in kristian.emails.all()] == ["k@n.dk"]
    assert kristian.organisation is not None and kristian.organisation.name == "Fjordbank"
    others = kristian.provenance["organisation"]["others"]
    assert [o["value"] for o in others] == ["Nordlys"]
    assert duplicates.proposals(workspace) == []
    assert MergeDecision.objects.get(decision="merged").kept == kristian


def test_keeping_apart_is_remembered_for_the_next_import(
    alice: User, workspace: Workspace, pair: tuple[Person, Person], tmp_path: Path
) -> None:
    kristian, kris = pair
    client = client_for(alice)
    client.post(urls(workspace)[1], {"a": kristian.pk, "b": kris.pk, "action": "separate"})
    assert duplicates.proposals(workspace) == []
    # Kris is deleted and comes back from a file: the pair is not proposed again.
    kris.delete()
    files = [upload("again.txt", person("k", "Kris", "Hansen", "Nordlys", email="k@n.dk"))]
    client.post(urls(workspace)[0], {"uploads": files})
    assert Person.objects.filter(workspace=workspace).count() == 2
    assert duplicates.proposals(workspace) == []


SHEET = (
    "Mit netværk – marts 2026;;;\n;;;\n"
    "Navn;Firma;Hvor kender jeg hende fra?;Kælenavn\n"
    "Søren Kjær;Novo Nordisk;DTU, 2009;Sønne\n"
    "Ida Ørum;;Håndbold;\n"
).encode("cp1252")


def test_a_new_sheet_asks_for_its_columns_and_remembers_them(
    alice: User, workspace: Workspace
) -> None:
    client = client_for(alice)
    response = client.post(urls(workspace)[0], {"uploads": SimpleUploadedFile("net.csv", SHEET)})
    map_url = reverse("netkort:import-map", kwargs={"ws": workspace.uid})
    assert response.status_code == 302 and response["Location"] == map_url
    page = client.get(map_url).content.decode()
    assert "Hvor kender jeg hende fra?" in page and "Søren Kjær" in page
    assert '<option value="display_name" selected>' in page
    assert '<option value="organisation" selected>' in page
    assert not Person.objects.filter(workspace=workspace).exists()
    # The user maps the nickname column to the notes and imports.
    response = client.post(
        map_url, {"s0-c0": "display_name", "s0-c1": "organisation", "s0-c2": "how_met",
                  "s0-c3": "notes"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "What the import did" in response.content.decode()
    soeren = Person.objects.get(workspace=workspace, given_name="Søren")
    assert soeren.organisation is not None and soeren.organisation.name == "Novo Nordisk"
    assert "Sønne" in soeren.notes and "DTU, 2009" in soeren.notes
    # The next sheet of that shape is imported at once, the same way.
    again = SHEET.replace("Ida Ørum".encode("cp1252"), "Bo Berg".encode("cp1252"))
    response = client.post(urls(workspace)[0], {"uploads": SimpleUploadedFile("n2.csv", again)})
    assert response.status_code == 200
    assert Person.objects.filter(workspace=workspace, given_name="Bo").exists()
    assert Person.objects.filter(workspace=workspace).count() == 3


def test_the_column_page_without_an_upload_sends_back_to_the_import(
    alice: User, workspace: Workspace
) -> None:
    map_url = reverse("netkort:import-map", kwargs={"ws": workspace.uid})
    response = client_for(alice).get(map_url)
    assert response.status_code == 302 and response["Location"] == urls(workspace)[0]


def test_a_stranger_cannot_reach_the_column_page(
    charlie: User, charlies_workspace: Workspace, workspace: Workspace
) -> None:
    map_url = reverse("netkort:import-map", kwargs={"ws": workspace.uid})
    client = client_for(charlie)
    assert client.get(map_url).status_code == 404
    assert client.post(map_url, {"s0-c0": "display_name"}).status_code == 404


def test_the_person_page_shows_an_employer_change_from_a_newer_export(
    alice: User, workspace: Workspace
) -> None:
    client = client_for(alice)
    url = "https://www.linkedin.com/in/anne-holm"
    old = upload("old.txt", person("a", "Anne", "Holm", "Fjordbank", "CTO", linkedin=url))
    client.post(urls(workspace)[0], {"uploads": [old]})
    new = upload("new.txt", person("a", "Anne", "Holm", "Vestenvind", "CEO", linkedin=url))
    client.post(urls(workspace)[0], {"uploads": [new]})
    anne = Person.objects.get(workspace=workspace, linkedin_url=url)
    page = client.get(reverse("netkort:person", kwargs={"ws": workspace.uid, "pk": anne.pk}))
    text = page.content.decode()
    assert "Earlier employers" in text and "Fjordbank · CTO" in text
