"""HTML-only repairs of the theme's output, so every page is valid HTML.

Furo wraps each table in a ``div.table-wrapper`` and copies all the table's
attributes onto it, ids included: the same id then appears twice. The id stays
on the table, where Sphinx needs it for the caption's link, and leaves the wrapper.

Code blocks and table wrappers scroll sideways when they are wider than the
screen. A keyboard user can only scroll what can take focus (WCAG 2.1.1), so
both get ``tabindex="0"`` and a name, in the HTML itself: the visitors below
wrap the visitor registered before ours and add the attributes to the tag it wrote.

Each of our visitors calls the one it replaces (visitors.py): the visitor another
extension registered for the node (MyST-Parser's and sphinx-design's for
``container``, which keep a ``{div}``'s style and leave the ``container`` class off
grids and cards, where furo's CSS would take their padding away), or else the
translator's own method.

Long words in section headings get soft hyphens at their Dutch hyphenation
points (Pyphen), so that on a phone "Verenigingsstrategie" breaks as
"Verenigings-strategie", with a hyphen, also in a browser without a Dutch
dictionary for ``hyphens: auto``. So do the titles of the previous and next
page at the foot of every page, which have half a phone's width each. Only the
HTML gets them: the doctree, the search index and the page titles keep the plain
words. The words hyphenated are remembered between builds (formats/hyphenation.py,
sphinx_ext/buildstate.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..sphinx_ext.buildstate import hyphenator
from ..sphinx_ext.capabilities import is_for_screens
from ..sphinx_ext.priorities import UNIQUE_TABLE_IDS, WRAP_VISITORS
from .visitors import Visitor, Wrapper, compose


class UniqueTableIds(SphinxPostTransform):
    formats = ("html",)
    default_priority = UNIQUE_TABLE_IDS

    def run(self, **kwargs: Any) -> None:
        for wrapper in self.document.findall(nodes.container):
            if "table-wrapper" not in wrapper["classes"]:
                continue
            for table in wrapper.children:
                if isinstance(table, nodes.table):
                    wrapper["ids"] = [i for i in wrapper["ids"] if i not in table["ids"]]


CODE_NAME = "Codevoorbeeld"
TABLE_NAME = "Tabel"
_LAST_PRE = re.compile(r"<pre(?=[\s>])(?!.*<pre[\s>])", flags=re.S)
_OPENING_DIV = re.compile(r"^<div(?=[\s>])")
#: A tag in a title's HTML, whose attributes get no hyphens; nor does code (as in headings).
_TAG = re.compile(r"(<[^>]*>)")
_CODE_OPENS, _CODE_CLOSES = re.compile(r"<code[\s>]"), re.compile(r"</code\s*>")


def _focusable(name: str) -> str:
    return f' tabindex="0" role="region" aria-label="{escape(name)}"'


def _with_focus(self: Any) -> None:
    self.body[-1] = _LAST_PRE.sub("<pre" + _focusable(CODE_NAME), self.body[-1], count=1)


def literal_block_visitors(visit: Visitor, depart: Visitor) -> tuple[Visitor, Visitor]:
    """The previous visitor, then focus and a name on the ``<pre>`` that scrolls."""

    def visit_literal_block(self: Any, node: nodes.literal_block) -> None:
        try:
            visit(self, node)
        except nodes.SkipNode:
            _with_focus(self)
            raise
        _with_focus(self)

    return visit_literal_block, depart


def container_visitors(visit: Visitor, depart: Visitor) -> tuple[Visitor, Visitor]:
    """The previous visitor, then focus and the caption as name on furo's table wrapper."""

    def visit_container(self: Any, node: nodes.container) -> None:
        visit(self, node)
        if "table-wrapper" not in node["classes"]:
            return
        titles = [
            title for table in node.children if isinstance(table, nodes.table) for title in table.findall(nodes.title)
        ]
        name = titles[0].astext() if titles else TABLE_NAME
        self.body[-1] = _OPENING_DIV.sub("<div" + _focusable(name), self.body[-1], count=1)

    return visit_container, depart


def title_visitors(visit: Visitor, depart: Visitor) -> tuple[Visitor, Visitor]:
    """A section heading's words with soft hyphens, for as long as the previous visitors write it."""

    def visit_title(self: Any, node: nodes.title) -> None:
        # Per heading, not per text node: a page has thousands of text nodes and few headings.
        plain = list(node.children)
        if (
            isinstance(node.parent, nodes.section)
            and self.config.language
            and is_for_screens(self.builder)  # WeasyPrint hyphenates by itself; in a PDF's bookmarks they would show
            and any(isinstance(child, nodes.Text) for child in plain)
        ):
            node.children = [
                nodes.Text(hyphenator(self.builder.env)(child.astext())) if isinstance(child, nodes.Text) else child
                for child in plain
            ]
        self.kb_plain_title = plain  # titles do not nest
        visit(self, node)

    def depart_title(self: Any, node: nodes.title) -> None:
        depart(self, node)
        node.children = self.kb_plain_title  # the doctree keeps its plain words

    return visit_title, depart_title


def hyphenate_neighbours(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """The titles of the previous and the next page with soft hyphens, as the headings have them."""
    if not app.config.language or not is_for_screens(app.builder):
        return
    for key in ("prev", "next"):
        link = context.get(key)
        if link and link.get("title"):
            context[key] = {**link, "title": _hyphenated_html(link["title"], hyphenator(app.env))}


def _hyphenated_html(html: str, hyphenate: Callable[[str], str]) -> str:
    parts, in_code = [], 0
    for part in _TAG.split(html):
        if part.startswith("<"):
            in_code += 1 if _CODE_OPENS.match(part) else -1 if _CODE_CLOSES.match(part) else 0
        parts.append(part if part.startswith("<") or in_code else hyphenate(part))
    return "".join(parts)


#: Our HTML visitors, each made from the pair it wraps.
COMPOSED: dict[type[nodes.Element], Wrapper] = {
    nodes.literal_block: literal_block_visitors,
    nodes.container: container_visitors,
    nodes.title: title_visitors,
}


def compose_visitors(app: Sphinx) -> None:
    """Ours on top of whatever every extension registered (see the module's docstring)."""
    compose(app, COMPOSED)


def setup(app: Sphinx) -> None:
    app.add_post_transform(UniqueTableIds)
    # Late, so that the visitors of every extension loaded are there to be wrapped.
    app.connect("builder-inited", compose_visitors, priority=WRAP_VISITORS)
    app.connect("html-page-context", hyphenate_neighbours)
