"""furo's sidebar navigation, built once per folder instead of once per page.

A Sphinx extension of its own, usable on any furo site::

    extensions = ["furo_cached_navigation"]

For every page furo asks Sphinx for the whole site's table of contents and
reworks it with BeautifulSoup, which makes a build grow with the square of the
number of pages. This extension renders that tree once per folder and marks
the current page with a cheap edit: the same HTML, in linear time.

It also offers, for readers of a large site:

- ``navigation_hidden_pages``: pages whose document metadata says
  ``navigation: hidden`` (or that another extension marks so) are not listed one
  by one; on such a page the branch of its parent opens instead;
- ``cached_navigation_max_pages``: a page whose toctrees list more than this
  many pages shows in the sidebar without them (its own page lists them), so
  that a page's weight does not grow with the size of a folder; on such a page
  the branch of its parent opens. ``None`` (the default) or 0: furo's full tree;
- ``breadcrumbs``: a list of ``{"title", "url"}`` from the root page to the
  current one, in the template context, and the template
  ``cached-navigation/breadcrumbs.html`` that prints it;
- ``navigation_parent`` in a page's context (for pages made in
  ``html-collect-pages``) names the page whose branch opens.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.util.typing import ExtensionMetadata

from .furo_details import FURO_HANDLER_PRIORITY, FURO_TOGGLE_LABEL

__version__ = "1.1.0"

TEMPLATES = Path(__file__).parent / "templates"


def setup(app: Sphinx) -> ExtensionMetadata:
    from .pages import NavigationCache

    app.add_config_value("cached_navigation_toggle_label", FURO_TOGGLE_LABEL, "html", str)
    app.add_config_value("cached_navigation_home", "Home", "html", str)
    app.add_config_value("cached_navigation_breadcrumbs_label", "Breadcrumbs", "html", str)
    app.add_config_value("cached_navigation_max_pages", None, "html", (int, type(None)))
    app.connect("config-inited", _add_templates)
    app.connect("config-inited", _check_max_pages)

    cache = NavigationCache()
    app.connect("env-updated", cache.forget)
    # Before furo's handler, so that furo finds no "toctree" to render; after it,
    # to hand over the cached tree.
    app.connect("html-page-context", cache.before_furo, priority=FURO_HANDLER_PRIORITY - 50)
    app.connect("html-page-context", cache.after_furo, priority=FURO_HANDLER_PRIORITY + 50)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


def is_valid_max_pages(value: object) -> bool:
    """Whether ``value`` may be ``cached_navigation_max_pages``: None or a whole number of 0 or more."""
    return value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 0)


def _check_max_pages(app: Sphinx, config: Config) -> None:
    value = config.cached_navigation_max_pages
    if not is_valid_max_pages(value):
        raise ConfigError(f"cached_navigation_max_pages must be None or a whole number of 0 or more, not {value!r}")


def _add_templates(app: Sphinx, config: Config) -> None:
    # A new list: the default one is shared by every application in the process.
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(TEMPLATES)]
