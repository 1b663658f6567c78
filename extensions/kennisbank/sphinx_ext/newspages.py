"""The news archive's pages: one per year with news, under the page with ``{berichten} archief``.

``actueel/archief/2023.html`` lists that year's items newest first, with links to
the next older and newer year. Made in ``html-collect-pages`` from the items of the
whole build, like the agenda's year pages (agendapages.py, whose machinery this
uses): never stale after an incremental or parallel build, a year that loses its
last item loses its page, and a page whose input did not change is not written
again.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..model.agenda import YearPages
from ..model.news import ARCHIVE_VIEW, moment, years
from ..model.objects import KBObject
from ..model.schema import Bericht
from .agendapages import YEAR_FILE, PlannedPage, delete_other_pages, described, pages_to_write, view_page
from .capabilities import is_site
from .domain import kb_domain
from .failures import guarded
from .news import NewsView

#: Next to the environment: which input each news year page was last written from.
CACHE_NAME = "kennisbank-nieuwspaginas.json"


@guarded("de jaarpagina's van het nieuws", default=[])
def collect_news_pages(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    if not is_site(app.builder):
        return []
    return pages_to_write(app, year_pages_of(app), CACHE_NAME)


def year_pages_of(app: Sphinx) -> list[PlannedPage]:
    parent = view_page(app, ARCHIVE_VIEW)
    if parent is None:
        return []
    news = kb_domain(app.env).news
    pages = YearPages(parent, years(news))
    delete_other_pages(app, pages.parent, YEAR_FILE, [pages.pagename(year) for year in pages.years])
    planned = []
    for year in pages.years:
        view = NewsView(app.env, app.builder, pages.pagename(year))
        title = f"Berichten uit {year}"
        items = [item for item in news if moment(item).value.year == year]

        def body(
            view: NewsView = view, year: int = year, title: str = title, items: list[KBObject] = items
        ) -> nodes.section:
            section = nodes.section("", ids=[f"berichten-{year}"], classes=["kb-jaarpagina"])
            section += nodes.title(title, title)
            section += view.year_navigation(pages, year)
            section += view.item_list(items)
            return section

        inputs = repr((pages.neighbours(year), [_shown(item) for item in items]))
        description = described(f"De berichten uit {year}", [item.title for item in items])
        planned.append(PlannedPage(view.docname, title, pages.parent, inputs, body, description))
    return planned


def _shown(item: KBObject) -> tuple[object, ...]:
    """What a year page shows of an item: its link, date, title and summary."""
    return (item.id, item.docname, item.title, moment(item), item.get(Bericht.samenvatting))


def setup(app: Sphinx) -> None:
    app.connect("html-collect-pages", collect_news_pages)
