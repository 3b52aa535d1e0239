"""vCard 3.0 that contact apps read: parsed back with vobject, card by card."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import vobject

from export_network import TRICKY_NAMES, build_network
from netkort.io import read_file
from netkort.services.export import ExportOptions, export
from netkort.services.people import PersonFields, add_person
from netkort.store.models import Person, Workspace


@pytest.fixture
def full(workspace: Workspace) -> Workspace:
    build_network(workspace)
    return workspace


def all_cards(workspace: Workspace) -> list[vobject.base.Component]:
    text = export(workspace, ExportOptions("vcf")).data.decode("utf-8")
    return list(vobject.readComponents(text))


def cards(workspace: Workspace) -> dict[str, vobject.base.Component]:
    """By name; the demo repeats a few names, the tests look up unique ones."""
    return {c.fn.value: c for c in all_cards(workspace)}


def test_every_person_is_a_card(full: Workspace) -> None:
    parsed = all_cards(full)
    ids = {int(c.uid.value.rsplit("-", 1)[1]) for c in parsed}
    assert ids == set(Person.objects.filter(workspace=full).values_list("pk", flat=True))
    assert len(parsed) == len(ids)
    for card in parsed:
        assert card.version.value == "3.0"
        assert card.uid.value == f"netkort-{full.uid}-{card.uid.value.rsplit('-', 1)[1]}"


def test_names_with_markup_emoji_and_right_to_left_text_survive(full: Workspace) -> None:
    parsed = cards(full)
    for name in TRICKY_NAMES:
        assert name in parsed
    card = parsed[TRICKY_NAMES[1]]
    assert card.note.value == f"Line one\nline two; {TRICKY_NAMES[1]}"
    assert card.org.value == ["Ærø Ølhus, A/S"]
    assert card.email.value == "tricky1@example.org"
    assert sorted(card.categories.value) == ["=tag", "vip"]


def test_the_linkedin_profile_is_a_social_profile_and_a_url(full: Workspace) -> None:
    card = cards(full)[TRICKY_NAMES[2]]
    assert card.x_socialprofile.value == "https://www.linkedin.com/in/maryam-alhassan"
    assert card.x_socialprofile.params["TYPE"] == ["linkedin"]
    assert card.url.value == "https://www.linkedin.com/in/maryam-alhassan"
    assert card.bday.value == "1980-02-29"


def test_structured_names_and_phones(full: Workspace) -> None:
    person = Person.objects.filter(workspace=full, phones__isnull=False).first()
    assert person is not None
    card = next(c for c in all_cards(full) if c.uid.value.endswith(f"-{person.pk}"))
    assert card.n.value.family == person.family_name
    assert card.n.value.given == person.given_name
    assert card.tel.value == person.phones.first().e164  # type: ignore[union-attr]


def test_lines_are_folded_at_75_octets(full: Workspace) -> None:
    data = export(full, ExportOptions("vcf")).data
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)
    for line in lines:
        line.decode("utf-8")  # no letter split across a fold


def test_birthdays_with_and_without_a_year_read_back_the_same(
    workspace: Workspace, tmp_path: Path
) -> None:
    add_person(workspace, PersonFields(display_name="Ida Year", birthday=date(1980, 3, 14)))
    add_person(workspace, PersonFields(display_name="Ulla Noyear", birthday=date(1604, 2, 29)))
    by_name = cards(workspace)
    assert by_name["Ida Year"].bday.value == "1980-03-14"
    assert by_name["Ulla Noyear"].bday.params["X-APPLE-OMIT-YEAR"] == ["1604"]
    path = tmp_path / "contacts.vcf"
    path.write_bytes(export(workspace, ExportOptions("vcf")).data)
    parsed = read_file(path)
    birthdays = {p.display_name: (p.birthday, p.birthday_month_day) for p in parsed.records.persons}
    assert birthdays["Ida Year"][0] == date(1980, 3, 14)
    assert birthdays["Ulla Noyear"] == (None, (2, 29))
