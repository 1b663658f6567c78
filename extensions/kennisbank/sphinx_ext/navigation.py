"""The sidebar and breadcrumbs for readers, through ``furo_cached_navigation``.

Events are reached through the agenda (coming events, month pages, archive),
and news items through Actueel, not listed one by one: with hundreds of them the
sidebar would be a wall of links. Their pages stay in the toctree, so breadcrumbs
and "Volgende" work.

For the same reason a folder of more than ``SIDEBAR_MAX_PAGES`` pages is shown
in the sidebar by its own page only, which lists them: a page's weight must not
grow with the size of the knowledge base, and on a phone a hundred links in one
branch help no one.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.errors import ConfigError

from furo_cached_navigation import is_valid_max_pages
from furo_cached_navigation.furo_details import FURO_TOGGLE_LABEL

from ..model.schema import BERICHT, EVENEMENT
from .domain import kb_domain
from .priorities import HIDE_EVENT_PAGES, NAVIGATION_DEFAULTS

#: Dutch defaults for the navigation extension's reader-facing words.
DUTCH = {
    "cached_navigation_toggle_label": (FURO_TOGGLE_LABEL, "Onderdelen van {title} tonen of verbergen"),
    "cached_navigation_home": ("Home", "Startpagina"),
    "cached_navigation_breadcrumbs_label": ("Breadcrumbs", "Kruimelpad"),
}


#: Pages a toctree may list one by one in the sidebar (conf.py may set
#: ``cached_navigation_max_pages`` itself; 0 lists all, as furo does).
SIDEBAR_MAX_PAGES = 30


def use_our_defaults(app: Sphinx, config: Config) -> None:
    """Dutch words and a bounded sidebar, unless conf.py chose otherwise."""
    for name, (default, dutch) in DUTCH.items():
        if config[name] == default:
            config[name] = dutch
    value = config.cached_navigation_max_pages
    if value is None:
        config.cached_navigation_max_pages = SIDEBAR_MAX_PAGES
    elif not is_valid_max_pages(value):
        raise ConfigError(
            f"cached_navigation_max_pages moet een heel getal van 0 of meer zijn (0: alle pagina's), niet {value!r}"
        )


def hide_event_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """An event's or news item's own page is not listed in the sidebar (see the module's docstring).

    Once all pages are read (and merged, after a parallel read), from the domain,
    before freshness.py decides which pages to rewrite (the sidebar of every
    page changes when a page is hidden or shown).
    """
    domain = kb_domain(env)
    for obj in domain.objects.values():
        if obj.kind in (EVENEMENT.name, BERICHT.name) and domain.is_page_object(obj):
            env.metadata[obj.docname]["navigation"] = "hidden"
    return []


def setup(app: Sphinx) -> None:
    app.setup_extension("furo_cached_navigation")
    # Before furo_cached_navigation's own check, so that a mistake is reported in Dutch.
    app.connect("config-inited", use_our_defaults, priority=NAVIGATION_DEFAULTS)
    app.connect("env-get-updated", hide_event_pages, priority=HIDE_EVENT_PAGES)
