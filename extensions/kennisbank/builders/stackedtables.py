"""Tables that fit a phone: cards on a narrow screen, each value with its column's name.

A table with one header row and no merged cells gets the class ``kb-stapelbaar``,
and each cell of its body the name of its column (``data-kolom``: an attribute, a
few bytes in a directory of hundreds of rows, and not in the search index). On a
narrow screen kennisbank.css turns each row into a card that shows those names
before the values; the first column is the card's title, and an empty cell is left
out. The header row is then for screen readers only. Any other table scrolls in its focusable, named wrapper
(htmlfixes.py), with a visible hint when it is wider than the screen
(kennisbank.js). Only for screens: the PDF prints tables as tables.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..sphinx_ext.capabilities import is_for_screens
from ..sphinx_ext.priorities import WRAP_VISITORS
from .visitors import Visitor, Wrapper, compose

STACKABLE = "kb-stapelbaar"
_OPENING_CELL = re.compile(r"^<td(?=[\s>])")
#: Tables that are narrow by their own rules: the month grid (kennisbank-agenda.css).
NOT_STACKED = frozenset({"kb-maand"})


def column_names(table: nodes.table) -> list[str] | None:
    """The names of the columns, if the table can become cards: one header row of
    named columns, no merged cells, no stub column; otherwise None."""
    if NOT_STACKED & set(table["classes"]):
        return None
    groups = [child for child in table.children if isinstance(child, nodes.tgroup)]
    if len(groups) != 1:
        return None
    heads = [child for child in groups[0].children if isinstance(child, nodes.thead)]
    if len(heads) != 1 or len(heads[0].children) != 1:
        return None
    if any(colspec.get("stub") for colspec in groups[0].findall(nodes.colspec)):
        return None
    if any("morerows" in entry or "morecols" in entry for entry in groups[0].findall(nodes.entry)):
        return None
    names = [entry.astext().strip() for entry in heads[0][0].children]
    return names if len(names) > 1 and all(names) else None


def _open_tables(translator: Any) -> list[list[str] | None]:
    """The column names of each table being written, innermost last (tables may nest)."""
    if not hasattr(translator, "kb_column_names"):
        translator.kb_column_names = []
    names: list[list[str] | None] = translator.kb_column_names
    return names


def table_visitors(visit: Visitor, depart: Visitor) -> tuple[Visitor, Visitor]:
    def visit_table(self: Any, node: nodes.table) -> None:
        names = column_names(node) if is_for_screens(self.builder) else None
        _open_tables(self).append(names)
        if names is None:
            visit(self, node)
            return
        node["classes"].append(STACKABLE)  # for the tag the visitor writes; the doctree stays as it was
        try:
            visit(self, node)
        finally:
            node["classes"].remove(STACKABLE)

    def depart_table(self: Any, node: nodes.table) -> None:
        depart(self, node)
        _open_tables(self).pop()

    return visit_table, depart_table


def entry_visitors(visit: Visitor, depart: Visitor) -> tuple[Visitor, Visitor]:
    def visit_entry(self: Any, node: nodes.entry) -> None:
        visit(self, node)
        tables = _open_tables(self)
        names = tables[-1] if tables else None
        # The first column is the card's title; an empty cell is left out of the card.
        column = node.parent.index(node)
        if names is not None and isinstance(node.parent.parent, nodes.tbody) and column and len(node):
            name = f' data-kolom="{escape(names[column])}"'
            self.body[-1] = _OPENING_CELL.sub("<td" + name, self.body[-1], count=1)

    return visit_entry, depart


STACKED: dict[type[nodes.Element], Wrapper] = {nodes.table: table_visitors, nodes.entry: entry_visitors}


def compose_stacked_tables(app: Sphinx) -> None:
    compose(app, STACKED)


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", compose_stacked_tables, priority=WRAP_VISITORS)
