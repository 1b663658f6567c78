"""Local clock times around daylight saving changes. Pure.

Twice a year a local time is not a single instant. In spring the clock jumps
forward and the skipped times do not exist: we refuse them, with a message that
says what the clock does that night. In autumn the clock goes back and an hour
happens twice: like RFC 5545 (section 3.3.5), we take the first occurrence,
which is summer time, and the page says so.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from .dates import format_clock, format_date
from .objects import When

_MINUTE = dt.timedelta(minutes=1)


def exists(local: dt.datetime, zone: str) -> bool:
    """False for a wall-clock time skipped when the clock jumps forward."""
    aware = local.replace(tzinfo=ZoneInfo(zone))
    return aware.astimezone(dt.UTC).astimezone(aware.tzinfo).replace(tzinfo=None) == local


def is_ambiguous(local: dt.datetime, zone: str) -> bool:
    """True for a wall-clock time that happens twice when the clock goes back."""
    tz = ZoneInfo(zone)
    first, second = local.replace(tzinfo=tz, fold=0), local.replace(tzinfo=tz, fold=1)
    return exists(local, zone) and first.utcoffset() != second.utcoffset()


def season(local: dt.datetime, zone: str) -> str:
    """'zomertijd' or 'wintertijd' for an ambiguous time, as we resolve it (the first occurrence)."""
    return "zomertijd" if local.replace(tzinfo=ZoneInfo(zone), fold=0).dst() else "wintertijd"


def gap_message(local: dt.datetime, zone: str) -> str:
    """What the clock does in the night of a skipped time, for the contributor."""
    tz = ZoneInfo(zone)
    after, before = local.replace(tzinfo=tz, fold=1).utcoffset(), local.replace(tzinfo=tz, fold=0).utcoffset()
    assert after is not None and before is not None  # a ZoneInfo always knows the offset
    jump = after - before
    start = local
    while not exists(start - _MINUTE, zone):
        start -= _MINUTE
    end = start + abs(jump)
    size = "een uur" if abs(jump) == dt.timedelta(hours=1) else f"{int(abs(jump).total_seconds() // 60)} minuten"
    return (
        f"{_clock(local)} uur bestaat niet op {format_date(local.date())} in tijdzone {zone}: "
        f"die nacht gaat de klok om {_clock(start)} uur {size} vooruit, naar {_clock(end)} uur. "
        f"Kies een tijd vóór {_clock(start)} of vanaf {_clock(end)} uur"
    )


def _clock(moment: dt.datetime) -> str:
    return format_clock(When(moment, "minute"))


def season_note(moments: list[When | None], zone: str) -> str:
    """' (zomertijd)' for a time that happens twice that night; with more times, which one."""
    timed = [m for m in moments if m is not None and m.has_time]
    twice = [m for m in timed if is_ambiguous(m.value, zone)]
    if not twice:
        return ""
    if len(timed) == 1:
        return f" ({season(twice[0].value, zone)})"
    return " (" + "; ".join(f"{_clock(m.value)} uur {season(m.value, zone)}" for m in twice) + ")"
