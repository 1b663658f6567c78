"""The roles that link an object: ``{thema}``, ``{persoon}`` and one for every other type.

One per object type, registered as ``kb:thema`` in the domain and as plain ``thema`` (domain.py),
so that contributors need no prefix. The line a message about one names is the role's own, not
its paragraph's first (:func:`lines_before`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docutils import nodes
from docutils.parsers.rst.states import Inliner
from sphinx.roles import XRefRole

#: The domain of the objects' roles.
DOMAIN = "kb"


class ObjectRole(XRefRole):
    """``{thema}`brede-welvaart``: a link whose text is the object's title.

    Registered both as ``kb:thema`` and as plain ``thema``; the plain name is
    mapped onto this domain so that contributors need no prefix.
    """

    def __call__(
        self,
        name: str,
        rawtext: str,
        text: str,
        lineno: int,
        inliner: Inliner,
        options: dict[str, Any] | None = None,
        content: Sequence[str] = (),
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        if ":" not in name:
            name = f"{DOMAIN}:{name}"
        lineno += lines_before(getattr(inliner, "parent", None))
        return super().__call__(name, rawtext, text, lineno, inliner, options or {}, content)


def lines_before(parent: nodes.Node | None) -> int:
    """How many lines of its paragraph come before a role that is being parsed.

    A parser passes a role the line where its paragraph starts. MyST builds the
    paragraph as it goes and writes each soft line break as a text node "\\n" and
    each hard one as a raw HTML "<br />" (plus one for LaTeX), so the breaks
    already in the paragraph tell on which of its lines the role stands.
    """
    block = parent
    while isinstance(block, nodes.Inline):
        block = block.parent
    if not isinstance(block, nodes.TextElement):
        return 0
    soft = sum(text.count("\n") for text in block.findall(nodes.Text) if not isinstance(text.parent, nodes.raw))
    hard = sum(1 for raw in block.findall(nodes.raw) if raw.get("format") == "html" and "<br" in raw.astext())
    return soft + hard
