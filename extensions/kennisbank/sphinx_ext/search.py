"""What members find with the search box: Pagefind's data in every page.

Sphinx's own search (``searchindex.js``, made for API documentation) is switched off;
``writers/pagefind.py`` indexes the written pages with Pagefind instead. This module
prepares the pages for it:

- a page that members may find gets ``data-pagefind-body`` on its content (the page
  template asks ``kb_search``); the pages of ``kennisbank_search_exclude`` (the
  contributors' guide, the benchmark, hosting) get none and are not in the index;
- each page carries its :class:`~kennisbank.model.search.SearchFacts` (kind, key fact,
  filters, sort date, keywords and synonyms) as hidden ``data-pagefind-*`` elements
  beside its content, generated from the domain;
- an object among others on a page (a person on the people page) is a result of its
  own: its section gets the class ``kb-zoekdeel``, which keeps it out of the page's
  record, and the indexer makes it a record with its own data;
- the search page itself is ours (``templates/*/search.html``), written in every HTML
  build after the index (``writers/pagefind.py``), whose files it names to fetch at once.
"""

from __future__ import annotations

import json
from fnmatch import fnmatch
from html import escape
from typing import Any

from docutils import nodes
from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from ..model.news import format_news_date
from ..model.schema import TYPES
from ..model.search import NEWSLETTER_KIND, PACK_KIND, SearchFacts, object_facts, page_facts
from .buildstate import build_state
from .capabilities import is_site
from .domain import KnowledgeBaseDomain, kb_domain, newsletter_domain
from .failures import guarded
from .nodes import enclosing_section
from .priorities import AFTER_TITLES

#: Pagefind's folder in the output, the folder in which the indexer stages the objects that
#: share a page (see writers/pagefind.py), and the vocabulary of "Bedoelde u ...?".
BUNDLE, STAGING, VOCABULARY = "pagefind", "_kennisbank_zoekdelen", "kennisbank-zoekwoorden.json"
#: Pagefind's engine and its WebAssembly (for the site's language, Dutch): the bulk of what a
#: first search downloads, under names that stay the same from build to build.
ENGINE = (f"{BUNDLE}/pagefind.js", f"{BUNDLE}/wasm.nl.pagefind")
#: The search page's own script, which asks for the index chunks of the query.
SEARCH_SCRIPT = "_static/kennisbank-zoeken.js"
#: The search page, and what the indexer tells it of the index (see search_page_addresses).
SEARCH_PAGE, INDEX_CONTEXT = "search", "kb_search_index"
#: The class of the section of an object that shares its page: a search result of its own.
SEARCH_PART = "kb-zoekdeel"
#: Page metadata that keeps a page out of members' search.
NO_SEARCH = "no-search"


def is_indexed_build(app: Sphinx) -> bool:
    return is_site(app.builder)


@guarded("het uitzetten van de zoekfunctie van Sphinx")
def switch_off_sphinx_search(app: Sphinx) -> None:
    """No ``searchindex.js``: Pagefind's index replaces it (and Sphinx no longer indexes every page)."""
    if is_indexed_build(app):
        assert isinstance(app.builder, StandaloneHTMLBuilder)
        app.builder.search = False


@guarded("het voorbereiden van een pagina voor de zoekfunctie")
def mark_shared_objects(app: Sphinx, doctree: nodes.document) -> None:
    """The section of each object that shares its page becomes a search result of its own.

    Only a section that is the object's own (under its heading, with no object before it):
    an object that stands in the page's own text is found with the page."""
    domain = kb_domain(app.env)
    claimed: set[int] = set()
    for container in doctree.findall(nodes.container):
        obj = domain.objects.get(container.get("kb_object", ""))
        if obj is None or obj.docname != app.env.docname:
            continue
        section = enclosing_section(container)
        if section is None or id(section) in claimed:
            continue
        claimed.add(id(section))
        if isinstance(section.parent, nodes.section) and not domain.is_page_object(obj):
            section["classes"].append(SEARCH_PART)


def is_searchable(domain: KnowledgeBaseDomain, pagename: str) -> bool:
    """Whether members' search finds the page: not excluded in conf.py, nor kept out by its
    metadata (a news item still to appear, see timeline.py)."""
    if domain.env.metadata.get(pagename, {}).get(NO_SEARCH):
        return False
    return not any(fnmatch(pagename, pattern) for pattern in build_state(domain.env).settings.search_exclude)


def synonyms(domain: KnowledgeBaseDomain) -> dict[str, tuple[str, ...]]:
    return dict(build_state(domain.env).settings.search_synonyms)


def facts_of_page(app: Sphinx, pagename: str, title: str) -> SearchFacts:
    domain = kb_domain(app.env)
    today, words = build_state(domain.env).settings.today(), synonyms(domain)
    obj = domain.page_object(pagename)
    if obj is not None:
        return object_facts(obj, domain.objects, today, words)
    pack = domain.packs.get(pagename)
    if pack is not None:
        fact = ", ".join(part for part in (pack.meeting, pack.place) if part)
        return page_facts(title, words, kind=PACK_KIND, fact=fact, when=pack.date)
    edition = newsletter_edition(app, pagename)
    if edition is not None:
        return edition
    return page_facts(title, words)


def newsletter_edition(app: Sphinx, pagename: str) -> SearchFacts | None:
    edition = newsletter_domain(app.env).editions.get(pagename)
    if edition is None:
        return None
    title = app.env.titles[pagename].astext()
    fact = f"nummer {edition.number}, {format_news_date(edition.date.value.date())}"
    words = synonyms(kb_domain(app.env))
    return page_facts(title, words, kind=NEWSLETTER_KIND, fact=fact, when=edition.date)


def data_html(facts: SearchFacts) -> str:
    """The hidden elements that give Pagefind a result's data. Outside the indexed content,
    so that none of it shows in an excerpt; the meta data is searched all the same."""
    lines = [f'<span data-pagefind-meta="{key}">{escape(value)}</span>' for key, value in facts.meta().items()]
    for key, values in facts.filters().items():
        lines += [f'<span data-pagefind-filter="{key}">{escape(value)}</span>' for value in values]
    lines += [f'<span data-pagefind-sort="{key}">{escape(value)}</span>' for key, value in facts.sort().items()]
    return '<div class="kb-zoekgegevens" hidden>\n' + "\n".join(lines) + "\n</div>"


@guarded("het toevoegen van de zoekgegevens aan een pagina")
def add_search_data(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """``kb_search`` in the template's context: the page's hidden search data, or None when the
    page is not for members' search (an excluded page, the search page, the index)."""
    context["kb_search"] = None
    if not is_indexed_build(app):
        return
    # Every page names the engine and the search page's script, which its search field fetches
    # ahead (static/kennisbank.js).
    context["kb_search_engine"] = " ".join(context["pathto"](path, 1) for path in ENGINE)
    context["kb_search_script"] = context["pathto"](SEARCH_SCRIPT, 1)
    if pagename == SEARCH_PAGE:
        # The form and the search work without the filters: should working them out fail
        # (reported by @guarded), the page is still written.
        context["kb_search_page"] = search_page_addresses(context)
        context["kb_search_page"] |= search_page_context(app, context)
    if templatename != "page.html" or not is_searchable(kb_domain(app.env), pagename):
        return
    title = app.env.titles[pagename].astext() if pagename in app.env.titles else _plain(context.get("title", ""))
    context["kb_search"] = Markup(data_html(facts_of_page(app, pagename, title)))


def search_page_context(app: Sphinx, context: dict[str, Any]) -> dict[str, Any]:
    """What the search page offers: the filters' values, and the overviews to go to instead."""
    domain = kb_domain(app.env)
    pathto = context["pathto"]
    objects = [obj for obj in domain.objects.values() if is_searchable(domain, obj.docname)]
    present = {obj.kind for obj in objects}
    kinds = [(kind.shown_label, kind.plural) for name, kind in TYPES.items() if name in present]
    if domain.packs:
        kinds.append((PACK_KIND, "Bestuurspakketten"))
    if newsletter_domain(app.env).editions:
        kinds.append((NEWSLETTER_KIND, "Nieuwsbrieven"))
    today, words = build_state(domain.env).settings.today(), synonyms(domain)
    years: set[int] = set()
    for obj in objects:
        year = object_facts(obj, domain.objects, today, words).year
        years.update([year] if year else [])
    years.update(pack.date.value.year for pack in domain.packs.values() if pack.date is not None)
    years.update(edition.date.value.year for edition in newsletter_domain(app.env).editions.values())
    root = app.config.root_doc
    overviews = [
        (app.env.titles[doc].astext(), pathto(doc))
        for doc in app.env.toctree_includes.get(root, [])
        if doc.endswith("/index") and doc in app.env.titles and is_searchable(domain, doc)
    ]
    return {
        "kinds": kinds,
        "themes": sorted((o.title for o in objects if o.kind == "thema"), key=str.casefold),
        "years": sorted(years, reverse=True),
        "overviews": overviews,
    }


def search_page_addresses(context: dict[str, Any]) -> dict[str, Any]:
    """Where the search page's script finds Pagefind, the vocabulary and (from the indexer's
    INDEX_CONTEXT, paths in the output) the files of this index; no filters yet."""
    pathto = context["pathto"]
    index = context.get(INDEX_CONTEXT) or {}
    return {
        "kinds": [],
        "themes": [],
        "years": [],
        "overviews": [],
        "bundle": pathto(ENGINE[0], 1),
        "wasm": pathto(ENGINE[1], 1),
        "script": pathto(SEARCH_SCRIPT, 1),
        "vocabulary": pathto(VOCABULARY, 1),
        "staging": STAGING,
        "preloads": [pathto(path, 1) for path in index.get("preloads", ())],
        "tag": index.get("tag", ""),
        "chunks": json.dumps(index.get("chunks", []), ensure_ascii=False, separators=(",", ":")),
        "filters": json.dumps({name: pathto(path, 1) for name, path in index.get("filters", {}).items()}),
        "order": pathto(index["order"], 1) if index.get("order") else "",
        "past": index.get("past", ""),
    }


def _plain(title: str) -> str:
    """A title from the context (HTML) as text: pages made in html-collect-pages."""
    return Markup(title).striptags()


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", switch_off_sphinx_search)
    # After Sphinx's title collector (doctree-read at priority 500): is_page_object reads the title.
    app.connect("doctree-read", mark_shared_objects, priority=AFTER_TITLES)
    app.connect("html-page-context", add_search_data)
