"""What the writers (.ics, JSON-LD) say of an event beyond its own fields. Pure.

Apart from ``ics`` so that the pages' JSON-LD does not import ``icalendar``:
the feeds are written in a forked process, and an incremental build that writes
a handful of pages should not pay for loading the library (80 ms) in its own.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EventContext:
    """Names and addresses of an event, looked up in the rest of the knowledge base."""

    url: str  # absolute URL of the event's page or entry
    organiser: str  # the organiser's name
    categories: tuple[str, ...] = ()  # titles of its themes, programmes and networks
