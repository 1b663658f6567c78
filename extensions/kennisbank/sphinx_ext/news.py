"""News in pages: the newest items, the archive by year, the news section of a theme.

``{berichten} recent`` (``:aantal: 3`` for the first few) and ``{berichten} archief``
leave a placeholder; :class:`FillNews` turns it into standard lists after all pages
are read. On the site the archive is a list of years, each with a page of its own
(made in newspages.py); in other outputs (PDF, text) it is printed whole. The news
section of a theme, programme or network is made by generated.py with
:meth:`NewsView.object_news`.
"""

from __future__ import annotations

import functools
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..formats.feeds import SITE_NEWS_FEED, news_feed_path
from ..model.agenda import YearPages
from ..model.news import ARCHIVE_VIEW, NEWS, format_news_date, moment, years
from ..model.objects import KBObject
from ..model.schema import TYPES
from ..model.timeline import is_old
from .addresses import feed_link
from .agenda import AgendaView
from .buildstate import build_state
from .capabilities import is_for_screens, is_site
from .config import site_url
from .directives import KBDirective
from .domain import kb_domain
from .failures import internal_errors, page_location
from .internals import builder_of
from .nodes import news_placeholder
from .placeholders import placeholders_in
from .priorities import FILL_PLACEHOLDERS
from .timeline import news_summary

NEWS_PARTS = ("recent", "archief")
#: How many items the news section of a theme, programme or network shows in full.
LATEST_ON_TOPIC = 3


class NewsDirective(KBDirective):
    """``{berichten} recent`` (``:aantal: 3`` for the newest three) or ``{berichten} archief``."""

    required_arguments = 1
    option_spec = {"aantal": directives.positive_int}

    def make(self) -> list[nodes.Node]:
        part = self.arguments[0]
        if part not in NEWS_PARTS:
            self.warn("Berichten: kies 'recent' of 'archief', niet '%s'", part)
            return []
        domain = kb_domain(self.env)
        domain.note_overview(self.env.docname, NEWS)
        if part == "archief":
            domain.note_overview(self.env.docname, ARCHIVE_VIEW)
        return [self.placed(news_placeholder(part=part, count=self.options.get("aantal", 0)))]


class FillNews(SphinxPostTransform):
    default_priority = FILL_PLACEHOLDERS

    def run(self, **kwargs: Any) -> None:
        placeholders = placeholders_in(self, news_placeholder)
        if not placeholders:
            return
        view = NewsView(self.env, builder_of(self.env), self.env.docname)
        for node in placeholders:
            with internal_errors("de berichten", page_location(self.env, node), placeholder=node):
                node.replace_self(self.part(view, node))

    def part(self, view: NewsView, node: news_placeholder) -> list[nodes.Node]:
        if node["part"] == "recent":
            items = view.domain.news[: node["count"] or None]
            return [*view.current_then_old(items), *view.feed_paragraph(SITE_NEWS_FEED, "Abonneer op al het nieuws")]
        if is_site(view.builder):
            # On the site a page per year (newspages.py); elsewhere (PDF, text) everything in a row.
            return view.year_links(YearPages(self.env.docname, years(view.domain.news)))
        return view.archive()


class NewsView:
    """Renders news items as lists, for one page (``docname``)."""

    def __init__(self, env: BuildEnvironment, builder: Builder, docname: str):
        self.env = env
        self.builder = builder
        self.docname = docname
        self.domain = kb_domain(env)

    def items_or_none(self, items: list[KBObject]) -> list[nodes.Node]:
        if not items:
            text = "Er zijn nog geen berichten."
            return [nodes.paragraph(text, text, classes=["kb-berichten-leeg"])]
        return [self.item_list(items)]

    def current_then_old(self, items: list[KBObject]) -> list[nodes.Node]:
        """The newest items; those older than ``kennisbank_news_old_after_months`` after a line that says so."""
        current = [item for item in items if not self.is_old(item)]
        old = items[len(current) :]  # newest first: the old ones are the last
        if not old:
            return self.items_or_none(current)
        months = build_state(self.env).settings.news_old_after_months
        if current:
            text = f"Ouder dan {'een jaar' if months == 12 else f'{months} maanden'}:"
        else:
            period = "het afgelopen jaar" if months == 12 else f"de afgelopen {months} maanden"
            text = f"Er is {period} geen nieuws verschenen. Eerdere berichten:"
        older = [nodes.paragraph(text, text, classes=["kb-berichten-ouder"]), self.item_list(old)]
        return [*([self.item_list(current)] if current else []), *older]

    def is_old(self, item: KBObject) -> bool:
        settings = build_state(self.env).settings
        return is_old(item, settings.today(), settings.news_old_after_months)

    def summary(self, item: KBObject) -> str:
        """As on the reference date: what happened, once the item's call to action is over."""
        return news_summary(self.domain, item)

    def item_list(self, items: list[KBObject]) -> nodes.bullet_list:
        """Each item with its date, title and summary: what a reader scans on Actueel."""
        listing = nodes.bullet_list(classes=["kb-berichten"])
        for item in items:
            head = nodes.paragraph("", "", *self.item_line(item), classes=["kb-bericht-kop"])
            old = ["kb-bericht-oud"] if self.is_old(item) else []
            entry = nodes.list_item("", head, classes=["kb-bericht", *old])
            summary = self.summary(item)
            if summary:
                entry += nodes.paragraph(str(summary), str(summary), classes=["kb-bericht-samenvatting"])
            listing += entry
        return listing

    def item_line(self, item: KBObject) -> list[nodes.Node]:
        day = format_news_date(moment(item).value.date())
        title = self.domain.reference(self.builder, self.docname, item)
        return [nodes.inline(day, day, classes=["kb-bericht-datum"]), nodes.Text(": "), title]

    def compact_list(self, items: list[KBObject]) -> nodes.bullet_list:
        listing = nodes.bullet_list(classes=["kb-berichten", "kb-berichten-kort"])
        for item in items:
            listing += nodes.list_item("", nodes.paragraph("", "", *self.item_line(item)))
        return listing

    def feed_paragraph(self, path: str, label: str) -> list[nodes.Node]:
        # An address to subscribe to is for screens, not for paper (as the agenda's); without
        # html_baseurl no feed is written (writers/newsfeeds.py), so none is offered.
        on_screen = is_for_screens(self.builder) and self.env.config.html_baseurl
        if not on_screen or feed_link(self.builder, self.docname, path) is None or not self.domain.news:
            return []
        # The address to put in a news reader, not a link to the feed: a browser shows a feed
        # only through its stylesheet, which browsers are dropping (Chromium already covers
        # it with an English warning). static/kennisbank.js adds a button that copies it.
        address = f"{site_url(self.env.config)}/{path}"
        how = " in een nieuwslezer (zoals Feedly, Inoreader of Outlook): zet dit adres erin, dan ziet u "
        how += "nieuwe berichten vanzelf: "
        shown = nodes.literal(address, address, classes=["kb-feed-adres"])
        return [nodes.paragraph("", "", nodes.strong(label, label), nodes.Text(how), shown, classes=["kb-feed-link"])]

    # -- the archive ---------------------------------------------------------

    def archive(self) -> list[nodes.Node]:
        """Every item, by year, newest first: the archive where there are no year pages."""
        if not self.domain.news:
            return self.items_or_none([])
        groups = nodes.bullet_list(classes=["kb-berichten-archief"])
        for year in years(self.domain.news):
            items = self.of_year(year)
            groups += nodes.list_item(
                "", nodes.paragraph("", "", nodes.strong(str(year), str(year))), self.item_list(items)
            )
        return [groups]

    def of_year(self, year: int) -> list[KBObject]:
        return [item for item in self.domain.news if moment(item).value.year == year]

    def year_links(self, pages: YearPages) -> list[nodes.Node]:
        """A link to each year's page, with how many items it has."""
        if not pages.years:
            return self.items_or_none([])
        listing = nodes.bullet_list(classes=["kb-archief-jaren"])
        for year in pages.years:
            count = len(self.of_year(year))
            text = f" ({count} {'bericht' if count == 1 else 'berichten'})"
            item = nodes.paragraph("", "", self.links.page_link(pages.pagename(year), str(year)), nodes.Text(text))
            listing += nodes.list_item("", item)
        return [listing]

    def year_navigation(self, pages: YearPages, year: int) -> nodes.paragraph:
        older, newer = pages.neighbours(year)
        return self.links.neighbour_links(
            (pages.pagename(older), f"← {older}") if older else None,
            (pages.parent, "alle jaren"),
            (pages.pagename(newer), f"{newer} →") if newer else None,
        )

    @functools.cached_property
    def links(self) -> AgendaView:
        """The agenda's links between pages of our own: the same markup for the same navigation."""
        return AgendaView(self.env, self.builder, self.docname, build_state(self.env).settings.today())

    # -- the news section of a theme, programme or network --------------------

    def object_news(self, obj: KBObject) -> list[nodes.Node]:
        """The newest items in full, the older ones as a line each, and the feed to subscribe to."""
        items = self.domain.news_of(obj.id)
        result: list[nodes.Node] = [self.item_list(items[:LATEST_ON_TOPIC])]
        older = items[LATEST_ON_TOPIC:]
        if older:
            result += [nodes.paragraph("", "", nodes.strong("Eerder", "Eerder")), self.compact_list(older)]
        label = f"Abonneer op het nieuws over {TYPES[obj.kind].this_one()}"
        result += self.feed_paragraph(news_feed_path(obj.kind, obj.id), label)
        return result


def setup(app: Sphinx) -> None:
    app.add_directive("berichten", NewsDirective)
    app.add_node(news_placeholder)
    app.add_post_transform(FillNews)
