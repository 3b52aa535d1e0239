"""Tie strength: closeness wins, the interaction log decides otherwise, rings follow Dunbar."""

from __future__ import annotations

import pickle
from datetime import date, timedelta

from netkort.domain.tie_strength import Reason, TieEvidence, assign_rings, estimate

TODAY = date(2026, 11, 1)


def test_the_users_closeness_wins_over_any_log() -> None:
    busy = TieEvidence(closeness=5, mutual=80, last_contact=TODAY)
    result = estimate(busy, TODAY)
    assert result.from_closeness
    assert result.strength == 0.2
    assert result.reasons[0].code == "closeness"


def test_recent_frequent_two_way_contact_beats_old_one_way_contact() -> None:
    lively = TieEvidence(
        outgoing=6, incoming=6, last_contact=TODAY - timedelta(days=21),
        first_contact=TODAY - timedelta(days=2000),
    )  # fmt: skip
    faded = TieEvidence(outgoing=12, last_contact=TODAY - timedelta(days=2000))
    assert estimate(lively, TODAY).strength > estimate(faded, TODAY).strength + 0.2


def test_the_reason_says_how_many_messages_both_ways_and_when() -> None:
    ev = TieEvidence(outgoing=6, incoming=6, last_contact=TODAY - timedelta(days=21))
    reason = estimate(ev, TODAY).reasons[0]
    assert reason.code == "contact_both"
    assert reason.values == {"count": 12, "days": 21}


def test_one_way_contact_is_said_to_be_one_way() -> None:
    ev = TieEvidence(outgoing=3, last_contact=TODAY)
    assert estimate(ev, TODAY).reasons[0].code == "contact_one"


def test_favours_shared_places_and_introductions_each_add_strength() -> None:
    base = TieEvidence(mutual=2, last_contact=TODAY - timedelta(days=400))
    plain = estimate(base, TODAY).strength
    for richer in (
        TieEvidence(mutual=2, last_contact=base.last_contact, favours_given=2),
        TieEvidence(mutual=2, last_contact=base.last_contact, shared_contexts=2),
        TieEvidence(mutual=2, last_contact=base.last_contact, shared_organisation=True),
        TieEvidence(mutual=2, last_contact=base.last_contact, introductions=1),
    ):
        assert estimate(richer, TODAY).strength > plain


def test_nothing_known_is_strength_zero() -> None:
    result = estimate(TieEvidence(), TODAY)
    assert result.strength == 0.0
    assert [r.code for r in result.reasons] == ["no_contact"]


def test_rings_keep_the_users_closeness_and_fill_dunbar_layers_by_strength() -> None:
    strengths = [0.9] * 8 + [0.6] * 3 + [0.05, 0.0]
    closeness: list[int | None] = [1, 1, 1, None, None, None, None, None, None, 4, None, None, None]
    rings = assign_rings(strengths, closeness, layers=(5, 15, 50, 150))
    assert rings[:3] == [1, 1, 1]
    assert rings[9] == 4
    # Two places left in the inner ring go to the strongest unrated persons, by order.
    assert rings[3:5] == [1, 1]
    assert rings[5:8] == [2, 2, 2]
    assert rings[8] == 2 and rings[10] == 2
    assert rings[11] == 5 and rings[12] == 5  # below every floor, or nothing known


def test_ring_sizes_are_adjustable() -> None:
    rings = assign_rings([0.9, 0.9, 0.9], [None, None, None], layers=(1, 2, 3, 4))
    assert rings == [1, 2, 3]


def test_a_reason_survives_pickling_as_it_was() -> None:
    reason = Reason("messages", {"count": 3, "share": 0.5, "name": "Ann"})
    again = pickle.loads(pickle.dumps((reason, reason), protocol=pickle.HIGHEST_PROTOCOL))
    assert again == (reason, reason) and type(again[0]) is Reason
