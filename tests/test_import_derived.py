"""The cached, word-by-word name keys equal the keys of the whole text.

``names.fold`` and ``collation.sort_key`` work word by word with every word's result
cached (an import derives the same names thousands of times); the whole-text
algorithms are the reference.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from netkort.domain.collation import sort_key, tiebreak, whole_primary
from netkort.domain.demo import generate
from netkort.domain.names import fold, fold_any, fold_word, strip_accents

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
    "a \u0301b",
    "Ma\u00a0Ria\u2003Lund\u3000X",
    "¨ ´ a´b",
    "",
]


def same(text: str) -> None:
    assert fold(text) == fold_any(text), repr(text)
    for language, danish in (("da", True), ("en", False)):
        whole = whole_primary(text, danish) + "00" + tiebreak(text)
        assert sort_key(text, language) == whole, (repr(text), language)


def test_demo_names_key_alike_word_by_word_and_whole() -> None:
    for rec in generate(size=300, seed=2).persons:
        for text in (rec.display_name, rec.organisation, " ".join(rec.emails)):
            same(text)


def test_tricky_names_key_alike_word_by_word_and_whole() -> None:
    for name in TRICKY:
        same(name)


@given(st.text(max_size=40))
def test_any_text_keys_alike_word_by_word_and_whole(text: str) -> None:
    same(text)


@given(st.lists(st.sampled_from(["aa", "Å", "a", "\u030a", " ", "-", "ø", "'", "\u00a0"])))
def test_danish_letters_across_word_breaks_key_alike(parts: list[str]) -> None:
    same("".join(parts))


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_ascii_text_folds_by_the_table_like_by_the_general_rules(text: str) -> None:
    assert fold_word(text) == fold_any(text), repr(text)
    assert strip_accents(text) == text


def test_emails_and_punctuation_fold_alike_both_ways() -> None:
    for text in ("Anne.Holm@Example.DK", "O'Brien", "Hans-Christian", "a_b`c", "\t\x1f x"):
        assert fold_word(text) == fold_any(text), text
