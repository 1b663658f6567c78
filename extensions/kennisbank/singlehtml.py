"""Repair in-page links of the ``singlehtml`` builder.

On Sphinx 9 that builder gives every page the URI ``#document-<name>`` and
:func:`~sphinx.util.nodes.make_refnode` appends ``#<anchor>`` to it, which
browsers cannot follow. On a single page the anchor alone is the right target.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform


class FixDoubleAnchors(SphinxPostTransform):
    builders = ("singlehtml",)
    default_priority = 900  # after every reference has been resolved

    def run(self, **kwargs) -> None:
        for ref in self.document.findall(nodes.reference):
            uri = ref.get("refuri", "")
            if uri.startswith("#document-") and uri.count("#") == 2:
                ref["refuri"] = "#" + uri.rpartition("#")[2]
