"""Which pairs the "do they know each other?" prompt asks about, and in what order."""

from __future__ import annotations

from netkort.domain.pairs import MAX_PERSONS, Member, count_open, next_pairs, pair


def test_it_asks_only_about_the_inner_circles() -> None:
    members = [Member(1, 1), Member(2, 2), Member(3, 3), Member(4, 5)]
    assert next_pairs(members, set(), limit=10) == [(1, 2)]


def test_it_asks_first_about_pairs_with_most_in_common() -> None:
    members = [
        Member(1, 1, organisation_id=9, sort_key="a"),
        Member(2, 1, contexts=frozenset({5}), sort_key="b"),
        Member(3, 2, organisation_id=9, contexts=frozenset({5}), sort_key="c"),
        Member(4, 1, sort_key="d"),
    ]
    found = next_pairs(members, set(), limit=6)
    assert found[0] == (1, 3)  # same organisation
    assert found[1] == (2, 3)  # one shared context
    assert len(found) == 6


def test_it_skips_settled_pairs_whatever_the_order_given() -> None:
    members = [Member(1, 1), Member(2, 1), Member(3, 1)]
    settled = {pair(2, 1), pair(3, 1)}
    assert next_pairs(members, settled, limit=5) == [(2, 3)]
    assert count_open(members, settled) == 1
    assert next_pairs(members, settled | {(2, 3)}) == []


def test_closer_pairs_come_before_farther_ones() -> None:
    members = [
        Member(10, 2, sort_key="a"),
        Member(11, 2, sort_key="b"),
        Member(12, 1, sort_key="c"),
    ]
    assert next_pairs(members, set(), limit=3)[-1] == (10, 11)


def test_it_caps_the_number_of_persons_asked_about() -> None:
    members = [Member(i, 1 + i % 2) for i in range(1, MAX_PERSONS + 30)]
    found = next_pairs(members, set(), limit=10**6)
    asked = {i for p in found for i in p}
    assert len(asked) == MAX_PERSONS
    assert len(found) == MAX_PERSONS * (MAX_PERSONS - 1) // 2
