"""Kennisbank: a Sphinx extension for the VZHG knowledge base.

Typed objects (thema, programma, evenement, netwerk, organisatie, persoon),
cross-references between them, generated backlinks, the agenda with its
iCalendar feeds, the directories, the open data export and the PDF builder.
Each component registers itself in its own module's ``setup``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from . import (
    boardpack,
    calendar_views,
    config,
    directives,
    directories,
    domain,
    failures,
    feeds,
    fieldtable,
    freshness,
    generated,
    htmlfixes,
    lastchanged,
    opendata,
    pdfbuilder,
    references,
    searchindex,
    singlehtml,
)

__version__ = "0.1.0"

#: Bump when the stored data changes shape, so old environments are rebuilt.
ENV_VERSION = 3

STATIC = Path(__file__).parent / "static"
COMPONENTS = (
    config,
    domain,
    directives,
    references,
    generated,
    freshness,
    searchindex,
    calendar_views,
    feeds,
    directories,
    opendata,
    boardpack,
    fieldtable,
    singlehtml,
    htmlfixes,
    lastchanged,
    pdfbuilder,
    failures,
)


def setup(app: Sphinx) -> dict[str, Any]:
    for component in COMPONENTS:
        component.setup(app)
    app.connect("config-inited", _add_static_files)
    app.add_css_file("kennisbank.css")
    app.add_js_file("kennisbank.js", loading_method="defer")
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _add_static_files(app: Sphinx, config: Config) -> None:
    config.html_static_path.append(str(STATIC))
