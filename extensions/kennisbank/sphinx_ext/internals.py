"""Every use of a private detail of Sphinx or furo, in one place, with the reason.

Checked against Sphinx 9.0 and furo 2025.12.19; ``tests/test_architecture.py``
fails loudly when one of them changes. The search index repair, which needs
more of Sphinx's ``IndexBuilder``, keeps its own checks in
:mod:`kennisbank.writers.searchindex`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.environment import BuildEnvironment

if TYPE_CHECKING:
    from sphinx.builders import Builder

#: furo wraps every table in ``div.table-wrapper`` in a post-transform of this
#: priority (``furo.WrapTableAndMathInAContainerTransform``); our fix of the ids it
#: copies onto that wrapper must run right after it.
FURO_TABLE_WRAPPING_PRIORITY = 500

#: What ``static/kennisbank.js`` finds in furo's page template to make its menus
#: keyboard-operable and to give its controls Dutch names: element ids and classes.
FURO_PAGE_HOOKS = ("__navigation", "__toc", "nav-overlay-icon", "toc-overlay-icon", "theme-toggle")


def builder_of(env: BuildEnvironment) -> Builder:
    """The running builder, for post-transforms that make references.

    ``make_refnode`` needs the builder; Sphinx offers transforms only
    ``self.app`` (deprecated, to go in Sphinx 11), which returns ``env._app``.
    """
    return env._app.builder


def toctree_includes(env: BuildEnvironment) -> dict[str, list[str]]:
    """Which pages each page's toctrees include: the navigation every page shows."""
    return env.toctree_includes
