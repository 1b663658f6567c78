"""HTML-only repairs of the theme's output, so every page is valid HTML.

Furo wraps each table in a ``div.table-wrapper`` and copies all the table's
attributes onto it, ids included: the same id then appears twice. The id stays
on the table, where Sphinx needs it for the caption's link, and leaves the wrapper.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..sphinx_ext.internals import FURO_TABLE_WRAPPING_PRIORITY


class UniqueTableIds(SphinxPostTransform):
    formats = ("html",)
    default_priority = FURO_TABLE_WRAPPING_PRIORITY + 1  # right after furo's wrapping

    def run(self, **kwargs: Any) -> None:
        for wrapper in self.document.findall(nodes.container):
            if "table-wrapper" not in wrapper["classes"]:
                continue
            for table in wrapper.children:
                if isinstance(table, nodes.table):
                    wrapper["ids"] = [i for i in wrapper["ids"] if i not in table["ids"]]


def setup(app: Sphinx) -> None:
    app.add_post_transform(UniqueTableIds)
