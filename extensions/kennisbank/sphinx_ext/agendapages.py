"""Pages the agenda makes itself: one per month, and the archive one per year.

- ``agenda/maand/2023-05.html`` and so on, under the month view: each month with
  events gets one, and so does the current month, with links to the previous and
  next month page;
- ``agenda/archief/2023.html`` and so on, under the archive: the past events of
  one year, by month, with links to the next older and newer year.

They are made in ``html-collect-pages`` (like Sphinx's own index and search
pages), from the events of the whole build, so they are never stale after an
incremental or parallel build; pages of months or years that no longer have
events are deleted. A page whose input did not change since the last build (its
events, its neighbours, the reference date, the navigation, our code, the
templates and the configuration) is not written again: an incremental build
after one edit rewrites one month and one year, not the whole archive.

A year with more past events than ``kennisbank_long_list`` lists its months, each
with how many events and a link to the month's page, instead of every event (a
year of two thousand events made a page of 365 kB).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..formats.cache import writer_version
from ..formats.feeds import SITE_FEED
from ..model.agenda import CalendarEvent, MonthPages, month_pages, past, year_pages
from ..model.dates import format_month
from .agenda import ARCHIVE_VIEW, MONTH_VIEW, AgendaView, view_page_of
from .buildstate import build_state
from .capabilities import is_site
from .domain import KnowledgeBaseDomain, kb_domain
from .failures import guarded
from .freshness import navigation_digest
from .internals import build_identity, output_path, render_detached
from .months import MonthGrid

_MONTH_FILE = re.compile(r"^\d{4}-\d{2}(\.html|/index\.html)$")
YEAR_FILE = re.compile(r"^\d{4}(\.html|/index\.html)$")
#: Next to the environment: which input each agenda page was last written from.
CACHE_NAME = "kennisbank-agendapaginas.json"


@dataclass(frozen=True)
class PlannedPage:
    pagename: str
    title: str
    parent: str
    inputs: str  # everything the page shows, as text: equal inputs, equal page
    body: Callable[[], nodes.section]
    description: str  # for search engines and link previews (writers/sharing.py)


@guarded("de maand- en archiefpagina's", default=[])
def collect_agenda_pages(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """Every month and year page that changed, made at once (a failure is reported, not half-written)."""
    if not is_site(app.builder):
        return []
    return pages_to_write(app, [*month_pages_of(app), *year_pages_of(app)], CACHE_NAME)


def pages_to_write(app: Sphinx, planned: list[PlannedPage], cache_name: str) -> list[tuple[str, dict[str, Any], str]]:
    """The planned pages whose input changed since they were last written (digests in ``cache_name``)."""
    builder = app.builder
    cache = Path(app.doctreedir) / cache_name
    written_from = _load(cache)
    salt = repr(
        (
            writer_version(),
            build_identity(builder),
            navigation_digest(app.env),
            build_state(app.env).settings.today(),
        )
    )
    result, digests = [], {}
    generated = build_state(app.env).generated_pages
    for page in planned:
        generated[page.pagename] = page.description
        digest = hashlib.sha256((salt + page.inputs).encode()).hexdigest()
        digests[page.pagename] = digest
        if written_from.get(page.pagename) == digest and Path(output_path(builder, page.pagename)).exists():
            continue
        context = {"title": page.title, "body": render_detached(builder, page.body()), "navigation_parent": page.parent}
        result.append((page.pagename, context, "page.html"))
    cache.write_text(json.dumps(digests, sort_keys=True, indent=0), encoding="utf-8")
    return result


def view_page(app: Sphinx, view: str) -> str | None:
    return view_page_of(kb_domain(app.env), view)


def month_pages_of(app: Sphinx) -> list[PlannedPage]:
    parent = view_page(app, MONTH_VIEW)
    if parent is None:
        return []
    domain = kb_domain(app.env)
    today = build_state(domain.env).settings.today()
    pages = month_pages(parent, domain.event_months(), today)
    delete_other_pages(app, pages.parent, _MONTH_FILE, [pages.pagename(y, m) for y, m in pages.months])
    planned = []
    subscribable = any(event.precise for event in domain.events)  # the feed link shows
    for year, month in pages.months:
        view = AgendaView(app.env, app.builder, pages.pagename(year, month), today)
        title = f"Agenda van {format_month(year, month)}"

        def body(view: AgendaView = view, year: int = year, month: int = month, title: str = title) -> nodes.section:
            section = nodes.section("", ids=[f"agenda-{year}-{month:02d}"], classes=["kb-maandpagina"])
            section += nodes.title(title, title)
            grid = MonthGrid(view)
            section += grid.month_navigation(pages, year, month)
            section.extend(grid.month(year, month))
            section.extend(view.feed_paragraph(SITE_FEED, "Abonneer op de hele agenda", view.events))
            return section

        inputs = repr(
            (pages.neighbours(year, month), subscribable, events_input(domain, domain.events_in_month(year, month)))
        )
        shown = domain.events_in_month(year, month)
        label = format_month(year, month)
        description = described(
            f"De bijeenkomsten in {label}", [e.title for e in shown], f"Er staan geen bijeenkomsten in {label}."
        )
        planned.append(PlannedPage(view.docname, title, pages.parent, inputs, body, description))
    return planned


def year_pages_of(app: Sphinx) -> list[PlannedPage]:
    parent = view_page(app, ARCHIVE_VIEW)
    if parent is None:
        return []
    domain = kb_domain(app.env)
    today = build_state(domain.env).settings.today()
    pages = year_pages(parent, domain.events, today)
    delete_other_pages(app, pages.parent, YEAR_FILE, [pages.pagename(year) for year in pages.years])
    month_view = view_page(app, MONTH_VIEW)
    months = month_pages(month_view, domain.event_months(), today) if month_view else None
    long_list = build_state(domain.env).settings.long_list
    planned = []
    for year in pages.years:
        view = AgendaView(app.env, app.builder, pages.pagename(year), today)
        title = f"Archief {year}"
        events = [e for e in view.events if e.when.value.year == year]
        by_month = months if len(past(events, today)) > long_list else None

        def body(
            view: AgendaView = view,
            year: int = year,
            title: str = title,
            events: list[CalendarEvent] = events,
            by_month: MonthPages | None = by_month,
        ) -> nodes.section:
            section = nodes.section("", ids=[f"archief-{year}"], classes=["kb-jaarpagina"])
            section += nodes.title(title, title)
            section += view.year_navigation(pages, year)
            section.extend(month_counts(view, past(events, view.today), by_month) if by_month else view.archive(events))
            return section

        inputs = repr((pages.neighbours(year), events_input(domain, events)))
        held = [e.title for e in past(events, today)]  # most recent first, as the page lists them
        description = described(f"Archief van de agenda: de bijeenkomsten van {year}", held)
        planned.append(PlannedPage(view.docname, title, pages.parent, inputs, body, description))
    return planned


def described(lead: str, titles: list[str], none: str = "") -> str:
    """A generated page's description: 'De bijeenkomsten in mei 2023: A; B.' (writers/sharing.py
    shortens it), or ``none`` without titles."""
    return f"{lead}: {'; '.join(titles)}." if titles else none


def month_counts(view: AgendaView, events: list[CalendarEvent], months: MonthPages) -> list[nodes.Node]:
    """A long year: the months of its past events, newest first, each with how many and a link to its page."""
    counts: dict[tuple[int, int], int] = {}
    for event in events:  # month 0: an event known only by its year
        key = (event.when.value.year, 0 if event.when.precision == "year" else event.when.value.month)
        counts[key] = counts.get(key, 0) + 1
    note = f"In dit jaar waren {len(events)} bijeenkomsten; per maand staan ze op de pagina van die maand."
    listing = nodes.bullet_list(classes=["kb-archief-maanden"])
    for year, month in sorted(counts, reverse=True):
        label = format_month(year, month) if month else f"{year} (maand niet vastgelegd)"  # all past
        count = f" ({counts[year, month]} {'bijeenkomst' if counts[year, month] == 1 else 'bijeenkomsten'})"
        link = view.page_link(months.pagename(year, month), label) if (year, month) in months.months else None
        listing += nodes.list_item("", nodes.paragraph("", "", link or nodes.Text(label), nodes.Text(count)))
    return [nodes.paragraph(note, note), listing]


def events_input(domain: KnowledgeBaseDomain, events: list[CalendarEvent]) -> list[str]:
    """What a page shows of these events, in their order: their objects' stored digests.

    An event is made from its object alone (``model.agenda.calendar_event``), so its
    object's digest stands for it; spelling thousands of events out with ``repr`` cost
    a tenth of a second in every build."""
    return [domain.objects[event.id].digest for event in events]


def delete_other_pages(app: Sphinx, parent: str, pattern: re.Pattern[str], pagenames: list[str]) -> None:
    """A month or year that lost its last event (or news item) loses its page (as in a clean build)."""
    folder = Path(app.builder.outdir) / parent
    if not folder.is_dir():
        return
    wanted = {str(output_path(app.builder, pagename)) for pagename in pagenames}
    for path in folder.rglob("*.html"):
        relative = path.relative_to(folder).as_posix()
        if pattern.match(relative) and str(path) not in wanted:
            path.unlink()


def _load(path: Path) -> dict[str, str]:
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stored if isinstance(stored, dict) else {}


def setup(app: Sphinx) -> None:
    app.connect("html-collect-pages", collect_agenda_pages)
