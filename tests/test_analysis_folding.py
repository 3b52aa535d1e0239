"""The analysis's fast folding gives exactly what ``fold`` gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from netkort.domain.names import fold
from netkort.services.analysis import fast_fold


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_fast_fold_equals_fold_on_ascii(text: str) -> None:
    assert fast_fold(text) == fold(text)


@given(st.text(alphabet="aæøåÅÆØ éüß-'’ Ok"))
def test_fast_fold_equals_fold_on_danish_letters(text: str) -> None:
    assert fast_fold(text) == fold(text)
