"""The trigram search index finds exactly what reading every person's search text finds,
and follows every insert, change and delete."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from django.db import connection

from netkort.domain.names import fold
from netkort.services import demo, search
from netkort.services.people import (
    PeopleFilter,
    PersonFields,
    add_person,
    people,
    update_person,
)
from netkort.store.models import Person, Workspace


def found(workspace: Workspace, text: str) -> list[int]:
    return sorted(people(workspace, PeopleFilter(search=text)).values_list("pk", flat=True))


def scanned(workspace: Workspace, text: str) -> list[int]:
    qs = Person.objects.filter(workspace=workspace)
    for term in fold(text).split():
        qs = qs.filter(search_text__contains=term)
    return sorted(qs.values_list("pk", flat=True))


def test_the_index_finds_what_a_scan_finds(workspace: Workspace) -> None:
    demo.load_demo(workspace, size=200)
    rng = random.Random(7)
    texts = list(Person.objects.filter(workspace=workspace).values_list("search_text", flat=True))
    terms = ["søren", "nordlys energi", "ae", "x", "hansen", "@", "zzzq", "jens-peter", "øst"]
    for _ in range(60):  # pieces of real search texts, of every length
        text = rng.choice(texts)
        start = rng.randrange(len(text))
        terms.append(text[start : start + rng.randint(1, 9)])
    some = 0
    for term in terms:
        expected = scanned(workspace, term)
        assert found(workspace, term) == expected, term
        some += bool(expected)
    assert some > 40  # the pieces of real texts found their persons


def test_the_index_follows_inserts_changes_and_deletes(workspace: Workspace) -> None:
    person = add_person(
        workspace, PersonFields(display_name="Åse Kjærgaard", organisation="Ørsted")
    )
    assert found(workspace, "kjaergaard") == [person.pk]
    assert found(workspace, "orsted") == []  # ø folds to oe
    assert found(workspace, "oersted") == [person.pk]
    renamed = PersonFields(
        display_name="Åse Lund", given_name="Åse", family_name="Lund", organisation="Vestas"
    )
    update_person(workspace, person, renamed)
    assert found(workspace, "kjaergaard") == []
    assert found(workspace, "lund vestas") == [person.pk]
    person.delete()
    assert found(workspace, "lund") == []
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM {search.SQLITE_INDEX} WHERE {search.SQLITE_INDEX} "
                "MATCH 'vestas'"
            )
            assert cursor.fetchone()[0] == 0  # nothing of a deleted person stays searchable


def test_other_workspaces_are_not_found(
    workspace: Workspace, charlies_workspace: Workspace
) -> None:
    add_person(charlies_workspace, PersonFields(display_name="Birgitte Bang"))
    assert found(workspace, "birgitte") == []
    assert len(found(charlies_workspace, "birgitte")) == 1


@pytest.mark.django_db
def test_the_index_and_its_triggers_exist_after_all_migrations() -> None:
    """A later migration that rebuilds the person table on SQLite drops its triggers:
    this test says so before search results go stale."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                ["netkort_person"],
            )
            assert {name for (name,) in cursor.fetchall()} >= {
                "netkort_person_search_insert",
                "netkort_person_search_delete",
                "netkort_person_search_update",
            }
        else:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'netkort_person_search_trgm'"
            )
            (definition,) = cursor.fetchone()
            assert "gin_trgm_ops" in definition


def test_a_big_import_is_found_and_so_are_persons_added_after_it(
    workspace: Workspace, tmp_path: Path
) -> None:
    """Over a thousand new persons go into the index in one statement after the insert."""
    from netkort.services.importing import BULK_INDEX, import_files

    rng = random.Random(11)
    letters = "abcdefghijklmnoprstuvy"
    names = sorted({"".join(rng.choice(letters) for _ in range(9)).title() for _ in range(2000)})
    cards = [
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nN:{name};Signe;;;\r\nFN:Signe {name}\r\n"
        "ORG:Bølgeværket\r\nEND:VCARD\r\n"
        for name in names[: BULK_INDEX + 5]
    ]
    path = tmp_path / "many.vcf"
    path.write_text("".join(cards), encoding="utf-8")
    before = add_person(workspace, PersonFields(display_name="Signe Before"))
    import_files(workspace, [path])
    assert len(found(workspace, "boelgevaerket")) == BULK_INDEX + 5
    one = fold(names[7])
    assert found(workspace, one) == scanned(workspace, one)
    assert len(found(workspace, one)) == 1
    assert found(workspace, "signe before") == [before.pk]
    after = add_person(
        workspace, PersonFields(display_name="Signe Later", organisation="Bølgeværket")
    )
    assert after.pk in found(workspace, "boelgevaerket later")
    if connection.vendor == "sqlite":  # the insert trigger is back
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = %s",
                [f"{search.SQLITE_INDEX}_insert"],
            )
            assert cursor.fetchone()[0] == 1
