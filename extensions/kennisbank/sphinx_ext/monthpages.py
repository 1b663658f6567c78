"""A page per month: ``agenda/maand/2023-05.html`` and so on, under the month view.

Each month with events gets one, and so does the current month, with links to
the previous and next month page. They are made in ``html-collect-pages``
(like Sphinx's own index and search pages), from the events of the whole
build, so they are never stale after an incremental or parallel build; pages
of months that no longer have events are deleted.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..model.agenda import month_pages
from ..model.dates import format_month
from ..writers.feeds import SITE_FEED
from .agenda import MONTH_PAGE_BUILDERS, MONTH_VIEW, AgendaView
from .domain import kb_domain
from .failures import guarded
from .internals import output_path, render_detached

_MONTH_FILE = re.compile(r"^\d{4}-\d{2}(\.html|/index\.html)$")


@guarded("de maandpagina's", default=[])
def collect_month_pages(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """Every month page, made at once (so that a failure is reported, not half-written)."""
    builder = app.builder
    if builder.name not in MONTH_PAGE_BUILDERS:
        return []
    domain = kb_domain(app.env)
    views = sorted(docname for docname, kinds in domain.overviews.items() if MONTH_VIEW in kinds)
    if not views:
        return []
    today = domain.build.settings.today()
    pages = month_pages(views[0], domain.events, today)
    wanted = {pages.pagename(year, month) for year, month in pages.months}
    _delete_other_month_pages(Path(builder.outdir), pages.parent, {str(output_path(builder, p)) for p in wanted})
    result = []
    for year, month in pages.months:
        pagename = pages.pagename(year, month)
        view = AgendaView(app.env, builder, pagename, today)
        title = f"Agenda van {format_month(year, month)}"
        section = nodes.section("", ids=[f"agenda-{year}-{month:02d}"], classes=["kb-maandpagina"])
        section += nodes.title(title, title)
        section += view.month_navigation(pages, year, month)
        section.extend(view.month(year, month))
        section.extend(view.feed_paragraph(SITE_FEED, "Abonneer op de hele agenda"))
        context = {
            "title": title,
            "body": render_detached(builder, section),
            "navigation_parent": pages.parent,
        }
        result.append((pagename, context, "page.html"))
    return result


def _delete_other_month_pages(outdir: Path, parent: str, wanted: set[str]) -> None:
    """A month that lost its last event loses its page (as in a clean build)."""
    folder = outdir / parent
    if not folder.is_dir():
        return
    for path in folder.rglob("*.html"):
        relative = path.relative_to(folder).as_posix()
        if _MONTH_FILE.match(relative) and str(path) not in wanted:
            path.unlink()


def setup(app: Sphinx) -> None:
    app.connect("html-collect-pages", collect_month_pages)
