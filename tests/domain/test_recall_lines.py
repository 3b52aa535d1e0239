"""Reading the guided recall's entry box: one person a line."""

from __future__ import annotations

from netkort.domain.recall import Entry, parse_lines


def test_it_reads_name_organisation_and_title() -> None:
    text = "Anna Berg, Nordlys Energi, Head of Sales, Nordics\n  Bo  Holm \n\nCarl Ørum, Fjordbank"
    assert parse_lines(text) == [
        Entry("Anna Berg", "Nordlys Energi", "Head of Sales, Nordics"),
        Entry("Bo Holm"),
        Entry("Carl Ørum", "Fjordbank"),
    ]


def test_it_drops_a_name_typed_twice_by_its_folded_form() -> None:
    assert [e.name for e in parse_lines("Søren Ås\nsoeren aas, X\n, only org")] == ["Søren Ås"]
    assert parse_lines("Søren Ås")[0].key == "soeren aas"
