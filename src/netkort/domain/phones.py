"""Phone numbers: E.164 for storage and matching, local formats for display."""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

# Text after the number is a label or an extension ("lok. 12", "(mobil)", "ext 3").
# It is cut off rather than given to phonenumbers, which would read letters as a
# keypad ("lok" -> 565) and produce a wrong number. Vanity numbers are given up.
_FROM_FIRST_LETTER_AFTER_DIGIT = re.compile(r"(?<=\d)\D*?[^\W\d_].*$", re.DOTALL)
# "+45 (0) 20 12 34 56": the trunk prefix written for domestic callers.
_TRUNK_ZERO = re.compile(r"\(\s*0\s*\)")


def to_e164(raw: str, default_region: str = "DK") -> str | None:
    """Return ``raw`` as E.164 ("+4520123456"), or None if it cannot be a number.

    Numbers without a country code are read in ``default_region`` (an ISO 3166 code
    such as "DK" or "GB"); "00" and "+" prefixes are understood. Labels and
    extensions after the number are dropped. The check is phonenumbers' "possible"
    (right length for the country), not "valid", so new number ranges and fictional
    numbers such as 555-0123 are kept. Give it one number: a field holding two is
    not split and gives None or only the first.
    """
    cleaned = _strip_text(raw)
    if not cleaned:
        return None
    try:
        number = phonenumbers.parse(cleaned, default_region.upper())
    except NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def _strip_text(raw: str) -> str:
    text = _TRUNK_ZERO.sub(" ", raw)
    digits_start = re.search(r"[+\d]", text)
    if digits_start is None:
        return ""
    # Leading labels ("Mobil: ", "tel:") go too; the number starts at "+" or a digit.
    return _FROM_FIRST_LETTER_AFTER_DIGIT.sub("", text[digits_start.start() :]).strip()


def format_for_display(e164: str, region: str = "DK") -> str:
    """Format a stored E.164 number for a reader in ``region``.

    National format when the number has the region's country calling code
    ("20 12 34 56" in Denmark), international otherwise ("+1 415-555-0123").
    Input that does not parse is returned unchanged: display never fails.
    """
    try:
        number = phonenumbers.parse(e164, None)
    except NumberParseException:
        return e164
    home = phonenumbers.country_code_for_region(region.upper())
    style = (
        PhoneNumberFormat.NATIONAL
        if number.country_code == home
        else PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)
