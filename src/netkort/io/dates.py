"""Dates and times as exports write them, parsed without a per-row regex.

``05 Mar 2024`` and ``29-Nov-21`` (LinkedIn connections, after an Excel re-save),
``1/8/18, 6:14 PM`` (2018 archives, invitations: month first), ``2024-03-05 14:02:11 UTC``
(messages), ``2023/04/01 10:00:00 UTC`` (endorsements), ``Mar 2019`` or ``2019``
(positions), ISO dates and Danish ``17.05.1980`` / ``17-05-1980`` (spreadsheets, vCards).
All parsers return None for text they cannot read.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "januar", "january"),
            ("feb", "februar", "february"),
            ("mar", "marts", "march", "mär", "märz", "mrz"),
            ("apr", "april"),
            ("may", "maj", "mai"),
            ("jun", "juni", "june"),
            ("jul", "juli", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "okt", "oktober", "october"),
            ("nov", "november"),
            ("dec", "dez", "december", "dezember"),
        ),
        start=1,
    )
    for name in names
}


def parse_datetime(text: str) -> datetime | None:
    """A point in time in UTC, from any of the forms above (dates give midnight)."""
    text = text.strip()
    if len(text) >= 19 and text[10] in " T":
        try:
            if text[4] == "-":
                return datetime.fromisoformat(text[:19] + "+00:00")
            if text[4] == "/":
                return datetime.fromisoformat(text[:19].replace("/", "-") + "+00:00")
        except ValueError:
            return None
    if "," in text and text[-2:].upper() in ("AM", "PM"):
        return _us_short(text)
    if ":" in text:
        return None
    day = _plain_date(text)
    return datetime(day.year, day.month, day.day, tzinfo=UTC) if day else None


def _us_short(text: str) -> datetime | None:
    # "3/5/24, 2:11 PM": month first, two-digit year.
    for pattern in ("%m/%d/%y, %I:%M %p", "%m/%d/%Y, %I:%M %p", "%m/%d/%y, %I:%M:%S %p"):
        try:
            return datetime.strptime(text.upper(), pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def parse_date(text: str) -> date | None:
    """A calendar date from the forms above; a month and year give the first of the month."""
    text = text.strip()
    if ":" in text:
        moment = parse_datetime(text)
        return moment.date() if moment else None
    return _plain_date(text)


def _plain_date(text: str) -> date | None:
    text = text.strip().rstrip(".")
    if not text:
        return None
    if len(text) == 11 and text[2] == " " and text[6] == " ":  # "05 Mar 2024", most common
        month = _MONTHS.get(text[3:6].casefold())
        if month and text[:2].isdigit() and text[7:].isdigit():
            try:
                return date(int(text[7:]), month, int(text[:2]))
            except ValueError:
                return None
    parts = text.replace("/", " ").replace("-", " ").replace(".", " ").replace(",", " ").split()
    try:
        return _from_parts(parts, slash=("/" in text))
    except (ValueError, OverflowError):
        return None


def _from_parts(parts: list[str], slash: bool) -> date | None:
    if len(parts) == 1 and parts[0].isdigit():
        return _yyyymmdd(parts[0])
    if len(parts) == 2:
        month, year = _month(parts[0]), _year(parts[1])
        return date(year, month, 1) if month and year else None
    if len(parts) != 3:
        return None
    a, b, c = parts
    if a.isdigit() and len(a) == 4:  # 2024-03-05, 2023/04/01
        return date(_year(a), _month(b), int(c))
    month = _month(b)
    if month and not b.isdigit():  # 05 Mar 2024, 29-Nov-21
        year = _year(c)
        return date(year, month, int(a)) if year else None
    if _month(a) and not a.isdigit():  # Mar 5 2024
        year = _year(c)
        return date(year, _month(a), int(b)) if year else None
    year = _year(c)
    if not year or not (a.isdigit() and b.isdigit()):
        return None
    if slash:  # 1/8/18: US month first, as LinkedIn writes it
        return date(year, int(a), int(b))
    return date(year, int(b), int(a))  # 17-05-1980, 17.05.1980: day first


def _yyyymmdd(text: str) -> date | None:
    if len(text) == 8 and _year(text[:4]):
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    if len(text) == 4 and _year(text):
        return date(int(text), 1, 1)
    return None


def _month(text: str) -> int:
    if text.isdigit():
        value = int(text)
        return value if 1 <= value <= 12 else 0
    return _MONTHS.get(text.casefold(), 0)


def _year(text: str) -> int:
    if not text.isdigit():
        return 0
    if len(text) == 2:
        value = int(text)
        return 2000 + value if value < 70 else 1900 + value
    # Years outside this range are placeholders (Apple writes 1604 for "no year").
    return int(text) if len(text) == 4 and 1850 <= int(text) <= 2200 else 0


def year_of(text: str) -> int | None:
    """The year in ``2019``, ``Mar 2019``, ``2019-09`` or any parseable date."""
    day = parse_date(text)
    if day:
        return day.year
    digits = [p for p in text.replace("-", " ").split() if p.isdigit() and len(p) == 4]
    return int(digits[0]) if digits else None


def parse_birthday(text: str, omitted_year: str = "") -> tuple[date | None, tuple[int, int] | None]:
    """A birthday as ``(date, None)``, or ``(None, (month, day))`` when the year is left
    out: ``--0517`` and ``--05-17`` (vCard 4, Google) or Apple's placeholder year
    (``1604-05-17`` with ``X-APPLE-OMIT-YEAR=1604``)."""
    text = text.strip().split("T", 1)[0]
    if not (text.startswith("--") or (omitted_year and text.startswith(omitted_year))):
        return parse_date(text), None
    digits = text.replace("-", "")[-4:]
    if len(digits) == 4 and digits.isdigit():
        month, day = int(digits[:2]), int(digits[2:])
        if 1 <= month <= 12 and 1 <= day <= 31:
            return None, (month, day)
    return None, None
