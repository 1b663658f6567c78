"""The agenda in pages: coming events, the archive, month grids, per-object agendas.

``{agenda} komend``, ``{agenda} archief`` and ``{maandoverzicht}`` leave a
placeholder; :class:`FillCalendars` turns it into standard lists and tables
after all pages are read, measured from the reference date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..formats.feeds import SITE_FEED, feed_path
from ..model.agenda import CalendarEvent, YearPages, archive, month_pages, past, upcoming, year_pages
from ..model.calendarlinks import webcal_link
from ..model.dates import format_month, format_span, short_month
from ..model.localtime import season_note
from ..model.objects import KBObject
from ..model.packs import PACK_AGENDA_ID
from ..model.schema import TYPES
from .addresses import feed_link
from .buildstate import build_state
from .capabilities import is_for_screens, is_site
from .config import site_url
from .directives import KBDirective
from .domain import KnowledgeBaseDomain, kb_domain
from .failures import internal_errors, page_location
from .internals import builder_of
from .months import MonthGrid
from .nodes import agenda_placeholder, month_placeholder
from .placeholders import placeholders_in
from .priorities import FILL_PLACEHOLDERS
from .render import COMPACT, left_out, on_the_website, rest_on_the_website, vague_date_marker

AGENDA_PARTS = ("komend", "archief")
#: Noted as an overview of the page with ``{maandoverzicht}``: its month pages hang under it.
MONTH_VIEW = "maandoverzicht"
#: Likewise the page with ``{agenda} archief``: its year pages hang under it.
ARCHIVE_VIEW = "archief"


def view_page_of(domain: KnowledgeBaseDomain, view: str) -> str | None:
    """The page that holds the month view or the archive (the first, if several do)."""
    pages = sorted(docname for docname, kinds in domain.overviews.items() if view in kinds)
    return pages[0] if pages else None


class AgendaDirective(KBDirective):
    """``{agenda} komend`` (``:aantal: 3`` for the first few) or ``{agenda} archief``."""

    required_arguments = 1
    option_spec = {"aantal": directives.positive_int}

    def make(self) -> list[nodes.Node]:
        part = self.arguments[0]
        if part not in AGENDA_PARTS:
            self.warn(
                "Agenda: kies 'komend' of 'archief', niet '%s'",
                part,
            )
            return []
        domain = kb_domain(self.env)
        domain.note_overview(self.env.docname, "evenement")
        if part == "archief":
            domain.note_overview(self.env.docname, ARCHIVE_VIEW)
        return [self.placed(agenda_placeholder(part=part, count=self.options.get("aantal", 0)))]


class MonthViewDirective(KBDirective):
    option_spec = {"maanden": directives.positive_int}

    def make(self) -> list[nodes.Node]:
        domain = kb_domain(self.env)
        domain.note_overview(self.env.docname, "evenement")
        domain.note_overview(self.env.docname, MONTH_VIEW)
        return [self.placed(month_placeholder(months=self.options.get("maanden", 0)))]


class FillCalendars(SphinxPostTransform):
    default_priority = FILL_PLACEHOLDERS

    def run(self, **kwargs: Any) -> None:
        placeholders = [*placeholders_in(self, agenda_placeholder), *placeholders_in(self, month_placeholder)]
        if not placeholders:
            return
        view = AgendaView.for_transform(self)
        for node in placeholders:
            with internal_errors("de agenda", page_location(self.env, node), placeholder=node):
                if isinstance(node, agenda_placeholder):
                    node.replace_self(self.agenda_part(view, node))
                elif isinstance(node, month_placeholder):
                    node.replace_self(self.month_view(view, node))

    def agenda_part(self, view: AgendaView, node: agenda_placeholder) -> list[nodes.Node]:
        if node["part"] == "komend":
            return view.coming_with_feed(node.get("count", 0))
        if is_site(view.builder):  # a page per month and per archive year (agendapages.py)
            # On the site the archive is a page per year; elsewhere (PDF, text) it is printed whole.
            return view.year_links(year_pages(self.env.docname, view.events, view.today))
        return view.archive()

    def month_view(self, view: AgendaView, node: month_placeholder) -> list[nodes.Node]:
        grid = MonthGrid(view)
        if not is_site(view.builder):
            count = node["months"] or build_state(self.env).settings.calendar_months
            # On paper and in text a grid of mostly empty days says less than a dated list.
            return grid.months(count) if view.on_screen else grid.month_lists(count)
        pages = month_pages(self.env.docname, view.domain.event_months(), view.today)
        current = grid.month(view.today.year, view.today.month)
        label = "Alle maanden met bijeenkomsten"
        return [*current, nodes.paragraph("", "", nodes.strong(label, label)), *grid.month_links(pages)]


class AgendaView:
    """Renders events as lists and tables, for one page (``docname``) and reference date."""

    def __init__(self, env: BuildEnvironment, builder: Builder, docname: str, today: dt.date):
        self.env = env
        self.builder = builder
        self.docname = docname
        self.domain = kb_domain(env)
        self.today = today
        self.events = self.domain.events
        #: Date blocks, month grids and subscribe links are for screens, not for PDF or text.
        self.on_screen = is_for_screens(builder)
        #: In a board pack with an agenda of its own: the period that agenda covers.
        self.pack_period: str | None = None

    @classmethod
    def for_transform(cls, transform: SphinxPostTransform) -> AgendaView:
        """For the page being written; a board pack measures "coming" from its meeting day
        (set on its tree by the PDF builder)."""
        fixed = transform.document.get("kb_reference_date")
        domain = kb_domain(transform.env)
        today = dt.date.fromisoformat(fixed) if fixed else build_state(domain.env).settings.today()
        view = cls(transform.env, builder_of(transform.env), transform.env.docname, today)
        view.pack_period = transform.document.get("kb_pack_agenda_period")
        return view

    # -- lists -------------------------------------------------------------

    def coming_with_feed(self, count: int = 0) -> list[nodes.Node]:
        """The coming events (the first ``count``, if given), with the feed to subscribe to.

        On the website a list without a count stops after ``coming_limit`` events and
        points to the month page where the rest begins: a page with thousands of lines
        is no use on a phone, and every edit of any event would rewrite it whole.
        """
        rest: list[nodes.Node] = []
        month_view = view_page_of(self.domain, MONTH_VIEW)
        if not count and month_view and is_site(self.builder):
            count = build_state(self.env).settings.coming_limit
            later = upcoming(self.events, self.today)[count:]
            if later:
                rest = [MonthGrid(self).more_in_month_pages(month_view, later)]
        feed = self.feed_paragraph(SITE_FEED, "Abonneer op de hele agenda", self.events)
        return [*self.coming(self.events, count, none=self.nothing_coming()), *rest, *feed]

    def nothing_coming(self) -> list[nodes.Node]:
        """'Er staan geen komende bijeenkomsten op de agenda.', and where the past ones are."""
        text = "Er staan geen komende bijeenkomsten op de agenda."
        archive_page = view_page_of(self.domain, ARCHIVE_VIEW)
        if archive_page is None or not past(self.events, self.today) or not is_site(self.builder):
            return [nodes.Text(text)]
        link = self.page_link(archive_page, "het archief")
        return [nodes.Text(f"{text} Eerdere bijeenkomsten staan in "), link, nodes.Text(".")]

    def coming(
        self, events: list[CalendarEvent], count: int = 0, *, blocks: bool = True, none: Sequence[nodes.Node] = ()
    ) -> list[nodes.Node]:
        """The coming events: with date blocks on the agenda and the front page, as plain
        lines in the agenda of a theme (where a hundred of them make a page heavy);
        ``none`` (inline nodes) when there are none."""
        found = upcoming(events, self.today)
        if count:
            found = found[:count]
        if not found:
            return [nodes.paragraph("", "", *none, classes=["kb-agenda-leeg"])]
        if not blocks or not self.on_screen:  # on paper and in text: a dated list
            return [self.event_list(found, "kb-agenda-komend")]
        listing = nodes.bullet_list(classes=["kb-agenda", "kb-agenda-komend", "kb-agenda-blokken"])
        for event in found:
            listing += nodes.list_item("", nodes.paragraph("", "", *self.coming_line(event)))
        return [listing]

    def coming_line(self, event: CalendarEvent) -> list[nodes.Node]:
        """A date block, the title, then when, where and the status: all at a glance."""
        if event.precise:
            top, bottom = str(event.first_day.day), short_month(event.first_day)
        else:
            top, bottom = (
                short_month(event.first_day) if event.when.precision == "month" else "",
                str(event.first_day.year),
            )
        block = nodes.inline("", "", classes=["kb-datumblok"])
        if top:
            block += nodes.inline(top, top, classes=["kb-datumblok-boven"])
            block += nodes.Text(" ")
        block += nodes.inline(bottom, bottom, classes=["kb-datumblok-onder"])
        title = self.domain.reference(self.builder, self.docname, self.domain.objects[event.id])
        details: list[nodes.Node] = [nodes.Text(_when(event))]
        if not event.precise:
            details.append(vague_date_marker(event.last_day, self.today))
        where = _where(event)
        if where:
            details.append(nodes.Text(" · " + ", ".join(where)))
        if event.cancelled:
            details += [nodes.Text(" · "), nodes.strong("geannuleerd", "geannuleerd", classes=["kb-geannuleerd"])]
        elif event.moved_from is not None:
            text = f"verplaatst, was {format_span(event.moved_from)}"
            details += [nodes.Text(" · "), nodes.emphasis(text, text, classes=["kb-verplaatst"])]
        body = nodes.inline(
            "", "", nodes.inline("", "", title, classes=["kb-agenda-titel"]), classes=["kb-agenda-tekst"]
        )
        # Hidden on screen, where the details stand on a line of their own; text and PDF need it.
        body += nodes.inline(": ", ": ", classes=["kb-scheiding"])
        body += nodes.inline("", "", *details, classes=["kb-agenda-details"])
        return [block, nodes.Text(" "), body]

    def archive(self, events: list[CalendarEvent] | None = None) -> list[nodes.Node]:
        groups = archive(self.events if events is None else events, self.today)
        if not groups:
            text = "Er zijn nog geen eerdere bijeenkomsten."
            return [nodes.paragraph(text, text, classes=["kb-agenda-leeg"])]
        months = nodes.bullet_list(classes=["kb-agenda-archief"])
        for year, month, items in groups:
            label = format_month(year, month) if month else f"{year} (maand niet vastgelegd)"  # all past
            months += nodes.list_item("", nodes.paragraph("", "", nodes.strong(label, label)), self.event_list(items))
        return [months]

    def year_links(self, pages: YearPages) -> list[nodes.Node]:
        """On the archive's page: a link to each year's page, with how many events it has."""
        if not pages.years:
            text = "Er zijn nog geen eerdere bijeenkomsten."
            return [nodes.paragraph(text, text, classes=["kb-agenda-leeg"])]
        counts: dict[int, int] = {}
        for event in past(self.events, self.today):
            counts[event.when.value.year] = counts.get(event.when.value.year, 0) + 1
        listing = nodes.bullet_list(classes=["kb-archief-jaren"])
        for year in pages.years:
            count = f" ({counts[year]} {'bijeenkomst' if counts[year] == 1 else 'bijeenkomsten'})"
            item = nodes.paragraph("", "", self.page_link(pages.pagename(year), str(year)), nodes.Text(count))
            listing += nodes.list_item("", item)
        return [listing]

    def year_navigation(self, pages: YearPages, year: int) -> nodes.paragraph:
        """The next older and newer year, and the way back to the list of years."""
        older, newer = pages.neighbours(year)
        return self.neighbour_links(
            (pages.pagename(older), f"← {older}") if older else None,
            (pages.parent, "alle jaren"),
            (pages.pagename(newer), f"{newer} →") if newer else None,
        )

    def neighbour_links(
        self, before: tuple[str, str] | None, back: tuple[str, str], after: tuple[str, str] | None
    ) -> nodes.paragraph:
        """Links (page, text) to the page before, the overview, and the page after."""
        paragraph = nodes.paragraph("", "", classes=["kb-maandnavigatie"])
        if before:
            paragraph += [self.page_link(*before), nodes.Text(" · ")]
        paragraph += self.page_link(*back)
        if after:
            paragraph += [nodes.Text(" · "), self.page_link(*after)]
        return paragraph

    def page_link(self, pagename: str, text: str) -> nodes.reference:
        return nodes.reference(text, text, refuri=self.builder.get_relative_uri(self.docname, pagename), internal=True)

    def event_list(self, events: list[CalendarEvent], cls: str = "") -> nodes.bullet_list:
        listing = nodes.bullet_list(classes=["kb-agenda", COMPACT, *([cls] if cls else [])])
        for event in events:
            listing += nodes.list_item("", nodes.paragraph("", "", *self.event_line(event)))
        return listing

    def event_line(self, event: CalendarEvent) -> list[nodes.Node]:
        parts: list[nodes.Node] = [nodes.Text(_when(event)), nodes.Text(": ")]
        parts.append(self.domain.reference(self.builder, self.docname, self.domain.objects[event.id]))
        notes = _where(event)
        if notes:
            parts.append(nodes.Text(f" ({', '.join(notes)})"))
        if event.cancelled:
            parts += [nodes.Text(" "), nodes.strong("geannuleerd", "geannuleerd", classes=["kb-geannuleerd"])]
        if event.moved_from is not None:
            text = f"verplaatst, was {format_span(event.moved_from)}"
            parts += [nodes.Text(" "), nodes.emphasis(text, text, classes=["kb-verplaatst"])]
        if not event.precise:
            parts.append(vague_date_marker(event.last_day, self.today))
        return parts

    def feed_paragraph(self, path: str, label: str, events: list[CalendarEvent]) -> list[nodes.Node]:
        """How to subscribe to a feed: a ``webcal://`` link that calendar apps subscribe to,
        and the file itself as a second choice. Nothing for a feed without events (one
        known only to the month or year is not in it), nor on paper."""
        download = feed_link(self.builder, self.docname, path) if self.on_screen else None
        if download is None or not any(event.precise for event in events):
            return []
        base = site_url(self.env.config)
        if not base:  # no address to subscribe to: the file alone
            text = f"{label} (iCalendar)"
            return [nodes.paragraph("", "", nodes.reference(text, text, refuri=download), classes=["kb-feed-link"])]
        subscribe = nodes.reference(label, label, refuri=webcal_link(f"{base}/{path}"), classes=["kb-webcal"])
        explained = " in uw agenda-app: wijzigingen en afgelastingen komen dan vanzelf binnen."
        file = "agendabestand (.ics)"
        second = [
            nodes.Text("Of download het "),
            nodes.reference(file, file, refuri=download, classes=["kb-ics"]),
            nodes.Text(": een momentopname, die zich niet vanzelf bijwerkt."),
        ]
        return [
            nodes.paragraph("", "", subscribe, nodes.Text(explained), classes=["kb-feed-link"]),
            nodes.paragraph("", "", *second, classes=["kb-feed-download"]),
        ]

    # -- the agenda of one theme, programme or network ------------------------

    def object_agenda(self, obj_id: str) -> list[nodes.Node]:
        """The parts "Komend" and "Eerder", each only when it has events, and the feed; an agenda
        without events is one sentence, with nothing to subscribe to."""
        obj = self.domain.objects[obj_id]
        if self.pack_period:
            return self.in_the_pack_agenda(obj)
        mine = self.domain.events_of(obj_id)
        this_one = TYPES[obj.kind].this_one()
        if not mine:
            text = f"Er staan nog geen bijeenkomsten bij {this_one} op de agenda."
            return [nodes.paragraph(text, text, classes=["kb-agenda-leeg"])]
        feed = self.feed_paragraph(feed_path(obj.kind, obj_id), f"Abonneer op de agenda van {this_one}", mine)
        coming, earlier = upcoming(mine, self.today), past(mine, self.today)
        limit = 0
        rest: list[nodes.Node] = []
        if not self.on_screen:
            # On paper (a board pack, kennisbank.pdf) hundreds of lines per theme bury the
            # page: the next and the last few, and where the rest is.
            limit = build_state(self.env).settings.coming_limit
            count = left_out(limit, len(coming), len(earlier))
            earlier = earlier[:limit]  # the most recent
            things = ("bijeenkomst", "bijeenkomsten")
            rest = rest_on_the_website(self.env.config, obj, count, things, "bij", "kb-agenda-meer")
        result: list[nodes.Node] = []
        if coming:
            result += [_label("Komend"), *self.coming(mine, limit, blocks=False)]
        else:
            text = f"Er staan geen komende bijeenkomsten bij {this_one} op de agenda."
            result.append(nodes.paragraph(text, text, classes=["kb-agenda-leeg"]))
        if earlier:
            result += [_label("Eerder"), self.event_list(earlier)]
        return [*result, *rest, *feed]

    def in_the_pack_agenda(self, obj: KBObject) -> list[nodes.Node]:
        """In a board pack, a pointer to the pack's own agenda instead of a second list.

        The pack's agenda lists every event of its period and marks those on its
        topics; repeating them per theme made packs long and slow to print."""
        this_one = TYPES[obj.kind].this_one()
        link = nodes.reference("", "de agenda achteraan dit pakket", internal=True, refuri=f"#{PACK_AGENDA_ID}")
        text = f" staan de bijeenkomsten over {this_one} {self.pack_period}, aangeduid met “onderwerp van dit pakket”."
        result: list[nodes.Node] = [nodes.paragraph("", "", nodes.Text("In "), link, nodes.Text(text))]
        everything = "Alle bijeenkomsten, ook de eerdere, staan op de website"
        return [*result, on_the_website(self.env.config, obj, everything, "kb-agenda-meer")]


def _label(text: str) -> nodes.paragraph:
    """'Komend', 'Eerder': the bold line over a part of an object's agenda."""
    return nodes.paragraph("", "", nodes.strong(text, text))


def _when(event: CalendarEvent) -> str:
    """'donderdag 25 mei 2023, 13.30–16.00 uur', with "(zomertijd)" where the clock is ambiguous."""
    return format_span(event.when, event.until) + season_note([event.when, event.until], event.timezone)


def _where(event: CalendarEvent) -> list[str]:
    """The town, and "online" or "hybride": what a line in a list says about the place."""
    notes = [event.place.city] if event.place and event.place.city else []
    return notes + ([event.mode] if event.mode in ("online", "hybride") else [])


def setup(app: Sphinx) -> None:
    app.add_directive("agenda", AgendaDirective)
    app.add_directive("maandoverzicht", MonthViewDirective)
    app.add_node(agenda_placeholder)
    app.add_node(month_placeholder)
    app.add_post_transform(FillCalendars)
