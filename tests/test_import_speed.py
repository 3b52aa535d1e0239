"""The import's shortcuts give what the general code gives."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

from django.db import connection
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import fuzz

from netkort.domain.matching import (
    Identity,
    _name_score,
    name_score,
    organisation_score,
)
from netkort.domain.phones import to_e164
from netkort.services.importing import _datetime_adapter, _e164, _json_text


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


@given(
    st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=2))])),
)
def test_moments_go_into_the_database_as_django_writes_them(moment: datetime) -> None:
    assert _datetime_adapter()(moment) == connection.ops.adapt_datetimefield_value(moment)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
)


@given(JSON)
def test_json_goes_into_sqlite_as_django_writes_it(value: object) -> None:
    assert _json_text(value) == json.dumps(value)


ORGANISATIONS = ["fjordbank", "fjordbank as", "nordlys energi", "", "kattegat pharma"]


@given(st.lists(st.sampled_from(ORGANISATIONS), min_size=2, max_size=2))
def test_the_cached_organisation_score_is_the_organisation_score(names: list[str]) -> None:
    a, b = (Identity(given="anne", organisation=n) for n in names)
    expected = None
    if all(names):
        expected = 100 if names[0] == names[1] else round(fuzz.token_set_ratio(*names))
    assert organisation_score(a, b) == expected
