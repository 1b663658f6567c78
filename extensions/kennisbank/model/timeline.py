"""What a reader sees that changes with the date: roles, news, calls to action, placeholders. Pure.

Every output (pages, feeds, the newsletter, PDFs, open data) reads its answers
from here, measured from the build's reference date (``today``). Each answer
changes only on certain days, its *boundaries*: a page that shows one is read
again when a boundary passes (sphinx_ext/timeline.py), so that an incremental
build the next morning equals a clean one.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from .agenda import CalendarEvent
from .dates import format_plain, format_span
from .objects import KBObject, Role
from .schema import Bericht, Persoon

RoleState = Literal["komend", "huidig", "voorbij"]
#: A news item counts as old this many months after its date (``kennisbank_news_old_after_months``).
DEFAULT_NEWS_OLD_AFTER_MONTHS = 12
#: What a placeholder says once what it waits for can no longer come.
NEVER_RECORDED = "niet vastgelegd"
COMING_PREFIX = "aankomend "
PAST_PREFIX = "voormalig "


# -- roles -----------------------------------------------------------------------------


def role_state(role: Role, today: dt.date) -> RoleState:
    """Whether a role is still to come, holds, or is over on ``today`` (without dates: it holds)."""
    if role.start is not None and role.start.value.date() > today:
        return "komend"
    if role.end is not None and role.end.last_day < today:
        return "voorbij"
    return "huidig"


def role_wording(role: Role, today: dt.date) -> tuple[str, str]:
    """(function, period) as a reader reads them on ``today``.

    'aankomend voorzitter', 'vanaf 14 juni 2023' before the start; 'voorzitter', 'sinds
    14 juni 2023' from then on (whether or not the source still says 'aankomend');
    'voormalig voorzitter', 'tot en met juni 2026' once the end has passed. A period
    in words is shown as written."""
    if role.start is None and role.end is None:
        return role.function, role.period
    state = role_state(role, today)
    function = role.function.removeprefix(COMING_PREFIX) if role.function.startswith(COMING_PREFIX) else role.function
    start = format_plain(role.start) if role.start is not None else ""
    end = f"tot en met {format_plain(role.end)}" if role.end is not None else ""
    if state == "komend":
        return COMING_PREFIX + function, ", ".join(p for p in (f"vanaf {start}", end) if p)
    if state == "voorbij":
        return PAST_PREFIX + function, f"van {start} {end}" if start else end
    return function, ", ".join(p for p in (f"sinds {start}" if start else "", end) if p)


def role_label(role: Role, today: dt.date) -> str:
    """What the role is on ``today``, without where: 'aankomend voorzitter, vanaf 14 juni 2023'."""
    function, period = role_wording(role, today)
    return f"{function}, {period}" if period else function


def role_boundaries(role: Role) -> tuple[dt.date, ...]:
    """The days on which the role reads otherwise: its first day, and the day after its last."""
    found = []
    if role.start is not None:
        found.append(role.start.value.date())
    if role.end is not None:
        found.append(role.end.last_day + dt.timedelta(days=1))
    return tuple(found)


def roles_of(obj: KBObject) -> tuple[Role, ...]:
    return obj.get(Persoon.rollen) or ()


# -- news --------------------------------------------------------------------------------


def news_day(obj: KBObject) -> dt.date | None:
    """The day of a news item, if it has a valid one."""
    day = obj.get(Bericht.datum)
    return day.value.date() if day is not None and day.is_exact_day else None


def is_scheduled(obj: KBObject, today: dt.date) -> bool:
    """A news item whose day is still to come: it appears on that day, not before."""
    day = news_day(obj) if obj.kind == "bericht" else None
    return day is not None and day > today


def old_from(day: dt.date, months: int) -> dt.date:
    """The first day on which an item of ``day`` counts as old: ``months`` later (31 January + 1: end of February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if year > dt.MAXYEAR:
        return dt.date.max
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def is_old(obj: KBObject, today: dt.date, months: int) -> bool:
    """A news item older than ``months`` months: it says its age, and lists show it below current ones."""
    day = news_day(obj) if obj.kind == "bericht" else None
    return day is not None and old_from(day, months) <= today


def news_boundaries(obj: KBObject, months: int) -> tuple[dt.date, ...]:
    """The day an item appears and the day it becomes old."""
    day = news_day(obj)
    return () if day is None else (day, old_from(day, months))


# -- calls to action ---------------------------------------------------------------------


def can_act(event: CalendarEvent, today: dt.date) -> bool:
    """Whether a call to take part (register, note the date) can still be acted on."""
    if event.cancelled or event.is_past(today):
        return False
    return event.deadline is None or event.deadline.value.date() >= today


def what_happened(event: CalendarEvent, today: dt.date) -> str:
    """What a call to action says once it cannot be acted on: 'Bestuurdersdag 2023 was op vrijdag 12 mei 2023.'"""
    if event.cancelled:
        return f"{event.title} gaat niet door."
    if event.is_past(today):
        when = format_span(event.when, event.until)
        return f"{event.title} was {'op' if event.precise else 'in'} {when}."
    assert event.deadline is not None  # can_act is false for one of these three reasons
    return f"Aanmelden voor {event.title} kon tot en met {format_plain(event.deadline)}."


def event_boundaries(event: CalendarEvent) -> tuple[dt.date, ...]:
    """The days an event's calls to action and placeholders change: after its deadline and after its last day."""
    found = [event.last_day + dt.timedelta(days=1)]
    if event.deadline is not None:
        found.append(event.deadline.value.date() + dt.timedelta(days=1))
    return tuple(found)


def current_summary(obj: KBObject, today: dt.date, call: CalendarEvent | None) -> str:
    """A news item's summary as lists, feeds and the newsletter show it on ``today``.

    ``call`` is the event its call to action is for (its ``oproep``): once that cannot be
    acted on, the item says what happened instead (its ``na-afloop``, or a sentence of ours)."""
    summary = obj.get(Bericht.samenvatting) or ""
    if call is None or can_act(call, today):
        return summary
    return obj.get(Bericht.na_afloop) or what_happened(call, today)


# -- placeholders ----------------------------------------------------------------------


def can_still_come(until: dt.date | None, today: dt.date) -> bool:
    """Whether what a placeholder waits for ('[volgt]') can still come: until its last day has passed."""
    return until is None or until >= today


def never_recorded(marker: str) -> str:
    """'[link volgt]' as it reads once what it waits for can no longer come: '[link niet vastgelegd]'."""
    return marker.replace("volgt", NEVER_RECORDED)


def passed(boundaries: Iterable[dt.date], today: dt.date) -> int:
    """How many of these days have come: a page that shows them reads otherwise when the count changes."""
    return sum(1 for day in boundaries if day <= today)


def state_of(obj: KBObject, today: dt.date, months: int, event: CalendarEvent | None = None) -> tuple[object, ...]:
    """What other pages show of an object that changes with the date (for their digests)."""
    if obj.kind == "bericht":
        return (is_scheduled(obj, today), is_old(obj, today, months))
    if obj.kind == "persoon":
        return tuple(role_state(role, today) for role in roles_of(obj))
    if event is not None:
        return (event.is_past(today), can_act(event, today))
    return ()


@dataclass(frozen=True)
class PageTimeline:
    """What a page shows that changes with the date, noted when it is read.

    ``days``: on each of these its own text reads otherwise (a role begins, an item
    appears, an event is over), so it is read again once one passes. ``calls``: the
    events its ``{oproep}`` and ``{nog-niet-bekend}`` blocks are about, as (event id,
    line, directive, with ":daarna" when it says what to show afterwards): another
    page's event changes what this page shows, so their
    state is part of its digest. For the editors' list (model/maintenance.py) also
    the placeholders in its text, as (line, what, the event it waits for or ""), and
    its ``{aankondiging}`` blocks, as (line, title, last day shown)."""

    read_on: dt.date
    days: frozenset[dt.date] = frozenset()
    calls: tuple[tuple[str, int, str], ...] = ()
    placeholders: tuple[tuple[int, str, str], ...] = ()
    announcements: tuple[tuple[int, str, dt.date], ...] = ()

    def is_stale(self, today: dt.date) -> bool:
        """Whether one of its days has come (or, with an earlier reference date, not yet) since it was read."""
        return passed(self.days, self.read_on) != passed(self.days, today)
