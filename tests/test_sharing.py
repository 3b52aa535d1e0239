"""The owner shares their network with a coach, sees who has access, revokes it, and
reads the access log; the coach sees their clients on a dashboard."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from clients import client_for
from netkort.services.people import PersonFields, add_person
from netkort.store.models import (
    AccessLogEntry,
    Assessment,
    Goal,
    Person,
    Workspace,
    WorkspaceGrant,
)

pytestmark = pytest.mark.usefixtures("server_mode")


def sharing_url(workspace: Workspace) -> str:
    return reverse("netkort:sharing", kwargs={"ws": workspace.uid})


@pytest.fixture
def anne(workspace: Workspace) -> Person:
    return add_person(workspace, PersonFields(display_name="Anne Ærø"))


def test_the_owner_grants_a_coach_access_by_user_name(
    alice: User, bob: User, workspace: Workspace, anne: Person
) -> None:
    person = reverse("netkort:person", kwargs={"ws": workspace.uid, "pk": anne.pk})
    assert client_for(bob).get(person).status_code == 404
    page = client_for(alice).post(
        sharing_url(workspace), {"who": "BOB", "level": "read"}, follow=True
    )
    assert "bob may now: Read." in page.content.decode()
    assert client_for(bob).get(person).status_code == 200


def test_the_owner_grants_access_by_e_mail_and_changes_the_level(
    alice: User, bob: User, workspace: Workspace
) -> None:
    bob.email = "Bob@Coach.dk"
    bob.save()
    client = client_for(alice)
    client.post(sharing_url(workspace), {"who": "bob@coach.dk", "level": "read"})
    client.post(sharing_url(workspace), {"who": "bob", "level": "edit"})
    grants = WorkspaceGrant.objects.filter(workspace=workspace, revoked_at__isnull=True)
    assert [(g.user.username, g.level) for g in grants] == [("bob", "edit")]


def test_an_unknown_coach_is_named_on_the_form(alice: User, workspace: Workspace) -> None:
    page = client_for(alice).post(sharing_url(workspace), {"who": "nobody", "level": "read"})
    assert page.status_code == 200
    assert "Nobody on this server has the user name or e-mail address nobody" in (
        page.content.decode()
    )
    assert not WorkspaceGrant.objects.exists()


def test_the_sharing_page_lists_who_has_access(
    alice: User, workspace: Workspace, grant: WorkspaceGrant
) -> None:
    page = client_for(alice).get(sharing_url(workspace)).content.decode()
    assert "Revoke bob" in page
    assert "Nobody but you" not in page


def test_revoking_takes_effect_on_the_coachs_next_request(
    alice: User, bob: User, workspace: Workspace, grant: WorkspaceGrant, anne: Person
) -> None:
    coach = client_for(bob)
    person = reverse("netkort:person", kwargs={"ws": workspace.uid, "pk": anne.pk})
    assert coach.get(person).status_code == 200
    revoke = reverse("netkort:sharing-revoke", kwargs={"ws": workspace.uid, "grant": grant.pk})
    page = client_for(alice).post(revoke, follow=True)
    assert "bob no longer sees your network" in page.content.decode()
    assert coach.get(person).status_code == 404
    assert coach.get(reverse("netkort:coach")).content.decode().count("Anne") == 0


def test_nobody_but_the_owner_manages_sharing_or_reads_the_log(
    bob: User, workspace: Workspace, grant: WorkspaceGrant
) -> None:
    grant.level = "edit"
    grant.save()
    coach = client_for(bob)
    revoke = reverse("netkort:sharing-revoke", kwargs={"ws": workspace.uid, "grant": grant.pk})
    assert coach.get(sharing_url(workspace)).status_code == 404
    assert coach.post(sharing_url(workspace), {"who": "bob", "level": "edit"}).status_code == 404
    assert coach.post(revoke).status_code == 404
    log = reverse("netkort:access-log", kwargs={"ws": workspace.uid})
    assert coach.get(log).status_code == 404
    grant.refresh_from_db()
    assert grant.revoked_at is None


def test_a_grant_of_another_workspace_cannot_be_revoked_through_mine(
    charlie: User, charlies_workspace: Workspace, grant: WorkspaceGrant
) -> None:
    revoke = reverse(
        "netkort:sharing-revoke", kwargs={"ws": charlies_workspace.uid, "grant": grant.pk}
    )
    assert client_for(charlie).post(revoke).status_code == 404
    grant.refresh_from_db()
    assert grant.revoked_at is None


def test_the_owner_reads_every_visit_by_the_coach_in_the_access_log(
    alice: User, bob: User, workspace: Workspace, grant: WorkspaceGrant, anne: Person
) -> None:
    person = reverse("netkort:person", kwargs={"ws": workspace.uid, "pk": anne.pk})
    client_for(bob).get(person)
    client_for(alice).get(person)
    assert AccessLogEntry.objects.filter(workspace=workspace).count() == 1
    page = client_for(alice).get(reverse("netkort:access-log", kwargs={"ws": workspace.uid}))
    body = page.content.decode()
    assert person in body and "bob" in body and "looked" in body


def test_the_coach_dashboard_shows_each_clients_progress(
    alice: User, bob: User, workspace: Workspace, grant: WorkspaceGrant, anne: Person
) -> None:
    other = add_person(workspace, PersonFields(display_name="Bo Holm"))
    goal = Goal.objects.create(workspace=workspace, kind="job", title="CFO job", is_active=True)
    Assessment.objects.create(
        workspace=workspace, person=anne, goal=goal, judged_at=timezone.now(), status="met"
    )
    Assessment.objects.create(workspace=workspace, person=other, goal=goal, status="planned")
    alice.first_name, alice.last_name = "Alice", "Ahl"
    alice.save()
    page = client_for(bob).get(reverse("netkort:coach"))
    assert page.status_code == 200
    row = page.content.decode()
    assert "Alice Ahl" in row and "CFO job" in row
    assert reverse("netkort:home", kwargs={"ws": workspace.uid}) in row
    # The client's map and plan, the pages a coach opens most.
    assert reverse("netkort:map", kwargs={"ws": workspace.uid}) in row
    assert reverse("netkort:plan", kwargs={"ws": workspace.uid}) in row
    assert "Met: 1" in row and "Planned: 1" in row
    clients = page.context["rows"]
    assert [(c.network_size, c.judged) for c, _ in clients] == [(2, 1)]
    assert clients[0][0].last_activity is not None


def test_the_dashboard_of_someone_without_clients_says_so(charlie: User) -> None:
    page = client_for(charlie).get(reverse("netkort:coach")).content.decode()
    assert "Nobody has shared their network with you yet" in page


def test_the_menu_shows_clients_to_coaches_only(
    alice: User, bob: User, workspace: Workspace, grant: WorkspaceGrant
) -> None:
    home = reverse("netkort:home", kwargs={"ws": workspace.uid})
    dashboard = f'href="{reverse("netkort:coach")}"'
    assert dashboard in client_for(bob).get(home).content.decode()
    owner_page = client_for(alice).get(home).content.decode()
    assert dashboard not in owner_page
    assert f'href="{sharing_url(workspace)}"' in owner_page
    grant.revoked_at = timezone.now()
    grant.save()
    assert dashboard not in client_for(bob).get(reverse("netkort:account")).content.decode()


def test_whether_someone_coaches_follows_the_coach_group_and_live_grants(
    alice: User, bob: User, charlie: User, grant: WorkspaceGrant
) -> None:
    from django.contrib.auth.models import Group

    from netkort.services.accounts import COACHES
    from netkort.services.coaching import coaches

    assert coaches(bob) and not coaches(alice) and not coaches(charlie)
    grant.revoked_at = timezone.now()
    grant.save()
    assert not coaches(bob)
    charlie.groups.add(Group.objects.get_or_create(name=COACHES)[0])
    assert coaches(charlie)


def test_the_role_found_on_opening_is_kept_for_that_request_only(
    alice: User, bob: User, workspace: Workspace, grant: WorkspaceGrant
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from netkort.services.access import open_workspace, role_in
    from netkort.services.errors import NotFound

    opened = open_workspace(bob, workspace.uid)
    with CaptureQueriesContext(connection) as queries:
        assert role_in(bob, opened) == "read"
        assert role_in(alice, opened) == "owner"
    assert len(queries) == 0
    # Another user's question about the same object is answered from the database.
    assert role_in(User.objects.create_user("dora"), opened) == ""
    grant.level = "edit"
    grant.save()
    assert role_in(bob, Workspace.objects.get(pk=workspace.pk)) == "edit"
    grant.revoked_at = timezone.now()
    grant.save()
    with pytest.raises(NotFound):
        open_workspace(bob, workspace.uid)
    assert role_in(bob, Workspace.objects.get(pk=workspace.pk)) == ""
