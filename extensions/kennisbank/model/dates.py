"""Dutch wording of dates and times, from babel's CLDR data (no hand-written month names)."""

from __future__ import annotations

import datetime as dt
import functools

from babel.dates import format_date as format_date_babel
from babel.dates import format_time, get_day_names

from .objects import When

LOCALE = "nl"


# The same dates are written on many pages (every agenda lists the coming events), and
# babel's formatting is slow: each function remembers what it wrote.


@functools.lru_cache(maxsize=4096)
def format_day(when: When) -> str:
    """'donderdag 25 mei 2023', 'april 2023' or '2023', as precise as the date is."""
    return _as_precise_as(when, "full")


@functools.lru_cache(maxsize=4096)
def format_plain(when: When) -> str:
    """'14 juni 2023', 'juni 2023' or '2023': a date in running text, without the weekday."""
    return _as_precise_as(when, "d MMMM y")


def _as_precise_as(when: When, day_format: str) -> str:
    if when.precision == "year":
        return str(when.value.year)
    if when.precision == "month":
        return format_date_babel(when.value.date(), "LLLL y", locale=LOCALE)
    return format_date_babel(when.value.date(), day_format, locale=LOCALE)


@functools.lru_cache(maxsize=4096)
def format_clock(when: When) -> str:
    # Dutch writes times with a full stop: 13.30 uur.
    return format_time(when.value.time(), "H.mm", locale=LOCALE)


@functools.lru_cache(maxsize=8192)
def format_span(start: When, end: When | None = None) -> str:
    """'donderdag 25 mei 2023, 13.30–16.00 uur', or a range of days."""
    first = format_day(start)
    if end is None:
        return f"{first}, {format_clock(start)} uur" if start.has_time else first
    if end.value.date() == start.value.date() and end.precision == start.precision:
        if start.has_time:
            return f"{first}, {format_clock(start)}–{format_clock(end)} uur"
        return first
    return f"{format_span(start)} – {format_span(end)}"


@functools.lru_cache(maxsize=1024)
def format_month(year: int, month: int) -> str:
    """'november 2026'."""
    return format_date_babel(dt.date(year, month, 1), "LLLL y", locale=LOCALE)


def weekday_names() -> list[str]:
    """Monday first: 'maandag' ... 'zondag'."""
    return list(_weekday_names())


@functools.lru_cache(maxsize=1)
def _weekday_names() -> tuple[str, ...]:
    names = get_day_names("wide", locale=LOCALE)
    return tuple(names[day] for day in range(7))


@functools.lru_cache(maxsize=4096)
def format_date(day: dt.date) -> str:
    """'donderdag 20 april 2023'."""
    return format_date_babel(day, "full", locale=LOCALE)


@functools.lru_cache(maxsize=1024)
def short_month(day: dt.date) -> str:
    """'mei', 'jun.': the month of a date block."""
    return format_date_babel(day, "LLL", locale=LOCALE)


@functools.lru_cache(maxsize=1024)
def format_period(first: dt.date, last: dt.date, by_month: bool) -> str:
    """'20 april tot en met 20 juli 2023', or by month 'april tot en met juli 2023'.

    No weekdays: a period by month has no day to name, and a period by day reads
    better without them. The year is written once if both ends share it.
    """
    if by_month:
        short, full = "LLLL", "LLLL y"
    else:
        short, full = "d MMMM", "d MMMM y"
    start = format_date_babel(first, short if first.year == last.year else full, locale=LOCALE)
    return f"{start} tot en met {format_date_babel(last, full, locale=LOCALE)}"


def format_months(count: int) -> str:
    """'1 maand', '5 maanden', '2 jaar', '3 jaar en 6 maanden': how far apart two months are."""
    years, months = divmod(count, 12)
    parts = [f"{years} jaar"] if years else []
    if months or not years:
        parts.append(f"{months} {'maand' if months == 1 else 'maanden'}")
    return " en ".join(parts)
