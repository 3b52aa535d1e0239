"""Who knows whom: typed and inferred ties, and the pair prompt that remembers "no"."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation

from netkort.services import person_lookup, ties
from netkort.services.errors import NotFound, UserError
from netkort.services.people import PersonFields, add_person
from netkort.store.models import Person, Tie, Workspace


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The messages are checked in English; the Danish catalogue has them too."""
    with translation.override("en"):
        yield


def person(workspace: Workspace, name: str, closeness: int | None = None, org: str = "") -> Person:
    return add_person(
        workspace, PersonFields(display_name=name, closeness=closeness, organisation=org)
    )


def test_a_tie_is_stored_once_in_order_and_typed(workspace: Workspace) -> None:
    anna, bo = person(workspace, "Anna"), person(workspace, "Bo")
    ties.add_tie(workspace, bo, anna, "strong")
    tie = ties.add_tie(workspace, anna, bo, "weak")
    assert Tie.objects.count() == 1
    assert (tie.a_id, tie.b_id, tie.source) == (anna.pk, bo.pk, "typed")
    [view] = ties.ties_of(workspace, bo)
    assert view.other == anna and not view.inferred
    assert view.strength_label == "Know each other a little"
    with pytest.raises(UserError):
        ties.add_tie(workspace, anna, anna)


def test_inferred_ties_show_as_such_and_removing_one_is_remembered(
    workspace: Workspace,
) -> None:
    anna, bo = person(workspace, "Anna", 1), person(workspace, "Bo", 1)
    tie = Tie.objects.create(workspace=workspace, a=anna, b=bo, source="shared_organisation")
    [view] = ties.ties_of(workspace, anna)
    assert view.inferred
    ties.remove_tie(workspace, tie.pk)
    assert not Tie.objects.exists()
    assert ties.next_question(Workspace.objects.get(pk=workspace.pk)) is None


def test_a_tie_of_another_workspace_cannot_be_removed(
    workspace: Workspace, charlies_workspace: Workspace
) -> None:
    a, b = person(charlies_workspace, "X"), person(charlies_workspace, "Y")
    tie = Tie.objects.create(workspace=charlies_workspace, a=a, b=b, source="typed")
    with pytest.raises(NotFound):
        ties.remove_tie(workspace, tie.pk)
    assert Tie.objects.filter(pk=tie.pk).exists()


def test_the_pair_prompt_asks_yes_no_and_skip_and_never_asks_a_no_again(
    workspace: Workspace,
) -> None:
    anna, bo, cy = (
        person(workspace, "Anna", 1),
        person(workspace, "Bo", 2),
        person(workspace, "Cy", 1),
    )
    person(workspace, "Far Away", 4)
    first = ties.next_question(workspace)
    assert first is not None and first.remaining == 3
    assert {first.a, first.b} == {anna, cy}  # the closest pair first
    ties.answer(workspace, anna.pk, cy.pk, "yes")
    assert Tie.objects.get().source == "typed"
    second = ties.next_question(workspace)
    assert second is not None and second.remaining == 2
    ties.answer(workspace, second.a.pk, second.b.pk, "no")
    third = ties.next_question(workspace)
    assert third is not None
    ties.answer(workspace, third.a.pk, third.b.pk, "skip")
    fresh = Workspace.objects.get(pk=workspace.pk)
    assert ties.next_question(fresh) is None and ties.skipped_count(fresh) == 1
    ties.ask_skipped_again(fresh)
    again = ties.next_question(fresh)
    assert again is not None and {again.a, again.b} == {third.a, third.b}
    with pytest.raises(UserError):
        ties.answer(fresh, anna.pk, bo.pk, "maybe")


def test_a_person_is_found_by_id_or_by_a_name_that_fits_one(workspace: Workspace) -> None:
    anna = person(workspace, "Anna Berg", org="Nordlys")
    person(workspace, "Anna Holm")
    assert person_lookup.find_one(workspace, str(anna.pk)) == anna
    assert person_lookup.find_one(workspace, f"Anna Berg (#{anna.pk})") == anna
    assert person_lookup.find_one(workspace, "berg") == anna
    with pytest.raises(UserError) as exc:
        person_lookup.find_one(workspace, "anna")
    assert "fits 2 persons" in str(exc.value) and f"Anna Berg, Nordlys (#{anna.pk})" in str(
        exc.value
    )
    with pytest.raises(UserError, match="Nobody"):
        person_lookup.find_one(workspace, "Zed")
