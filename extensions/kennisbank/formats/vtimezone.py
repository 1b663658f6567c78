"""VTIMEZONE components whose onsets follow RFC 5545. Pure.

RFC 5545 (section 3.6.5) defines an observance's onset (DTSTART, RDATE) as the
wall-clock time *before* the change, in TZOFFSETFROM: Europe/Amsterdam's
spring change is ``DTSTART:…T020000`` with ``TZOFFSETFROM:+0100``.
``icalendar.Timezone.from_tzid`` (checked with icalendar 7.3) writes the spring
onsets one hour late (``…T030000``), so a client that reads our VTIMEZONE
instead of its own time zone data misplaces events in that hour.

:func:`timezone_component` takes the library's component and moves every onset
to the real change, as ``zoneinfo`` knows it. Where the library is right, this
changes nothing, so the fix can simply be removed once the library is fixed
(``tests/test_timezones.py`` then still passes without it).
"""

from __future__ import annotations

import datetime as dt
from typing import cast
from zoneinfo import ZoneInfo

from icalendar import Timezone, vDDDLists, vDDDTypes, vUTCOffset

_OBSERVANCES = ("STANDARD", "DAYLIGHT")
_HOUR = dt.timedelta(hours=1)
_SEARCH = dt.timedelta(days=2)  # how far from the written onset the real change may lie


def timezone_component(tzid: str, first: dt.date, last: dt.date) -> Timezone:
    """The VTIMEZONE for ``tzid`` from ``first`` to ``last``, with correct onsets."""
    component = Timezone.from_tzid(tzid, first_date=first, last_date=last)
    zone = ZoneInfo(tzid)
    for observance in component.subcomponents:
        if observance.name not in _OBSERVANCES:
            continue
        # Component[...] is typed as any property type; an observance's are these (RFC 5545, 3.6.5).
        before, after = cast(vUTCOffset, observance["TZOFFSETFROM"]).td, cast(vUTCOffset, observance["TZOFFSETTO"]).td
        if before == after:
            continue  # the opening observance: no change of clock, nothing to move
        start = cast(dt.datetime, cast(vDDDTypes, observance["DTSTART"]).dt)
        observance["DTSTART"] = vDDDTypes(_onset(start, zone, before, after))
        if "RDATE" in observance:
            rdate = observance["RDATE"]
            lists = cast(list[vDDDLists], rdate if isinstance(rdate, list) else [rdate])
            onsets = [_onset(cast(dt.datetime, d.dt), zone, before, after) for dates in lists for d in dates.dts]
            observance["RDATE"] = vDDDLists(onsets)
    return component


def _onset(written: dt.datetime, zone: ZoneInfo, before: dt.timedelta, after: dt.timedelta) -> dt.datetime:
    """The wall-clock time, in the old offset, of the change from ``before`` to ``after`` nearest ``written``."""
    change = transition_near(written - before, zone, before, after)
    return written if change is None else (change + before).replace(tzinfo=None)


def transition_near(
    instant: dt.datetime, zone: ZoneInfo, before: dt.timedelta, after: dt.timedelta
) -> dt.datetime | None:
    """The UTC instant within two days of ``instant`` (naive UTC) where ``zone`` goes from ``before`` to ``after``."""
    start = (instant - _SEARCH).replace(tzinfo=dt.UTC)
    for hour in range(int(2 * _SEARCH / _HOUR)):
        low, high = start + hour * _HOUR, start + (hour + 1) * _HOUR
        if _offset(low, zone) == before and _offset(high, zone) == after:
            while high - low > dt.timedelta(seconds=1):  # changes fall on whole seconds at most
                middle = low + (high - low) / 2
                low, high = (middle, high) if _offset(middle, zone) == before else (low, middle)
            return high.replace(microsecond=0)
    return None


def _offset(moment: dt.datetime, zone: ZoneInfo) -> dt.timedelta:
    offset = moment.astimezone(zone).utcoffset()
    assert offset is not None  # an aware time in a ZoneInfo always has one
    return offset
