"""The import service: counts, idempotence, provenance, all-or-nothing, dry runs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone, translation

from import_format import message, person, registered, write
from netkort.domain.demo import generate
from netkort.domain.records import NetworkRecords
from netkort.io.base import FORMATS, Format, ParsedFile
from netkort.services import duplicates, importing
from netkort.services.importing import ImportFailed, import_files
from netkort.services.people import (
    PersonFields,
    add_person,
    refresh_contact_stats,
    update_person,
)
from netkort.store.models import ImportBatch, Interaction, Person, Workspace

pytestmark = pytest.mark.django_db

URL = "https://www.linkedin.com/in/anne-holm"


@pytest.fixture(autouse=True)
def test_format() -> Iterator[None]:
    with registered(), translation.override("en"):
        yield


def counts(report: object, i: int = 0) -> tuple[int, int, int, int, int]:
    f = report.files[i]  # type: ignore[attr-defined]
    return (
        f.persons_new,
        f.persons_merged,
        f.persons_updated,
        f.persons_unchanged,
        f.interactions_new,
    )


def snapshot(workspace: Workspace) -> list[tuple[object, ...]]:
    rows = Person.objects.filter(workspace=workspace).order_by("pk")
    return [
        (p.pk, p.display_name, p.title, p.organisation_id, p.provenance, p.interaction_count)
        for p in rows
    ]


@pytest.fixture
def first(tmp_path: Path) -> Path:
    return write(
        tmp_path / "first.txt",
        person("a", "Anne", "Holm", "Fjordbank", "CTO", linkedin=URL, tags="bank"),
        person("b", "Bo", "Jensen", "Nordlys", "CFO", phone="20 12 34 56"),
        message("m1", "a", "2024-03-05T14:02", "Hej Anne"),
        message("m2", "a", "2024-04-01T09:00", "Tak for sidst"),
        message("m3", "b", "2024-04-02T09:00", "Møde?"),
        "skip|x",
    )


def test_it_imports_new_persons_with_their_messages(workspace: Workspace, first: Path) -> None:
    report = import_files(workspace, [first])
    assert counts(report) == (2, 0, 0, 0, 3)
    assert report.persons_total == 2
    assert report.files[0].format == "nktest"
    assert [(s.line, s.reason) for s in report.files[0].skipped] == [(7, "a row to skip")]
    anne = Person.objects.get(workspace=workspace, linkedin_url=URL)
    assert anne.display_name == "Anne Holm"
    assert anne.organisation is not None and anne.organisation.name == "Fjordbank"
    assert anne.interaction_count == 2
    assert anne.last_contact_at is not None and anne.last_contact_at.month == 4
    assert anne.provenance["title"] == {"source": "nktest", "user": False}
    assert [t.name for t in anne.tags.all()] == ["bank"]
    assert "fjordbank" in anne.search_text and anne.sort_key_en
    bo = Person.objects.get(workspace=workspace, given_name="Bo")
    assert [p.e164 for p in bo.phones.all()] == ["+4520123456"]
    batch = ImportBatch.objects.get(workspace=workspace)
    assert batch.file_name == "first.txt" and len(batch.sha256) == 64
    assert batch.counts["persons_new"] == 2
    assert batch.problems == [{"line": 7, "reason": "a row to skip"}]


def test_importing_the_same_file_again_changes_nothing(workspace: Workspace, first: Path) -> None:
    import_files(workspace, [first])
    before = snapshot(workspace)
    report = import_files(workspace, [first])
    assert counts(report) == (0, 0, 0, 2, 0)
    assert snapshot(workspace) == before
    assert Interaction.objects.filter(workspace=workspace).count() == 3


def test_a_newer_export_updates_and_records_the_job_change(
    workspace: Workspace, first: Path, tmp_path: Path
) -> None:
    import_files(workspace, [first])
    newer = write(
        tmp_path / "newer.txt",
        person("a", "Anne", "Holm", "Vestenvind", "CEO", linkedin=URL),
        person("b", "Bo", "Jensen", "Nordlys", "CFO", phone="+45 20 12 34 56"),
        message("m1", "a", "2024-03-05T14:02", "Hej Anne"),
        message("m4", "a", "2024-06-01T09:00", "Nyt job!"),
    )
    report = import_files(workspace, [newer])
    assert counts(report) == (0, 0, 1, 1, 1)
    anne = Person.objects.get(workspace=workspace, linkedin_url=URL)
    assert anne.organisation is not None and anne.organisation.name == "Vestenvind"
    assert anne.title == "CEO"
    history = anne.provenance["organisation"]["history"]
    assert [(h["organisation"], h["title"]) for h in history] == [("Fjordbank", "CTO")]
    assert anne.interaction_count == 3


def test_a_value_the_user_typed_is_never_overwritten(
    workspace: Workspace, first: Path, tmp_path: Path
) -> None:
    import_files(workspace, [first])
    anne = Person.objects.get(workspace=workspace, linkedin_url=URL)
    update_person(workspace, anne, PersonFields(title="Chief Technology Officer"))
    newer = write(
        tmp_path / "newer.txt", person("a", "Anne", "Holm", "Fjordbank", "VP", linkedin=URL)
    )
    import_files(workspace, [newer])
    anne.refresh_from_db()
    assert anne.title == "Chief Technology Officer"
    assert anne.provenance["title"]["user"] is True
    assert {"value": "VP", "source": "nktest"} in anne.provenance["title"]["others"]


def test_another_source_is_merged_by_a_shared_key(workspace: Workspace, tmp_path: Path) -> None:
    bo = add_person(workspace, PersonFields(display_name="Bo Jensen", phones=["+4520123456"]))
    phone = write(
        tmp_path / "phone.txt",
        person("x", "Bo", "Jensen", "Nordlys", "", email="bo@nordlys.dk", phone="20123456"),
    )
    report = import_files(workspace, [phone])
    assert counts(report) == (0, 1, 0, 0, 0)
    bo.refresh_from_db()
    assert [e.address for e in bo.emails.all()] == ["bo@nordlys.dk"]
    assert bo.organisation is not None and bo.organisation.name == "Nordlys"
    assert import_files(workspace, [phone]).files[0].persons_unchanged == 1


def test_a_doubtful_match_is_a_new_person_and_a_proposal(
    workspace: Workspace, tmp_path: Path
) -> None:
    add_person(workspace, PersonFields(display_name="Kristian Hansen", organisation="Fjordbank"))
    other = write(tmp_path / "other.txt", person("k", "Kris", "Hansen", "Nordlys"))
    report = import_files(workspace, [other])
    assert counts(report) == (1, 0, 0, 0, 0)
    assert report.files[0].proposals == 1
    (proposal,) = duplicates.proposals(workspace)
    assert {proposal.a.display_name, proposal.b.display_name} == {"Kristian Hansen", "Kris Hansen"}
    assert "other_organisation" in proposal.evidence.reasons()
    # Importing it again neither adds the person nor proposes the pair twice.
    again = import_files(workspace, [other])
    assert counts(again) == (0, 0, 0, 1, 0) and again.files[0].proposals == 0
    assert len(duplicates.proposals(workspace)) == 1


def test_a_broken_second_file_leaves_the_database_unchanged(
    workspace: Workspace, first: Path, tmp_path: Path
) -> None:
    broken = write(tmp_path / "broken.txt", person("z", "Zoe", "Berg"), "garbage")
    with pytest.raises(ImportFailed) as failure:
        import_files(workspace, [first, broken])
    assert "broken.txt, line 3" in str(failure.value)
    assert failure.value.line == 3
    assert not Person.objects.filter(workspace=workspace).exists()
    assert not ImportBatch.objects.exists()


def test_a_failure_while_writing_rolls_everything_back(
    workspace: Workspace, first: Path, tmp_path: Path
) -> None:
    def explode(path: Path) -> ParsedFile:
        parsed = FORMATS["nktest"].read(path)
        parsed.records.interactions[0].summary = None  # type: ignore[assignment]
        return parsed

    FORMATS["nkboom"] = Format("nkboom", "boom", lambda p: False, explode)
    try:
        with pytest.raises(Exception):  # noqa: B017 - any database error will do
            import_files(workspace, [first], format="nkboom")
    finally:
        del FORMATS["nkboom"]
    assert not Person.objects.filter(workspace=workspace).exists()


def test_a_dry_run_reports_and_keeps_nothing(workspace: Workspace, first: Path) -> None:
    report = import_files(workspace, [first], dry_run=True)
    assert report.dry_run and counts(report) == (2, 0, 0, 0, 3)
    assert not Person.objects.filter(workspace=workspace).exists()
    assert not Interaction.objects.exists()


def test_an_unknown_file_and_an_unknown_format_are_named(
    workspace: Workspace, tmp_path: Path
) -> None:
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x00\x01\x02 not a contact file")
    with pytest.raises(ImportFailed, match=r"junk\.bin"):
        import_files(workspace, [junk])
    with pytest.raises(ImportFailed, match="There is no format “nope”"):
        import_files(workspace, [junk], format="nope")
    with pytest.raises(ImportFailed, match="no such file"):
        import_files(workspace, [tmp_path / "missing.csv"])


@contextmanager
def demo_format(records: NetworkRecords) -> Iterator[None]:
    """A format "demo" whose every file holds ``records``, registered for the block."""

    def read_demo(path: Path) -> ParsedFile:
        return ParsedFile(str(path), "demo", records)

    FORMATS["demo"] = Format("demo", "demo", lambda p: False, read_demo)
    try:
        yield
    finally:
        del FORMATS["demo"]


def test_a_whole_demo_network_imports_and_reimports_unchanged(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "demo.bin"
    path.write_bytes(b"demo")
    with demo_format(generate(size=60, seed=5)):
        first = import_files(workspace, [path], format="demo")
        before = snapshot(workspace)
        second = import_files(workspace, [path], format="demo")
    f = first.files[0]
    assert f.persons_new + f.persons_merged == 60 and f.persons_new >= 50
    assert f.interactions_new > 100
    assert second.files[0].persons_new == 0 and second.files[0].interactions_new == 0
    assert second.files[0].persons_updated == 0
    assert snapshot(workspace) == before


def contact_stats(workspace: Workspace) -> dict[int, tuple[object, ...]]:
    rows = Person.objects.filter(workspace=workspace)
    return {
        pk: (n, last)
        for pk, n, last in rows.values_list("pk", "interaction_count", "last_contact_at")
    }


def test_contact_stats_written_with_the_persons_are_the_ones_the_log_gives(
    workspace: Workspace, first: Path, tmp_path: Path
) -> None:
    demo = tmp_path / "demo.bin"
    demo.write_bytes(b"demo")
    with demo_format(generate(size=60, seed=7)):
        import_files(workspace, [demo], format="demo")
    # A second file of the same source repeats a message of the first and adds one for
    # a stored person (Anne) and a new one (Carl): each message is stored once.
    again = write(
        tmp_path / "again.txt",
        person("a", "Anne", "Holm", "Fjordbank", "CTO", linkedin=URL),
        person("c", "Carl", "Berg", "Ravn"),
        message("m2", "a", "2024-04-01T09:00", "Tak for sidst"),
        message("m9", "a", "2024-05-01T09:00", "Frokost?"),
        message("m10", "c", "2024-02-01T09:00", "Hej Carl"),
    )
    import_files(workspace, [first])
    report = import_files(workspace, [first, again])
    assert [f.interactions_new for f in report.files] == [0, 2]
    written = contact_stats(workspace)
    assert sum(n for n, _last in written.values()) > 100
    refresh_contact_stats(workspace)
    assert contact_stats(workspace) == written
    anne = Person.objects.get(workspace=workspace, linkedin_url=URL)
    assert anne.interaction_count == 3 and anne.last_contact_at.month == 5  # type: ignore[union-attr]


def summaries(workspace: Workspace) -> dict[str, set[str]]:
    return {
        p.display_name: {i.summary for i in p.interactions.all()}
        for p in Person.objects.filter(workspace=workspace)
    }


@pytest.fixture
def numbered(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """What ``_insert_numbered`` answered during the test: a range of ids, or None."""
    answers: list[object] = []
    real = importing._insert_numbered

    def spy(*args: Any) -> range | None:
        answers.append(real(*args))
        return answers[-1]

    monkeypatch.setattr(importing, "_insert_numbered", spy)
    return answers


def test_messages_reach_their_persons_when_the_ids_have_a_gap(
    workspace: Workspace, first: Path, numbered: list[object]
) -> None:
    # A deleted interaction leaves its id unused: the new ones are not numbered from the
    # highest id stored, and the import finds them by their external ids instead.
    gone = Interaction.objects.create(
        workspace=workspace, occurred_at=timezone.now(), channel="message"
    )
    gone.delete()
    import_files(workspace, [first])
    assert numbered == [None]
    expected = {"Anne Holm": {"Hej Anne", "Tak for sidst"}, "Bo Jensen": {"Møde?"}}
    assert summaries(workspace) == expected


def test_messages_reach_their_persons_numbered_in_order(
    workspace: Workspace, first: Path, numbered: list[object]
) -> None:
    import_files(workspace, [first])
    # PostgreSQL's sequences leave gaps after every rolled-back test; SQLite's do not.
    if connection.vendor == "sqlite":
        assert len(numbered) == 1 and isinstance(numbered[0], range)
    expected = {"Anne Holm": {"Hej Anne", "Tak for sidst"}, "Bo Jensen": {"Møde?"}}
    assert summaries(workspace) == expected
