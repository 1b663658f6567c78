"""Repair in-page links of the ``singlehtml`` builder (and of the PDF builder, built on it).

On Sphinx 9 (checked with 9.0) that builder gives every page the URI
``#document-<name>`` and :func:`~sphinx.util.nodes.make_refnode` appends
``#<anchor>`` to it, which browsers cannot follow. On a single page the anchor
alone is the right target. The root document gets no ``document-`` anchor at
all; a link to it goes to the top of the page. :func:`document_link` is the one
reading of such a URI; once Sphinx writes plain anchors, this module can go
(``tests/test_builders.py`` checks the links of a singlehtml build).
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..sphinx_ext.failures import guarded
from ..sphinx_ext.priorities import AFTER_EVERYTHING

PREFIX = "#document-"


def document_link(uri: str) -> tuple[str, str] | None:
    """('x', 'anchor') for ``#document-x#anchor``, ('x', '') for ``#document-x``; None for other links."""
    if not uri.startswith(PREFIX):
        return None
    docname, _, anchor = uri.removeprefix(PREFIX).partition("#")
    return docname, anchor


def in_page(uri: str, root_doc: str) -> str:
    """The link a single page can follow: the anchor alone, or the top for the root document."""
    link = document_link(uri)
    if link is None:
        return uri
    docname, anchor = link
    if anchor:
        return f"#{anchor}"
    return "#" if docname == root_doc else uri


class FixDoubleAnchors(SphinxPostTransform):
    builders = ("singlehtml",)
    default_priority = AFTER_EVERYTHING

    def run(self, **kwargs: Any) -> None:
        for ref in self.document.findall(nodes.reference):
            if "refuri" in ref:
                ref["refuri"] = in_page(ref["refuri"], self.config.root_doc)


_HREF = re.compile(r'href="(#document-[^"]*)"')


def _fix(html: str, root_doc: str) -> str:
    return _HREF.sub(lambda match: f'href="{in_page(match[1], root_doc)}"', html)


@guarded("de links in de zijbalk")
def fix_sidebar_links(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """The same repair for the table of contents the theme renders beside the page."""
    if app.builder.name != "singlehtml":
        return
    if isinstance(context.get("toc"), str):
        context["toc"] = _fix(context["toc"], app.config.root_doc)
    render_toctree = context.get("toctree")
    if callable(render_toctree):
        context["toctree"] = lambda **kwargs: _fix(render_toctree(**kwargs), app.config.root_doc)


def setup(app: Sphinx) -> None:
    app.add_post_transform(FixDoubleAnchors)
    app.connect("html-page-context", fix_sidebar_links)
