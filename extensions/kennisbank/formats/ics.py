"""Write iCalendar feeds (RFC 5545) with the ``icalendar`` library. Pure.

CRLF line endings and line folding come from the library; we decide what goes
in: stable UIDs, reproducible DTSTAMPs, time zones, and status.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from icalendar import Calendar, Component, Event, vDuration, vText, vUri

from ..model.agenda import CalendarEvent, is_missing
from ..model.dates import format_span
from .event_context import EventContext
from .vtimezone import timezone_component

PRODID = "-//Vereniging van Zuid-Hollandse Gemeenten//Kennisbank//NL"


@dataclass(frozen=True)
class Feed:
    name: str
    url: str  # absolute URL of the feed itself
    description: str
    refresh: dt.timedelta
    stamp: dt.datetime  # reproducible, see config.stamp


def uid(event: CalendarEvent, domain: str) -> str:
    # From the id alone: a new title or date must update, not duplicate, the entry.
    return f"evenement-{event.id}@{domain}"


def write_feed(
    feed: Feed,
    events: list[tuple[CalendarEvent, EventContext]],
    uid_domain: str,
    blocks: dict[str, bytes] | None = None,
    shared: bytes | None = None,
    digests: Mapping[str, str] | None = None,
) -> bytes:
    """The feed as iCalendar bytes.

    ``blocks`` caches each event's serialised VEVENT by the digest of its input:
    the site feed holds every event, and most of them did not change. A caller with
    many feeds passes what it can work out once: ``shared``, the result of
    ``shared_properties(feed.refresh)``, and ``digests``, a digest of each event's
    input by event id (``input_digest``, or one the caller keeps).
    """
    if shared is None:
        shared = shared_properties(feed.refresh)
    head = b"BEGIN:VCALENDAR\r\n" + shared + _own_properties(feed)
    precise = [(event, context) for event, context in events if event.precise]
    zones = b""
    if precise:
        years = [e.first_day.year for e, _ in precise]
        first, last = dt.date(min(years) - 1, 1, 1), dt.date(max(years) + 2, 1, 1)
        zones = b"".join(
            _timezone(tzid, first, last) for tzid in sorted({e.timezone for e, _ in precise if not e.all_day})
        )
    cache = {} if blocks is None else blocks
    build = f" {feed.stamp.isoformat()} {uid_domain}"  # what every VEVENT of this feed shares
    body = b"".join(
        _vevent_bytes(event, context, feed.stamp, uid_domain, cache, _digest(event, context, digests) + build)
        for event, context in precise
    )
    # The time zones and events follow the calendar's own properties, as to_ical would write them.
    return head + zones + body + b"END:VCALENDAR\r\n"


def shared_properties(refresh: dt.timedelta) -> bytes:
    """The properties every feed of a build shares: a site has thousands of feeds."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(refresh))  # Outlook's name for the refresh interval
    return _properties_of(cal)


def _own_properties(feed: Feed) -> bytes:
    cal = Calendar()
    # icalendar escapes TEXT only for the properties it knows; NAME (RFC 7986) and the
    # X-WR- names are TEXT too, so a title with a comma or semicolon is escaped explicitly.
    cal.add("name", vText(feed.name))
    cal.add("x-wr-calname", vText(feed.name))
    cal.add("description", feed.description)
    cal.add("x-wr-caldesc", vText(feed.description))
    cal.add("url", vUri(feed.url), parameters={"VALUE": "URI"})
    return _properties_of(cal)


def _properties_of(cal: Calendar) -> bytes:
    """The content lines of a calendar's own properties, without BEGIN and END."""
    return to_ical(cal).removeprefix(b"BEGIN:VCALENDAR\r\n").removesuffix(b"END:VCALENDAR\r\n")


#: icalendar folds a content line once it reaches this many octets.
FOLD_AT = 75


def to_ical(component: Component) -> bytes:
    """``component.to_ical()``, byte for byte, without folding the lines that need none.

    icalendar folds every content line character by character, and a feed site has
    over a hundred thousand lines; most are shorter than the fold, and are written as
    they are. The long ones are still folded by icalendar (tests/test_agenda.py
    holds this to ``to_ical()``).
    """
    lines = []
    for line in component.content_lines():
        if line:
            encoded = line.encode("utf-8")
            lines.append(encoded if len(encoded) < FOLD_AT else line.to_ical())
    return b"\r\n".join(lines) + b"\r\n"


@functools.lru_cache(maxsize=64)
def _timezone(tzid: str, first: dt.date, last: dt.date) -> bytes:
    # Every event feed of the same years holds the same VTIMEZONE: compute and write it once.
    written: bytes = timezone_component(tzid, first, last).to_ical()  # icalendar: Any
    return written


def input_digest(event: CalendarEvent, context: EventContext) -> str:
    """Everything of an event a feed shows, as one digest."""
    return hashlib.sha256(repr((event, context)).encode()).hexdigest()


def _digest(event: CalendarEvent, context: EventContext, digests: Mapping[str, str] | None) -> str:
    return digests[event.id] if digests is not None else input_digest(event, context)


def _vevent_bytes(
    event: CalendarEvent, context: EventContext, stamp: dt.datetime, uid_domain: str, cache: dict[str, bytes], key: str
) -> bytes:
    if key not in cache:
        cache[key] = to_ical(_vevent(event, context, stamp, uid_domain))
    return cache[key]


def _vevent(event: CalendarEvent, context: EventContext, stamp: dt.datetime, uid_domain: str) -> Event:
    vevent = Event()
    vevent.add("uid", uid(event, uid_domain))
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", event.start())
    end = event.end()
    if end is not None:
        vevent.add("dtend", end)
    vevent.add("summary", event.title)
    vevent.add("description", _description(event, context))
    location = _location(event)
    if location:
        vevent.add("location", location)
    vevent.add("url", vUri(context.url), parameters={"VALUE": "URI"})
    vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    vevent.add("sequence", event.sequence)
    vevent.add("class", "PUBLIC")
    vevent.add("transp", "TRANSPARENT" if event.all_day else "OPAQUE")
    if context.categories:
        vevent.add("categories", list(context.categories))
    return vevent


def _location(event: CalendarEvent) -> str:
    parts = [str(event.place)] if event.place else []
    if event.online and not is_missing(event.online):
        parts.append(f"Online: {event.online}")
    return "; ".join(parts)


def _description(event: CalendarEvent, context: EventContext) -> str:
    lines = [event.summary] if event.summary else []
    if event.cancelled:
        lines.insert(0, "GEANNULEERD.")
    if event.moved_from is not None:
        lines.insert(0, f"Verplaatst; oorspronkelijk gepland op {format_span(event.moved_from)}.")
    if context.organiser:
        lines.append(f"Organisator: {context.organiser}")
    if event.registration and not is_missing(event.registration):
        lines.append(f"Aanmelden: {event.registration}")
    lines.append(f"Meer informatie: {context.url}")
    return "\n".join(lines)
