"""Kennisbank: a Sphinx extension for the VZHG knowledge base.

Typed objects (thema, programma, evenement, netwerk, organisatie, persoon),
cross-references between them, generated backlinks, the agenda with its
iCalendar feeds, the directories, the open data export and the PDF builder.

The package has four layers (see the README's architecture section):

- ``model``: plain dataclasses and rules; no docutils, Sphinx or writer library;
- ``sphinx_ext``: the domain, directives, roles, post-transforms and settings;
- ``writers``: what is written besides the pages (.ics, JSON-LD, open data, PDF)
  and repairs to Sphinx's own HTML output;
- ``tools``: the contributors' command line and its checks.

Importing this package loads nothing heavy: Sphinx and the rest come in with ``setup``.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

#: Where contributors report a fault in the extension itself.
ISSUES_URL = "https://github.com/vzhg/kennisbank/issues"


def setup(app: Any) -> dict[str, Any]:
    from .sphinx_ext import setup as setup_extension

    return setup_extension(app)
