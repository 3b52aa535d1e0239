"""Favours: logging, balances, worded suggestions, double introductions."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from netkort.domain import giving
from netkort.services import favours
from netkort.services.errors import UserError
from netkort.store.models import Favour, Workspace
from outreach_helpers import person


def test_it_logs_favours_and_counts_the_balance(workspace: Workspace) -> None:
    anna = person(workspace, "Anna Holm")
    bo = person(workspace, "Bo Ek")
    favours.log_favour(workspace, anna, direction="given", kind="advice")
    favours.log_favour(workspace, anna, direction="received", kind="introduction")
    favours.log_favour(workspace, bo, direction="received", kind="knowledge")
    assert favours.balance_of(workspace, anna).net == 0
    total = favours.balance_of(workspace)
    assert (total.given, total.received) == (1, 2)


def test_it_refuses_a_future_favour_or_an_unknown_kind(workspace: Workspace) -> None:
    anna = person(workspace, "Anna Holm")
    with pytest.raises(UserError):
        favours.log_favour(
            workspace,
            anna,
            direction="given",
            kind="advice",
            on=timezone.localdate() + timedelta(days=1),
        )
    with pytest.raises(UserError):
        favours.log_favour(workspace, anna, direction="given", kind="money")
    assert Favour.objects.count() == 0


def test_it_words_the_suggestions_with_the_persons_they_are_about(workspace: Workspace) -> None:
    anna = person(workspace, "Anna Holm", closeness=1, notes="She is looking for a UX designer.")
    bo = person(workspace, "Bo Ek", title="UX designer")
    cy = person(workspace, "Cy Lund", title="Senior UX Designer")
    with translation.override("en"):
        advice = favours.suggestions(workspace)
    texts = [a.text for a in advice]
    assert texts[0] == "You have not given anything to your inner circle this quarter."
    assert "Anna Holm is looking for a UX designer — you know 2 who may fit." in texts
    match = next(a for a in advice if a.person == anna)
    assert match.matches == [bo, cy]


def test_a_double_introduction_logs_one_contact_and_a_favour_to_each(workspace: Workspace) -> None:
    anna = person(workspace, "Anna Holm")
    bo = person(workspace, "Bo Ek")
    introduction = favours.introduce(workspace, anna, bo)
    assert set(introduction.persons.all()) == {anna, bo}
    given = Favour.objects.filter(direction="given", kind="introduction")
    assert {f.person for f in given} == {anna, bo}
    anna.refresh_from_db()
    assert anna.interaction_count == 1
    with pytest.raises(UserError):
        favours.introduce(workspace, anna, anna)


def test_reading_only_who_may_need_something_suggests_what_reading_everyone_does(
    workspace: Workspace,
) -> None:
    rng = random.Random(3)
    titles = ["UX designer", "Data engineer", "Udvikler", "CFO", "Projektleder", "Sales"]
    needs = [
        "Looking for a UX designer for the team.",
        "SØGER en udvikler til et projekt",
        "needs: data engineers",
        "Leder efter en projektleder.",
        "Nothing to say here.",
        "",
    ]
    for n in range(120):
        person(
            workspace,
            f"Person {n}",
            title=rng.choice(titles),
            closeness=rng.choice([1, 2, 3, None]),
            notes=rng.choice(needs) if n % 7 == 0 else "",
            tags=["Mangler: CFO"] if n % 31 == 0 else [],
        )
    favours.log_favour(
        workspace, person(workspace, "Giver", closeness=2), direction="received", kind="advice"
    )
    day = timezone.localdate()
    everyone = giving.suggestions(favours._person_facts(workspace), favours._facts(workspace), day)
    with translation.override("en"):
        worded = favours.suggestions(workspace, day)
    assert len(worded) == len(everyone)
    assert sum(1 for s in everyone if s.kind == "need_match") >= 4
    for advice, expected in zip(worded, everyone, strict=True):
        assert (advice.person.pk if advice.person else None) == expected.person_id
        assert [m.pk for m in advice.matches] == list(expected.matches)
