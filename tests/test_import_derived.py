"""The import's fast search text and sort keys equal the people service's own."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from netkort.domain.demo import generate
from netkort.services.importing import derive
from netkort.services.people import set_derived
from netkort.store.models import Person

TRICKY = [
    "Søren Østergaard",
    "Aagaard, Åse",
    "Hans-Christian  O'Brien",
    "Nguyễn Thị Lan",
    "José María de la Cruz",
    "  ",
    "- Anne -",
    "Ærø 3 Jr.",
    "王 小明",
    "Ǽlfrida Müller-Lüdenscheidt",
]


def both(display: str, given_name: str, family: str, org: str, emails: list[str]) -> None:
    fast = Person(display_name=display, given_name=given_name, family_name=family)
    slow = Person(display_name=display, given_name=given_name, family_name=family)
    derive(fast, org, emails)
    set_derived(slow, org, emails)
    assert (fast.search_text, fast.sort_key_da, fast.sort_key_en) == (
        slow.search_text,
        slow.sort_key_da,
        slow.sort_key_en,
    ), display


def test_it_derives_the_demo_people_like_the_people_service() -> None:
    for rec in generate(size=300, seed=2).persons:
        both(rec.display_name, rec.given_name, rec.family_name, rec.organisation, rec.emails)


def test_it_derives_tricky_names_like_the_people_service() -> None:
    for name in TRICKY:
        both(name, name, name, name, ["a@b.dk"])


@given(st.text(max_size=40), st.text(max_size=20))
def test_it_derives_any_text_like_the_people_service(display: str, org: str) -> None:
    both(display, "", "", org, [])
