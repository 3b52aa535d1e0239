"""Sort keys that put names in the user's alphabetical order inside any database.

SQLite sorts text by code point and PostgreSQL by the database's collation (often
``en_US.UTF-8`` or ``da_DK.UTF-8``), so neither gives Danish order on its own. The
service layer stores ``sort_key(name, language)`` in a text column and sorts by it.

The key is made of ASCII digits only. Letters in a key would not be safe: a Danish
PostgreSQL collation sorts "aa" after "z", and locale collations skip spaces and
punctuation. Digit strings compare the same way under every collation we know of:
one character at a time, "0" < "1" < ... < "9", a prefix first.

Layout of a key: ``<primary> 00 <tiebreak>`` (without the spaces).

- primary: one token per letter after folding case and accents, in alphabet order:
  ``01`` separates words, ``02``-``11`` are the digits 0-9, ``12``-``37`` are a-z, and
  for Danish ``38`` æ, ``39`` ø, ``40`` å. A character outside these (CJK, Greek,
  Arabic...) is ``9`` followed by its code point in 7 digits, so it sorts after all
  letters, by code point.
- ``00`` ends the primary part, so "Ann" sorts before "Ann Berg" before "Anna".
- tiebreak: every code point of the original text, each as its digit count followed
  by its digits ("A" -> "265"). Different strings therefore never share a key, and
  among equal primaries "Hansen" comes before "hansen" and "Elise" before "Élise".

A key is at most 8 digits per character for the primary part and 8 for the tiebreak;
a name of 30 letters typically gives about 160 digits. Store it in a text column of
generous length (or unbounded): a truncated key keeps its order but can lose the
tiebreak.
"""

from __future__ import annotations

import functools
import re
import string
import unicodedata
from collections.abc import Iterator

from netkort.domain.names import strip_accents

_END = "00"
_WORD_BREAK = "01"
_DIGIT_BASE = 2
_LETTER_BASE = 12

_LATIN = string.ascii_lowercase
_DANISH = _LATIN + "æøå"

# Letters the alphabets sort differently from their base letter, matched on decomposed
# text so that "ǻ" (å + acute) and a decomposed "å" are caught too.
# Danish (CLDR): "aa" and "å" are one letter; "ä" is a variant of "æ", "ö" and "ő" of
# "ø", "ü" and "ű" of "y".
_DANISH_LETTERS = {
    "a\u030a": "å",
    "a\u0308": "æ",
    "o\u0308": "ø",
    "o\u030b": "ø",
    "u\u0308": "y",
    "u\u030b": "y",
    "œ": "oe",
    "þ": "th",
}
# Before a mark, "aa" is "a" followed by an accented "a", not "å".
_DANISH_AA = re.compile("aa(?![\u0300-\u036f])")
# English has no extra letters: they sort as the Latin letters people read in them.
_ENGLISH_LETTERS = {"æ": "ae", "ø": "o", "œ": "oe", "þ": "th"}
_DANISH_PATTERN = re.compile("|".join(_DANISH_LETTERS))
_ENGLISH_PATTERN = re.compile("|".join(_ENGLISH_LETTERS))


def sort_key(text: str, language: str) -> str:
    """Return a digit string whose code-point order is ``text``'s order in ``language``.

    ``language`` is a language tag ("da", "da-DK", "en", "en_GB"...). Danish orders
    the alphabet a-z, æ, ø, å and reads "aa" as "å" (so "Aagaard" sorts with "Ågaard",
    after "Østergaard"); every other language uses English rules, where "æ" is "ae",
    "ø" is "o" and "å" is "a". Case and accents only break ties. Never raises.
    """
    # Word by word, each word's part cached: names recur across thousands of persons.
    # Runs of spaces are one word break either way, so this equals keying the whole
    # text at once (tests/test_import_derived.py checks it).
    danish = _is_danish(language)
    primary = _WORD_BREAK.join(p for p in (_word_primary(w, danish) for w in text.split()) if p)
    return primary + _END + tiebreak(text)


@functools.lru_cache(maxsize=1 << 17)
def _word_primary(word: str, danish: bool) -> str:
    return whole_primary(word, danish)


def whole_primary(text: str, danish: bool) -> str:
    """The primary part of the key of ``text`` taken as a whole (not cached)."""
    return _primary(_fold_letters(text, danish), _DANISH if danish else _LATIN)


def _is_danish(language: str) -> bool:
    return language.replace("_", "-").split("-")[0].strip().lower() == "da"


def _fold_letters(text: str, danish: bool) -> str:
    """Lower-case and decompose ``text``, and respell letters the alphabet treats apart."""
    # NFKC before casefold so that compatibility forms (mathematical bold "A") fold.
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    if danish:
        text = _DANISH_AA.sub("å", text)
        return _DANISH_PATTERN.sub(lambda match: _DANISH_LETTERS[match.group()], text)
    return _ENGLISH_PATTERN.sub(lambda match: _ENGLISH_LETTERS[match.group()], text)


def _primary(folded: str, alphabet: str) -> str:
    tokens: list[str] = []
    for char in _letters(folded, alphabet):
        token = _token(char, alphabet)
        # Runs of spaces and punctuation count as one word break; none at the ends.
        if token == _WORD_BREAK and (not tokens or tokens[-1] == _WORD_BREAK):
            continue
        tokens.append(token)
    if tokens and tokens[-1] == _WORD_BREAK:
        tokens.pop()
    return "".join(tokens)


def _letters(folded: str, alphabet: str) -> Iterator[str]:
    for char in folded:
        if char in alphabet:
            yield char
        else:
            # Drops the remaining diacritics and maps letters like "đ" to "d"; not
            # applied to the alphabet's own letters, where it would make "ø" an "o".
            yield from strip_accents(char)


def _token(char: str, alphabet: str) -> str:
    position = alphabet.find(char)
    if position >= 0:
        return f"{_LETTER_BASE + position:02d}"
    digit = unicodedata.decimal(char, None)
    if digit is not None:
        return f"{_DIGIT_BASE + digit:02d}"
    if unicodedata.category(char)[0] in "LNM":
        return f"9{ord(char):07d}"
    return _WORD_BREAK


def tiebreak(text: str) -> str:
    """The part of a sort key that keeps different texts apart when they sort alike."""
    # Length-prefixed code points: prefix-free and ordered, so distinct texts give
    # distinct keys and the comparison stays deterministic.
    return "".join(map(_code_point, text))


@functools.lru_cache(maxsize=4096)
def _code_point(char: str) -> str:
    code = ord(char)
    return f"{len(str(code))}{code}"
