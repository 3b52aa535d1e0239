"""Composition: counts per attribute, growth by year, and the guess next to the count."""

from __future__ import annotations

from datetime import date

from netkort.analysis.composition import PersonFacts, Share, compose


def test_it_counts_each_attribute_largest_first_and_leaves_unknowns_out() -> None:
    persons = [
        PersonFacts(1, contexts=("friends", "education"), ring=2, organisation="Fjordbank",
                    industry="Banking", place="Aarhus", sources=("vcard",),
                    known_since=date(2019, 3, 1)),
        PersonFacts(2, contexts=("friends",), ring=5, organisation="Fjordbank",
                    industry="Banking", sources=("linkedin", "vcard"),
                    known_since=date(2021, 5, 1)),
        PersonFacts(3, ring=5, place="Odense", known_since=date(2021, 7, 1)),
        PersonFacts(4, ring=4),
    ]  # fmt: skip
    result = compose(persons, guess=2)
    assert result.size == 4
    assert result.ratio_to_guess == 2.0
    assert result.by_context == [Share("friends", 2), Share("education", 1)]
    assert result.by_ring == [Share("2", 1), Share("4", 1), Share("5", 2)]
    assert result.by_organisation == [Share("Fjordbank", 2)]
    assert result.by_place == [Share("Aarhus", 1), Share("Odense", 1)]
    assert result.by_source == [Share("vcard", 2), Share("linkedin", 1)]
    assert result.growth == [Share("2019", 1), Share("2021", 3)]


def test_without_a_guess_there_is_no_ratio() -> None:
    assert compose([], guess=None).ratio_to_guess is None
