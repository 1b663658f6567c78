"""The members' search index: Pagefind over the written pages, at the end of each HTML build.

Pagefind (https://pagefind.app, from PyPI as ``pagefind[bin]``) reads the built HTML and
writes a static index in chunks into ``pagefind/``; the search page loads only the
chunks a query needs, the engine (WebAssembly) and the excerpts of the results it shows.
What it indexes is prepared in the pages (``sphinx_ext/search.py``): the content under
``data-pagefind-body``, without the generated lists of EXCLUDED (which would make every
person a hit on every page that lists people), and each page's hidden search data.

An object that shares its page (a person on the people page) is a record of its own: its
section is copied into a small page of its own in ``STAGING`` (with its data, from the
domain), indexed with the rest, and removed again. Its address there,
``STAGING/<page>/<anchor>.html``, stands for ``<page>.html#<anchor>``: the search page
(``static/kennisbank-zoeken.js``) turns one into the other.

The whole index is made anew in every build, incremental or not, from the pages as they
are then: it cannot go stale, and it is the same after a clean, an incremental and a
``-j 2`` build (Pagefind names its files after their content). Pagefind's binary runs as a
process of its own, through its command line rather than its Python API, which waits a
tenth of a second for every answer (a second for ten objects that share pages).

Besides the index: ``kennisbank-zoekwoorden.json``, the vocabulary for "Bedoelde u ...?",
which the search page loads only when nothing matches.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import cast

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging

from ..model.search import object_facts, vocabulary
from ..sphinx_ext.buildstate import build_state
from ..sphinx_ext.domain import kb_domain
from ..sphinx_ext.failures import guarded
from ..sphinx_ext.priorities import SEARCH_INDEX
from ..sphinx_ext.search import (
    BUNDLE,
    SEARCH_PART,
    STAGING,
    VOCABULARY,
    data_html,
    is_indexed_build,
    is_searchable,
    synonyms,
)
from .pagefind_order import put_in_order

logger = logging.getLogger(__name__)

#: What is on a page but is not its own content: generated lists of other objects and pages,
#: the sections of the objects that are results of their own, heading links ("¶").
EXCLUDED = (
    f".{SEARCH_PART}",
    ".headerlink",
    ".toctree-wrapper",
    ".kb-gerelateerd",
    ".kb-overzicht",
    ".kb-gids",
    ".kb-agenda",
    ".kb-agenda-archief",
    ".kb-agenda-maanden",
    ".kb-agenda-meer",
    ".kb-maand",
    ".kb-maandpagina-s",
    ".kb-maandnavigatie",
    ".kb-berichten",
    ".kb-recent",
    ".kb-nieuwsbrieven",
    ".kb-archief-jaren",
    ".kb-feed-link",
)
#: Pagefind's ready-made interfaces: the search page has its own (Dutch, with kinds and
#: key facts), so they are not published.
UNUSED = ("pagefind-ui.*", "pagefind-component-ui.*", "pagefind-modular-ui.*", "pagefind-highlight.js")
#: Where a shared object's section starts and how far it runs: docutils writes sections only
#: as these tags (contributors cannot write HTML).
_SECTION_TAG = re.compile(r"<section\b|</section>")


@guarded("het maken van de zoekindex")
def write_search_index(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not is_indexed_build(app):
        return
    started = time.perf_counter()
    outdir = Path(app.outdir)
    for folder in (outdir / BUNDLE, outdir / STAGING):
        shutil.rmtree(folder, ignore_errors=True)
    try:
        staged = stage_shared_objects(app, outdir / STAGING)
        run_pagefind(outdir)
        put_in_order(outdir / BUNDLE)
    finally:
        shutil.rmtree(outdir / STAGING, ignore_errors=True)
    for pattern in UNUSED:
        for path in (outdir / BUNDLE).glob(pattern):
            path.unlink()
    write_vocabulary(app, outdir / VOCABULARY)
    logger.info(
        "zoekindex: Pagefind, %d objecten met een eigen resultaat, in %.1f s",
        staged,
        time.perf_counter() - started,
    )


def run_pagefind(outdir: Path) -> None:
    """Pagefind's command line over ``outdir``, with its settings in a file of their own."""
    from pagefind_bin import get_executable  # type: ignore[import-untyped]  # ships no types

    settings = {
        "site": str(outdir),
        "output_path": str(outdir / BUNDLE),
        "force_language": "nl",
        "exclude_selectors": list(EXCLUDED),
        "keep_index_url": True,
        "quiet": True,
    }
    with tempfile.TemporaryDirectory() as folder:  # Pagefind reads pagefind.json where it runs
        Path(folder, "pagefind.json").write_text(json.dumps(settings), encoding="utf-8")
        # Without PAGEFIND_* variables of the environment, which Pagefind would merge in.
        environment = {name: value for name, value in os.environ.items() if not name.startswith("PAGEFIND_")}
        done = subprocess.run(
            [str(get_executable())], cwd=folder, env=environment, capture_output=True, text=True, timeout=600
        )
    if done.returncode != 0 or not (outdir / BUNDLE / "pagefind.js").exists():
        output = (done.stderr or done.stdout).strip()[-2000:]
        raise RuntimeError(f"Pagefind stopte met code {done.returncode}: {output}")
    for line in (done.stderr + done.stdout).splitlines():  # with "quiet": only warnings and errors
        if line.strip():
            logger.warning("Pagefind: %s", line.strip(), type="kennisbank", subtype="zoekindex")


def stage_shared_objects(app: Sphinx, staging: Path) -> int:
    """A page of its own in ``staging`` for each object whose section is a search result of its own."""
    domain = kb_domain(app.env)
    today, words = build_state(domain.env).settings.today(), synonyms(domain)
    by_page: dict[str, list] = {}
    for obj in domain.objects.values():
        if domain.page_object(obj.docname) is not obj and is_searchable(domain, obj.docname):
            by_page.setdefault(obj.docname, []).append(obj)
    count = 0
    for docname, objects in sorted(by_page.items()):
        assert isinstance(app.builder, StandaloneHTMLBuilder)  # is_indexed_build
        path = Path(app.builder.get_outfilename(docname))
        if not path.exists():
            continue
        html = path.read_text(encoding="utf-8")
        for obj in sorted(objects, key=lambda o: o.id):
            section = shared_section(html, obj.anchor)
            if section is None:
                continue  # not in a section of its own: found with its page
            facts = object_facts(obj, domain.objects, today, words)
            target = staging / docname / f"{obj.anchor}.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(record_page(section, data_html(facts)), encoding="utf-8")
            count += 1
    return count


def shared_section(html: str, anchor: str) -> str | None:
    """The ``kb-zoekdeel`` section around the element with id ``anchor``, without that class."""
    position = html.find(f'id="{anchor}"')
    if position < 0:
        return None
    start = _open_section_before(html, position)
    if start is None:
        return None
    depth = 0
    for tag in _SECTION_TAG.finditer(html, start):
        depth += 1 if tag.group() == "<section" else -1
        if depth == 0:
            section = html[start : tag.end()]
            opening_end = section.index(">")
            opening = re.sub(rf"\s*\b{SEARCH_PART}\b", "", section[:opening_end])
            return opening + section[opening_end:]
    return None


def _open_section_before(html: str, position: int) -> int | None:
    """The start of the innermost section still open at ``position``, if it is a search part."""
    open_starts: list[int] = []
    for tag in _SECTION_TAG.finditer(html, 0, position):
        if tag.group() == "<section":
            open_starts.append(tag.start())
        elif open_starts:
            open_starts.pop()
    if not open_starts:
        return None
    start = open_starts[-1]
    opening = html[start : html.index(">", start)]
    return start if re.search(rf"\bclass=\"[^\"]*\b{SEARCH_PART}\b", opening) else None


def record_page(section: str, data: str) -> str:
    """The page Pagefind reads for one object: its section as content, and its data."""
    return (
        '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"></head><body>\n'
        f"<div data-pagefind-body>\n{section}\n</div>\n{data}\n</body></html>\n"
    )


def write_vocabulary(app: Sphinx, path: Path) -> None:
    """The words "Bedoelde u ...?" suggests from: titles, ids, keywords and synonyms."""
    domain = kb_domain(app.env)
    texts: list[str] = []
    for obj in domain.objects.values():
        if is_searchable(domain, obj.docname):
            texts += [obj.title, obj.id, *cast(tuple[str, ...], obj.fields.get("trefwoorden", ()))]
    texts += [title.astext() for docname, title in app.env.titles.items() if is_searchable(domain, docname)]
    for word, phrases in build_state(domain.env).settings.search_synonyms:
        texts += [word, *phrases]
    document = {"woorden": vocabulary(texts), "synoniemen": dict(build_state(domain.env).settings.search_synonyms)}
    path.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.connect("build-finished", write_search_index, priority=SEARCH_INDEX)
