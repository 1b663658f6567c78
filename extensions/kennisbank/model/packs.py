"""Board packs (bestuurspakketten): what goes in, checked. Pure.

A pack lists, in order, the pages or objects for one board meeting. An item is
an object id (its page is included) or a document name such as
``themas/jeugd``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from .agenda import CalendarEvent, chronological
from .dates import format_period, format_span
from .localtime import season_note
from .objects import KBObject, Problem, When
from .relations import suggest
from .schema import Field, Kind, ObjectType, fields_of


class Bestuurspakket:
    """The fields of ``{bestuurspakket}``, typed as those of an object type (schema.py)."""

    vergadering: Field[str] = Field("vergadering", "Vergadering", required=True, example="Algemeen bestuur VZHG")
    datum: Field[When] = Field("datum", "Datum", Kind.WHEN, required=True, example="2023-04-20")
    plaats: Field[str] = Field("plaats", "Plaats", example="Den Haag")
    versie: Field[str] = Field("versie", "Versie", example="1.0")
    concept: Field[str] = Field("concept", "Concept", Kind.CHOICE, choices=("ja", "nee"))
    onderdelen: Field[tuple[str, ...]] = Field(
        "onderdelen", "Onderdelen", Kind.LINES, required=True, example="ruimtelijke-puzzel"
    )
    agenda_maanden: Field[int] = Field("agenda-maanden", "Agenda (maanden na de vergadering)", Kind.NUMBER, example="3")


PACK = ObjectType(
    "bestuurspakket", "Bestuurspakket", "Bestuurspakketten", fields_of(Bestuurspakket), title_field="vergadering"
)

#: The anchor of a pack's agenda section, which the pack's theme pages point to.
PACK_AGENDA_ID = "kb-pakket-agenda"


@dataclass(frozen=True)
class BoardPack:
    docname: str
    lineno: int
    meeting: str
    date: When | None
    place: str = ""
    version: str = ""
    draft: bool = False
    items: tuple[str, ...] = ()
    agenda_months: int = 0  # events for this many months after the meeting; 0: none
    item_lines: tuple[int, ...] = ()  # the source line of each item, for precise messages

    @property
    def version_label(self) -> str:
        """'0.3 (concept)', '1.0', or 'concept' for a draft without a version; empty if neither."""
        if self.version:
            return self.version + (" (concept)" if self.draft else "")
        return "concept" if self.draft else ""

    def item_line(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.lineno

    @property
    def filename(self) -> str:
        """bestuurspakket-2023-04-20, or bestuurspakket-2023-04 while only the month is known."""
        assert self.date is not None
        shown = {"year": "%Y", "month": "%Y-%m"}.get(self.date.precision, "%Y-%m-%d")
        return "bestuurspakket-" + self.date.value.strftime(shown)

    def agenda_window(self) -> AgendaWindow | None:
        """The days whose events the pack's agenda lists; None if it has no agenda."""
        if not self.agenda_months or self.date is None:
            return None
        return agenda_window(self.date, self.agenda_months)


def pack_documents(
    pack: BoardPack, objects: Mapping[str, KBObject], docnames: Collection[str]
) -> tuple[list[tuple[str, str]], list[Problem]]:
    """The pack's (item, docname) pairs in order, and what is wrong with its list."""
    chosen: list[tuple[str, str]] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for index, item in enumerate(pack.items):
        line = pack.item_line(index)
        if item in objects:
            docname = objects[item].docname
        elif item in docnames:
            docname = item
        else:
            hint = suggest(item, [*objects, *docnames])
            problems.append(Problem(pack.docname, line, f"Bestuurspakket: onbekende pagina of id '{item}'{hint}"))
            continue
        if docname in seen:
            problems.append(
                Problem(
                    pack.docname,
                    line,
                    f"Bestuurspakket: '{item}' staat op dezelfde pagina ({docname}) als '{seen[docname]}', "
                    "die al in het pakket zit",
                )
            )
            continue
        seen[docname] = item
        chosen.append((item, docname))
    return chosen, problems


# -- the agenda at the end of a pack ---------------------------------------------


@dataclass(frozen=True)
class AgendaWindow:
    """The days a pack's agenda covers, both ends included.

    ``by_month`` when the meeting's day is not known: the window then runs in whole
    months, and nothing that describes it may name a day.
    """

    first: dt.date
    last: dt.date
    by_month: bool

    @property
    def label(self) -> str:
        """'van april tot en met juli 2023', 'van 20 april tot en met 20 juli 2023'."""
        return "van " + format_period(self.first, self.last, self.by_month)


def agenda_window(meeting: When, months: int) -> AgendaWindow:
    """From the meeting day up to and including the same day ``months`` months later.

    A meeting known only to the month (or year) may be on any of its days, so the
    window starts on the first day of that month (January for a year) and runs to the
    end of the month ``months`` months after its last month: every event within
    ``months`` months of the meeting, whichever day that turns out to be.
    """
    start = meeting.value.date()
    if meeting.is_exact_day:
        first, last_month = start, start.month
    else:
        first = dt.date(start.year, start.month if meeting.precision == "month" else 1, 1)
        last_month = start.month if meeting.precision == "month" else 12
    year, month = _add_months(start.year, last_month, months)
    if year > dt.MAXYEAR:  # a typo such as 3000000 months: the calendar's end, not a crash
        return AgendaWindow(first, dt.date.max, by_month=not meeting.is_exact_day)
    month_end = calendar.monthrange(year, month)[1]
    if meeting.is_exact_day:  # the same day, or the month's last (31 January + 1: 28 February)
        return AgendaWindow(first, dt.date(year, month, min(start.day, month_end)), by_month=False)
    return AgendaWindow(first, dt.date(year, month, month_end), by_month=True)


def _add_months(year: int, month: int, count: int) -> tuple[int, int]:
    index = month - 1 + count
    return year + index // 12, index % 12 + 1


@dataclass(frozen=True)
class AgendaEntry:
    """One event on a pack's agenda and the pack's topics it belongs to."""

    event: CalendarEvent
    topics: tuple[str, ...] = ()  # titles of this pack's themes, programmes and networks

    @property
    def on_topic(self) -> bool:
        return bool(self.topics)

    @property
    def when(self) -> str:
        """The date as precisely as it is known: a weekday only for a known day."""
        event = self.event
        return format_span(event.when, event.until) + season_note([event.when, event.until], event.timezone)

    @property
    def where(self) -> str:
        """'Nieuwspoort, Den Haag', 'online', 'Gouda, hybride'; empty if unknown."""
        place = self.event.place
        parts = [place.name] if place and place.name else []
        if place and place.city and place.city not in place.name:  # not "Eenhoorn Amersfoort, Amersfoort"
            parts.append(place.city)
        if self.event.mode in ("online", "hybride"):
            parts.append(self.event.mode)
        return ", ".join(parts)

    @property
    def notes(self) -> tuple[str, ...]:
        """What is written after the title, in words (the PDF may be printed in grey)."""
        event = self.event
        found: list[str] = []
        if event.cancelled:
            found.append("geannuleerd")
        elif event.moved_from is not None:
            found.append(f"verplaatst, was {format_span(event.moved_from)}")
        if self.topics:
            found.append(f"{TOPIC_MARK}: {', '.join(self.topics)}")
        return tuple(found)


TOPIC_MARK = "onderwerp van dit pakket"


@dataclass(frozen=True)
class PackAgenda:
    """Every event in the window, not only those on the pack's topics; those are marked."""

    window: AgendaWindow
    #: Events certainly in the window, by date; one known only to the month after
    #: that month's known days, as on the site's list of coming events.
    entries: tuple[AgendaEntry, ...]
    #: Events whose month or year reaches into the window, but may fall outside it.
    maybe: tuple[AgendaEntry, ...] = ()
    today: dt.date | None = None  # the day it is printed: a date no longer to come was never recorded

    @property
    def heading(self) -> str:
        return f"Agenda: alle bijeenkomsten {self.window.label}"

    @property
    def intro(self) -> str:
        if not self.entries and not self.maybe:
            return "In deze periode staan geen bijeenkomsten op de agenda."
        text = (
            "Hier staan alle bijeenkomsten in deze periode, ook die buiten de onderwerpen van dit pakket. "
            f"Bijeenkomsten bij een onderwerp van dit pakket hebben de aanduiding “{TOPIC_MARK}”."
        )
        if self.window.by_month:
            text += " De dag van de vergadering is niet bekend; daarom telt de agenda in hele maanden."
        return text

    @property
    def maybe_intro(self) -> str:
        over = self.today is not None and all(entry.event.is_past(self.today) for entry in self.maybe)
        return f"Mogelijk in deze periode; de precieze datum is {'niet vastgelegd' if over else 'nog niet bekend'}:"


def pack_agenda(
    window: AgendaWindow, events: Iterable[CalendarEvent], topics: Mapping[str, str], today: dt.date | None = None
) -> PackAgenda:
    """The events of ``window``; ``topics`` maps the id of each of the pack's topics to its title."""
    entries: list[AgendaEntry] = []
    maybe: list[AgendaEntry] = []
    for event in events:
        if event.last_day < window.first or event.first_day > window.last:
            continue
        entry = AgendaEntry(event, tuple(topics[t] for t in event.related if t in topics))
        inside = event.precise or (event.first_day >= window.first and event.last_day <= window.last)
        (entries if inside else maybe).append(entry)
    return PackAgenda(
        window,
        tuple(sorted(entries, key=lambda e: _in_order(e.event))),
        tuple(sorted(maybe, key=lambda e: chronological(e.event))),
        today,
    )


def _in_order(event: CalendarEvent) -> tuple[dt.date, dt.datetime, str, str]:
    return (event.first_day if event.precise else event.last_day, *chronological(event))
