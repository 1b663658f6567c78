"""Sphinx's own transforms skip a page on which they have nothing to do.

Two of Sphinx's transforms visit every node of every page, even when the page
holds nothing they would change, and at a thousand pages they cost about a tenth
of a build:

- smart quotes (``SphinxSmartQuotes``, run as each page is read) looks at every
  block of text, works out its language, runs the text through the quote,
  dash and ellipsis rules and puts a copy of every text node back;
- ``HighlightLanguageTransform`` (run before each page is written) dispatches a
  visitor method for every node, only to give code blocks their language.

Here each first asks the page, in one quick pass over it, whether there is
anything to do: for smart quotes a quote, backtick, backslash, ampersand, ``--``,
``..`` or ``. .`` in its text; for highlighting a code block or a ``highlight``
setting. If there is, Sphinx's own transform runs unchanged, so the output is the
same either way. One difference: Sphinx warns about a block in a language
without smart quotes only when that block has text to educate.

Independent of the knowledge base; the benchmark's baseline loads it too. The
one detail of Sphinx that is not public API, the list of registered transforms,
is in :func:`replace_transform`; ``tests/test_quick_transforms.py`` fails when
it changes.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from docutils.transforms import Transform
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxSmartQuotes
from sphinx.transforms.post_transforms.code import HighlightLanguageTransform
from sphinx.util.typing import ExtensionMetadata

#: Text that smart quotes may change (see docutils.utils.smartquotes): quotes and
#: backticks, backslash escapes, dashes, ellipses, and entities (``&quot;``, and
#: the ``&#..;`` it restores).
EDUCABLE = re.compile(r"""['"`\\&]|--|\.\.|\. \.""")
#: The ``smartquotes_action`` letters whose changes EDUCABLE finds. Another action
#: ("-1" turns curly quotes back into straight ones) always gets Sphinx's own run.
KNOWN_ACTIONS = frozenset("qbBdDiew0123")


class QuickSmartQuotes(SphinxSmartQuotes):
    """Sphinx's smart quotes, skipped on a page whose text they would not change."""

    def apply(self, **kwargs: Any) -> None:
        if not set(self.config.smartquotes_action) <= KNOWN_ACTIONS or any(
            EDUCABLE.search(text) for text in self.document.findall(nodes.Text)
        ):
            super().apply(**kwargs)


#: What HighlightLanguageTransform changes (code blocks) or removes (highlight settings).
HIGHLIGHTED = (nodes.literal_block, addnodes.highlightlang)


class QuickHighlightLanguage(HighlightLanguageTransform):
    """Sphinx's highlight-language transform, skipped on a page without code."""

    def apply(self, **kwargs: Any) -> None:
        # findall() without a condition is docutils' fast walk; one with a function is not.
        if any(isinstance(node, HIGHLIGHTED) for node in self.document.findall()):
            super().apply(**kwargs)


def replace_transform(registered: list[type[Transform]], stock: type[Transform], quick: type[Transform]) -> None:
    """Put ``quick`` in the place of ``stock`` in Sphinx's list of transforms.

    ``registered`` is ``app.registry.transforms`` or ``.post_transforms``: not
    public API, checked against Sphinx 9.0. When ``stock`` is not there, Sphinx's
    own transform stays: slower, never wrong.
    """
    if stock in registered:
        registered[registered.index(stock)] = quick


def setup(app: Sphinx) -> ExtensionMetadata:
    replace_transform(app.registry.transforms, SphinxSmartQuotes, QuickSmartQuotes)
    replace_transform(app.registry.post_transforms, HighlightLanguageTransform, QuickHighlightLanguage)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
