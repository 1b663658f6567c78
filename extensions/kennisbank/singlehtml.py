"""Repair in-page links of the ``singlehtml`` builder.

On Sphinx 9 that builder gives every page the URI ``#document-<name>`` and
:func:`~sphinx.util.nodes.make_refnode` appends ``#<anchor>`` to it, which
browsers cannot follow. On a single page the anchor alone is the right target. The root document
gets no ``document-`` anchor at all; a link to it goes to the top of the page.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from .failures import guarded


class FixDoubleAnchors(SphinxPostTransform):
    builders = ("singlehtml",)
    default_priority = 900  # after every reference has been resolved

    def run(self, **kwargs) -> None:
        root = f"#document-{self.config.root_doc}"
        for ref in self.document.findall(nodes.reference):
            uri = ref.get("refuri", "")
            if uri == root:
                ref["refuri"] = "#"
            elif uri.startswith("#document-") and uri.count("#") == 2:
                ref["refuri"] = "#" + uri.rpartition("#")[2]


_DOUBLE_ANCHOR = re.compile(r'href="#document-[^"#]*#')


def _fix(html: str, root_doc: str) -> str:
    return _DOUBLE_ANCHOR.sub('href="#', html).replace(f'href="#document-{root_doc}"', 'href="#"')


@guarded("de links in de zijbalk")
def fix_sidebar_links(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
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
