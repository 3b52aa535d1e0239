"""LinkedIn profile URLs as identity keys.

The same profile reaches us in many spellings: with or without scheme or ``www.``,
as ``dk.linkedin.com`` or ``m.linkedin.com``, with tracking queries, a trailing slash,
a language suffix (``/in/slug/da``), an upper-case or percent-encoded slug.
:func:`normalise_profile_url` maps them all to one canonical form::

    https://www.linkedin.com/in/<slug>

where ``<slug>`` is lower-case and percent-encoded UTF-8 with upper-case hex digits
(RFC 3986): "søren-hansen" and "S%C3%B8REN-Hansen" both give ``s%C3%B8ren-hansen``.
The encoded form keeps the URL plain ASCII, safe in CSV, vCard and HTML attributes.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import quote, unquote, urlsplit

_CANONICAL_PREFIX = "https://www.linkedin.com/in/"
_DOMAIN = "linkedin.com"
# Path segments that may come before "/in/" (the old lightweight mobile site).
_PREFIX_SEGMENTS = frozenset({"mwlite"})


def normalise_profile_url(raw: str) -> str:
    """Return the canonical profile URL, or "" if ``raw`` is not a profile URL.

    Only personal profiles (``/in/<slug>``) qualify: company pages, posts, the
    retired ``/pub/`` form, short links (``lnkd.in``) and bare slugs give "".
    """
    host, segments = _host_and_segments(raw)
    if host != _DOMAIN and not host.endswith("." + _DOMAIN):
        return ""
    slug = _canonical_slug(_profile_slug(segments))
    return _CANONICAL_PREFIX + slug if slug else ""


def is_profile_url(raw: str) -> bool:
    """Whether ``raw`` is a LinkedIn personal profile URL in any accepted spelling."""
    return normalise_profile_url(raw) != ""


def _host_and_segments(raw: str) -> tuple[str, list[str]]:
    text = raw.strip()
    if "://" not in text and not text.startswith("//"):
        # "linkedin.com/in/x" has no scheme; without one urlsplit sees only a path.
        text = "//" + text
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").rstrip(".")
    except ValueError:  # e.g. an unbalanced "[" in the host
        return "", []
    if parts.scheme.lower() not in ("", "http", "https"):
        return "", []
    return host, [s for s in parts.path.split("/") if s]


def _profile_slug(segments: list[str]) -> str:
    while segments and segments[0].lower() in _PREFIX_SEGMENTS:
        segments = segments[1:]
    if len(segments) >= 2 and segments[0].lower() == "in":
        # Anything after the slug is a language version or a sub-page of the profile.
        return segments[1]
    return ""


def _canonical_slug(slug: str) -> str:
    # Decode once (never twice: "%2541" is the text "%41", not "A"), compose the
    # letters macOS stores decomposed, lower-case, and encode every non-ASCII byte.
    decoded = unicodedata.normalize("NFC", unquote(slug)).strip().lower()
    return quote(decoded, safe="")
