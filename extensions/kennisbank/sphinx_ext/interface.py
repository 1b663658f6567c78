"""The theme's interface in Dutch, in the generated HTML.

Two sources, both read by Sphinx while it writes the pages (no script renames
anything in the browser):

- ``locale/nl/LC_MESSAGES/sphinx.mo``: the messages of Sphinx and furo that
  Sphinx's own Dutch catalog lacks ("Back to top", "Link to this heading", ...).
  Sphinx consults it after its own. ``sphinx.js`` beside it is the search page's
  catalog, which Sphinx takes from the first of ``locale_dirs`` that has one;
- ``templates/furo/``: furo's page template with Dutch names for the controls that
  furo writes in English without ``_()`` (see ``templates/furo/kennisbank/page.html``).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

PACKAGE = Path(__file__).parents[1]
TEMPLATES = PACKAGE / "templates"
#: furo's page in Dutch; with another theme "kennisbank/page.html" is that theme's page.
FURO_TEMPLATES, OTHER_TEMPLATES = TEMPLATES / "furo", TEMPLATES / "other"
#: What every theme shares: the content of the search page.
SHARED_TEMPLATES = TEMPLATES / "shared"
LOCALE = PACKAGE / "locale"


def setup(app: Sphinx) -> None:
    app.add_message_catalog("sphinx", LOCALE)
    app.connect("config-inited", _add_templates_and_catalog)


def _add_templates_and_catalog(app: Sphinx, config: Config) -> None:
    # New lists: both default to a list that Sphinx shares between applications.
    # furo gets its page in Dutch; other themes keep their own (site templates may
    # extend "kennisbank/page.html" either way).
    folder = str(FURO_TEMPLATES if config.html_theme == "furo" else OTHER_TEMPLATES)
    for path in (folder, str(SHARED_TEMPLATES)):
        if path not in config.templates_path:
            config.templates_path = [*config.templates_path, path]
    if str(LOCALE) not in config.locale_dirs:
        config.locale_dirs = [*config.locale_dirs, str(LOCALE)]
