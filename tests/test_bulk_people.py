"""Bulk actions on a selection in the people list, and the filter by role."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation

from netkort.services import bulk, goals
from netkort.services.errors import UserError
from netkort.services.people import PeopleFilter, PersonFields, add_person, people
from netkort.store.models import Assessment, Context, Person, Workspace


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The messages are checked in English; the Danish catalogue has them too."""
    with translation.override("en"):
        yield


@pytest.fixture
def trio(workspace: Workspace) -> list[Person]:
    return [add_person(workspace, PersonFields(display_name=n)) for n in ("A a", "B b", "C c")]


def test_it_sets_context_tag_and_closeness_on_the_selection(
    workspace: Workspace, trio: list[Person]
) -> None:
    ids = [trio[0].pk, trio[1].pk]
    friends = Context.objects.get(workspace=workspace, key="friends")
    assert bulk.apply(workspace, ids, "context", str(friends.pk)) == 2
    assert bulk.apply(workspace, ids, "context", str(friends.pk)) == 2
    assert bulk.apply(workspace, ids, "tag", " board ") == 2
    assert bulk.apply(workspace, ids, "closeness", "2") == 2
    for p in trio[:2]:
        p.refresh_from_db()
        assert list(p.contexts.all()) == [friends] and p.primary_context == friends
        assert [t.name for t in p.tags.all()] == ["board"]
        assert p.closeness == 2 and p.is_user_typed("closeness")
    trio[2].refresh_from_db()
    assert trio[2].closeness is None and not trio[2].contexts.exists()


def test_it_sets_a_role_for_the_active_goal_and_the_list_filters_by_it(
    workspace: Workspace, trio: list[Person]
) -> None:
    with pytest.raises(UserError, match="Set a goal first"):
        bulk.apply(workspace, [trio[0].pk], "role", "information")
    goal = goals.create_goal(workspace, goals.GoalFields(title="Job"))
    bulk.apply(workspace, [trio[0].pk, trio[1].pk], "role", "information")
    bulk.apply(workspace, [trio[1].pk], "role", "intermediary")
    both = Assessment.objects.get(goal=goal, person=trio[1])
    assert both.is_information and both.is_intermediary and both.judged_at is not None

    def listed(role: str) -> list[str]:
        return [p.display_name for p in people(workspace, PeopleFilter(role=role, goal=goal.pk))]

    assert listed("information") == ["A a", "B b"]
    assert listed("intermediary") == ["B b"]
    assert listed("direct_access") == []
    assert listed("any") == ["A a", "B b"]
    assert listed("") == ["A a", "B b", "C c"]
    bulk.apply(workspace, [trio[1].pk], "role", "none")
    assert listed("any") == ["A a"]


def test_it_refuses_bad_values_and_persons_of_other_workspaces(
    workspace: Workspace, charlies_workspace: Workspace, trio: list[Person]
) -> None:
    theirs = add_person(charlies_workspace, PersonFields(display_name="Theirs"))
    with pytest.raises(UserError, match="Select one or more"):
        bulk.apply(workspace, [theirs.pk], "closeness", "1")
    with pytest.raises(UserError):
        bulk.apply(workspace, [trio[0].pk], "closeness", "9")
    with pytest.raises(UserError):
        bulk.apply(workspace, [trio[0].pk], "context", "999999")
    with pytest.raises(UserError):
        bulk.apply(workspace, [trio[0].pk], "explode", "")
    assert bulk.apply(workspace, [trio[0].pk, theirs.pk], "closeness", "3") == 1
    theirs.refresh_from_db()
    assert theirs.closeness is None
