"""Small inline roles for content writers."""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from .render import missing_link


class MissingLinkRole(SphinxRole):
    """``{linkvolgt}`Programma NOVEX```: the text, with a visible "link volgt" marker."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        return missing_link(self.text), []
