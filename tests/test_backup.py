"""The JSON backup: complete, versioned, and restored exactly or not at all."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import orjson
import pytest
from django.contrib.auth.models import User
from django.utils import translation

from export_network import TRICKY_NAMES, build_network
from netkort.services import backup
from netkort.services.errors import UserError
from netkort.services.workspaces import create_workspace
from netkort.store import models as m
from netkort.store.models import Person, Workspace


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The messages below are matched in English; the default language is Danish."""
    with translation.override("en"):
        yield


@pytest.fixture
def full(workspace: Workspace) -> Workspace:
    build_network(workspace)
    return workspace


@pytest.fixture
def empty(charlie: User) -> Workspace:
    return create_workspace(charlie, "Charlie's network")


def test_it_backs_up_every_table_with_rows(full: Workspace) -> None:
    data = backup.backup(full)
    assert data["format"] == "netkort-backup"
    assert data["schema_version"] == backup.SCHEMA_VERSION
    empty_tables = [name for name, t in data["tables"].items() if not t["rows"]]
    assert empty_tables == []
    assert data["profile"]["full_name"]
    assert data["workspace"]["settings"]["language"] == "da"


def test_backup_restore_backup_gives_identical_files(full: Workspace, empty: Workspace) -> None:
    first = backup.backup_bytes(full)
    backup.restore(empty, json.loads(first))
    assert backup.backup_bytes(empty) == first


def test_it_restores_what_matters_to_the_user(full: Workspace, empty: Workspace) -> None:
    backup.restore(empty, backup.backup(full))
    arabic = Person.objects.get(workspace=empty, display_name=TRICKY_NAMES[2])
    original = Person.objects.get(workspace=full, display_name=TRICKY_NAMES[2])
    assert arabic.pk != original.pk
    assert arabic.introduced_by is not None
    assert arabic.introduced_by.display_name == TRICKY_NAMES[0]
    assert arabic.introduced_by.workspace_id == empty.pk
    assert bytes(arabic.photo or b"") == b"\x89PNG\r\n\x1a\nnot really"
    assert arabic.keep_in_touch_days == 45
    assert arabic.created_at == original.created_at
    assert arabic.sort_key_da == original.sort_key_da
    assert arabic.search_text == original.search_text
    assert m.Goal.objects.get(workspace=empty, is_active=True).title
    assert m.Context.objects.filter(workspace=empty, name="Roklubben 🚣").exists()
    assert (
        m.Tie.objects.filter(workspace=empty).count()
        == m.Tie.objects.filter(workspace=full).count()
    )


def test_it_refuses_a_workspace_that_is_not_empty(full: Workspace) -> None:
    data = backup.backup(full)
    before = Person.objects.filter(workspace=full).count()
    with pytest.raises(UserError, match="not empty"):
        backup.restore(full, data)
    assert Person.objects.filter(workspace=full).count() == before


def test_it_replaces_a_workspace_when_asked(full: Workspace, empty: Workspace) -> None:
    Person.objects.create(workspace=empty, display_name="Only in Charlie's")
    data = backup.backup(full)
    backup.restore(empty, data, replace=True)
    assert not Person.objects.filter(workspace=empty, display_name="Only in Charlie's").exists()
    assert backup.backup(empty) == data


def test_it_refuses_a_backup_from_a_newer_schema(full: Workspace, empty: Workspace) -> None:
    data = backup.backup(full)
    data["schema_version"] = backup.SCHEMA_VERSION + 1
    with pytest.raises(UserError, match="newer netkort"):
        backup.restore(empty, data)
    assert not Person.objects.filter(workspace=empty).exists()


def damaged(data: dict[str, Any], how: str) -> dict[str, Any]:
    data = copy.deepcopy(data)
    tables = data["tables"]
    if how == "missing table":
        del tables["interactions"]
    elif how == "dangling reference":
        tables["emails"]["rows"][0][0] = 10**6
    elif how == "bad date":
        tables["favours"]["rows"][0][3] = "yesterday"
    elif how == "short row":
        tables["persons"]["rows"][3] = tables["persons"]["rows"][3][:-1]
    elif how == "wrong type":
        tables["persons"]["rows"][-1][2] = 42
    elif how == "not a backup":
        data = {"hello": "world"}
    return data


@pytest.mark.parametrize(
    "how",
    ["missing table", "dangling reference", "bad date", "short row", "wrong type", "not a backup"],
)
def test_a_damaged_backup_is_refused_and_nothing_is_written(
    full: Workspace, empty: Workspace, how: str
) -> None:
    data = damaged(backup.backup(full), how)
    with pytest.raises(UserError) as caught:
        backup.restore(empty, data)
    assert "nothing was restored" in str(caught.value)
    assert not Person.objects.filter(workspace=empty).exists()
    assert not m.Organisation.objects.filter(workspace=empty).exists()


def test_a_truncated_file_is_refused_with_a_clear_message(full: Workspace) -> None:
    content = backup.backup_bytes(full)
    with pytest.raises(UserError, match="not readable JSON"):
        backup.load_backup_bytes(content[: len(content) // 2])


def test_a_database_error_rolls_back_everything(full: Workspace, empty: Workspace) -> None:
    data = backup.backup(full)
    # Two assessments of one person for one goal break a unique constraint mid-restore.
    rows = data["tables"]["assessments"]["rows"]
    rows.append(list(rows[0]))
    with pytest.raises(UserError, match="nothing was changed"):
        backup.restore(empty, data)
    assert not Person.objects.filter(workspace=empty).exists()
    assert empty.contexts.filter(key="friends").exists()


# Not user data of the workspace: who may see it and who did, kept by the server, and
# the server's queue of background imports (uploads waiting on its disk).
NOT_BACKED_UP = {"WorkspaceGrant", "AccessLogEntry", "ImportJob"}


def test_every_field_of_every_workspace_table_is_in_the_backup() -> None:
    from django.apps import apps

    covered = {t.model: t for t in backup.TABLES}
    for model in apps.get_app_config("netkort").get_models():
        has_workspace = any(f.name == "workspace" for f in model._meta.concrete_fields)
        if not has_workspace or model.__name__ in NOT_BACKED_UP | {"Profile"}:
            continue
        assert model in covered, model.__name__
        stored = {f.name for f in model._meta.concrete_fields} - {"id", "workspace", "profile"}
        assert stored == {f.name for f in covered[model].fields}, model.__name__
    profile = {f.name for f in m.Profile._meta.concrete_fields} - {"id", "workspace"}
    assert profile == {f.name for f in backup.PROFILE_FIELDS}


def test_a_backup_from_another_version_gets_its_sort_keys_made_again(
    full: Workspace, empty: Workspace
) -> None:
    data = backup.backup(full)
    data["netkort_version"] = "0.0.1"
    fields = data["tables"]["persons"]["fields"]
    for row in data["tables"]["persons"]["rows"]:
        row[fields.index("sort_key_da")] = "stale"
        row[fields.index("search_text")] = "stale"
    backup.restore(empty, data)
    restored = Person.objects.get(workspace=empty, display_name=TRICKY_NAMES[2])
    original = Person.objects.get(workspace=full, display_name=TRICKY_NAMES[2])
    assert restored.sort_key_da == original.sort_key_da
    assert restored.search_text == original.search_text


def test_a_persons_schools_are_backed_up_and_restored(full: Workspace, empty: Workspace) -> None:
    person = Person.objects.get(workspace=full, display_name=TRICKY_NAMES[1])
    person.schools = ["Aarhus Universitet", "Niels Brock 🎓"]
    person.save()
    data = backup.backup(full)
    assert "schools" in data["tables"]["persons"]["fields"]
    backup.restore(empty, data)
    restored = Person.objects.get(workspace=empty, display_name=TRICKY_NAMES[1])
    assert restored.schools == ["Aarhus Universitet", "Niels Brock 🎓"]


def as_schema_1(data: dict[str, Any]) -> dict[str, Any]:
    """The backup as netkort wrote it before persons had schools (schema version 1)."""
    old = copy.deepcopy(data)
    old["schema_version"] = 1
    old["netkort_version"] = "0.0.9"
    persons = old["tables"]["persons"]
    at = persons["fields"].index("schools")
    del persons["fields"][at]
    for row in persons["rows"]:
        del row[at]
    return old


def test_a_backup_from_before_schools_restores_with_no_schools(
    full: Workspace, empty: Workspace
) -> None:
    Person.objects.filter(workspace=full).update(schools=[])
    current = backup.backup(full)
    backup.restore(empty, as_schema_1(current))
    assert not Person.objects.filter(workspace=empty).exclude(schools=[]).exists()
    assert Person.objects.filter(workspace=empty).count() == len(
        current["tables"]["persons"]["rows"]
    )
    # Once restored it backs up as this version writes it, with everything it held.
    again = backup.backup(empty)
    assert again["schema_version"] == backup.SCHEMA_VERSION
    # Everything but the derived keys, which a backup of another version gets made again.
    assert without_derived_keys(again["tables"]) == without_derived_keys(current["tables"])


def without_derived_keys(tables: dict[str, Any]) -> dict[str, Any]:
    tables = copy.deepcopy(tables)
    persons = tables["persons"]
    derived = [persons["fields"].index(f) for f in ("search_text", "sort_key_da", "sort_key_en")]
    for row in persons["rows"]:
        for at in derived:
            row[at] = None
    return tables


def test_an_old_backup_must_have_the_fields_of_its_own_version(
    full: Workspace, empty: Workspace
) -> None:
    old = backup.backup(full)
    old["schema_version"] = 1  # says 1, but carries the schools of version 2
    with pytest.raises(UserError, match="nothing was restored"):
        backup.restore(empty, old)
    assert not Person.objects.filter(workspace=empty).exists()


def test_the_file_is_the_backup_as_sorted_json(full: Workspace) -> None:
    expected = orjson.dumps(backup.backup(full), option=orjson.OPT_SORT_KEYS)
    assert backup.backup_bytes(full) == expected
    assert json.loads(expected) == backup.backup(full)


def test_a_file_written_with_spaces_and_a_byte_order_mark_is_read(
    full: Workspace, empty: Workspace
) -> None:
    # As an editor or the JSON of an earlier netkort may write it.
    spaced = json.dumps(backup.backup(full), ensure_ascii=False, sort_keys=True, indent=1)
    backup.restore(empty, backup.load_backup_bytes(("\ufeff" + spaced).encode("utf-8")))
    assert backup.backup_bytes(empty) == backup.backup_bytes(full)


def test_restored_persons_are_found_by_search_and_so_are_persons_added_later(
    full: Workspace, empty: Workspace
) -> None:
    from netkort.domain.names import fold
    from netkort.services import search
    from netkort.services.people import PersonFields, add_person

    backup.restore(empty, backup.backup(full))
    in_empty = Person.objects.filter(workspace=empty)
    found = in_empty.filter(search.contains(fold("Ødegård")))
    assert [p.display_name for p in found] == [TRICKY_NAMES[0]]
    add_person(empty, PersonFields(display_name="Ølstykke Østergaard"))
    assert [p.display_name for p in in_empty.filter(search.contains(fold("lstykke")))] == [
        "Ølstykke Østergaard"
    ]
