"""Diversity indices and the advice for a one-sided network."""

from __future__ import annotations

import math

import pytest

from netkort.analysis.diversity import (
    blau,
    ei_index,
    iqv,
    measure,
    measure_sets,
    normalised_entropy,
)


def test_blau_iqv_and_entropy_of_an_even_split_are_at_their_maximum() -> None:
    assert blau([5, 5]) == pytest.approx(0.5)
    assert iqv([5, 5]) == pytest.approx(1.0)
    assert normalised_entropy([3, 3, 3]) == pytest.approx(1.0)


def test_one_category_is_no_diversity() -> None:
    assert blau([9]) == 0.0 and iqv([9]) == 0.0 and normalised_entropy([9]) == 0.0


def test_the_indices_follow_science_md() -> None:
    counts = [6, 3, 1]
    shares = [0.6, 0.3, 0.1]
    assert blau(counts) == pytest.approx(1 - sum(p * p for p in shares))
    assert iqv(counts) == pytest.approx(blau(counts) / (1 - 1 / 3))
    h = -sum(p * math.log(p) for p in shares)
    assert normalised_entropy(counts) == pytest.approx(h / math.log(3))


def test_the_ei_index_runs_from_all_alike_to_all_different() -> None:
    assert ei_index(["it", "it"], "it") == -1.0
    assert ei_index(["law", "it"], "health") == 1.0
    assert ei_index(["it", "law", "it", "law"], "it") == 0.0
    assert ei_index([], "it") is None


def test_an_all_it_network_gets_the_diversity_advice() -> None:
    values = ["it"] * 8 + ["law", "health"]
    result = measure("industry", values, "it", labels={"it": "IT", "law": "Law"})
    assert result.advice
    assert result.top == "IT" and result.top_count == 8 and result.known == 10
    assert result.ei == pytest.approx(-0.6)
    assert result.mine == "IT"


def test_a_mixed_network_gets_no_advice_and_unknowns_are_counted_apart() -> None:
    values = ["it", "law", "health", "energy", "retail", "", ""]
    result = measure("industry", values, "it")
    assert not result.advice
    assert result.known == 5 and result.unknown == 2 and result.categories == 5


def test_schools_count_each_person_once_and_unknown_schools_do_not_count() -> None:
    values = [["dtu"], ["dtu"], ["dtu", "cbs"], ["ku"], [], [""]]
    d = measure_sets("education", values, {"dtu"}, {"dtu": "DTU", "cbs": "CBS", "ku": "KU"})
    assert (d.known, d.unknown, d.categories) == (4, 2, 3)
    shares = [2.5 / 4, 0.5 / 4, 1 / 4]  # the person with two schools adds half to each
    assert d.blau == pytest.approx(1 - sum(p * p for p in shares), abs=1e-6)
    assert d.iqv == pytest.approx(d.blau / (1 - 1 / 3), abs=1e-6)
    h = -sum(p * math.log(p) for p in shares)
    assert d.entropy == pytest.approx(h / math.log(3), abs=1e-6)
    # Three of the four share a school with me: E-I = (1 - 3) / 4.
    assert d.ei == pytest.approx(-0.5)
    assert (d.top, d.top_count, d.mine) == ("DTU", 3, "DTU")
    assert not d.advice  # fewer than MIN_KNOWN persons with a known school


def test_a_network_from_one_school_gets_the_advice_and_no_profile_means_no_ei() -> None:
    d = measure_sets("education", [["dtu"]] * 8 + [["ku"], ["cbs"]], set())
    assert d.advice and d.top == "dtu" and d.top_count == 8 and d.known == 10
    assert d.ei is None and d.mine == ""
    nobody = measure_sets("education", [[], []], {"dtu"})
    assert (nobody.known, nobody.unknown, nobody.ei, nobody.blau) == (0, 2, None, 0.0)
