"""Placeholder nodes, filled in after all pages are read.

They never reach a writer: :mod:`kennisbank.generated` replaces each one with
standard docutils nodes, so every builder (HTML, LaTeX, text) can write them.
"""

from __future__ import annotations

from docutils import nodes


class related_placeholder(nodes.General, nodes.Element):
    """Where the "Gerelateerd" section of one object goes (attribute ``object_id``)."""


class overview_placeholder(nodes.General, nodes.Element):
    """Where a generated list of all objects of one type goes (attribute ``kind``)."""
