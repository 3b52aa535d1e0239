import pytest
from hypothesis import given
from hypothesis import strategies as st

from netkort.domain.emails import normalise_email


@pytest.mark.parametrize(
    "raw",
    [
        "soeren@firma.dk",
        "  Soeren@Firma.DK\n",
        "mailto:soeren@firma.dk",
        "MAILTO:soeren@firma.dk?subject=Hej",
        "Søren Hansen <soeren@firma.dk>",
        '"Hansen, Søren" <Soeren@firma.dk>',
        "<soeren@firma.dk>",
    ],
)
def test_it_unwraps_and_lower_cases_an_address(raw):
    assert normalise_email(raw) == "soeren@firma.dk"


def test_it_keeps_non_ascii_local_parts():
    assert normalise_email("Søren@Firma.dk") == "søren@firma.dk"
    assert normalise_email("mailto:s%C3%B8ren@firma.dk") == "søren@firma.dk"


def test_it_decodes_punycode_domains_so_both_spellings_match():
    assert normalise_email("x@XN--BLBR-ROAH.dk") == normalise_email("x@blåbær.dk") == "x@blåbær.dk"


def test_it_keeps_gmail_dots_and_plus_tags():
    assert normalise_email("First.Last+news@gmail.com") == "first.last+news@gmail.com"


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "not an email",
        "soeren",
        "soeren@localhost",
        "soeren@@firma.dk",
        "a@b@firma.dk",
        "@firma.dk",
        "soeren@",
        ".soeren@firma.dk",
        "soeren.@firma.dk",
        "so..eren@firma.dk",
        "so eren@firma.dk",
        "soeren@-firma.dk",
        "soeren@firma..dk",
        "soeren@1.2.3.4",
        "soeren@[1.2.3.4]",
        "soeren@xn--zz!!.dk",
        "<soeren@firma.dk",
        "Søren <>",
        "x" * 65 + "@firma.dk",
        "soeren@" + "x" * 64 + ".dk",
    ],
)
def test_it_gives_none_for_an_implausible_address(raw):
    assert normalise_email(raw) is None


@given(st.text())
def test_it_never_raises_and_is_idempotent(raw):
    address = normalise_email(raw)
    assert address is None or normalise_email(address) == address


@given(st.emails())
def test_it_accepts_ordinary_addresses(address):
    normalised = normalise_email(address)
    assert normalised is not None
    # The domain may come back decoded from punycode, so compare the local part.
    assert normalised.partition("@")[0] == address.partition("@")[0].lower()
