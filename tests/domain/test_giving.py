"""Give and take: balances and the suggestions of what to give."""

from __future__ import annotations

from datetime import date

from netkort.domain import giving
from netkort.domain.giving import FavourFact, PersonFacts

TODAY = date(2026, 5, 20)


def test_it_counts_the_balance_overall_and_per_person() -> None:
    favours = [
        FavourFact(1, "given", TODAY),
        FavourFact(1, "received", TODAY),
        FavourFact(1, "received", TODAY),
        FavourFact(2, "given", TODAY),
    ]
    assert giving.balance(favours) == giving.Balance(given=2, received=2)
    by_person = giving.balances_by_person(favours)
    assert by_person[1].net == -1
    assert by_person[2].net == 1


def test_it_finds_needs_in_notes_and_tags_in_both_languages() -> None:
    anna = PersonFacts(
        1,
        "Anna",
        notes="Met at the conference. She is looking for a UX designer for her team.",
        tags=("needs: data engineer",),
    )
    bo = PersonFacts(2, "Bo", notes="Søger en ny revisor til firmaet. Har to børn.")
    assert giving.needs_of(anna) == ["data engineer", "a UX designer"]
    assert giving.needs_of(bo) == ["en ny revisor"]
    assert giving.needs_of(PersonFacts(3, "Cy", notes="Nothing to say.")) == []


def test_it_suggests_whom_you_know_who_fits_a_need() -> None:
    persons = [
        PersonFacts(1, "Anna", notes="Looking for a UX designer."),
        PersonFacts(2, "Bo", title="Senior UX-designer"),
        PersonFacts(3, "Cy", title="UX Designer", organisation="Nordlys"),
        PersonFacts(4, "Di", title="Designer"),
        PersonFacts(5, "Ed", title="Developer", tags=("ux",)),
    ]
    found = giving.need_matches(persons)
    assert len(found) == 1
    assert found[0].person_id == 1
    assert found[0].need == "a UX designer"
    assert found[0].matches == (2, 3)
    assert found[0].count == 2


def test_plural_forms_meet_in_a_match() -> None:
    persons = [
        PersonFacts(1, "Anna", notes="søger udviklere"),
        PersonFacts(2, "Bo", title="Udvikler"),
    ]
    assert giving.need_matches(persons)[0].matches == (2,)


def test_nobody_is_matched_to_their_own_need() -> None:
    persons = [PersonFacts(1, "Anna", title="Lawyer", notes="Looking for a lawyer")]
    assert giving.need_matches(persons) == []


def test_it_reminds_you_to_give_to_the_inner_circle_each_quarter() -> None:
    persons = [PersonFacts(1, "Anna", closeness=1), PersonFacts(2, "Bo", closeness=3)]
    last_quarter = [FavourFact(1, "given", date(2026, 3, 31))]
    found = giving.inner_circle_quarter(persons, last_quarter, TODAY)
    assert found is not None and found.kind == "inner_circle_quarter" and found.count == 1
    this_quarter = [FavourFact(1, "given", date(2026, 4, 1))]
    assert giving.inner_circle_quarter(persons, this_quarter, TODAY) is None
    to_the_outer_ring = [FavourFact(2, "given", date(2026, 5, 1))]
    assert giving.inner_circle_quarter(persons, to_the_outer_ring, TODAY) is not None
    received = [FavourFact(1, "received", date(2026, 5, 1))]
    assert giving.inner_circle_quarter(persons, received, TODAY) is not None


def test_there_is_no_inner_circle_reminder_without_an_inner_circle() -> None:
    assert giving.inner_circle_quarter([PersonFacts(1, "A", closeness=2)], [], TODAY) is None


def test_the_quarter_starts_on_the_first_of_january_april_july_and_october() -> None:
    assert giving.quarter_start(date(2026, 5, 20)) == date(2026, 4, 1)
    assert giving.quarter_start(date(2026, 12, 31)) == date(2026, 10, 1)
    assert giving.quarter_start(date(2026, 1, 1)) == date(2026, 1, 1)


def test_it_suggests_giving_back_to_who_has_given_you_most() -> None:
    favours = [FavourFact(7, "received", TODAY)] * 3 + [FavourFact(7, "given", TODAY)]
    favours += [FavourFact(8, "received", TODAY)] * 3
    favours += [FavourFact(9, "received", TODAY)]
    found = giving.give_back(favours)
    assert [(s.person_id, s.count) for s in found] == [(8, 3), (7, 2)]


def test_all_suggestions_come_broadest_first() -> None:
    persons = [
        PersonFacts(1, "Anna", closeness=1, notes="looking for a lawyer"),
        PersonFacts(2, "Bo", title="Lawyer"),
    ]
    favours = [FavourFact(2, "received", TODAY)] * 2
    kinds = [s.kind for s in giving.suggestions(persons, favours, TODAY)]
    assert kinds == ["inner_circle_quarter", "give_back", "need_match"]
