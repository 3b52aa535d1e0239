"""``netkort.web.markup`` writes the same HTML as Django's ``format_html`` and the same
numbers as the ``floatformat`` filter, in both languages."""

from __future__ import annotations

import pytest
from django.template.defaultfilters import floatformat
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy, override
from hypothesis import given
from hypothesis import strategies as st

from netkort.web.markup import html, html_join, number, url_with_pk

values = st.one_of(
    st.text(),
    st.text().map(mark_safe),
    st.integers(),
    st.floats(allow_nan=False),
    st.sampled_from(["<b>", "\"'&", "Søren & Åse <søren@x.dk>", gettext_lazy("Hide")]),
)


@given(a=values, b=values)
def test_html_escapes_as_format_html_does(a: object, b: object) -> None:
    ours = html('<a title="{}">{}</a>', a, b)
    assert isinstance(ours, SafeString)
    assert ours == format_html('<a title="{}">{}</a>', a, b)
    assert html('<p class="{c}">{t}</p>', c=a, t=b) == format_html(
        '<p class="{c}">{t}</p>', c=a, t=b
    )


@given(st.lists(st.tuples(values, values), max_size=5))
def test_html_join_joins_as_format_html_join_does(rows: list[tuple[object, object]]) -> None:
    ours = html_join("", "<li>{}: {}</li>", rows)
    assert isinstance(ours, SafeString)
    assert ours == format_html_join("", "<li>{}: {}</li>", rows)


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("places", [0, 1, 2])
# (floatformat gives back as they are numbers of over 200 digits, tiny ones too; a score
# has none.)
@given(
    value=st.one_of(
        st.floats(-1e6, 1e6).filter(lambda v: v == 0 or abs(v) > 1e-9),
        st.sampled_from([0.25, 0.05, -0.04, 99.95, 2.5]),
    )
)
def test_number_shows_what_floatformat_shows(language: str, places: int, value: float) -> None:
    with override(language):
        assert number(value, places) == floatformat(value, places)


@pytest.mark.parametrize("name", ["netkort:person", "netkort:pipeline-add", "netkort:contact-log"])
@pytest.mark.parametrize("prefix", ["/", "/netkort/"])
def test_url_with_pk_is_what_reverse_gives(name: str, prefix: str) -> None:
    import uuid

    from django.urls import get_script_prefix, reverse, set_script_prefix

    before = get_script_prefix()
    set_script_prefix(prefix)
    try:
        for ws in (uuid.uuid4(), uuid.UUID(int=2**62)):
            for pk in (1, 42, 10**12):
                wanted = reverse(name, kwargs={"ws": ws, "pk": pk})
                assert wanted.startswith(prefix)
                assert url_with_pk(name, pk, ws=ws) == wanted
    finally:
        set_script_prefix(before)
