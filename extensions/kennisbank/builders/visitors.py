"""HTML visitors that wrap the ones registered before them.

Sphinx keeps one (visit, depart) pair per node and builder format
(``app.registry.translation_handlers``); ``app.add_node(..., override=True)``
replaces the pair, so an extension that overrides a visitor and calls the
translator's own method throws away what MyST-Parser, sphinx-design or another
extension registered for the same node. :func:`compose` instead makes each of
ours from the pair registered so far (or the translator class's own methods).
Called at ``builder-inited``, after every extension's ``setup``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

#: A visit or depart function as Sphinx's registry keeps it: (translator, node).
Visitor = Callable[[Any, Any], None]
#: Makes our (visit, depart) pair from the pair it wraps.
Wrapper = Callable[[Visitor, Visitor], tuple[Visitor, Visitor]]


def translator_method(name: str) -> Visitor:
    """The translator class's own method (the translator Sphinx or an extension chose)."""

    def method(self: Any, node: Any) -> None:
        getattr(type(self), name)(self, node)

    return method


def previous_visitors(app: Sphinx, node: type[nodes.Element]) -> tuple[Visitor, Visitor]:
    """The HTML visitors registered for ``node`` so far, or the translator's methods where none is."""
    visit, depart = app.registry.translation_handlers.get("html", {}).get(node.__name__, (None, None))
    return (
        visit or translator_method(f"visit_{node.__name__}"),
        depart or translator_method(f"depart_{node.__name__}"),
    )


def compose(app: Sphinx, wrappers: Mapping[type[nodes.Element], Wrapper]) -> None:
    """Register each wrapper's visitors on top of the pair registered before it."""
    for node, wrap in wrappers.items():
        app.registry.add_translation_handlers(node, html=wrap(*previous_visitors(app, node)))
