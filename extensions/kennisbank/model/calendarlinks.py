"""Links that put one event into a reader's calendar app. Pure.

Plain links only: the page loads nothing from Google, Microsoft or
OpenStreetMap; the reader's click opens their site with the event filled in.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote, urlencode

from .agenda import CalendarEvent, Place

GOOGLE = "https://calendar.google.com/calendar/render"
OUTLOOK = "https://outlook.office.com/calendar/0/deeplink/compose"
OPENSTREETMAP = "https://www.openstreetmap.org/search"


def _end(event: CalendarEvent) -> dt.date | dt.datetime:
    """The end a calendar needs: a timed event without one lasts an hour."""
    end = event.end()
    if end is not None:
        return end
    start = event.start()
    assert isinstance(start, dt.datetime)
    return start + dt.timedelta(hours=1)


def google_link(event: CalendarEvent, page_url: str) -> str:
    start, end = event.start(), _end(event)
    if isinstance(start, dt.datetime) and isinstance(end, dt.datetime):
        utc = dt.UTC
        dates = f"{start.astimezone(utc):%Y%m%dT%H%M%SZ}/{end.astimezone(utc):%Y%m%dT%H%M%SZ}"
    else:
        dates = f"{start:%Y%m%d}/{end:%Y%m%d}"
    query = {"action": "TEMPLATE", "text": event.title, "dates": dates, "details": _details(event, page_url)}
    if event.place is not None:
        query["location"] = str(event.place)
    return f"{GOOGLE}?{urlencode(query, quote_via=quote)}"


def outlook_link(event: CalendarEvent, page_url: str) -> str:
    start, end = event.start(), _end(event)
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": event.title,
        "startdt": start.isoformat(),
        "enddt": end.isoformat(),
        "body": _details(event, page_url),
    }
    if event.all_day:
        query["allday"] = "true"
    if event.place is not None:
        query["location"] = str(event.place)
    return f"{OUTLOOK}?{urlencode(query, quote_via=quote)}"


def webcal_link(feed_url: str) -> str:
    """The same feed, as a subscription: calendar apps keep it up to date."""
    return "webcal://" + feed_url.split("://", 1)[-1]


def route_link(place: Place) -> str | None:
    """A search on OpenStreetMap for the address; None without anything to find."""
    where = ", ".join(p for p in (place.street, " ".join(q for q in (place.postcode, place.city) if q)) if p)
    if not where:
        where = place.name
    return f"{OPENSTREETMAP}?{urlencode({'query': where}, quote_via=quote)}" if where else None


def _details(event: CalendarEvent, page_url: str) -> str:
    return "\n\n".join(part for part in (event.summary, page_url) if part)
