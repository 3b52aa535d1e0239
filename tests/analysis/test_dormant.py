"""Dormant ties: once close or often in touch, silent three years or more."""

from __future__ import annotations

from datetime import date

from netkort.analysis.dormant import PastTie, find_dormant

TODAY = date(2026, 11, 1)


def test_a_once_close_person_silent_for_four_years_is_dormant_with_reasons() -> None:
    ties = [PastTie(1, closeness=2, interactions=3, last_contact=date(2022, 9, 1),
                    former_colleague=True)]  # fmt: skip
    [found] = find_dormant(ties, TODAY)
    assert found.id == 1 and found.silent_years >= 4
    codes = [r.code for r in found.reasons]
    assert codes == ["silent", "once_close", "past_contact", "former_colleague"]
    assert found.reasons[0].values == {"years": 4}


def test_recent_contact_rare_contact_or_no_log_is_not_dormant() -> None:
    ties = [
        PastTie(1, closeness=1, interactions=40, last_contact=date(2025, 1, 1)),
        PastTie(2, closeness=5, interactions=2, last_contact=date(2015, 1, 1)),
        PastTie(3, closeness=1, interactions=0, last_contact=None),
    ]
    assert find_dormant(ties, TODAY) == []


def test_often_in_touch_counts_and_the_strongest_past_tie_comes_first() -> None:
    ties = [
        PastTie(1, closeness=None, interactions=12, last_contact=date(2020, 1, 1)),
        PastTie(2, closeness=1, interactions=0, last_contact=date(2021, 1, 1)),
        PastTie(3, closeness=None, interactions=1, last_contact=date(2020, 1, 1), favours=2),
    ]
    assert [d.id for d in find_dormant(ties, TODAY)] == [2, 3, 1]
