"""A workspace page about something missing answers 404 for the owner too: the views let a
service's NotFound through and ``workspace_view`` turns it into 404."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from clients import client_for
from netkort.services.people import PersonFields, add_person
from netkort.store.models import Workspace

MISSING = 999_999


@pytest.mark.parametrize(
    "name", ["netkort:person", "netkort:map-person", "netkort:goal-edit", "netkort:meeting"]
)
def test_a_page_about_a_missing_thing_is_404(alice: User, workspace: Workspace, name: str) -> None:
    url = reverse(name, kwargs={"ws": workspace.uid, "pk": MISSING})
    assert client_for(alice).get(url).status_code == 404


def test_removing_a_missing_tie_is_404(alice: User, workspace: Workspace) -> None:
    anne = add_person(workspace, PersonFields(display_name="Anne"))
    url = reverse("netkort:tie-remove", kwargs={"ws": workspace.uid, "pk": anne.pk, "tie": MISSING})
    assert client_for(alice).post(url).status_code == 404


def test_the_person_page_of_an_existing_person_is_200(alice: User, workspace: Workspace) -> None:
    anne = add_person(workspace, PersonFields(display_name="Anne"))
    url = reverse("netkort:person", kwargs={"ws": workspace.uid, "pk": anne.pk})
    assert client_for(alice).get(url).status_code == 200
