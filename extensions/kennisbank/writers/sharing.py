"""What a page tells search engines and link previews: description, canonical address.

sphinxext-opengraph (configured in ``docs/conf.py``) writes the Open Graph tags;
left alone, it would also describe each page by its first 200 characters of text,
list items and field values run together. Here, before it runs:

- a page that is one object's own is described by the object's ``samenvatting``,
  any other page by its first paragraph of running text: as
  ``<meta name="description">`` (opengraph then writes none of its own) and as
  ``og:description`` in the page metadata that opengraph reads;
- a page without either (the search page, the index) gets the site's
  description (``kennisbank_site_description``);
- a page made in ``html-collect-pages`` (month and year pages), which opengraph
  skips for want of a doctree, gets its description and opengraph's tags here;
- the "page not found" page, served at any missing address, names no canonical
  address: it is nobody's canonical version.
"""

from __future__ import annotations

import html
from typing import Any

from docutils import nodes
from docutils.utils import new_document
from sphinx.application import Sphinx
from sphinx.config import Config

from ..model.news import NEWS
from ..model.schema import SUMMARY
from ..model.timeline import is_scheduled
from ..sphinx_ext.buildstate import build_state
from ..sphinx_ext.domain import kb_domain
from ..sphinx_ext.eventcard import CARD_CLASS
from ..sphinx_ext.failures import guarded
from ..sphinx_ext.priorities import AFTER_OPENGRAPH, BEFORE_OPENGRAPH
from ..sphinx_ext.timeline import news_summary

#: Search engines show about this many characters of a description.
MAX_LENGTH = 200
#: Where a paragraph is not running text about the page.
NOT_RUNNING_TEXT = (nodes.field_list, nodes.table, nodes.Admonition, nodes.topic, nodes.sidebar, nodes.rubric)


def not_found_page(config: Config) -> str:
    """The page sphinx-notfound-page serves for missing addresses (``404`` without that extension)."""
    return str(getattr(config, "notfound_pagename", "404"))


def meta_description(text: str) -> str:
    return f'<meta name="description" content="{html.escape(text, quote=True)}">\n'


def shortened(text: str, limit: int = MAX_LENGTH) -> str:
    """``text`` on one line, cut at a word before ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


#: Generated parts of a page: an event card (whose first line is its status), "Gerelateerd".
GENERATED_CLASSES = frozenset({CARD_CLASS, "kb-gerelateerd"})


def is_running_text(node: nodes.Element) -> bool:
    """Not a field list, table, admonition, event card or list of related objects."""
    return not isinstance(node, NOT_RUNNING_TEXT) and GENERATED_CLASSES.isdisjoint(node.get("classes", ()))


def first_paragraph(doctree: nodes.document) -> str:
    """The first paragraph of running text, outside field lists, tables, admonitions and event cards."""
    for paragraph in doctree.findall(nodes.paragraph):
        parent = paragraph.parent
        while parent is not None and is_running_text(parent):
            parent = parent.parent
        if parent is None and paragraph.astext().strip():
            return paragraph.astext()
    return ""


def has_description(metatags: str) -> bool:
    return 'name="description"' in metatags


def page_description(app: Sphinx, pagename: str, doctree: nodes.document) -> str:
    """The samenvatting of the page's own object, else the page's first paragraph."""
    domain = kb_domain(app.env)
    obj = domain.page_object(pagename)
    if obj is not None and is_scheduled(obj, build_state(domain.env).settings.today()):
        obj = None  # a news item still to appear says only when it will
    summary = (news_summary(domain, obj) if obj.kind == NEWS else obj.get(SUMMARY)) if obj else None
    return shortened(str(summary) if summary else first_paragraph(doctree))


@guarded("het beschrijven van een pagina")
def describe_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    if doctree is None or has_description(context.get("metatags", "")):
        return
    description = page_description(app, pagename, doctree)
    if not description:
        return
    context["metatags"] = context.get("metatags", "") + meta_description(description)
    # A copy: the context's metadata is the environment's own dictionary.
    context["meta"] = {**(context.get("meta") or {}), "og:description": description}


@guarded("het beschrijven van een maand- of jaarpagina")
def describe_generated_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """A page made in html-collect-pages (a month or year page) has no doctree, so
    sphinxext-opengraph gives it no tags: its description, then opengraph's own tags
    for a document of that description, as for any other page."""
    description = build_state(app.env).generated_pages.get(pagename)
    if doctree is not None or not description or has_description(context.get("metatags", "")):
        return
    description = shortened(description)
    context["metatags"] = context.get("metatags", "") + meta_description(description)
    opengraph = app.extensions.get("sphinxext.opengraph")
    if opengraph is None:
        return
    page = new_document(pagename)
    page += nodes.paragraph(description, description)
    settings = {"srcdir": app.srcdir, "outdir": app.outdir, "config": app.config, "builder": app.builder}
    tags = opengraph.module.get_tags({**context, "meta": {}}, page, env=app.env, **settings)
    context["metatags"] += str(tags)


@guarded("het beschrijven van een pagina zonder eigen tekst")
def fall_back_to_site_description(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    description = build_state(app.env).settings.site_description
    if description and not has_description(context.get("metatags", "")):
        context["metatags"] = context.get("metatags", "") + meta_description(description)


def no_canonical_address_for_not_found(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    if pagename == not_found_page(app.config):
        context["pageurl"] = None  # the theme writes <link rel="canonical"> only with a pageurl


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", describe_page, priority=BEFORE_OPENGRAPH)
    app.connect("html-page-context", describe_generated_page, priority=BEFORE_OPENGRAPH)
    app.connect("html-page-context", fall_back_to_site_description, priority=AFTER_OPENGRAPH)
    app.connect("html-page-context", no_canonical_address_for_not_found)
