"""The sidebar and breadcrumbs for readers, through ``furo_cached_navigation``.

Events are reached through the agenda (coming events, month pages, archive),
and news items through Actueel, not listed one by one: with hundreds of them the
sidebar would be a wall of links. Their pages stay in the toctree, so breadcrumbs
and "Volgende" work.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from furo_cached_navigation.furo_details import FURO_TOGGLE_LABEL

from ..model.schema import BERICHT, EVENEMENT
from .domain import kb_domain

#: Dutch defaults for the navigation extension's reader-facing words.
DUTCH = {
    "cached_navigation_toggle_label": (FURO_TOGGLE_LABEL, "Onderdelen van {title} tonen of verbergen"),
    "cached_navigation_home": ("Home", "Startpagina"),
    "cached_navigation_breadcrumbs_label": ("Breadcrumbs", "Kruimelpad"),
}


def use_dutch_words(app: Sphinx, config: Config) -> None:
    """Dutch, unless conf.py chose other words."""
    for name, (default, dutch) in DUTCH.items():
        if config[name] == default:
            config[name] = dutch


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
    app.connect("config-inited", use_dutch_words)
    app.connect("env-get-updated", hide_event_pages, priority=400)
