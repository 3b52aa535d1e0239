"""The import's shortcuts give what the general code gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from netkort.domain.matching import Identity, _name_score, name_score
from netkort.domain.phones import to_e164
from netkort.services.importing import _e164


@given(st.from_regex(r"(\+45 ?)?[2-9]\d( ?\d){6}", fullmatch=True))
def test_danish_numbers_read_fast_read_like_phonenumbers(number: str) -> None:
    assert _e164(number, "DK") == to_e164(number, "DK")


@given(st.text(alphabet="+4520 -()13", max_size=16), st.sampled_from(["DK", "SE", "GB"]))
def test_any_number_reads_like_phonenumbers(number: str, region: str) -> None:
    assert _e164(number, region) == to_e164(number, region)


NAMES = ["anne", "ane", "holm", "hansen", "kris", "kristian", "", "holm jensen", "k"]


@given(st.lists(st.sampled_from(NAMES), min_size=4, max_size=4))
def test_the_cached_name_score_is_the_name_score(parts: list[str]) -> None:
    a = Identity(given=parts[0], family=parts[1])
    b = Identity(given=parts[2], family=parts[3])
    assert name_score(a, b) == _name_score.__wrapped__(*parts)
    assert name_score(a, b) == name_score(a, b)
