"""The goal, triage, recall, bulk and tie pages: who may see and change them, and that
they do what they say."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from clients import client_for
from netkort.services import goals, recall
from netkort.services.people import PersonFields, add_person
from netkort.store.models import (
    Assessment,
    Context,
    Goal,
    Person,
    Profile,
    Tie,
    Workspace,
    WorkspaceGrant,
)


@pytest.fixture
def anna(workspace: Workspace) -> Person:
    return add_person(
        workspace,
        PersonFields(display_name="Anna Berg", organisation="Nordlys Energi", closeness=1),
    )


@pytest.fixture
def bo(workspace: Workspace) -> Person:
    return add_person(workspace, PersonFields(display_name="Bo Holm", closeness=2))


@pytest.fixture
def goal(workspace: Workspace) -> Goal:
    return goals.create_goal(
        workspace, goals.GoalFields(title="New job", target_organisations=["Nordlys Energi"])
    )


def url(name: str, workspace: Workspace, **kw: object) -> str:
    return reverse(f"netkort:{name}", kwargs={"ws": workspace.uid, **kw})


def readable(workspace: Workspace, goal: Goal, person: Person) -> list[str]:
    step = Context.objects.filter(workspace=workspace).first()
    assert step is not None
    return [
        url("goals", workspace),
        url("goal-add", workspace),
        url("goal-edit", workspace, pk=goal.pk),
        url("goal-triage", workspace, pk=goal.pk),
        url("recall", workspace),
        url("recall-step", workspace, pk=step.pk),
        url("recall-suggest", workspace, pk=step.pk),
        url("recall-done", workspace),
        url("pairs", workspace),
        url("tie-candidates", workspace, pk=person.pk),
        url("person", workspace, pk=person.pk),
        url("people", workspace) + "?role=any",
    ]


def writable(workspace: Workspace, goal: Goal, person: Person) -> list[str]:
    step = Context.objects.filter(workspace=workspace).first()
    assert step is not None
    return [
        url("goal-add", workspace),
        url("goal-edit", workspace, pk=goal.pk),
        url("goal-activate", workspace, pk=goal.pk),
        url("goal-archive", workspace, pk=goal.pk),
        url("goal-triage", workspace, pk=goal.pk),
        url("recall", workspace),
        url("recall-step", workspace, pk=step.pk),
        url("recall-tag", workspace, pk=step.pk),
        url("recall-context", workspace),
        url("pairs", workspace),
        url("tie-add", workspace, pk=person.pk),
        url("people-bulk", workspace),
    ]


def test_the_owner_sees_every_page(
    alice: User, workspace: Workspace, goal: Goal, anna: Person
) -> None:
    client = client_for(alice)
    for address in readable(workspace, goal, anna):
        assert client.get(address).status_code == 200, address


def test_a_stranger_gets_404_everywhere_and_changes_nothing(
    charlie: User, charlies_workspace: Workspace, workspace: Workspace, goal: Goal, anna: Person
) -> None:
    client = client_for(charlie)
    data = {"title": "x", "kind": "job", "person": anna.pk, "roles": "information", "lines": "Z z",
            "guess": "5", "name": "Own", "other": "Anna", "ids": [anna.pk], "action": "closeness",
            "closeness": "5", "a": anna.pk, "b": anna.pk, "reply": "no"}  # fmt: skip
    for address in readable(workspace, goal, anna) + writable(workspace, goal, anna):
        assert client.get(address).status_code == 404, address
        assert client.post(address, data).status_code == 404, address
    goal.refresh_from_db()
    anna.refresh_from_db()
    assert goal.title == "New job" and goal.is_active and anna.closeness == 1
    assert Person.objects.filter(workspace=workspace).count() == 1
    assert not Assessment.objects.exists()


def test_a_coach_with_read_access_reads_but_cannot_change(
    bob: User, workspace: Workspace, grant: WorkspaceGrant, goal: Goal, anna: Person
) -> None:
    client = client_for(bob)
    assert client.get(url("goal-triage", workspace, pk=goal.pk)).status_code == 200
    assert client.get(url("goals", workspace)).status_code == 200
    data = {"title": "x", "kind": "job", "person": anna.pk, "roles": "information", "lines": "Z",
            "guess": "5", "name": "Own", "other": "Anna", "ids": [anna.pk], "action": "closeness",
            "closeness": "5", "a": anna.pk, "b": anna.pk, "reply": "no"}  # fmt: skip
    for address in writable(workspace, goal, anna):
        assert client.post(address, data).status_code == 404, address
    goal.refresh_from_db()
    anna.refresh_from_db()
    assert goal.title == "New job" and anna.closeness == 1
    assert not Assessment.objects.exists() and not Tie.objects.exists()


def test_the_owner_creates_a_goal_with_a_target_organisation_from_the_form(
    alice: User, workspace: Workspace, anna: Person
) -> None:
    response = client_for(alice).post(
        url("goal-add", workspace),
        {
            "title": "Programme manager",
            "kind": "job",
            "target_organisations": "Fjordbank",
            "add_organisation": "nordlys energi",
            "roles": "Programleder, Head of Digital",
            "activate": "1",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Programme manager" in page and "Active goal" in page
    goal = Goal.objects.get(workspace=workspace)
    assert [o.name for o in goals.target_organisations(goal)] == ["Fjordbank", "Nordlys Energi"]
    assert goal.roles == ["Programleder", "Head of Digital"] and goal.is_active


def test_the_goal_form_names_a_missing_title(alice: User, workspace: Workspace) -> None:
    response = client_for(alice).post(url("goal-add", workspace), {"title": "", "kind": "job"})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not Goal.objects.exists()


def test_archive_and_activate_buttons_work(alice: User, workspace: Workspace, goal: Goal) -> None:
    client = client_for(alice)
    other = goals.create_goal(workspace, goals.GoalFields(title="Sparring", kind="sparring"))
    client.post(url("goal-activate", workspace, pk=other.pk))
    assert goals.active_goal(workspace) == other
    client.post(url("goal-archive", workspace, pk=other.pk))
    assert goals.active_goal(workspace) is None
    assert client.get(url("goal-archive", workspace, pk=goal.pk)).status_code == 405


def test_the_triage_page_shows_the_suggestion_and_judges_with_plain_forms(
    alice: User, workspace: Workspace, goal: Goal, anna: Person, bo: Person
) -> None:
    client = client_for(alice)
    address = url("goal-triage", workspace, pk=goal.pk)
    page = client.get(address).content.decode()
    assert "Anna Berg" in page and "0 of 2 judged" in page
    assert "works at Nordlys Energi — one of your target organisations" in page
    assert 'value="information" data-key="i" checked' in page
    response = client.post(
        address,
        {"person": anna.pk, "roles": ["intermediary", "direct_access"], "closeness": "2",
         "super_connector": "1", "note": "Ask about the board", "action": "judge"},
        follow=True,
    )  # fmt: skip
    page = response.content.decode()
    assert "1 of 2 judged" in page and "Bo Holm" in page
    assessment = Assessment.objects.get(person=anna)
    assert not assessment.is_information and assessment.is_direct_access
    assert assessment.notes == "Ask about the board"
    anna.refresh_from_db()
    assert anna.closeness == 2 and anna.is_super_connector
    page = client.post(address, {"person": bo.pk, "action": "skip"}, follow=True).content.decode()
    assert "Everyone is judged but 1 person you skipped" in page
    page = client.post(address, {"action": "revisit"}, follow=True).content.decode()
    assert "Bo Holm" in page


def test_the_people_list_filters_by_role_and_shows_the_roles(
    alice: User, workspace: Workspace, goal: Goal, anna: Person, bo: Person
) -> None:
    client = client_for(alice)
    client.post(
        url("people-bulk", workspace),
        {"ids": [anna.pk], "action": "role", "role": "direct_access", "next": "sort=name"},
    )
    page = client.get(url("people", workspace), {"role": "direct_access"}).content.decode()
    assert "Anna Berg" in page and "Bo Holm" not in page and "1 person" in page
    assert "role-direct_access" in page
    assert "Bo Holm" in client.get(url("people", workspace)).content.decode()


def test_bulk_actions_redirect_back_to_the_same_list(
    alice: User, workspace: Workspace, anna: Person, bo: Person
) -> None:
    response = client_for(alice).post(
        url("people-bulk", workspace),
        {"ids": [anna.pk, bo.pk], "action": "tag", "tag": "mentor", "next": "q=holm"},
    )
    assert response["Location"] == url("people", workspace) + "?q=holm"
    assert sorted(p.display_name for p in Person.objects.filter(tags__name="mentor")) == [
        "Anna Berg",
        "Bo Holm",
    ]
    empty = client_for(alice).post(url("people-bulk", workspace), {"action": "tag", "tag": "x"})
    assert empty.status_code == 302 and not Person.objects.filter(tags__name="x").exists()


def test_the_recall_wizard_asks_the_guess_adds_people_and_counts(
    alice: User, workspace: Workspace, anna: Person
) -> None:
    client = client_for(alice)
    assert "how many people do you think" in client.get(url("recall", workspace)).content.decode()
    response = client.post(url("recall", workspace), {"guess": "40"})
    first = recall.steps(workspace)[0]
    assert response["Location"] == url("recall-step", workspace, pk=first.pk)
    assert Profile.objects.get(workspace=workspace).network_size_guess == 40
    page = client.get(response["Location"]).content.decode()
    assert "Step 1 of 11" in page and "Who do you eat lunch with?" in page
    response = client.post(
        response["Location"], {"lines": "Carl Ny, Fjordbank\nanna berg", "action": "next"}
    )
    second = recall.steps(workspace)[1]
    assert response["Location"] == url("recall-step", workspace, pk=second.pk)
    assert Person.objects.filter(workspace=workspace).count() == 2
    assert [c.pk for c in anna.contexts.all()] == [first.pk]
    # Leave and come back: the start page offers the step where the user was.
    page = client.get(url("recall", workspace)).content.decode()
    assert f"Continue with {second.label}" in page
    done = client.get(url("recall-done", workspace)).content.decode()
    assert 'id="recall-guess"' in done and ">40<" in done and ">2<" in done


def test_an_ambiguous_name_in_the_wizard_asks_who_is_meant(
    alice: User, workspace: Workspace
) -> None:
    a = add_person(workspace, PersonFields(display_name="Mette Hansen", organisation="Alfa"))
    add_person(workspace, PersonFields(display_name="Mette Hansen", organisation="Beta"))
    step = recall.steps(workspace)[4]
    client = client_for(alice)
    address = url("recall-step", workspace, pk=step.pk)
    page = client.post(address, {"lines": "Mette Hansen", "action": "next"}).content.decode()
    assert "Who do you mean?" in page and "Mette Hansen, Alfa" in page
    response = client.post(
        address, {"lines": "Mette Hansen", "pick:mette hansen": str(a.pk), "action": "add"}
    )
    assert response.status_code == 302
    assert list(a.contexts.all()) == [step]


def test_an_own_context_becomes_a_step_and_a_suggestion_is_tagged(
    alice: User, workspace: Workspace, anna: Person
) -> None:
    client = client_for(alice)
    response = client.post(url("recall-context", workspace), {"name": "The choir"})
    choir = Context.objects.get(workspace=workspace, name="The choir")
    assert response["Location"] == url("recall-step", workspace, pk=choir.pk)
    page = client.get(url("recall-suggest", workspace, pk=choir.pk), {"q": "anna"})
    assert "Add Anna Berg here" in page.content.decode()
    client.post(url("recall-tag", workspace, pk=choir.pk), {"person": anna.pk})
    assert list(anna.contexts.all()) == [choir]


def test_ties_are_added_and_removed_on_the_person_page(
    alice: User, workspace: Workspace, anna: Person, bo: Person
) -> None:
    client = client_for(alice)
    client.post(url("tie-add", workspace, pk=anna.pk), {"other": "Bo Holm", "strength": "strong"})
    tie = Tie.objects.get()
    page = client.get(url("person", workspace, pk=bo.pk)).content.decode()
    assert "Anna Berg" in page and "Know each other very well" in page
    options = client.get(url("tie-candidates", workspace, pk=anna.pk), {"other": "holm"})
    assert f"Bo Holm (#{bo.pk})" in options.content.decode()
    tie.source = "shared_context"
    tie.save()
    assert "inferred" in client.get(url("person", workspace, pk=bo.pk)).content.decode()
    client.post(url("tie-remove", workspace, pk=bo.pk, tie=tie.pk))
    assert not Tie.objects.exists()
    response = client.post(url("tie-add", workspace, pk=anna.pk), {"other": "nobody"}, follow=True)
    assert "Nobody in your network matches" in response.content.decode()


def test_the_pair_prompt_asks_and_remembers(
    alice: User, workspace: Workspace, anna: Person, bo: Person
) -> None:
    client = client_for(alice)
    page = client.get(url("pairs", workspace)).content.decode()
    assert "Do Anna Berg and Bo Holm know each other?" in page
    client.post(url("pairs", workspace), {"a": anna.pk, "b": bo.pk, "reply": "no"})
    assert "No more pairs" in client.get(url("pairs", workspace)).content.decode()
    assert Workspace.objects.get(pk=workspace.pk).settings["pairs"]["no"] == [[anna.pk, bo.pk]]


def test_the_new_pages_speak_danish(
    alice: User, workspace: Workspace, goal: Goal, anna: Person
) -> None:
    client = client_for(alice, "da")
    client.cookies["django_language"] = "da"
    page = client.get(url("goals", workspace)).content.decode()
    assert 'lang="da"' in page
    triage_page = client.get(url("goal-triage", workspace, pk=goal.pk)).content.decode()
    with translation.override("da"):
        heading = gettext("Judge persons against the goal")
        reason = gettext("works at %(value)s — one of your target organisations")
    assert heading != "Judge persons against the goal" and heading in triage_page
    assert reason % {"value": "Nordlys Energi"} in triage_page
    assert client.get(url("recall", workspace)).status_code == 200


def test_the_overview_links_the_wizard_and_triage(
    alice: User, workspace: Workspace, goal: Goal, anna: Person
) -> None:
    page = client_for(alice).get(url("home", workspace)).content.decode()
    assert url("recall", workspace) in page
    assert url("goal-triage", workspace, pk=goal.pk) in page
    assert url("goals", workspace) in page
