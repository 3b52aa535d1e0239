"""Forgetting: a person with every trace of them, and a user with everything they own."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from clients import client_for
from netkort.services import analysis, privacy
from netkort.services.people import PersonFields, add_person
from netkort.store import models as m
from netkort.store.models import Person, Workspace, WorkspaceGrant

PASSWORD = "fjord-lighthouse-27"


@pytest.fixture
def anne(workspace: Workspace) -> Person:
    return add_person(
        workspace,
        PersonFields(
            display_name="Anne Ærø",
            emails=["anne@example.dk"],
            phones=["+45 20 12 34 56"],
            tags=["mentor"],
            context_ids=[workspace.contexts.first().pk],  # type: ignore[union-attr]
        ),
    )


@pytest.fixture
def bo(workspace: Workspace, anne: Person) -> Person:
    bo = add_person(workspace, PersonFields(display_name="Bo Holm"))
    bo.introduced_by = anne
    bo.save()
    return bo


def meet(workspace: Workspace, *persons: Person, summary: str) -> m.Interaction:
    interaction = m.Interaction.objects.create(
        workspace=workspace, occurred_at=timezone.now(), channel="meeting", summary=summary
    )
    for person in persons:
        m.InteractionPerson.objects.create(
            workspace=workspace, interaction=interaction, person=person
        )
    return interaction


def traces(workspace: Workspace, person_id: int) -> dict[str, int]:
    """How many rows still point at the person, table by table."""
    counts = {}
    for model in (
        m.InteractionPerson,
        m.Assessment,
        m.Favour,
        m.EmailAddress,
        m.PhoneNumber,
        m.PersonContext,
        m.PersonTag,
    ):
        counts[model.__name__] = model.objects.filter(person_id=person_id).count()
    counts["Tie"] = m.Tie.objects.filter(workspace=workspace, a_id=person_id).count() + (
        m.Tie.objects.filter(workspace=workspace, b_id=person_id).count()
    )
    counts["MergeDecision"] = m.MergeDecision.objects.filter(kept_id=person_id).count()
    counts["Person"] = Person.objects.filter(pk=person_id).count()
    return counts


def search_trigrams() -> set[str]:
    """Every trigram the SQLite search index holds (its vocabulary)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocabulary "
            "USING fts5vocab(main, netkort_person_search, 'row')"
        )
        cursor.execute("SELECT term FROM temp.search_vocabulary")
        return {term for (term,) in cursor.fetchall()}


def test_deleting_a_person_leaves_no_trace_of_them(
    alice: User,
    workspace: Workspace,
    anne: Person,
    bo: Person,
    django_capture_on_commit_callbacks: Any,
) -> None:
    alone = meet(workspace, anne, summary="Coffee with Anne")
    shared = meet(workspace, anne, bo, summary="Lunch with both")
    low, high = sorted([anne, bo], key=lambda p: p.pk)
    m.Tie.objects.create(workspace=workspace, a=low, b=high, source="typed")
    goal = m.Goal.objects.create(workspace=workspace, kind="job", title="CFO", is_active=True)
    assessment = m.Assessment.objects.create(workspace=workspace, person=anne, goal=goal)
    m.StatusChange.objects.create(workspace=workspace, assessment=assessment, to_status="met")
    m.Favour.objects.create(
        workspace=workspace, person=anne, direction="given", kind="advice", on=date.today()
    )
    m.MergeDecision.objects.create(
        workspace=workspace, kept=anne, other=None, other_keys=["anne@old.dk"], decision="separate"
    )
    assert "Anne Ærø" in analysis.measures(workspace).candidates.names
    sqlite = connection.vendor == "sqlite"
    assert not sqlite or "roe" in search_trigrams()  # from "aeroe", Anne's folded name
    url = reverse("netkort:person-delete", kwargs={"ws": workspace.uid, "pk": anne.pk})
    client = client_for(alice)
    assert "Delete Anne Ærø for good?" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(url, follow=True)
    assert "Anne Ærø and everything about them is deleted" in page.content.decode()
    assert analysis.kept.latest(workspace.pk) is None  # no kept measures name her
    assert not sqlite or "roe" not in search_trigrams()
    assert set(traces(workspace, anne.pk).values()) == {0}
    assert not m.Interaction.objects.filter(pk=alone.pk).exists()
    assert list(shared.persons.all()) == [bo]
    assert not m.StatusChange.objects.filter(workspace=workspace).exists()
    assert not m.MergeDecision.objects.filter(workspace=workspace).exists()
    bo.refresh_from_db()
    assert bo.introduced_by is None


def test_a_person_of_another_workspace_cannot_be_deleted_through_mine(
    charlie: User, charlies_workspace: Workspace, anne: Person
) -> None:
    url = reverse("netkort:person-delete", kwargs={"ws": charlies_workspace.uid, "pk": anne.pk})
    assert client_for(charlie).post(url).status_code == 404
    assert Person.objects.filter(pk=anne.pk).exists()


def test_a_coach_with_edit_rights_may_delete_a_person_and_a_reader_may_not(
    bob: User, workspace: Workspace, grant: WorkspaceGrant, anne: Person, bo: Person
) -> None:
    client = client_for(bob)
    url = reverse("netkort:person-delete", kwargs={"ws": workspace.uid, "pk": anne.pk})
    assert client.post(url).status_code == 404
    grant.level = "edit"
    grant.save()
    assert client.post(url).status_code == 302
    assert not Person.objects.filter(pk=anne.pk).exists()


def test_deleting_my_account_deletes_my_workspace_and_everything_in_it(
    server_mode: None,
    alice: User,
    bob: User,
    workspace: Workspace,
    grant: WorkspaceGrant,
    anne: Person,
    bo: Person,
    charlies_workspace: Workspace,
) -> None:
    alice.set_password(PASSWORD)
    alice.save()
    meet(workspace, anne, bo, summary="Lunch")
    WorkspaceGrant.objects.create(workspace=charlies_workspace, user=alice, level="read")
    client = client_for(alice)
    url = reverse("netkort:account-delete")
    refused = client.post(url, {"password": "wrong"})
    assert "That is not your password" in refused.content.decode()
    assert User.objects.filter(pk=alice.pk).exists()
    page = client.post(url, {"password": PASSWORD})
    assert "Your account is deleted" in page.content.decode()
    assert not User.objects.filter(pk=alice.pk).exists()
    assert not Workspace.objects.filter(pk=workspace.pk).exists()
    for model in (m.Person, m.Interaction, m.Context, m.Profile, m.WorkspaceGrant):
        assert not model.objects.filter(workspace_id=workspace.pk).exists(), model
    assert not WorkspaceGrant.objects.filter(user_id=alice.pk).exists()
    # Charlie's network is untouched.
    assert Workspace.objects.filter(pk=charlies_workspace.pk).exists()
    assert client.get(reverse("netkort:account")).status_code == 302


def test_the_service_refuses_a_person_it_cannot_find(workspace: Workspace) -> None:
    from netkort.services.errors import NotFound

    with pytest.raises(NotFound):
        privacy.delete_person(workspace, 999_999)
