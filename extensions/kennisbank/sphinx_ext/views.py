"""What the domain's objects show once worked out: backlinks, the calendar, the news, each
page's own object. One object, :class:`DomainViews`, made anew whenever the objects or the
mentions change (the domain drops it; see ``KnowledgeBaseDomain._changed``), and each view in
it worked out when first asked for, so nothing has to be reset by hand.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from sphinx.environment import BuildEnvironment

from ..model.agenda import CalendarEvent, by_month, calendar_events
from ..model.news import newest_first, related_ids
from ..model.objects import KBObject, Mention
from ..model.relations import RelationIndex
from .buildstate import build_state


def is_page_object(env: BuildEnvironment, obj: KBObject) -> bool:
    """Whether the page is about this object alone: it bears the page's title (a theme's, an event's page)."""
    title = env.titles.get(obj.docname)
    return title is not None and title.astext() == obj.title


class DomainViews:
    """The views of one state of the domain's data; never changed, only replaced."""

    def __init__(
        self, env: BuildEnvironment, objects: Mapping[str, KBObject], mentions: Mapping[str, tuple[Mention, ...]]
    ) -> None:
        self.env = env
        self.objects = objects
        self.mentions = mentions

    @functools.cached_property
    def index(self) -> RelationIndex:
        """Inverse relations: backlinks, mentions, the check of every relation."""
        all_mentions = (m for ms in self.mentions.values() for m in ms)
        return RelationIndex(self.objects, all_mentions, build_state(self.env).settings.today())

    @functools.cached_property
    def events(self) -> list[CalendarEvent]:
        """All events as the calendar sees them."""
        return calendar_events(self.objects.values())

    @functools.cached_property
    def event_by_id(self) -> dict[str, CalendarEvent]:
        return {event.id: event for event in self.events}

    @functools.cached_property
    def months(self) -> dict[tuple[int, int], list[CalendarEvent]]:
        """The events a month view of (year, month) shows: on one of its days, or in it without a day."""
        return by_month(self.events)

    @functools.cached_property
    def events_of(self) -> dict[str, list[CalendarEvent]]:
        """The events of each theme, programme or network, by its id."""
        found: dict[str, list[CalendarEvent]] = {}
        for event in self.events:
            for related in event.related:
                found.setdefault(related, []).append(event)
        return found

    @functools.cached_property
    def news(self) -> list[KBObject]:
        """Every published news item, newest first."""
        return newest_first(self.objects.values(), build_state(self.env).settings.today())

    @functools.cached_property
    def news_of(self) -> dict[str, list[KBObject]]:
        """The news items about each object (any relation of theirs points at it), newest first."""
        found: dict[str, list[KBObject]] = {}
        for item in self.news:
            for related in related_ids(item, self.objects):
                found.setdefault(related, []).append(item)
        return found

    @functools.cached_property
    def page_objects(self) -> dict[str, KBObject]:
        """Per page, the object it is about (the first, should two bear its title).

        Worked out once after reading, not in a pass over every object per page."""
        found: dict[str, KBObject] = {}
        for obj in self.objects.values():
            if is_page_object(self.env, obj):
                found.setdefault(obj.docname, obj)
        return found
