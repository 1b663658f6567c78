"""Every use of a private detail of Sphinx or furo, in one place, with the reason.

Checked against Sphinx 9.0 and furo 2025.12.19; ``tests/test_architecture.py``
fails loudly when one of them changes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, cast

from docutils import nodes
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment
from sphinx.util import logging as sphinx_logging

if TYPE_CHECKING:
    from sphinx.builders import Builder

#: furo wraps every table in ``div.table-wrapper`` in a post-transform of this
#: priority (``furo.WrapTableAndMathInAContainerTransform``); our fix of the ids it
#: copies onto that wrapper must run right after it.
FURO_TABLE_WRAPPING_PRIORITY = 500

#: What ``static/kennisbank.js`` finds in furo's page template to make its menus
#: keyboard-operable: element ids and classes.
FURO_PAGE_HOOKS = ("__navigation", "__toc", "nav-overlay-icon", "toc-overlay-icon")

#: The furo templates that ``templates/`` overrides with a Dutch copy, by their path
#: in furo's theme and the SHA-256 of the version copied (furo 2025.12.19). When furo
#: changes one, compare the copy with the new version and update both.
FURO_COPIED_TEMPLATES = {
    "page.html": "ad8bad98317b2e09e018cde7113e90a32b3a87e0440cfab385d1bb7ca1c9cd6d",
    "partials/icons.html": "011252a5f029c5469b589debeceff03b3c6212bf7fb692d8d11dc1b7cb6c14bf",
    "sidebar/search.html": "d0cc1cbc08f56a5473af0c083edf2232554f068de2f3e73f304f4be946060887",
    # Not a copy: furo's search page loads Sphinx's search; ours (search.html) replaces it whole.
    "search.html": "95755b01ed85cf27bb1e6dc82647e96b7e7283c29be7fb5b187ed765fcf15f71",
}
FURO_COPIED_FROM = "2025.12.19"


def builder_of(env: BuildEnvironment) -> Builder:
    """The running builder, for post-transforms that make references.

    ``make_refnode`` needs the builder; Sphinx offers transforms only
    ``self.app`` (deprecated, to go in Sphinx 11), which returns ``env._app``.
    """
    return env._app.builder


def toctree_includes(env: BuildEnvironment) -> dict[str, list[str]]:
    """Which pages each page's toctrees include: the navigation every page shows."""
    return env.toctree_includes


def render_detached(builder: Builder, node: nodes.Node) -> str:
    """HTML of nodes that belong to no document (a month page), as the page's body.

    ``render_partial`` writes figure and table numbers from ``builder.fignumbers``,
    which the HTML builder sets only while it writes a document: before the first
    (an incremental build that rewrites nothing) it does not exist, after one it
    holds that document's numbers. Pages of our own number nothing.
    """
    html_builder = cast(StandaloneHTMLBuilder, builder)
    html_builder.fignumbers = {}
    return html_builder.render_partial(node)["fragment"]


def page_relations(builder: Builder) -> dict[str, list[str | None]]:
    """Each page's ``[parent, previous, next]`` in the toctrees, as the HTML builder worked
    them out for its "Vorige"/"Volgende" links (``StandaloneHTMLBuilder.relations``, set
    in ``prepare_writing`` from ``env.collect_relations()``); empty for other builders."""
    relations: dict[str, list[str | None]] = getattr(builder, "relations", {})
    return relations


def output_path(builder: Builder, pagename: str) -> str:
    """Where an HTML builder writes a page (also one that is no document)."""
    return str(cast(StandaloneHTMLBuilder, builder).get_outfilename(pagename))


def build_identity(builder: Builder) -> str:
    """What makes Sphinx rewrite every page: the configuration and tags it hashed
    (``build_info``, kept in ``.buildinfo``) and the newest template's time."""
    html_builder = cast(StandaloneHTMLBuilder, builder)
    info = html_builder.build_info
    return repr((info.config_hash, info.tags_hash, html_builder.templates.newest_template_mtime()))


def take_out_toctree_parents(env: BuildEnvironment, docnames: Iterable[str]) -> dict[str, set[str]]:
    """Keep Sphinx from rewriting the pages whose toctree includes these pages.

    ``Builder.write`` adds to the pages it writes every page whose toctree includes
    one of them (``env.files_to_rebuild``), because a toctree shows their titles and
    headings. A page rewritten with the same title and headings (its generated content
    or its text changed) shows the same there, and rewriting a toctree of a hundred
    pages costs a second. Called when writing starts;
    returns what it took out, for :func:`put_back_toctree_parents`.
    """
    parents = env.files_to_rebuild
    return {docname: parents.pop(docname) for docname in sorted(docnames) if docname in parents}


def put_back_toctree_parents(env: BuildEnvironment, taken: dict[str, set[str]]) -> None:
    for docname, parents in taken.items():
        env.files_to_rebuild.setdefault(docname, set()).update(parents)


def log_records_of(work: Callable[[], None]) -> list[logging.LogRecord]:
    """Run ``work`` and return what it logged instead of emitting it, ready to be
    pickled to another process, where :func:`replay` emits it.

    This is how Sphinx's own ``-j`` workers send their warnings home
    (``sphinx.util.parallel.ParallelTasks._process``): ``LogCollector`` holds the
    records back, ``convert_serializable`` makes them picklable. An exception
    escaping ``work`` would release the records here; callers catch it inside.
    """
    collector = sphinx_logging.LogCollector()
    with collector.collect():
        work()
    sphinx_logging.convert_serializable(collector.logs)
    return collector.logs


def replay(records: list[logging.LogRecord]) -> None:
    """Emit records from another process here, so that warnings count for ``-W``."""
    logger = sphinx_logging.getLogger(__name__)
    for record in records:
        logger.handle(record)
