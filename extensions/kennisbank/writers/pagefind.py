"""The members' search index: Pagefind over the written pages, in every HTML build.

Pagefind (https://pagefind.app, from PyPI as ``pagefind[bin]``) writes a static index in
chunks into ``pagefind/``; the search page loads only the chunks a query needs, the
engine (WebAssembly) and the excerpts of the results it shows. What it indexes is
prepared in the pages (``sphinx_ext/search.py``): the content under
``data-pagefind-body``, without the generated lists of EXCLUDED (which would make every
person a hit on every page that lists people), and each page's hidden search data.

As soon as the last page is written, ``stage`` writes the records into a folder of their
own, outside the output (in memory where the system has it, ``/dev/shm``), and Pagefind's
command line starts on them (``pagefind_run.py``); the build waits for it at its end
(``SearchIndexer``). The records:

- each page for members, as the part Pagefind reads of it: the content and its data,
  without the navigation around it and without the sections of the objects below, both
  of which Pagefind would parse only to leave them out (most of a page);
- each object that shares its page (a person on the people page) as a record of its
  own: its section cut from the page, with its data from the domain, as
  ``STAGING/<page>/<anchor>.html``, which stands for ``<page>.html#<anchor>``: the
  search page (``static/kennisbank-zoeken.js``) turns one into the other.

The index is the same as Pagefind makes of the whole pages (only its lists of anchors
are shorter), at a third of the HTML to parse. Then ``pagefind_bundle.py`` makes it
lighter to download, and the search page is written with what it should fetch at once
(see ``write_search_page``).

The whole index is made anew in every build, incremental or not, from the pages as they
are then (the pages of documents removed since the last build are left out, though still
on disk until the build's end): it cannot go stale, and it is the same after a clean, an
incremental and a ``-j 2`` build.

Besides the index: ``kennisbank-zoekwoorden.json``, the vocabulary for "Bedoelde u ...?",
which the search page loads only when nothing matches.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging

from ..model.objects import KBObject
from ..model.schema import KEYWORDS
from ..model.search import object_facts, vocabulary
from ..sphinx_ext.buildstate import build_state
from ..sphinx_ext.domain import kb_domain
from ..sphinx_ext.failures import guarded
from ..sphinx_ext.priorities import SEARCH_INDEX, START_SEARCH_INDEX
from ..sphinx_ext.search import (
    BUNDLE,
    INDEX_CONTEXT,
    SEARCH_PAGE,
    SEARCH_PART,
    STAGING,
    VOCABULARY,
    data_html,
    is_indexed_build,
    is_searchable,
    synonyms,
)
from .pagefind_bundle import PAST_MARK, Bundle, finish
from .pagefind_run import PagefindRun

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
#: The element whose content Pagefind indexes (templates/*/kennisbank/page.html), and the
#: page's search data after it (sphinx_ext/search.py, data_html).
_INDEXED = re.compile(r"<(?:article|div)\b[^>]*\sdata-pagefind-body[\s>]")
_DATA_START, _DATA_END = '<div class="kb-zoekgegevens" hidden>', "</div>"


#: Pagefind's settings (besides where it reads and writes).
SETTINGS = {"force_language": "nl", "exclude_selectors": list(EXCLUDED), "keep_index_url": True}


class SearchIndexer:
    """The index, in two steps. When the last page is written (``html-collect-pages``, after
    the agenda's and the news' pages), the records are staged and Pagefind starts; it runs
    while Sphinx copies its files and the other writers finish. At the end of the build
    the indexer waits for it, makes the index lighter and writes the search page. The time
    the build spends on it (staging, waiting, finishing) is logged."""

    def __init__(self) -> None:
        self._run: PagefindRun | None = None
        self._staging: tempfile.TemporaryDirectory[str] | None = None
        self._count = 0
        self._spent = 0.0

    def setup(self, app: Sphinx) -> None:
        app.connect("html-collect-pages", self.start, priority=START_SEARCH_INDEX)
        app.connect("build-finished", self.finish, priority=SEARCH_INDEX)

    def start(self, app: Sphinx) -> Iterator[tuple[str, dict[str, object], str]]:
        """No pages of its own (the search page comes after the index). A generator: Sphinx
        goes through the handlers' pages in order, so it starts once theirs are written."""
        self._clean_up()
        if is_indexed_build(app):
            self._start(app)
        yield from ()

    @guarded("het maken van de zoekindex", default=())
    def _start(self, app: Sphinx) -> None:
        started = time.perf_counter()
        outdir = Path(app.outdir)
        shutil.rmtree(outdir / BUNDLE, ignore_errors=True)
        self._staging = tempfile.TemporaryDirectory(prefix="kennisbank-zoekindex-", dir=memory_folder())
        self._count = stage(app, outdir, Path(self._staging.name))
        self._run = PagefindRun(Path(self._staging.name), outdir / BUNDLE, SETTINGS)
        self._spent = time.perf_counter() - started

    def finish(self, app: Sphinx, exception: Exception | None) -> None:
        if exception is not None or not is_indexed_build(app):
            self._clean_up()
            return
        bundle = None
        try:
            bundle = self._finish(app)
        finally:
            self._clean_up()
            write_search_page(app, bundle)  # also without an index: it says so, and offers the overviews

    @guarded("het maken van de zoekindex")
    def _finish(self, app: Sphinx) -> Bundle | None:
        if self._run is None:
            return None  # it could not start: reported
        started = time.perf_counter()
        run, self._run = self._run, None
        for line in run.wait():
            logger.warning("Pagefind: %s", line, type="kennisbank", subtype="zoekindex")
        outdir = Path(app.outdir)
        with collector_paused():
            bundle = finish(outdir / BUNDLE)
        for pattern in UNUSED:
            for path in (outdir / BUNDLE).glob(pattern):
                path.unlink()
        write_vocabulary(app, outdir / VOCABULARY)
        spent = self._spent + time.perf_counter() - started
        logger.info("zoekindex: Pagefind, %d resultaten, in %.1f s", self._count, spent)
        return bundle

    def _clean_up(self) -> None:
        if self._run is not None:
            self._run.stop()
            self._run = None
        if self._staging is not None:
            self._staging.cleanup()
            self._staging = None


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while the index is read and written again.

    At the end of the build the build's millions of objects are no longer frozen
    (sphinx_frozen_gc thaws them), and the lists of Pagefind's data made the collector
    scan them all, again and again: 5 s at the benchmark's size. These lists hold no
    cycles; they are freed as soon as they are no longer used."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def memory_folder() -> str | None:
    """A folder in memory for the records, if the system has one (Linux); else the temporary folder."""
    folder = Path("/dev/shm")
    return str(folder) if folder.is_dir() and os.access(folder, os.W_OK) else None


def stage(app: Sphinx, outdir: Path, staging: Path) -> int:
    """Write each record into ``staging``, at the path Pagefind makes its address of; return
    how many. In one process and in order: Pagefind numbers the records in the order it
    finds the files, which in a folder in memory is the order they were written."""
    count = 0
    for path, html in records(app, outdir):
        target = staging / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        count += 1
    return count


def run_pagefind(site: Path, output: Path) -> None:
    """Pagefind over the records in ``site`` into ``output``, waited for (the tests' way)."""
    for line in PagefindRun(site, output, SETTINGS).wait():
        logger.warning("Pagefind: %s", line, type="kennisbank", subtype="zoekindex")


def records(app: Sphinx, outdir: Path) -> Iterator[tuple[str, str]]:
    """Each page that members search, and after it each object on it with a result of its own:
    where Pagefind should find it (relative to the site), and its HTML."""
    assert isinstance(app.builder, StandaloneHTMLBuilder)  # is_indexed_build
    suffix = app.builder.out_suffix
    shared = {f"{docname}{suffix}": (docname, objects) for docname, objects in shared_objects(app).items()}
    domain = kb_domain(app.env)
    today, words = build_state(domain.env).settings.today(), synonyms(domain)
    removed = {f"{docname}{suffix}" for docname in build_state(domain.env).removed_docs}  # their pages go at the end
    for path in sorted(outdir.rglob(f"*{suffix}")):
        name = path.relative_to(outdir).as_posix()
        if name.startswith(f"{BUNDLE}/") or name in removed:
            continue
        indexed = indexed_part(path.read_text(encoding="utf-8"))
        if indexed is None:
            continue  # not for members, or no page of the site's (Pagefind would leave it out too)
        rest, sections = split_page(indexed)
        yield name, record_page(rest)
        docname, objects = shared.get(name, ("", []))
        for obj in objects:
            section = sections.get(obj.anchor)
            if section is not None:  # else not in a section of its own: found with its page
                data = data_html(object_facts(obj, domain.objects, today, words))
                record = f"<div data-pagefind-body>\n{section}\n</div>\n{data}"
                yield f"{STAGING}/{docname}/{obj.anchor}.html", record_page(record)


def shared_objects(app: Sphinx) -> dict[str, list[KBObject]]:
    """The objects that share a page members search, by page, in order of their ids."""
    domain = kb_domain(app.env)
    by_page: dict[str, list[KBObject]] = {}
    for obj in sorted(domain.objects.values(), key=lambda o: o.id):
        if domain.page_object(obj.docname) is not obj and is_searchable(domain, obj.docname):
            by_page.setdefault(obj.docname, []).append(obj)
    return by_page


def indexed_part(html: str) -> str | None:
    """What Pagefind indexes of a page: the element with ``data-pagefind-body`` and the page's
    search data after it; None for a page without it."""
    body = _INDEXED.search(html)
    if body is None:
        return None
    data = html.find(_DATA_START, body.start())
    if data < 0:
        return html  # no search data where the templates put it: all of the page, as it is
    return html[body.start() : html.index(_DATA_END, data) + len(_DATA_END)]


def split_page(html: str) -> tuple[str, dict[str, str]]:
    """``html`` without its ``kb-zoekdeel`` sections (which Pagefind would leave out of the
    page's record: EXCLUDED), and each of them without that class, by the ids in it that are
    in no section nested deeper: the section of the objects whose anchors they are."""
    spans, open_starts = [], []
    for tag in _SECTION_TAG.finditer(html):
        if tag.group() == "<section":
            open_starts.append(tag.start())
        elif open_starts:
            spans.append((open_starts.pop(), tag.end()))
    found: dict[str, str] = {}
    parts = []
    for start, end in sorted(spans, reverse=True):  # the innermost first, of sections that share ids
        opening_end = html.index(">", start)
        opening = html[start:opening_end]
        ids = _ids_outside_inner_sections(html, start, end, spans)
        if not re.search(rf"\bclass=\"[^\"]*\b{SEARCH_PART}\b", opening):
            found.update(dict.fromkeys((i for i in ids if i not in found), ""))  # claimed: not a search part
            continue
        parts.append((start, end))
        section = re.sub(rf"\s*\b{SEARCH_PART}\b", "", opening) + html[opening_end:end]
        found.update({i: section for i in ids if i not in found})
    rest, position = [], 0
    for start, end in sorted(parts):
        if start >= position:  # not inside a part already left out
            rest.append(html[position:start])
            position = end
    rest.append(html[position:])
    return "".join(rest), {anchor: section for anchor, section in found.items() if section}


def _ids_outside_inner_sections(html: str, start: int, end: int, spans: list[tuple[int, int]]) -> list[str]:
    inner = [(s, e) for s, e in spans if start < s and e <= end]
    return [
        match.group(1)
        for match in re.finditer(r'\sid="([^"]+)"', html[start:end])
        if not any(s <= start + match.start() < e for s, e in inner)
    ]


def record_page(indexed: str) -> str:
    """The page Pagefind reads for a record: what it indexes, with its data."""
    return f'<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"></head><body>\n{indexed}\n</body></html>\n'


@guarded("het schrijven van de zoekpagina")
def write_search_page(app: Sphinx, bundle: Bundle | None) -> None:
    """The search page, written after the index so that it can name the index's files. Its
    head asks for them all at once (a phone pays the round trip once, not per file): the
    engine and its WebAssembly (always the same names), and Pagefind's entry file and
    metadata (named after this index); its script fetches the query's index chunks, the
    filters and the order by date that the address asks for in the same go."""
    assert isinstance(app.builder, StandaloneHTMLBuilder)  # is_indexed_build
    index = {}
    if bundle is not None:
        index = {
            "preloads": [f"{BUNDLE}/{bundle.entry}", f"{BUNDLE}/{bundle.meta}"],
            "tag": bundle.tag,
            "chunks": [list(chunk) for chunk in bundle.chunks],
            "filters": {name: f"{BUNDLE}/filter/{file}.pf_filter" for name, file in bundle.filters.items()},
            "order": f"{BUNDLE}/{bundle.order}" if bundle.order else "",
            "past": PAST_MARK,
        }
    app.builder.handle_page(SEARCH_PAGE, {"title": "Zoeken", INDEX_CONTEXT: index}, "search.html")


def write_vocabulary(app: Sphinx, path: Path) -> None:
    """The words "Bedoelde u ...?" suggests from: titles, ids, keywords and synonyms."""
    domain = kb_domain(app.env)
    texts: list[str] = []
    for obj in domain.objects.values():
        if is_searchable(domain, obj.docname):
            texts += [obj.title, obj.id, *(obj.get(KEYWORDS) or ())]
    texts += [title.astext() for docname, title in app.env.titles.items() if is_searchable(domain, docname)]
    for word, phrases in build_state(domain.env).settings.search_synonyms:
        texts += [word, *phrases]
    document = {"woorden": vocabulary(texts), "synoniemen": dict(build_state(domain.env).settings.search_synonyms)}
    path.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def setup(app: Sphinx) -> None:
    SearchIndexer().setup(app)
