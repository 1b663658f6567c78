"""An id declared twice: the older page keeps it, the newer page is told.

Which page Sphinx reads first says nothing about which page is new, and in a
clean build (CI, ``make check``) the message landed on whichever page sorts
later, often the published one, outside the pull request's changes, asking to
change an id the guide says never to change. So once every page is read, the
page whose source was committed first keeps the id; a page not yet committed
is the newest of all. Without git, or for pages of the same commit, the page
that sorts first keeps it (what a clean build did before). One ``git log`` per
build, and only when there is a duplicate (lastchanged.py).
"""

from __future__ import annotations

import math
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..model.objects import KBObject
from ..model.schema import TYPES
from .domain import kb_domain
from .failures import guarded
from .lastchanged import source_history
from .priorities import CHECK_DUPLICATE_IDS, SETTLE_DUPLICATES

logger = logging.getLogger(__name__)


@guarded("het bepalen welke pagina een dubbele id houdt", default=[])
def settle(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Give each duplicated id to its oldest page, before anything reads the objects."""
    domain = kb_domain(env)
    if not domain.duplicates:
        return []
    contenders: dict[str, list[KBObject]] = {}
    for waiting in domain.duplicates.values():
        for obj in waiting:
            contenders.setdefault(obj.id, []).append(obj)
    first_commit = source_history(env).first_commit

    def age(obj: KBObject) -> tuple[float, str, int]:
        committed = first_commit.get(Path(env.doc2path(obj.docname)).resolve())
        return (math.inf if committed is None else committed, obj.docname, obj.lineno)

    for obj_id, waiting in sorted(contenders.items()):
        holder = domain.objects.get(obj_id)
        oldest = min([*waiting, *([holder] if holder else [])], key=age)
        if oldest is not holder:
            domain.promote(oldest)
    return []


@guarded("het melden van dubbele ids")
def report(app: Sphinx, env: BuildEnvironment) -> None:
    domain = kb_domain(env)
    for docname in sorted(domain.duplicates):
        for obj in domain.duplicates[docname]:
            holder = domain.objects[obj.id]
            logger.warning(
                "Dubbele id '%s': deze id is al gebruikt voor %s '%s' in %s, regel %s. Kies een andere id.",
                obj.id,
                TYPES[holder.kind].label.lower(),
                holder.title,
                env.doc2path(holder.docname, base=False),
                holder.lineno,
                location=(obj.docname, obj.lineno),
                type="kennisbank",
                subtype="duplicate",
            )


def setup(app: Sphinx) -> None:
    # Before every other reader of the objects: the pages to rewrite (freshness.py) depend on it.
    app.connect("env-get-updated", settle, priority=SETTLE_DUPLICATES)
    app.connect("env-check-consistency", report, priority=CHECK_DUPLICATE_IDS)
