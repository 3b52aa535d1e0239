import pytest
from hypothesis import given
from hypothesis import strategies as st

from netkort.domain.phones import format_for_display, to_e164


@pytest.mark.parametrize(
    "raw",
    [
        "+45 20 12 34 56",
        "20 12 34 56",
        "0045 20123456",
        "(+45) 2012-3456",
        "+45 (0) 20 12 34 56",
        "tel:+4520123456",
        "２０１２３４５６",
    ],
)
def test_it_reads_the_ways_danes_write_a_mobile_number(raw):
    assert to_e164(raw) == "+4520123456"


def test_it_reads_a_foreign_number_with_its_country_code():
    assert to_e164("+1 (415) 555-0123") == "+14155550123"
    assert to_e164("+44 (0)20 7946 0958") == "+442079460958"


def test_it_reads_a_number_without_country_code_in_the_default_region():
    assert to_e164("020 7946 0958", default_region="gb") == "+442079460958"


@pytest.mark.parametrize(
    "raw",
    [
        "+45 20 12 34 56 ext. 12",
        "20123456 x 12",
        "20 12 34 56 lok. 12",
        "20-12-34-56 (mobil)",
        "Mobil: 20 12 34 56",
        "20123456#12",
    ],
)
def test_it_drops_labels_and_extensions(raw):
    assert to_e164(raw) == "+4520123456"


@pytest.mark.parametrize(
    "raw", ["", "   ", "call me", "12", "+45 2012 345", "+45 20 12 34 56 78 90", "1-800-FLOWERS"]
)
def test_it_gives_none_for_what_cannot_be_a_number(raw):
    assert to_e164(raw) is None


def test_it_gives_none_without_a_usable_region():
    assert to_e164("20123456", default_region="ZZ") is None


@given(st.text())
def test_it_never_raises(raw):
    result = to_e164(raw)
    assert result is None or result.startswith("+")


def test_it_shows_a_home_number_in_national_format():
    assert format_for_display("+4520123456") == "20 12 34 56"


def test_it_shows_a_foreign_number_in_international_format():
    assert format_for_display("+14155550123") == "+1 415-555-0123"
    assert format_for_display("+4520123456", region="GB") == "+45 20 12 34 56"


def test_it_shows_a_number_of_the_same_calling_code_in_national_format():
    # Canada shares +1 with the US; Americans dial it without the country code.
    assert format_for_display("+16135550123", region="us") == "(613) 555-0123"


def test_it_shows_what_it_cannot_parse_unchanged():
    assert format_for_display("not a number") == "not a number"
