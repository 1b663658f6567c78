"""Every detail of furo and Sphinx this extension relies on that is not public API.

Checked against furo 2025.12.19 and Sphinx 9.0. ``tests/test_navigation.py``
renders pages both ways and fails loudly when either of them changes.
"""

from __future__ import annotations

from typing import Any

#: The arguments furo's ``_compute_navigation_tree`` passes to ``toctree()``.
FURO_TOCTREE_ARGUMENTS: dict[str, Any] = {"collapse": False, "titles_only": True, "maxdepth": -1, "includehidden": True}

#: The context key furo's ``sidebar/navigation.html`` prints.
FURO_NAVIGATION_KEY = "furo_navigation_tree"

#: furo computes the tree in an ``html-page-context`` handler of the default
#: priority (500), only ``if "toctree" in context``.
FURO_HANDLER_PRIORITY = 500

#: The English accessible name furo gives each expand/collapse switch.
FURO_TOGGLE_LABEL = "Toggle navigation of {title}"

#: The inline SVG furo puts into each switch's label.
FURO_EXPAND_ICON = '<span class="icon"><svg><use href="#svg-arrow-right"></use></svg></span>'


def is_builders_own_toctree(toctree: object) -> bool:
    """Whether ``context["toctree"]`` is the one the HTML builder puts in every page.

    Another extension may hand a page its own (sphinx-notfound-page does, for the
    404 page, with absolute links); such a page keeps furo's own rendering.
    """
    return getattr(toctree, "__qualname__", "") == "StandaloneHTMLBuilder.handle_page.<locals>.<lambda>"
