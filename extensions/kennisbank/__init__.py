"""Kennisbank: a Sphinx extension for the VZHG knowledge base.

Typed objects (thema, programma, evenement, netwerk, organisatie, persoon),
cross-references between them, generated backlinks, the agenda with its
iCalendar feeds, the directories, the open data export and the PDF builder.

The package has six layers, one folder each; a layer imports only the layers before
it (``tests/test_architecture.py`` checks every import, also those inside functions):

- ``model``: plain dataclasses and rules; no docutils, Sphinx or writer library;
- ``formats``: pure file formats (iCalendar, Atom, JSON-LD, the e-mail, the sitemap);
- ``sphinx_ext``: the domain, directives, roles, transforms, checks and settings;
- ``writers``: what an HTML build writes beside its pages (feeds, open data, sitemap,
  search index) and the tags in their ``<head>``;
- ``builders``: the PDF and newsletter builders, and our HTML visitors;
- ``tools``: the contributors' command line and its checks (``model`` and ``formats`` only).

Importing this package loads nothing heavy: Sphinx and the rest come in with ``setup``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for the types: importing this package loads no Sphinx
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"

#: Where contributors report a fault in the extension itself.
ISSUES_URL = "https://github.com/vzhg/kennisbank/issues"

#: The layers, each with the layers it may import besides itself and this package's top
#: (``tests/test_architecture.py`` checks every import against it).
LAYERS: dict[str, tuple[str, ...]] = {
    "model": (),
    "formats": ("model",),
    "sphinx_ext": ("model", "formats"),
    "writers": ("model", "formats", "sphinx_ext"),
    "builders": ("model", "formats", "sphinx_ext"),
    "tools": ("model", "formats"),
}

#: Bump when the stored data changes shape, so old environments are rebuilt.
ENV_VERSION = 5  # 5: our boxes are divs (is_div), without the container class

#: The modules that register something with Sphinx, each in its own ``setup``, by layer and
#: name. Their order carries no meaning: where handlers of one event must run in an order,
#: they say so with a priority (sphinx_ext/priorities.py); tests/test_setup_order.py builds
#: with this list reversed and compares every file and message.
COMPONENTS = (
    "sphinx_ext.agenda",
    "sphinx_ext.agendapages",
    "sphinx_ext.buildstate",
    "sphinx_ext.config",
    "sphinx_ext.devdocs",
    "sphinx_ext.directives",
    "sphinx_ext.directories",
    "sphinx_ext.domain",
    "sphinx_ext.downloads",
    "sphinx_ext.duplicates",
    "sphinx_ext.eventcard",
    "sphinx_ext.failures",
    "sphinx_ext.fieldtable",
    "sphinx_ext.freshness",
    "sphinx_ext.frontpage",
    "sphinx_ext.generated",
    "sphinx_ext.interface",
    "sphinx_ext.lastchanged",
    "sphinx_ext.logfilters",
    "sphinx_ext.maintenance",
    "sphinx_ext.navigation",
    "sphinx_ext.news",
    "sphinx_ext.newsletter",
    "sphinx_ext.newspages",
    "sphinx_ext.packs",
    "sphinx_ext.pagefooter",
    "sphinx_ext.placeholders",
    "sphinx_ext.privacy",
    "sphinx_ext.problems",
    "sphinx_ext.rawhtml",
    "sphinx_ext.references",
    "sphinx_ext.search",
    "sphinx_ext.static",
    "sphinx_ext.timeline",
    "sphinx_ext.unlisted",
    "writers.background_jobs",
    "writers.newsfeeds",
    "writers.pagefind",
    "writers.sharing",
    "writers.sitemap",
    "builders.htmlfixes",
    "builders.newsletter",
    "builders.pdf",
    "builders.singlehtml",
    "builders.stackedtables",
)


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register every component; imported here, as MyST-Parser does, so that importing one
    module of the package (a writer in a test, say) does not load all the others."""
    for name in COMPONENTS:
        importlib.import_module(f"{__name__}.{name}").setup(app)
    app.setup_extension("sphinx_frozen_gc")  # a fifth of a large build went to garbage collection
    app.setup_extension("sphinx_quick_transforms")  # a tenth went to transforms with nothing to do
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
