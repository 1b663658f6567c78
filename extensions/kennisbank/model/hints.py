"""What a contributor probably meant by a date, time or id written another way. Pure.

The build reads dates as ``JJJJ-MM-DD UU:MM`` and ids in small letters with
hyphens. People write ``12-05-2027``, ``12 mei 2027``, ``14.00 uur`` and ``Brede
Welvaart``; these functions turn such text into the form the build reads, for a
"bedoelt u ...?" in the message (the build never reads the guess as the value).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from typing import Literal

from babel.dates import get_day_names, get_month_names

_ISO_DAY = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$")
#: The minutes after ':' or '.', or after the hour's 'u' or 'h' as many write it ('16u30', '9h45').
_CLOCK = re.compile(
    r"^(?P<H>\d{1,2})(?:(?:[:.]|\s*[uh]\s*)(?P<M>\d{2})(?::\d{2})?)?\s*(?:u|uur|h|hr|hrs|hours?)?\.?$",
    re.IGNORECASE,
)
_NUMERIC_DAY = re.compile(r"^(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})$")
_WORDED_DAY = re.compile(r"^(?P<d>\d{1,2})\.?\s+(?P<month>[^\W\d_]+)\.?\s+(?P<y>\d{4})$")
_WORDED_MONTH = re.compile(r"^(?P<month>[^\W\d_]+)\.?\s+(?P<y>\d{4})$")


def clock(text: str) -> str | None:
    """``14u``, ``14.00 uur``, ``14h``, ``16u30``, ``9:30`` as ``14:00``; None if it is no time of day."""
    match = _CLOCK.match(text.strip())
    if not match:
        return None
    hour, minute = int(match["H"]), int(match["M"] or 0)
    return f"{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else None


def split_time(text: str) -> tuple[str, str]:
    """A text as its date part and what follows it: ``('2027-04-15', '14u')``, ``('12 mei 2027', '14:00')``."""
    text = _without_weekday(text.strip())
    if "T" in text and _ISO_DAY.match(text.partition("T")[0]):
        day, _, rest = text.partition("T")
        return day, rest
    words = text.split()
    for size, pattern in ((3, _WORDED_DAY), (2, _WORDED_MONTH)):  # "12 mei 2027 14:00", "mei 2027"
        if len(words) >= size and pattern.match(" ".join(words[:size])):
            return " ".join(words[:size]), " ".join(words[size:])
    day, _, rest = text.partition(" ")
    return day, rest.strip()


def iso_day(text: str) -> str | None:
    """``2027-05-12`` for a date that exists, written as ``2027-5-12``, ``12-05-2027``, ``12/5/2027``,
    ``12 mei 2027`` or ``dinsdag 12 mei 2027``; None for anything else."""
    text = _without_weekday(text.strip()).lower()
    match = _ISO_DAY.match(text) or _NUMERIC_DAY.match(text)
    if match:
        year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    elif (match := _WORDED_DAY.match(text)) and match["month"] in _months():
        year, month, day = int(match["y"]), _months()[match["month"]], int(match["d"])
    else:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def iso_month(text: str) -> str | None:
    """``2027-05`` for ``mei 2027``; None for anything else."""
    match = _WORDED_MONTH.match(text.strip().lower())
    if match and match["month"] in _months():
        return f"{int(match['y']):04d}-{_months()[match['month']]:02d}"
    return None


def slug_for(text: str) -> str:
    """The id a title or a wrongly written id becomes: 'Brede Welvaart' -> 'brede-welvaart'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


@functools.cache
def _months() -> dict[str, int]:
    """Dutch month names, full and abbreviated ('mei', 'mrt', 'sept'), from babel's CLDR data."""
    names: dict[str, int] = {}
    widths: tuple[Literal["wide"], Literal["abbreviated"]] = ("wide", "abbreviated")
    for width in widths:
        for number, name in get_month_names(width, locale="nl").items():
            names[name.lower().rstrip(".")] = number
    names["sept"] = 9
    return names


@functools.cache
def _weekdays() -> tuple[str, ...]:
    wide, short = get_day_names("wide", locale="nl"), get_day_names("abbreviated", locale="nl")
    return tuple(name.lower() for name in (*wide.values(), *short.values()))


def _without_weekday(text: str) -> str:
    first, _, rest = text.partition(" ")
    return rest.strip() if first.rstrip(".,").lower() in _weekdays() else text
