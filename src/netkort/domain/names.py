"""Personal names: matching keys, splitting, display and initials.

Names are stored as the source wrote them. :func:`fold` only produces a key for
matching and search; it is never shown to the user.
"""

from __future__ import annotations

import functools
import re
import string
import unicodedata

# Letters that fold to two letters so that the transliteration people type on a
# keyboard without them matches: "Søren" == "Soeren", "Müller" == "Mueller".
# The bare base letter does not match ("Soren" != "Søren"): "oe" is how Danes
# write "ø" without the key, while "o" is a different letter and would merge names
# that differ only there. Fuzzy matching (rapidfuzz) covers the rest.
# Matched on decomposed text, so that "ǽ" (æ + acute) and a decomposed "å" fold too.
_DIGRAPHS = {
    "æ": "ae",
    "ø": "oe",
    "a\u030a": "aa",  # å
    "a\u0308": "ae",  # ä
    "o\u0308": "oe",  # ö
    "u\u0308": "ue",  # ü
    "œ": "oe",
    "þ": "th",
}
_DIGRAPH_PATTERN = re.compile("|".join(_DIGRAPHS))

# Letters with a stroke or a dotless form have no Unicode decomposition, so NFKD
# alone would keep them; map them to the base letter readers see in them. Dotless i
# (U+0131) is added apart: its upper case is the ordinary "I".
_STROKES = {"đ": "d", "ð": "d", "ł": "l", "ħ": "h", "ŧ": "t", "ø": "o", "ƀ": "b", "ɨ": "i"}
_STROKE_LETTERS = str.maketrans(
    {**_STROKES, **{k.upper(): v.upper() for k, v in _STROKES.items()}, "\u0131": "i"}
)

# Apostrophes vanish rather than split a word: "O'Brien" matches "OBrien". Escaped
# because they look alike: right and left quotation mark, modifier letter apostrophe,
# grave and acute accent.
_APOSTROPHES = dict.fromkeys(map(ord, "'\u2019\u2018\u02bc`\u00b4"), None)

# Particles that belong to the family name that follows them.
_PARTICLES = frozenset(
    {
        "af",
        "al",
        "bin",
        "da",
        "dal",
        "de",
        "del",
        "della",
        "den",
        "der",
        "des",
        "di",
        "do",
        "dos",
        "du",
        "el",
        "la",
        "le",
        "st",
        "st.",
        "te",
        "ten",
        "ter",
        "van",
        "von",
        "zu",
    }
)

# Generational and academic suffixes: "King, Jr." is not the "Family, Given" form.
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "ph.d.", "md"})


# The generic combining diacritics (Latin, Greek, Cyrillic, Vietnamese). Marks that
# belong to one script stay: Devanagari vowel signs or the Japanese voicing mark
# change the letter, they do not decorate it ("が" must not match "か").
_DIACRITIC_BLOCKS = (
    (0x0300, 0x036F),
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
)


_DIACRITICS = re.compile(
    "[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in _DIACRITIC_BLOCKS) + "]"
)

# ASCII text folds by one table: lower case, apostrophes gone, the rest of what is not a
# letter or digit separates words (as _word_char does).
_ASCII_FOLD = str.maketrans(
    {
        **{chr(c): " " for c in range(128) if not chr(c).isalnum()},
        **{c: c.lower() for c in string.ascii_uppercase},
        "'": None,
        "`": None,
    }
)


def strip_accents(text: str) -> str:
    """Remove diacritics: "é" -> "e", "ñ" -> "n", "ễ" -> "e", "đ" -> "d", "ø" -> "o".

    Case is kept. "æ", "œ" and "ß" are letters, not accented ones, and are kept too.
    Compatibility forms are unfolded ("ﬁ" -> "fi", full-width letters -> ASCII).
    """
    if text.isascii():
        return text
    bare = _DIACRITICS.sub("", unicodedata.normalize("NFKD", text))
    return bare.translate(_STROKE_LETTERS)


def fold(text: str) -> str:
    """Return a key for matching names: equal keys mean "probably the same name".

    - case-insensitive (``str.casefold``, so "ß" folds to "ss");
    - "æ ø å ä ö ü" fold to "ae oe aa ae oe ue", so "Søren" == "Soeren",
      "Aase" == "Åse" and "Müller" == "Mueller"; "Soren" stays different;
    - other diacritics are dropped ("José" == "Jose", "Nguyễn" == "Nguyen");
    - apostrophes are dropped ("O'Brien" == "OBrien");
    - hyphens and other punctuation or symbols separate words
      ("Hans-Christian" == "Hans Christian");
    - whitespace is collapsed and trimmed.

    Letters of other scripts and digits are kept as they are (after case folding).

    Folded word by word, each word's key cached: the same given names, family names
    and organisations recur across thousands of persons in an import. Whitespace only
    ever separates words, so this equals folding the whole text at once
    (tests/test_import_derived.py checks it).
    """
    words = text.split()
    if len(words) == 1:
        return fold_word(words[0])
    return " ".join(key for key in map(fold_word, words) if key)


@functools.lru_cache(maxsize=1 << 17)
def fold_word(text: str) -> str:
    """:func:`fold` of one word (or of any text, uncached by word)."""
    if text.isascii():
        return " ".join(text.translate(_ASCII_FOLD).split())
    return fold_any(text)


def fold_any(text: str) -> str:
    """:func:`fold` by the general rules, for text of any script (not cached)."""
    # Apostrophes before normalising: NFKC turns the acute accent into a space + mark.
    text = text.translate(_APOSTROPHES)
    # NFKC before casefold so that compatibility forms (mathematical bold "A") fold.
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    text = _DIGRAPH_PATTERN.sub(lambda match: _DIGRAPHS[match.group()], text)
    text = strip_accents(text)
    words = "".join(_word_char(c) for c in text).split()
    # Recompose what strip_accents kept decomposed (e.g. the Japanese voicing mark).
    return unicodedata.normalize("NFC", " ".join(words))


def _word_char(char: str) -> str:
    # Letters, digits and the marks that survived strip_accents (vowel signs in
    # Indic scripts) make words; everything else separates them.
    return char if unicodedata.category(char)[0] in "LNM" else " "


def split_name(full: str) -> tuple[str, str]:
    """Split a full name into ``(given, family)``.

    - "Family, Given" (one comma) is understood: "Hansen, Søren" -> ("Søren", "Hansen");
      a trailing suffix stays with the family name
      ("Martin Luther King, Jr." -> ("Martin Luther", "King, Jr.")).
    - Otherwise the last word is the family name, with the particles just before it
      ("Ludwig van Beethoven" -> ("Ludwig", "van Beethoven")). The first word always
      stays the given name ("Van Morrison" -> ("Van", "Morrison")).
    - One word -> (word, "").

    The split is by position, not by culture: "Nguyễn Thị Lan" -> ("Nguyễn Thị", "Lan"),
    although Nguyễn is the family name. ``display_name(*split_name(s))`` gives back
    ``s`` with whitespace collapsed (except for the comma form), so display is safe.
    """
    full = _collapse(full).strip(" ,")
    family_first, comma, given_part = full.partition(",")
    given_part = given_part.strip(" ,")
    if comma and given_part.casefold() not in _SUFFIXES:
        return given_part, family_first.strip()
    words = full.split(" ")
    if len(words) < 2:
        return full, ""
    start = len(words) - 1
    if start > 1 and words[start].casefold() in _SUFFIXES:
        start -= 1
    while start > 1 and words[start - 1].casefold() in _PARTICLES:
        start -= 1
    return " ".join(words[:start]), " ".join(words[start:])


def display_name(given: str, family: str, fallback: str = "") -> str:
    """Join given and family name ("Søren Hansen"); ``fallback`` when both are blank.

    The fallback is typically an e-mail address or an organisation, for contacts
    without a name. Whitespace in each part is collapsed.
    """
    joined = " ".join(part for part in (_collapse(given), _collapse(family)) if part)
    return joined or _collapse(fallback)


def initials(display: str) -> str:
    """Up to two upper-case characters for an avatar: first and last word.

    "Søren Hansen" -> "SH", "Ludwig van Beethoven" -> "LB", "Cher" -> "C",
    "Åse Ørum" -> "ÅØ". Each word contributes its first letter or digit; words
    without one (emoji, punctuation) are skipped; "" when nothing is left.
    """
    words = [w for w in unicodedata.normalize("NFC", display).split() if _first_alnum(w)]
    if not words:
        return ""
    chosen = words[:1] if len(words) == 1 else [words[0], words[-1]]
    # upper() can return two characters ("ß" -> "SS"); an initial is one.
    return "".join(_first_alnum(w).upper()[:1] for w in chosen)


def _first_alnum(word: str) -> str:
    return next((c for c in word if c.isalnum()), "")


def _collapse(text: str) -> str:
    return " ".join(text.split())
