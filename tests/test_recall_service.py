"""Guided recall: adding persons context by context without duplicates, and the count."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation

from netkort.services import recall
from netkort.services.errors import UserError
from netkort.services.people import PersonFields, add_person
from netkort.store.models import Context, Person, Workspace


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The messages are checked in English; the Danish catalogue has them too."""
    with translation.override("en"):
        yield


def ctx(workspace: Workspace, key: str) -> Context:
    return Context.objects.get(workspace=workspace, key=key)


def test_it_adds_new_persons_with_organisation_and_title_to_the_context(
    workspace: Workspace,
) -> None:
    friends = ctx(workspace, "friends")
    result = recall.add_entries(workspace, friends, "Anna Berg, Nordlys Energi, CTO\nBo Holm\n")
    assert [p.display_name for p in result.added] == ["Anna Berg", "Bo Holm"]
    anna = Person.objects.get(display_name="Anna Berg")
    assert anna.organisation is not None and anna.organisation.name == "Nordlys Energi"
    assert anna.title == "CTO" and list(anna.contexts.all()) == [friends]
    assert anna.is_user_typed("display_name")


def test_an_existing_person_is_tagged_not_duplicated(workspace: Workspace) -> None:
    soeren = add_person(workspace, PersonFields(display_name="Søren Ås"))
    leisure = ctx(workspace, "leisure")
    result = recall.add_entries(workspace, leisure, "soeren aas")
    assert result.reused == [soeren] and result.added == []
    assert Person.objects.filter(workspace=workspace).count() == 1
    assert list(soeren.contexts.all()) == [leisure]
    soeren.refresh_from_db()
    assert soeren.primary_context == leisure


def test_an_ambiguous_name_waits_for_a_pick(workspace: Workspace) -> None:
    first = add_person(workspace, PersonFields(display_name="Mette Hansen", organisation="A"))
    second = add_person(workspace, PersonFields(display_name="Mette Hansen", organisation="B"))
    family = ctx(workspace, "family")
    result = recall.add_entries(workspace, family, "Mette Hansen\nKarl Ny")
    assert [p.display_name for p in result.added] == ["Karl Ny"]
    assert [a.candidates for a in result.ambiguous] == [[first, second]]
    assert result.leftover == "Mette Hansen"
    picked = recall.add_entries(workspace, family, "Mette Hansen", {"mette hansen": str(second.pk)})
    assert picked.reused == [second]
    new = recall.add_entries(workspace, family, "Mette Hansen", {"mette hansen": "new"})
    assert len(new.added) == 1
    assert Person.objects.filter(display_name="Mette Hansen").count() == 3


def test_the_organisation_on_the_line_settles_an_ambiguous_name(workspace: Workspace) -> None:
    add_person(workspace, PersonFields(display_name="Mette Hansen", organisation="A"))
    b = add_person(workspace, PersonFields(display_name="Mette Hansen", organisation="Bravo"))
    result = recall.add_entries(workspace, ctx(workspace, "customers"), "Mette Hansen, bravo")
    assert result.reused == [b] and not result.ambiguous


def test_the_wizard_resumes_where_it_was_left(workspace: Workspace) -> None:
    steps = recall.steps(workspace)
    assert steps[0].key == "current_colleagues" and len(steps) == 11
    assert recall.current_step(workspace) == steps[0]
    recall.go_to(workspace, steps[3])
    fresh = Workspace.objects.get(pk=workspace.pk)
    assert recall.current_step(fresh) == steps[3]
    assert recall.neighbours(fresh, steps[3]) == (steps[2], steps[4])
    assert recall.neighbours(fresh, steps[0])[0] is None


def test_every_context_has_two_to_four_prompts_and_own_contexts_come_last(
    workspace: Workspace,
) -> None:
    own = recall.add_context(workspace, "  The   choir ")
    assert own.name == "The choir"
    steps = recall.steps(workspace)
    assert steps[-1] == own
    for step in steps:
        assert 2 <= len(recall.prompts_for(step)) <= 4
    assert "The choir" in recall.prompts_for(own)[0]
    with pytest.raises(UserError, match="already a context"):
        recall.add_context(workspace, "the choir")
    with pytest.raises(UserError, match="already a context"):
        recall.add_context(workspace, "Friends")


def test_the_summary_puts_the_guess_next_to_the_count(workspace: Workspace) -> None:
    recall.set_guess(workspace, 2)
    friends, family = ctx(workspace, "friends"), ctx(workspace, "family")
    recall.add_entries(workspace, friends, "A One\nB Two")
    recall.add_entries(workspace, family, "A One\nC Three")
    summary = recall.summary(Workspace.objects.get(pk=workspace.pk))
    assert (summary.guess, summary.persons, summary.larger_than_guessed) == (2, 3, True)
    rows = {r.context.key: (r.persons, r.added, r.reused) for r in summary.by_context}
    assert rows["friends"] == (2, 2, 0)
    assert rows["family"] == (2, 1, 1)
    assert rows["education"] == (0, 0, 0)


def test_suggestions_come_from_the_network_and_leave_out_the_context(
    workspace: Workspace,
) -> None:
    colleagues = ctx(workspace, "current_colleagues")
    recall.add_entries(workspace, colleagues, "Anna Berg, Fjordbank")
    bo = add_person(workspace, PersonFields(display_name="Bo Holm", organisation="Fjordbank"))
    add_person(workspace, PersonFields(display_name="Cy Other", organisation="Elsewhere"))
    assert recall.suggestions(workspace, colleagues, "") == [bo]
    assert [p.display_name for p in recall.suggestions(workspace, colleagues, "oth")] == [
        "Cy Other"
    ]
    assert recall.suggestions(workspace, colleagues, "anna") == []
