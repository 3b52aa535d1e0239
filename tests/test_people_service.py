from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation

from netkort.services import people
from netkort.services.errors import NotFound, UserError
from netkort.services.people import PeopleFilter, PersonFields
from netkort.store.models import Context, Person, Workspace


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The messages below are asserted in English; the app's default is Danish."""
    with translation.override("en"):
        yield


def add(workspace: Workspace, name: str, **fields: object) -> Person:
    return people.add_person(workspace, PersonFields(display_name=name, **fields))  # type: ignore[arg-type]


def names(workspace: Workspace, **flt: object) -> list[str]:
    return [p.display_name for p in people.people(workspace, PeopleFilter(**flt))]  # type: ignore[arg-type]


def test_it_keeps_names_exactly_as_written(workspace: Workspace) -> None:
    person = add(workspace, "  Søren Ærø-Åkjær ")
    person.refresh_from_db()
    assert person.display_name == "Søren Ærø-Åkjær"
    assert (person.given_name, person.family_name) == ("Søren", "Ærø-Åkjær")


def test_it_finds_a_person_whatever_the_spelling_of_the_danish_letters(
    workspace: Workspace,
) -> None:
    add(workspace, "Søren Kjærgaard", organisation="Nordlys Energi")
    add(workspace, "Anne Holm")
    assert names(workspace, search="soeren") == ["Søren Kjærgaard"]
    assert names(workspace, search="KJÆR") == ["Søren Kjærgaard"]
    assert names(workspace, search="nordlys søren") == ["Søren Kjærgaard"]
    assert names(workspace, search="nobody") == []


def test_it_finds_a_person_by_email(workspace: Workspace) -> None:
    add(workspace, "Anne Holm", emails=["anne@fjordbank.dk"])
    add(workspace, "Bo Holm")
    assert names(workspace, search="fjordbank") == ["Anne Holm"]


def test_it_sorts_the_danish_letters_after_z_in_danish_and_folds_them_in_english(
    workspace: Workspace,
) -> None:
    for name in ("Åse Berg", "Zenia Holm", "Anders Lund", "Ørjan Vik", "Ærling Dam", "Aage Bo"):
        add(workspace, name)
    assert names(workspace, language="da") == [
        "Anders Lund",
        "Zenia Holm",
        "Ærling Dam",
        "Ørjan Vik",
        "Aage Bo",
        "Åse Berg",
    ]
    english = names(workspace, language="en")
    assert english.index("Åse Berg") < english.index("Zenia Holm")
    assert english.index("Ærling Dam") < english.index("Anders Lund")


def test_it_filters_by_context_closeness_and_tag(workspace: Workspace) -> None:
    friends = Context.objects.get(workspace=workspace, key="friends")
    add(workspace, "Anne", context_ids=[friends.pk], closeness=2, tags=["mentor"])
    add(workspace, "Bo", closeness=5)
    add(workspace, "Carl")
    assert names(workspace, context=friends.pk) == ["Anne"]
    assert names(workspace, closeness="5") == ["Bo"]
    assert names(workspace, closeness="unknown") == ["Carl"]
    assert names(workspace, tag="mentor") == ["Anne"]


def test_it_marks_every_field_the_user_typed(workspace: Workspace) -> None:
    person = add(workspace, "Anne Holm")
    people.update_person(
        workspace, person, PersonFields(title="CTO", phones=["20 12 34 56"], closeness=1)
    )
    person.refresh_from_db()
    assert person.is_user_typed("title")
    assert person.is_user_typed("closeness")
    assert person.is_user_typed("phones")
    assert not person.is_user_typed("location")
    assert [p.e164 for p in person.phones.all()] == ["+4520123456"]


def test_it_names_the_bad_phone_number_and_stores_nothing(workspace: Workspace) -> None:
    person = add(workspace, "Anne Holm", title="CEO")
    with pytest.raises(UserError, match="“12” is not a phone number"):
        people.update_person(workspace, person, PersonFields(title="CTO", phones=["12"]))
    person.refresh_from_db()
    assert person.title == "CEO"


def test_it_rejects_an_address_that_is_not_a_linkedin_profile(workspace: Workspace) -> None:
    person = add(workspace, "Anne Holm")
    with pytest.raises(UserError, match="not a LinkedIn profile"):
        people.update_person(workspace, person, PersonFields(linkedin_url="https://example.com"))


def test_it_will_not_edit_a_person_from_another_workspace(
    workspace: Workspace, charlies_workspace: Workspace
) -> None:
    person = add(charlies_workspace, "Charlie's friend")
    with pytest.raises(NotFound):
        people.update_person(workspace, person, PersonFields(title="spy"))
    with pytest.raises(NotFound):
        people.get_person(workspace, person.pk)


def test_it_counts_contacts_and_remembers_the_last(workspace: Workspace) -> None:
    from datetime import UTC, datetime

    from netkort.store.models import Interaction, InteractionPerson

    person = add(workspace, "Anne Holm")
    for day in (1, 15, 3):
        interaction = Interaction.objects.create(
            workspace=workspace, occurred_at=datetime(2026, 3, day, tzinfo=UTC), channel="phone"
        )
        InteractionPerson.objects.create(
            workspace=workspace, interaction=interaction, person=person
        )
    people.refresh_contact_stats(workspace)
    person.refresh_from_db()
    assert person.interaction_count == 3
    assert person.last_contact_at == datetime(2026, 3, 15, tzinfo=UTC)


def test_it_finds_a_context_by_key_or_name_in_either_language(workspace: Workspace) -> None:
    friends = Context.objects.get(workspace=workspace, key="friends")
    assert people.find_context(workspace, "friends") == friends
    assert people.find_context(workspace, "Venner") == friends
    assert people.find_context(workspace, "Friends") == friends
    with pytest.raises(UserError, match="There is no context “golf”"):
        people.find_context(workspace, "golf")
