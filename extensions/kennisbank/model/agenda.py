"""Events as a calendar sees them: instants, all-day spans, status. Pure.

The .ics writer, the JSON-LD writer and the agenda pages all read the same
:class:`CalendarEvent`, so they always describe the same instants.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from .localtime import exists, gap_message
from .objects import FieldProblem, KBObject, MissingLink, Url, Value, When, value_of
from .schema import Evenement

DEFAULT_TIMEZONE = "Europe/Amsterdam"
PLACE_FIELDS = (Evenement.locatie, Evenement.adres, Evenement.postcode, Evenement.plaats)
#: Fields whose time of day is read in the event's time zone.
_CLOCK_FIELDS = (Evenement.start, Evenement.eind, Evenement.verplaatst_naar, Evenement.aanmelden_tot)


@dataclass(frozen=True)
class Place:
    name: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""

    def __str__(self) -> str:
        town = " ".join(p for p in (self.postcode, self.city) if p)
        return ", ".join(p for p in (self.name, self.street, town) if p)


@dataclass(frozen=True)
class CalendarEvent:
    id: str
    title: str
    summary: str
    docname: str
    anchor: str
    when: When  # the date that counts: the new one if the event was moved
    until: When | None
    timezone: str
    status: str  # gepland, geannuleerd or verplaatst
    moved_from: When | None
    sequence: int
    place: Place | None
    online: Url | None
    mode: str | None  # ter plaatse, online or hybride
    organiser: str  # object id; empty if the field was left out
    related: tuple[str, ...]  # ids of the themes, programmes and networks it belongs to
    registration: Url | None = None
    deadline: When | None = None

    @property
    def precise(self) -> bool:
        """Known to the day: only such events go into feeds and calendars."""
        return self.when.is_exact_day

    @property
    def all_day(self) -> bool:
        return not self.when.has_time

    @property
    def cancelled(self) -> bool:
        return self.status == "geannuleerd"

    def start(self) -> dt.date | dt.datetime:
        return self.instant(self.when)

    def end(self) -> dt.date | dt.datetime | None:
        """Timed: the end instant, if known. All-day: the day after the last day (exclusive)."""
        if self.all_day:
            return self.last_day + dt.timedelta(days=1)
        return self.instant(self.until) if self.until else None

    def instant(self, when: When) -> dt.date | dt.datetime:
        if when.has_time:
            return when.value.replace(tzinfo=ZoneInfo(self.timezone))
        return when.value.date()

    @property
    def first_day(self) -> dt.date:
        return self.when.value.date()

    @property
    def last_day(self) -> dt.date:
        """The last day the event may take place, for imprecise dates the end of the period."""
        if self.when.precision == "year":
            return dt.date(self.when.value.year, 12, 31)
        if self.when.precision == "month":
            year, month = self.when.value.year, self.when.value.month
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        return (self.until or self.when).value.date()

    def is_past(self, today: dt.date) -> bool:
        """Over before ``today``: the last day it may take place has gone by."""
        return self.last_day < today

    def days(self) -> list[dt.date]:
        count = (self.last_day - self.first_day).days + 1
        return [self.first_day + dt.timedelta(days=n) for n in range(count)] if self.precise else []


def place_of(fields: Mapping[str, Value]) -> Place | None:
    """Where an event is, from its place fields; None if none is given."""
    if not any(field.name in fields for field in PLACE_FIELDS):
        return None
    return Place(*(value_of(fields, field) or "" for field in PLACE_FIELDS))


def attendance_mode(fields: Mapping[str, Value]) -> str | None:
    """Given, or derived from what is known: a place, a link, or both."""
    given = value_of(fields, Evenement.deelname)
    if given is not None:
        return given
    has_place = place_of(fields) is not None
    has_link = Evenement.online.name in fields
    if has_place and has_link:
        return "hybride"
    if has_link:
        return "online"
    return "ter plaatse" if has_place else None


def event_problems(fields: Mapping[str, Value]) -> list[FieldProblem]:
    """Contradictions between an event's fields, each reported at the field it is about."""
    problems = [*_clock_problems(fields)]
    start, end = value_of(fields, Evenement.start), value_of(fields, Evenement.eind)
    if any(p.field == Evenement.start.name for p in problems):
        start = None
    if start is not None and end is not None:
        if end < start:
            problems.append(FieldProblem("het einde ligt vóór het begin", "eind", drop=True))
        elif start.has_time != end.has_time:
            problems.append(FieldProblem("geef begin en einde allebei met tijd, of allebei zonder", "eind", drop=True))
    deadline = value_of(fields, Evenement.aanmelden_tot)
    if start is not None and deadline is not None and deadline.value > start.value:
        message = "de aanmeldtermijn ('aanmelden-tot') sluit pas na het begin"
        problems.append(FieldProblem(message, "aanmelden-tot", drop=True))
    mode = value_of(fields, Evenement.deelname)
    if mode in ("online", "hybride") and Evenement.online.name not in fields:
        message = f"een {mode} evenement heeft een link nodig in het veld 'online' (of 'online: volgt')"
        problems.append(FieldProblem(message, "deelname"))
    status, moved_to = value_of(fields, Evenement.status), value_of(fields, Evenement.verplaatst_naar)
    if status == "verplaatst" and moved_to is None:
        message = "een verplaatst evenement heeft een nieuwe datum nodig in 'verplaatst-naar'"
        problems.append(FieldProblem(message, "status"))
    if moved_to is not None and status != "verplaatst":
        message = "'verplaatst-naar' hoort bij 'status: verplaatst'"
        problems.append(FieldProblem(message, "verplaatst-naar", drop=True))
    if start is not None and moved_to is not None and moved_to.has_time != start.has_time:
        message = "geef de nieuwe datum net als het begin met of zonder tijd"
        problems.append(FieldProblem(message, "verplaatst-naar", drop=True))
    return problems


def _clock_problems(fields: Mapping[str, Value]) -> list[FieldProblem]:
    """Local times skipped when the clock jumps forward cannot be published."""
    zone = value_of(fields, Evenement.tijdzone) or DEFAULT_TIMEZONE
    return [
        FieldProblem(gap_message(value.value, zone), field.name, drop=True)
        for field in _CLOCK_FIELDS
        if (value := value_of(fields, field)) is not None and value.has_time and not exists(value.value, zone)
    ]


def calendar_event(obj: KBObject) -> CalendarEvent:
    """The calendar view of an evenement object (its fields already checked)."""
    when, until = obj.get(Evenement.start), obj.get(Evenement.eind)
    if when is None:  # asked only of events with a start (an invalid one is left out, reported)
        raise KeyError(f"{obj.id}: {Evenement.start.name}")
    status = obj.get(Evenement.status) or "gepland"
    moved_from: When | None = None
    moved_to = obj.get(Evenement.verplaatst_naar)
    if status == "verplaatst" and moved_to is not None:
        moved_from, when = when, moved_to
        if until is not None:  # keep the duration
            until = When(when.value + (until.value - moved_from.value), until.precision)
    place = place_of(obj.fields)
    organiser = obj.get(Evenement.organisator) or ""  # may be left out as invalid: reported
    refs = [ref for field in (Evenement.thema, Evenement.programma, Evenement.netwerk) for ref in obj.get(field) or ()]
    related = (*refs, *([organiser] if organiser else []))
    return CalendarEvent(
        id=obj.id,
        title=obj.title,
        summary=obj.get(Evenement.samenvatting) or "",
        docname=obj.docname,
        anchor=obj.anchor,
        when=when,
        until=until,
        timezone=obj.get(Evenement.tijdzone) or DEFAULT_TIMEZONE,
        status=status,
        moved_from=moved_from,
        # Clients only take an update with a higher sequence: a cancellation or a
        # move counts as one change even if the author did not bump it.
        sequence=(obj.get(Evenement.wijziging) or 0) + (status != "gepland"),
        place=place,
        online=obj.get(Evenement.online),
        mode=attendance_mode(obj.fields),
        organiser=organiser,
        related=tuple(dict.fromkeys(related)),
        registration=obj.get(Evenement.aanmelden),
        deadline=obj.get(Evenement.aanmelden_tot),
    )


def calendar_events(objects: Iterable[KBObject]) -> list[CalendarEvent]:
    events = [calendar_event(o) for o in objects if o.kind == "evenement" and o.has(Evenement.start)]
    return sorted(events, key=chronological)


def chronological(event: CalendarEvent) -> tuple[dt.datetime, str, str]:
    return (event.when.value, event.title.casefold(), event.id)


def upcoming(events: Iterable[CalendarEvent], today: dt.date) -> list[CalendarEvent]:
    """Events still to come, the next first; one known only to the month or year counts
    from the end of that period, so that "sometime in 2023" does not head the list."""
    return sorted((e for e in events if not e.is_past(today)), key=_coming_order)


def _coming_order(event: CalendarEvent) -> tuple[dt.date, dt.datetime, str, str]:
    return (event.first_day if event.precise else event.last_day, *chronological(event))


def past(events: Iterable[CalendarEvent], today: dt.date) -> list[CalendarEvent]:
    """Events that are over, the most recent first."""
    return sorted(
        (e for e in sorted(events, key=chronological) if e.is_past(today)), key=lambda e: e.when.value, reverse=True
    )


def archive(events: Iterable[CalendarEvent], today: dt.date) -> list[tuple[int, int | None, list[CalendarEvent]]]:
    """Past events by (year, month), newest month first; month None if only the year is known."""
    groups: dict[tuple[int, int | None], list[CalendarEvent]] = {}
    for event in sorted(past(events, today), key=chronological):
        month = None if event.when.precision == "year" else event.when.value.month
        groups.setdefault((event.when.value.year, month), []).append(event)
    ordered = sorted(groups, key=lambda k: (k[0], k[1] or 13), reverse=True)
    return [(year, month, groups[(year, month)]) for year, month in ordered]


def months_from(today: dt.date, count: int) -> list[tuple[int, int]]:
    year, month = today.year, today.month
    result = []
    for _ in range(count):
        result.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def by_month(events: Iterable[CalendarEvent]) -> dict[tuple[int, int], list[CalendarEvent]]:
    """Per (year, month), the events a month view shows: those on one of its days, and
    those known only to that month. Made once per build: there are years of events."""
    months: dict[tuple[int, int], list[CalendarEvent]] = {}
    for event in events:
        if event.precise:
            spanned = months_between(event.first_day, event.last_day)
        elif event.when.precision == "month":
            spanned = [(event.first_day.year, event.first_day.month)]
        else:
            continue
        for key in spanned:
            months.setdefault(key, []).append(event)
    return months


def months_between(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    count = (last.year - first.year) * 12 + last.month - first.month + 1
    return months_from(first, max(count, 0))


def month_weeks(
    year: int, month: int, events: Iterable[CalendarEvent]
) -> list[list[tuple[dt.date | None, list[CalendarEvent]]]]:
    """Weeks from Monday, each day with its events; days of other months are None."""
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    # Only the month's own events are sorted and spread over days: a site has years of them.
    in_month = [e for e in events if e.precise and e.first_day <= last and e.last_day >= first]
    by_day: dict[dt.date, list[CalendarEvent]] = {}
    for event in sorted(in_month, key=chronological):
        for day in event.days():
            if first <= day <= last:
                by_day.setdefault(day, []).append(event)
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)
    return [[(d, by_day.get(d, [])) if d.month == month else (None, []) for d in week] for week in weeks]


def is_missing(url: Url | None) -> bool:
    return isinstance(url, MissingLink)


@dataclass(frozen=True)
class MonthPages:
    """Which months get a page of their own: each month with events, and the current one."""

    parent: str  # the page with the month view; the month pages hang under it
    with_events: tuple[tuple[int, int], ...]  # (year, month), oldest first
    current: tuple[int, int]  # the month of the reference date

    @property
    def months(self) -> tuple[tuple[int, int], ...]:
        """Every month with a page, oldest first: those with events, and the current one."""
        return tuple(sorted({*self.with_events, self.current}))

    def pagename(self, year: int, month: int) -> str:
        return f"{self.parent}/{year}-{month:02d}"

    def has_events(self, year: int, month: int) -> bool:
        return (year, month) in self._with_events

    @functools.cached_property
    def _with_events(self) -> frozenset[tuple[int, int]]:
        return frozenset(self.with_events)

    def neighbours(self, year: int, month: int) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
        """The nearest months with events before and after this one: a month without
        events (the current one may have none) is no stop on the way."""
        index = bisect.bisect_left(self.with_events, (year, month))
        before = self.with_events[index - 1] if index > 0 else None
        later = index + 1 if self.has_events(year, month) else index
        after = self.with_events[later] if later < len(self.with_events) else None
        return before, after


def months_apart(first: tuple[int, int], last: tuple[int, int]) -> int:
    """How many months ``last`` (year, month) lies after ``first``."""
    return (last[0] - first[0]) * 12 + last[1] - first[1]


def month_pages(parent: str, months: Iterable[tuple[int, int]], today: dt.date) -> MonthPages:
    """A page for each month with events (the keys of :func:`by_month`), and the current one."""
    return MonthPages(parent, tuple(sorted(months)), (today.year, today.month))


@dataclass(frozen=True)
class YearPages:
    """The archive as a page per year with past events, under the archive's page."""

    parent: str
    years: tuple[int, ...]  # newest first

    def pagename(self, year: int) -> str:
        return f"{self.parent}/{year}"

    def neighbours(self, year: int) -> tuple[int | None, int | None]:
        """The next older and the next newer year with a page."""
        index = self.years.index(year)
        older = self.years[index + 1] if index + 1 < len(self.years) else None
        newer = self.years[index - 1] if index > 0 else None
        return older, newer


def year_pages(parent: str, events: Iterable[CalendarEvent], today: dt.date) -> YearPages:
    return YearPages(parent, tuple(sorted({e.when.value.year for e in past(events, today)}, reverse=True)))
