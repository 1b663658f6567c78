"""schema.org ``Event`` data for search engines and assistants. Pure.

Built from the same :class:`~kennisbank.model.agenda.CalendarEvent` as the .ics
feeds, so both describe the same instants.
"""

from __future__ import annotations

import datetime as dt
import json

from ..model.agenda import CalendarEvent, is_missing
from .event_context import EventContext

_STATUS = {
    "gepland": "https://schema.org/EventScheduled",
    "geannuleerd": "https://schema.org/EventCancelled",
    "verplaatst": "https://schema.org/EventRescheduled",
}
_MODE = {
    "ter plaatse": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "hybride": "https://schema.org/MixedEventAttendanceMode",
}


def event_data(event: CalendarEvent, context: EventContext, organiser_url: str) -> dict[str, object] | None:
    """The schema.org Event, or None while its place is not known.

    schema.org requires ``location`` for an Event; rather than publish an invalid
    one, an event without a place or an online link gets no structured data
    until one is filled in.
    """
    locations = _locations(event)
    if not locations:
        return None
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": event.start().isoformat(),
        "eventStatus": _STATUS[event.status],
        "location": locations[0] if len(locations) == 1 else locations,
        "url": context.url,
    }
    if context.organiser:
        data["organizer"] = {"@type": "Organization", "name": context.organiser, "url": organiser_url}
    end = event.end()
    if end is not None:
        # schema.org names the last day of an all-day event; iCalendar the day after.
        last = end - dt.timedelta(days=1) if event.all_day else end
        data["endDate"] = last.isoformat()
    if event.summary:
        data["description"] = event.summary
    if event.moved_from is not None:
        data["previousStartDate"] = event.instant(event.moved_from).isoformat()
    if event.mode:
        data["eventAttendanceMode"] = _MODE[event.mode]
    return data


def _locations(event: CalendarEvent) -> list[dict[str, object]]:
    locations: list[dict[str, object]] = []
    if event.place:
        address = {
            "@type": "PostalAddress",
            "streetAddress": event.place.street,
            "postalCode": event.place.postcode,
            "addressLocality": event.place.city,
            "addressCountry": "NL",
        }
        place: dict[str, object] = {"@type": "Place", "name": event.place.name or event.place.city}
        place["address"] = {k: v for k, v in address.items() if v}
        locations.append(place)
    if event.online and not is_missing(event.online):
        locations.append({"@type": "VirtualLocation", "url": event.online})
    return locations


def script_json(data: dict[str, object]) -> str:
    """JSON safe inside a <script> element: no '<' that could close it early."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1).replace("<", "\\u003c")
