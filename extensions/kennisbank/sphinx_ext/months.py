"""The agenda by month: grids of days, the list of month pages, and the way between them.

Used by ``{maandoverzicht}`` (agenda.py) and by the month pages (agendapages.py),
through the page's :class:`~kennisbank.sphinx_ext.agenda.AgendaView`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from docutils import nodes

from ..model.agenda import CalendarEvent, MonthPages, month_pages, month_weeks, months_apart, months_from
from ..model.dates import format_month, format_months, weekday_names
from .buildstate import hyphenator
from .capabilities import writes_html
from .render import labeled_group, table

if TYPE_CHECKING:
    from .agenda import AgendaView

Week = list[tuple[dt.date | None, list[CalendarEvent]]]


class MonthGrid:
    """The months of one page's agenda view (its page, reference date and builder)."""

    def __init__(self, view: AgendaView):
        self.view = view
        self.domain = view.domain
        self.today = view.today

    @property
    def current(self) -> tuple[int, int]:
        return (self.today.year, self.today.month)

    def months(self, count: int) -> list[nodes.Node]:
        result: list[nodes.Node] = []
        for year, month in months_from(self.today, count):
            result += self.month(year, month)
        return result

    def month(self, year: int, month: int) -> list[nodes.Node]:
        """One month as a grid (a list on a phone), then its events whose day is not known yet."""
        weeks = self.weeks(year, month)
        result: list[nodes.Node] = [self.month_table(year, month, weeks)]
        vague = self.vague_in(year, month)
        if vague:
            known = "nog niet bekend" if (year, month) >= self.current else "niet vastgelegd"
            label = f"In {format_month(year, month)}, dag {known}:"
            result += [nodes.paragraph(label, label), self.view.event_list(vague)]
        if not any(events for week in weeks for _, events in week) and not vague:
            text = f"Er staan geen bijeenkomsten in {format_month(year, month)}."
            result.append(nodes.paragraph(text, text, classes=["kb-agenda-leeg"]))
        return result

    def month_lists(self, count: int) -> list[nodes.Node]:
        """The months from the reference month as a dated list, for print and text."""
        months = nodes.bullet_list(classes=["kb-agenda-maanden"])
        for year, month in months_from(self.today, count):
            label = format_month(year, month)
            found = self.events_in(year, month)
            if found:
                listing: nodes.Element = self.view.event_list(found)
            else:
                text = f"Er staan geen bijeenkomsten in {label}."
                listing = nodes.paragraph(text, text, classes=["kb-agenda-leeg"])
            months += nodes.list_item("", nodes.paragraph("", "", nodes.strong(label, label)), listing)
        return [months]

    def events_in(self, year: int, month: int) -> list[CalendarEvent]:
        """The events on a day of the month, then those of the month whose day is not known yet."""
        found = {e.id: e for week in self.weeks(year, month) for _, events in week for e in events}
        return [*found.values(), *self.vague_in(year, month)]

    def weeks(self, year: int, month: int) -> list[Week]:
        return month_weeks(year, month, self.domain.events_in_month(year, month))

    def vague_in(self, year: int, month: int) -> list[CalendarEvent]:
        """The month's events whose day is not known yet."""
        return [e for e in self.domain.events_in_month(year, month) if not e.precise]

    def month_table(self, year: int, month: int, weeks: list[Week]) -> nodes.table:
        rows = [nodes.row("", *(self.day_cell(day, events) for day, events in week)) for week in weeks]
        ids = [f"maand-{year}-{month:02d}"]
        return table(format_month(year, month), weekday_names(), rows, colwidth=10, classes=["kb-maand"], ids=ids)

    def day_cell(self, day: dt.date | None, events: list[CalendarEvent]) -> nodes.entry:
        if day is None:
            return nodes.entry(classes=["kb-dag-buiten"])
        classes = ["kb-dag"] + ([] if events else ["kb-dag-leeg"]) + (["kb-vandaag"] if day == self.today else [])
        cell = nodes.entry(classes=classes)
        # On a phone the grid becomes a list: each day then says its weekday and month.
        number = nodes.paragraph("", "", classes=["kb-dagnummer"])
        weekday = weekday_names()[day.weekday()]
        number += nodes.inline(weekday, weekday + " ", classes=["kb-dag-lang"])
        number += nodes.Text(str(day.day))
        month = " " + format_month(day.year, day.month).split()[0]
        number += nodes.inline(month, month, classes=["kb-dag-lang"])
        if day == self.today:
            # A label, not a link: styled apart from the links in the cell (kennisbank-agenda.css).
            number += nodes.Text(" ")
            number += nodes.inline("vandaag", "vandaag", classes=["kb-vandaag-label"])
        cell += number
        view = self.view
        for event in events:
            # A day is a narrow column: long Dutch words get soft hyphens where they may break.
            obj = self.domain.objects[event.id]
            text = hyphenator(view.env)(obj.title) if writes_html(view.builder) else obj.title
            ref = self.domain.reference(view.builder, view.docname, obj, nodes.inline(text, text, classes=["kb-ref"]))
            paragraph = nodes.paragraph("", "", ref)
            if event.cancelled:
                paragraph += nodes.Text(" (geannuleerd)")
            cell += paragraph
        return cell

    # -- month pages ---------------------------------------------------------

    def more_in_month_pages(self, month_view: str, later: list[CalendarEvent]) -> nodes.paragraph:
        """After a coming list cut short: how many follow, and the month page where they begin."""
        first = later[0].first_day
        pages = month_pages(month_view, self.domain.event_months(), self.today)
        month = format_month(first.year, first.month)
        text = f"Daarna staan er nog {len(later)} bijeenkomsten op de agenda. U vindt ze per maand, te beginnen met "
        return nodes.paragraph(
            "",
            "",
            nodes.Text(text),
            self.view.page_link(pages.pagename(first.year, first.month), f"de agenda van {month}"),
            nodes.Text("."),
            classes=["kb-agenda-meer"],
        )

    def month_links(self, pages: MonthPages) -> list[nodes.Node]:
        """On the month view: every month with events, by year, newest year first; the
        current month too, said to be this month (and that it has none, if so)."""
        years = nodes.bullet_list(classes=["kb-maandpagina-s"])
        by_year: dict[int, list[tuple[int, int]]] = {}
        for year, month in pages.months:
            by_year.setdefault(year, []).append((year, month))
        for year in sorted(by_year, reverse=True):
            links = [self.month_link(pages, y, m) for y, m in by_year[year]]
            years += labeled_group(nodes.Text(str(year)), links)
        return [years]

    def month_link(self, pages: MonthPages, year: int, month: int) -> list[nodes.Node]:
        link: list[nodes.Node] = [
            self.view.page_link(pages.pagename(year, month), format_month(year, month).split()[0])
        ]
        if (year, month) != self.current:
            return link
        note = " (deze maand)" if pages.has_events(year, month) else " (deze maand: geen bijeenkomsten)"
        return [*link, nodes.inline(note, note, classes=["kb-deze-maand"])]

    def month_navigation(self, pages: MonthPages, year: int, month: int) -> nodes.paragraph:
        """The nearest month with events before and after, how far away each is, and the
        way back to the month view."""
        before, after = pages.neighbours(year, month)
        paragraph = nodes.paragraph("", "", classes=["kb-maandnavigatie"])
        if before:
            far = format_months(months_apart(before, (year, month)))
            paragraph += self.neighbour(pages, "← Vorige maand met bijeenkomsten: ", before, f" ({far} eerder)")
        paragraph += nodes.inline("", "", self.view.page_link(pages.parent, "alle maanden"))
        if after:
            far = format_months(months_apart((year, month), after))
            paragraph += self.neighbour(pages, "Volgende maand met bijeenkomsten: ", after, f" ({far} later) →")
        return paragraph

    def neighbour(self, pages: MonthPages, label: str, month: tuple[int, int], distance: str) -> nodes.inline:
        link = self.view.page_link(pages.pagename(*month), format_month(*month))
        return nodes.inline("", "", nodes.Text(label), link, nodes.Text(distance), classes=["kb-maandnavigatie-stap"])
