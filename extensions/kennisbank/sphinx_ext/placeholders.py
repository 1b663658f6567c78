"""Which kinds of placeholder a tree holds, found in one walk.

Each of our fill transforms looks for its own kinds of placeholder, and walking
every tree whole for each of them cost seconds at scale (a dozen walks of some
6,000 trees), while most pages hold one kind or none. The walk here runs before
them, and a transform skips a tree without its kinds. That is safe because
placeholders are made only by directives, when a page is read: a kind that is
absent when resolving starts cannot appear later. The note lives in
``env.current_document``, which Sphinx gives each tree's post-transforms afresh,
so an assembled tree (single page, PDF) gets a note of its own.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from .nodes import Placeholder
from .priorities import NOTE_PLACEHOLDERS

_KINDS = "kb_placeholder_kinds"

_P = TypeVar("_P", bound=Placeholder)


class NotePlaceholderKinds(SphinxPostTransform):
    default_priority = NOTE_PLACEHOLDERS

    def run(self, **kwargs: Any) -> None:
        self.env.current_document[_KINDS] = frozenset(type(node) for node in self.document.findall(Placeholder))


def placeholders_in(transform: SphinxPostTransform, kind: type[_P]) -> list[_P]:
    """The placeholders of ``kind`` (or of its subclasses) in the transform's tree, in order."""
    noted = transform.env.current_document.get(_KINDS)
    if noted is not None and not any(issubclass(found, kind) for found in noted):
        return []
    return list(transform.document.findall(kind))


def setup(app: Sphinx) -> None:
    app.add_post_transform(NotePlaceholderKinds)
