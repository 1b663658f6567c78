"""Make the search index of an incremental build equal to that of a clean build.

Sphinx writes ``searchindex.js`` incrementally: it loads the previous file,
forgets the pages it is about to write again (``IndexBuilder.prune``), and
indexes those pages anew. Two things go wrong on the way (checked against
Sphinx 9.0.x, 9.0.4 in particular; ``sphinx/search/__init__.py`` and
``sphinx/builders/html/__init__.py``):

- ``prune`` empties the set of pages of a word but keeps the word. A word that
  only stood on rewritten or removed pages stays in the index with no pages
  (``"spreker": []``), which a clean build does not write.
- ``load`` does not read back the index entries (``{index}`` directives) of
  the pages it keeps, so those entries vanish from the index until the pages
  are written again: https://github.com/sphinx-doc/sphinx/issues/12599.

Just before Sphinx dumps the index (``html-collect-pages`` runs before
``dump_search_index``), we drop the empty words and restore the lost entries
from the previous file, which is still on disk then.

This touches private attributes of Sphinx's ``IndexBuilder``. When they are
not what we expect, we change nothing and warn, so the tests fail loudly
(``tests/test_build_modes.py``). A test there also fails once Sphinx fixes
either problem, so that this module shrinks or goes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sphinx
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging

from ..sphinx_ext.failures import guarded

logger = logging.getLogger(__name__)

#: The Sphinx versions this was checked against; named in the warning.
CHECKED_WITH = "9.0"

#: What we use of Sphinx's HTML builder and of its ``IndexBuilder``.
BUILDER_ATTRIBUTES = ("searchindex_filename", "indexer_format", "indexer_dumps_unicode")
INDEXER_ATTRIBUTES = {"_mapping": dict, "_title_mapping": dict, "_titles": dict, "_index_entries": dict}


def missing_internals(builder: StandaloneHTMLBuilder) -> list[str]:
    """The Sphinx internals we rely on that are gone or changed shape; empty when all is well."""
    missing = [f"builder.{name}" for name in BUILDER_ATTRIBUTES if not hasattr(builder, name)]
    indexer = getattr(builder, "indexer", None)
    if indexer is None:
        return missing
    for name, kind in INDEXER_ATTRIBUTES.items():
        value = getattr(indexer, name, None)
        words_to_pages = name in ("_mapping", "_title_mapping")  # word -> set of docnames
        if not isinstance(value, kind) or (words_to_pages and not all(isinstance(d, set) for d in value.values())):
            missing.append(f"IndexBuilder.{name}")
    return missing


@guarded("het bijwerken van de zoekindex", default=[])
def repair_search_index(app: Sphinx) -> list:
    """Before the index is dumped: drop words without pages, restore lost index entries."""
    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder):
        return []
    if not hasattr(builder, "indexer"):
        _warn(["builder.indexer"])
        return []
    if builder.indexer is None:
        return []  # no search index: html_search off, singlehtml, epub
    missing = missing_internals(builder)
    if missing:
        _warn(missing)
        return []
    indexer = builder.indexer
    for mapping in (indexer._mapping, indexer._title_mapping):
        for word in [word for word, docs in mapping.items() if not docs]:
            del mapping[word]
    try:
        _restore_index_entries(builder)
    except (OSError, ValueError, LookupError, TypeError) as error:
        _warn([f"het formaat van {builder.searchindex_filename} ({type(error).__name__}: {error})"])
    return []


def _warn(missing: list[str]) -> None:
    logger.warning(
        "De zoekindex kan na deze build onvolledig zijn: Sphinx %s werkt intern anders dan de "
        "kennisbank-extensie verwacht (gecontroleerd met Sphinx %s; veranderd: %s). Bouwt u de site "
        "voor de zekerheid helemaal opnieuw (make clean), en meldt u dit alstublieft bij de beheerders "
        "van de kennisbank.",
        sphinx.__display_version__,
        CHECKED_WITH,
        ", ".join(missing),
        type="kennisbank",
        subtype="zoekindex",
    )


def _restore_index_entries(builder: StandaloneHTMLBuilder) -> None:
    """Give the pages that were kept, not rewritten, their index entries back.

    ``IndexBuilder.feed`` notes entries for every page it indexes, even none;
    a page in the index without any was loaded from the previous file.
    """
    indexer = builder.indexer
    assert indexer is not None  # repair_search_index returned early without one
    entries: dict[str, list[tuple[str, str, str]]] = indexer._index_entries
    kept = {docname for docname in indexer._titles if docname not in entries and docname in builder.env.all_docs}
    if kept:
        restored = _previous_index_entries(builder, kept)
        for docname in kept:
            entries[docname] = restored.get(docname, [])
    # Ordered as a clean build feeds them, by page: ``freeze`` lists each entry's pages in this order.
    ordered = sorted(entries.items())
    entries.clear()
    entries.update(ordered)


def _previous_index_entries(builder: StandaloneHTMLBuilder, docnames: set[str]) -> dict[str, list]:
    """The index entries of ``docnames`` in the previous index, as ``feed`` notes them."""
    path = Path(builder.outdir, builder.searchindex_filename)
    if builder.indexer_dumps_unicode:
        with open(path, encoding="utf-8") as stream:
            frozen: Any = builder.indexer_format.load(stream)
    else:
        with open(path, "rb") as stream:
            frozen = builder.indexer_format.load(stream)
    index2fn = frozen["docnames"]
    found: dict[str, list[tuple[str, str, str]]] = {}
    # Sphinx writes each entry lower-cased as (page number, target id, is main entry).
    for entry, places in frozen["indexentries"].items():
        for number, target_id, main in places:
            docname = index2fn[number]
            if docname in docnames:
                found.setdefault(docname, []).append((entry, target_id, "main" if main else ""))
    return found


def setup(app: Sphinx) -> None:
    app.connect("html-collect-pages", repair_search_index)
