"""E-mail addresses as identity keys: one spelling per mailbox, no network access."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote

_ANGLE_ADDRESS = re.compile(r"<([^<>]*)>")
_MAILTO = re.compile(r"^mailto:", re.IGNORECASE)
# RFC 5322 "atext" plus the dot; any Unicode letter or digit is allowed as well
# (RFC 6531 internationalised addresses such as "søren@firma.dk").
_LOCAL_SYMBOLS = frozenset("!#$%&'*+-/=?^_`{|}~.")
_MAX_LOCAL = 64
_MAX_LABEL = 63
_MAX_ADDRESS = 254


def normalise_email(raw: str) -> str | None:
    """Return ``raw`` as a lower-case address, or None if it is not plausible.

    Accepts "a@b.dk", "mailto:a@b.dk?subject=Hi" and "Søren Hansen <a@b.dk>".
    The whole address is lower-cased, the local part too: RFC 5321 lets a server
    treat "Soren" and "soren" as different mailboxes, but no common provider does,
    and as a matching key a missed match costs more than that risk. Domains in
    punycode are decoded ("xn--blbr-roah.dk" -> "blåbær.dk") so both spellings
    match. No provider rules are applied: Gmail dots and "+tags" are kept.

    "Plausible" means the syntax of ordinary addresses: one "@", a local part of
    letters, digits and ``!#$%&'*+-/=?^_`{|}~.``, a domain with at least two labels
    and a top-level label that is not all digits. Quoted local parts and IP-address
    domains are rejected. Nothing is looked up.
    """
    address = _unwrap(raw)
    if address is None or address.count("@") != 1 or len(address) > _MAX_ADDRESS:
        return None
    local, _, encoded_domain = unicodedata.normalize("NFC", address).lower().partition("@")
    domain = _decode_domain(encoded_domain)
    if domain is None or not _plausible_local(local) or not _plausible_domain(domain):
        return None
    return f"{local}@{domain}"


def _unwrap(raw: str) -> str | None:
    """Strip the "mailto:" and "Name <...>" wrappings people paste around addresses."""
    text = raw.strip()
    if _MAILTO.match(text):
        text = unquote(_MAILTO.sub("", text).partition("?")[0])
    if "<" in text or ">" in text:
        matches = _ANGLE_ADDRESS.findall(text)
        if not matches:
            return None
        # "Hansen, Søren <s@a.dk>": the address is the (last) bracketed part.
        text = matches[-1]
    return text.strip()


def _plausible_local(local: str) -> bool:
    if not 0 < len(local) <= _MAX_LOCAL:
        return False
    if local.startswith(".") or local.endswith(".") or ".." in local:
        return False
    return all(c.isalnum() or c in _LOCAL_SYMBOLS for c in local)


def _decode_domain(domain: str) -> str | None:
    labels = domain.split(".")
    try:
        decoded = [_decode_label(label) for label in labels]
    except UnicodeError:
        return None
    return ".".join(decoded)


def _decode_label(label: str) -> str:
    label = label.lower()
    if label.startswith("xn--"):
        return label[4:].encode("ascii").decode("punycode").lower()
    return label


def _plausible_domain(domain: str) -> bool:
    labels = domain.split(".")
    if len(labels) < 2 or not all(_plausible_label(label) for label in labels):
        return False
    return not labels[-1].isdigit()


def _plausible_label(label: str) -> bool:
    if not 0 < len(label) <= _MAX_LABEL or label[0] == "-" or label[-1] == "-":
        return False
    # Scripts such as Devanagari write vowels as combining marks (category M).
    return all(c.isalnum() or c == "-" or unicodedata.category(c)[0] == "M" for c in label)
