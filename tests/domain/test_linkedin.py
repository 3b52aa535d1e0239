import pytest
from hypothesis import given
from hypothesis import strategies as st

from netkort.domain.linkedin import is_profile_url, normalise_profile_url

CANONICAL = "https://www.linkedin.com/in/soeren-hansen-1a2b3c"


@pytest.mark.parametrize(
    "raw",
    [
        "https://www.linkedin.com/in/soeren-hansen-1a2b3c",
        "https://www.linkedin.com/in/soeren-hansen-1a2b3c/",
        "http://www.linkedin.com/in/soeren-hansen-1a2b3c",
        "www.linkedin.com/in/soeren-hansen-1a2b3c",
        "linkedin.com/in/soeren-hansen-1a2b3c",
        "https://dk.linkedin.com/in/soeren-hansen-1a2b3c",
        "https://m.linkedin.com/in/soeren-hansen-1a2b3c",
        "https://www.linkedin.com/mwlite/in/soeren-hansen-1a2b3c",
        "  HTTPS://WWW.LINKEDIN.COM/IN/Soeren-Hansen-1A2B3C  ",
        "https://www.linkedin.com/in/soeren-hansen-1a2b3c?trk=people&originalSubdomain=dk",
        "https://www.linkedin.com/in/soeren-hansen-1a2b3c#experience",
        "https://www.linkedin.com/in/soeren-hansen-1a2b3c/da",
        "https://www.linkedin.com/in/soeren-hansen-1a2b3c/en/",
        "https://www.linkedin.com:443/in/soeren-hansen-1a2b3c",
    ],
)
def test_it_maps_every_spelling_of_a_profile_to_one_url(raw):
    assert normalise_profile_url(raw) == CANONICAL


def test_it_treats_a_percent_encoded_slug_as_the_same_profile():
    encoded = normalise_profile_url("https://www.linkedin.com/in/s%C3%B8ren-hansen")
    assert encoded == normalise_profile_url("linkedin.com/in/søren-hansen")
    assert encoded == "https://www.linkedin.com/in/s%C3%B8ren-hansen"


def test_it_lower_cases_non_ascii_letters_before_encoding():
    assert normalise_profile_url("linkedin.com/in/S%C3%98REN") == (
        "https://www.linkedin.com/in/s%C3%B8ren"
    )


def test_it_composes_a_decomposed_slug():
    assert normalise_profile_url("linkedin.com/in/so%CC%88ren") == normalise_profile_url(
        "linkedin.com/in/s%C3%B6ren"
    )


def test_it_decodes_only_once():
    assert normalise_profile_url("linkedin.com/in/%2541") == "https://www.linkedin.com/in/%2541"


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "soeren-hansen",
        "https://www.linkedin.com/",
        "https://www.linkedin.com/in/",
        "https://www.linkedin.com/in/%20/",
        "https://www.linkedin.com/company/novo-nordisk",
        "https://www.linkedin.com/pub/soeren-hansen/1a/2b/3c",
        "https://lnkd.in/abc",
        "https://evil-linkedin.com/in/x",
        "https://linkedin.com.example.com/in/x",
        "ftp://www.linkedin.com/in/x",
        "http://[::1/in/x",
    ],
)
def test_it_gives_an_empty_string_for_what_is_not_a_profile(raw):
    assert normalise_profile_url(raw) == ""


def test_is_profile_url_says_whether_it_normalises():
    assert is_profile_url("dk.linkedin.com/in/x")
    assert not is_profile_url("https://www.linkedin.com/company/x")


@given(st.text())
def test_it_never_raises_and_is_idempotent(raw):
    url = normalise_profile_url(raw)
    assert normalise_profile_url(url) == url
    assert url == "" or (url.startswith("https://www.linkedin.com/in/") and url.isascii())
