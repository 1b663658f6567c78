"""No raw HTML in a page: the ``raw`` directive, in MyST (a ``{raw} html`` block) and in
reStructuredText (``.. raw:: html`` inside ``{eval-rst}``), is refused in Dutch.

MyST's own HTML syntax is switched off in conf.py (``myst_disable_syntax``); ``raw`` is the
other way in. Whatever it holds (a script, a form, a style) would run on the association's
site and in every pull request's preview, so it is reported at its line, which fails the
strict build, and the page is built without it.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

MESSAGE = (
    "ruwe HTML (de opdracht 'raw') staat de kennisbank niet toe: wat erin staat, zou op de site worden "
    "uitgevoerd. Schrijf de inhoud in gewone tekst, met MyST-opmaak; dit blok is weggelaten"
)


class RefusedRaw(SphinxDirective):
    """Takes the place of docutils' ``raw``: accepts what it accepts, writes nothing."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec = {"file": str, "url": str, "encoding": str, "class": str}
    has_content = True

    def run(self) -> list[nodes.Node]:
        logger.warning(MESSAGE, location=self.get_location(), type="kennisbank", subtype="invoer")
        return []


def setup(app: Sphinx) -> None:
    app.add_directive("raw", RefusedRaw, override=True)
