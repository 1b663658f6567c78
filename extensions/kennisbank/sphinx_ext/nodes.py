"""Placeholder nodes, filled in after all pages are read.

They never reach a writer: a fill transform (generated.py, agenda.py, news.py, ...)
replaces each with standard docutils nodes, so every builder (HTML, LaTeX, text) can
write them.
"""

from __future__ import annotations

from docutils import nodes


def enclosing_section(node: nodes.Node | None) -> nodes.section | None:
    """The section a node stands in (the page's or a heading's), if any."""
    while node is not None and not isinstance(node, nodes.section):
        node = node.parent
    return node


class Placeholder(nodes.General, nodes.Element):
    """Base of every placeholder of ours, so that a failed one can be found and replaced."""


class related_placeholder(Placeholder):
    """Where the "Gerelateerd" section of one object goes (attributes ``object_id`` and the
    ``docname`` of the page that declares it)."""


class overview_placeholder(Placeholder):
    """Where a generated list of all objects of one type goes (attribute ``kind``)."""


class directory_placeholder(Placeholder):
    """Which directory (``name``) goes here."""


class pack_placeholder(Placeholder):
    """The contents of the pack declared on this page (attribute ``pack``: its docname)."""


class agenda_placeholder(Placeholder):
    """``part`` is "komend" or "archief"."""


class month_placeholder(Placeholder):
    """Month grids from the reference month on (``months``)."""


class announcement_placeholder(Placeholder):
    """A dated announcement (``until``: ISO date); its body is its children."""


class recent_placeholder(Placeholder):
    """The most recently changed pages (``count``, ``excluded``: fnmatch patterns)."""


class news_placeholder(Placeholder):
    """``part`` is "recent" (the newest ``count`` items; 0: all) or "archief" (by year)."""


class downloads_placeholder(Placeholder):
    """Where the list of the site's PDFs goes (``{downloads}``)."""


class unread_field(nodes.General, nodes.Element):
    """Where a field stands that could not be read (attributes ``label`` and ``field``).

    Written only in a preview's HTML, as "[veld 'start' niet te lezen, zie hierboven]"
    (problems.py); elsewhere, and in the search index, it is nothing: it holds no text.
    """


class timed_block(Placeholder):
    """Text that holds until an event (``event``: its id): ``kind`` "oproep" (a call to act) or
    "nog-niet-bekend" (what is not known yet); ``after``: what is shown instead afterwards."""
