"""The agenda in pages: coming events, the archive, month grids, per-object agendas.

``{agenda} komend``, ``{agenda} archief`` and ``{maandoverzicht}`` leave a
placeholder; :class:`FillCalendars` turns it into standard lists and tables
after all pages are read, measured from the reference date.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..model.agenda import CalendarEvent, archive, month_weeks, months_from, past, upcoming
from ..model.dates import format_month, format_span, weekday_names
from ..model.localtime import season_note
from ..model.schema import TYPES
from ..writers.feeds import SITE_FEED, feed_link, feed_path
from .directives import KBDirective
from .domain import kb_domain
from .failures import internal_errors, page_location
from .internals import builder_of
from .nodes import agenda_placeholder, month_placeholder
from .render import table, vague_date_marker

AGENDA_PARTS = ("komend", "archief")


class AgendaDirective(KBDirective):
    required_arguments = 1

    def make(self) -> list[nodes.Node]:
        part = self.arguments[0]
        if part not in AGENDA_PARTS:
            self.warn(
                "Agenda: kies 'komend' of 'archief', niet '%s'",
                part,
            )
            return []
        kb_domain(self.env).note_overview(self.env.docname, "evenement")
        return [self.placed(agenda_placeholder(part=part))]


class MonthViewDirective(KBDirective):
    option_spec = {"maanden": directives.positive_int}

    def make(self) -> list[nodes.Node]:
        kb_domain(self.env).note_overview(self.env.docname, "evenement")
        return [self.placed(month_placeholder(months=self.options.get("maanden", 0)))]


class FillCalendars(SphinxPostTransform):
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        placeholders = [*self.document.findall(agenda_placeholder), *self.document.findall(month_placeholder)]
        if not placeholders:
            return
        view = AgendaView(self)
        for node in placeholders:
            with internal_errors("de agenda", page_location(self.env, node), placeholder=node):
                if isinstance(node, agenda_placeholder):
                    node.replace_self(view.coming_with_feed() if node["part"] == "komend" else view.archive())
                else:
                    node.replace_self(view.months(node["months"] or kb_domain(self.env).build.settings.calendar_months))


class AgendaView:
    """Renders events as lists and tables, for the page being written."""

    def __init__(self, transform: SphinxPostTransform):
        self.transform = transform
        self.env = transform.env
        self.builder = builder_of(transform.env)
        self.domain = kb_domain(self.env)
        # A board pack measures "coming" from its meeting day (set on its tree by the PDF builder).
        fixed = transform.document.get("kb_reference_date")
        self.today = dt.date.fromisoformat(fixed) if fixed else self.domain.build.settings.today()
        self.events = self.domain.events

    # -- lists -------------------------------------------------------------

    def coming_with_feed(self) -> list[nodes.Node]:
        return [*self.coming(self.events), *self.feed_paragraph(SITE_FEED, "Abonneer op de hele agenda")]

    def coming(self, events: list[CalendarEvent]) -> list[nodes.Node]:
        found = upcoming(events, self.today)
        if not found:
            text = "Er staan geen komende evenementen op de agenda."
            return [nodes.paragraph(text, text, classes=["kb-agenda-leeg"])]
        return [self.event_list(found, "kb-agenda-komend")]

    def archive(self, events: list[CalendarEvent] | None = None) -> list[nodes.Node]:
        groups = archive(self.events if events is None else events, self.today)
        if not groups:
            text = "Er zijn nog geen eerdere evenementen."
            return [nodes.paragraph(text, text, classes=["kb-agenda-leeg"])]
        months = nodes.bullet_list(classes=["kb-agenda-archief"])
        for year, month, items in groups:
            label = format_month(year, month) if month else f"{year} (maand nog niet bekend)"
            months += nodes.list_item("", nodes.paragraph("", "", nodes.strong(label, label)), self.event_list(items))
        return [months]

    def event_list(self, events: list[CalendarEvent], cls: str = "") -> nodes.bullet_list:
        listing = nodes.bullet_list(classes=["kb-agenda", cls] if cls else ["kb-agenda"])
        for event in events:
            listing += nodes.list_item("", nodes.paragraph("", "", *self.event_line(event)))
        return listing

    def event_line(self, event: CalendarEvent) -> list[nodes.Node]:
        when = format_span(event.when, event.until) + season_note([event.when, event.until], event.timezone)
        parts: list[nodes.Node] = [nodes.Text(when), nodes.Text(": ")]
        parts.append(self.domain.reference(self.builder, self.env.docname, self.domain.objects[event.id]))
        notes = []
        if event.place and event.place.city:
            notes.append(event.place.city)
        if event.mode in ("online", "hybride"):
            notes.append(event.mode)
        if notes:
            parts.append(nodes.Text(f" ({', '.join(notes)})"))
        if event.cancelled:
            parts += [nodes.Text(" "), nodes.strong("geannuleerd", "geannuleerd", classes=["kb-geannuleerd"])]
        if event.moved_from is not None:
            text = f"verplaatst, was {format_span(event.moved_from)}"
            parts += [nodes.Text(" "), nodes.emphasis(text, text, classes=["kb-verplaatst"])]
        if not event.precise:
            parts.append(vague_date_marker())
        return parts

    def feed_paragraph(self, path: str, label: str) -> list[nodes.Node]:
        link = feed_link(self.builder, self.env.docname, path)
        if link is None:
            return []
        text = f"{label} (iCalendar)"
        ref = nodes.reference(text, text, refuri=link)
        return [nodes.paragraph("", "", ref, classes=["kb-feed-link"])]

    # -- the agenda of one theme, programme or network ------------------------

    def object_agenda(self, obj_id: str) -> list[nodes.Node]:
        obj = self.domain.objects[obj_id]
        mine = [e for e in self.events if obj_id in e.related]
        coming = nodes.paragraph("", "", nodes.strong("Komend", "Komend"))
        earlier_heading = nodes.paragraph("", "", nodes.strong("Eerder", "Eerder"))
        feed = self.feed_paragraph(
            feed_path(obj.kind, obj_id), f"Abonneer op de agenda van {TYPES[obj.kind].this_one()}"
        )
        earlier = past(mine, self.today)
        none = "Geen eerdere evenementen."
        past_nodes: list[nodes.Node] = (
            [self.event_list(earlier)] if earlier else [nodes.paragraph(none, none, classes=["kb-agenda-leeg"])]
        )
        return [coming, *self.coming(mine), earlier_heading, *past_nodes, *feed]

    # -- month grids -------------------------------------------------------

    def months(self, count: int) -> list[nodes.Node]:
        result: list[nodes.Node] = []
        for year, month in months_from(self.today, count):
            result.append(self.month_table(year, month))
            vague = [
                e
                for e in self.events
                if not e.precise
                and e.when.precision == "month"
                and (e.when.value.year, e.when.value.month) == (year, month)
            ]
            if vague:
                label = f"In {format_month(year, month)}, dag nog niet bekend:"
                result += [nodes.paragraph(label, label), self.event_list(vague)]
        return result

    def month_table(self, year: int, month: int) -> nodes.table:
        weeks = [
            nodes.row("", *(self.day_cell(day, events) for day, events in week))
            for week in month_weeks(year, month, self.events)
        ]
        ids = [f"maand-{year}-{month:02d}"]
        return table(format_month(year, month), weekday_names(), weeks, colwidth=10, classes=["kb-maand"], ids=ids)

    def day_cell(self, day: dt.date | None, events: list[CalendarEvent]) -> nodes.entry:
        cell = nodes.entry(classes=["kb-dag"] if day else ["kb-dag-buiten"])
        if day is None:
            return cell
        number = str(day.day)
        cell += nodes.paragraph(number, number, classes=["kb-dagnummer"])
        for event in events:
            ref = self.domain.reference(self.builder, self.env.docname, self.domain.objects[event.id])
            paragraph = nodes.paragraph("", "", ref)
            if event.cancelled:
                paragraph += nodes.Text(" (geannuleerd)")
            cell += paragraph
        return cell


def setup(app: Sphinx) -> None:
    app.add_directive("agenda", AgendaDirective)
    app.add_directive("maandoverzicht", MonthViewDirective)
    app.add_node(agenda_placeholder)
    app.add_node(month_placeholder)
    app.add_post_transform(FillCalendars)
