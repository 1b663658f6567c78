"""Our stylesheets and scripts, from ``static/``: on every page of every HTML build.

``kennisbank.css`` and ``kennisbank.js`` (the look of our parts and tables as cards; the
directories' filter box, the menus by keyboard and the hint on a table wider than the
screen), ``kennisbank-agenda.css`` and ``kennisbank-agenda.js`` (the event card, date
blocks and month grids; an event page says "Afgelopen" once the event is over).
The search page's ``kennisbank-zoeken.js`` and the feeds' ``kennisbank-feed.xsl`` lie in
the same folder and are named by the pages that use them.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

STATIC = Path(__file__).parent.parent / "static"


def add_static_folder(app: Sphinx, config: Config) -> None:
    config.html_static_path.append(str(STATIC))


def setup(app: Sphinx) -> None:
    app.connect("config-inited", add_static_folder)
    app.add_css_file("kennisbank.css")
    app.add_js_file("kennisbank.js", loading_method="defer")
    app.add_css_file("kennisbank-agenda.css")
    app.add_js_file("kennisbank-agenda.js", loading_method="defer")
