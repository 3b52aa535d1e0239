import pytest
from hypothesis import given
from hypothesis import strategies as st

from netkort.domain.names import display_name, fold, initials, split_name, strip_accents


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("Søren", "Soeren"),
        ("Åse", "Aase"),
        ("Ærø", "aeroe"),
        ("Müller", "Mueller"),
        ("Jörg Bäcker", "Joerg Baecker"),
    ],
)
def test_it_folds_danish_and_german_letters_to_their_two_letter_spelling(written, typed):
    assert fold(written) == fold(typed)


def test_it_keeps_soren_apart_from_soeren():
    assert fold("Søren") != fold("Soren")


@pytest.mark.parametrize(
    ("accented", "plain"),
    [
        ("José", "Jose"),
        ("Nguyễn", "Nguyen"),
        ("Peña", "Pena"),
        ("Đặng", "Dang"),
        ("Łukasz", "Lukasz"),
    ],
)
def test_it_drops_other_accents(accented, plain):
    assert fold(accented) == fold(plain)


def test_it_ignores_case_and_extra_whitespace():
    assert fold("  SØREN \t  hansen ") == "soeren hansen"


def test_it_treats_a_hyphen_as_a_space_and_drops_apostrophes():
    assert fold("Hans-Christian O'Brien") == "hans christian obrien"
    assert fold("O\u2019Brien") == "obrien"


def test_it_folds_a_decomposed_aa_ring_like_a_composed_one():
    assert fold("A\u030ase") == fold("\u00c5se") == "aase"


def test_it_folds_danish_letters_that_carry_an_accent():
    assert fold("Ǿrsted Ǽble") == fold("Ørsted Æble") == "oersted aeble"


def test_it_folds_compatibility_forms_like_their_plain_letters():
    assert fold("\U0001d400nna \ufb01n") == "anna fin"


def test_it_keeps_letters_of_other_scripts():
    assert fold("山田 太郎") == "山田 太郎"
    # The voicing mark changes the kana; it is not an accent to strip.
    assert fold("が") != fold("か")


def test_strip_accents_keeps_case_and_ligature_letters():
    assert strip_accents("ÉLISE Øre æble") == "ELISE Ore æble"


@pytest.mark.parametrize(
    ("full", "expected"),
    [
        ("Søren Hansen", ("Søren", "Hansen")),
        ("Hans Christian Andersen", ("Hans Christian", "Andersen")),
        ("Ludwig van Beethoven", ("Ludwig", "van Beethoven")),
        ("Ursula von der Leyen", ("Ursula", "von der Leyen")),
        ("Robert De Niro", ("Robert", "De Niro")),
        ("Nguyễn Thị Lan", ("Nguyễn Thị", "Lan")),
        ("Cher", ("Cher", "")),
        ("", ("", "")),
    ],
)
def test_it_splits_the_last_word_and_its_particles_off_as_family_name(full, expected):
    assert split_name(full) == expected


def test_it_never_takes_the_first_word_as_a_particle():
    assert split_name("Van Morrison") == ("Van", "Morrison")


def test_it_reads_the_family_comma_given_form():
    assert split_name(" Hansen ,  Søren  Peter ") == ("Søren Peter", "Hansen")


def test_it_keeps_a_suffix_after_a_comma_with_the_family_name():
    assert split_name("Martin Luther King, Jr.") == ("Martin Luther", "King, Jr.")


def test_it_ignores_stray_commas():
    assert split_name("Hansen,") == ("Hansen", "")


def test_it_collapses_whitespace_when_splitting():
    assert split_name("  Søren\u00a0  Hansen\n") == ("Søren", "Hansen")


@given(st.text().filter(lambda s: "," not in s))
def test_display_name_gives_back_what_split_name_split(full):
    assert display_name(*split_name(full)) == " ".join(full.split())


def test_display_name_joins_given_and_family():
    assert display_name(" Søren ", "Hansen") == "Søren Hansen"
    assert display_name("", "Hansen") == "Hansen"
    assert display_name("Cher", "") == "Cher"


def test_display_name_falls_back_when_both_parts_are_blank():
    assert display_name(" ", "", fallback=" soren@example.dk ") == "soren@example.dk"


@pytest.mark.parametrize(
    ("display", "expected"),
    [
        ("Søren Hansen", "SH"),
        ("ludwig van beethoven", "LB"),
        ("Åse Ørum", "ÅØ"),
        ("Cher", "C"),
        ("😀 (Åse)", "Å"),
        ("3M Danmark", "3D"),
        ("", ""),
        ("😀 !", ""),
    ],
)
def test_initials_take_the_first_letters_of_the_first_and_last_word(display, expected):
    assert initials(display) == expected


def test_initials_compose_a_decomposed_first_letter():
    assert initials("A\u030ase") == "Å"


@given(st.text())
def test_initials_are_at_most_two_characters(display):
    assert len(initials(display)) <= 2


@given(st.text())
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)
