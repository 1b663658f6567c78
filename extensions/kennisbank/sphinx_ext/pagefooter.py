"""What stands at the foot of a page: the edit link, "Vorige" and "Volgende", "Over deze site".

- "Bewerk deze pagina" stands below the content (``kennisbank/page.html``), not above
  it, and not on the page shown for an address that does not exist
  (``notfound_pagename`` of sphinx-notfound-page): there is nothing to edit there.
- "Vorige" and "Volgende" stay within the page's section, the page of the root's
  toctree it falls under: the last theme is not followed by the programmes, and the
  front page, a section of its own, has neither.
- Every page's footer links the pages about the site itself: the pages in the
  toctree of ``kennisbank_about_page`` ("over-deze-site"). That page hangs in the
  root's toctree but is marked ``navigation: hidden``, so the members' menu leaves
  it and its pages out. The links are written with ``pathto`` in the template, so
  the 404 page (whose links sphinx-notfound-page makes absolute) gets working ones.

Everything here follows from the toctrees and titles, which are in the navigation
digest of every page (freshness.py): a change rewrites every page.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .buildstate import build_state
from .internals import page_relations


def section_of(relations: dict[str, list[str | None]], root: str, docname: str) -> str | None:
    """The page of the root's toctree that ``docname`` falls under (itself, if the root
    lists it); None for the root and for a page in no toctree."""
    seen: set[str] = set()
    while docname in relations and docname not in seen:
        seen.add(docname)
        parent = relations[docname][0]
        if parent == root:
            return docname
        if parent is None:
            return None
        docname = parent
    return None


def neighbours_in_section(
    relations: dict[str, list[str | None]], root: str, docname: str
) -> tuple[str | None, str | None]:
    """The previous and the next page, each only if it is in the same section."""
    if docname not in relations:
        return None, None
    section = section_of(relations, root, docname)
    _, previous, following = relations[docname]

    def in_section(page: str | None) -> str | None:
        return (
            page if page is not None and section is not None and section_of(relations, root, page) == section else None
        )

    return in_section(previous), in_section(following)


def about_site(app: Sphinx) -> dict[str, Any] | None:
    """The footer's "Over deze site": the about page and the pages its toctree lists."""
    env = app.env
    about = build_state(env).settings.about_page
    if not about or about not in env.titles:
        return None
    pages = [
        {"docname": docname, "title": env.titles[docname].astext()}
        for docname in env.toctree_includes.get(about, ())
        if docname in env.titles
    ]
    return {"docname": about, "title": env.titles[about].astext(), "pages": pages}


def add_page_foot(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    relations = page_relations(app.builder)
    previous, following = neighbours_in_section(relations, app.config.root_doc, pagename)
    if previous is None:
        context["prev"] = None
    if following is None:
        context["next"] = None
    notfound = getattr(app.config, "notfound_pagename", None)
    context["kb_edit_link"] = pagename != notfound
    context["kb_about"] = about_site(app)


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_page_foot)
