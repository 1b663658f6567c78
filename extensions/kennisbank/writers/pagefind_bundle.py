"""Pagefind's index made lighter for a phone, after Pagefind has written it.

What a search downloads before its first result is Pagefind's engine, its metadata (a
line per record: 6,850 records at the benchmark's size) and the index chunks of the
words asked. The metadata gets smaller:

- **the records' names.** Pagefind names each record's fragment (its title, address and
  text) after its content, seven hex digits that do not compress: two thirds of the
  metadata. Here the fragments of one index are named after their place in it,
  ``<tag>/<number>``, in a folder named after the whole index (``tag``, from Pagefind's
  names): a changed index has other names, so a browser never takes a fragment of an
  older build from its cache, and the names cost a third.
- **what is past** (the filter ``tijd``: events that are over, old news), which the
  search page ranks lower. A filter costs a request and a list of all past records per
  search; instead each past record's name ends in :data:`PAST_MARK`, which the search
  page reads from the result itself. The filter goes.
- **the order by date** (the sort ``datum``: a list of all dated records), needed only
  when a member sorts by date: it moves into a file of its own (:data:`ORDER_FILE`), the
  numbers of the dated records from oldest to newest, which the search page then loads.

Two more things make what every search loads lighter or surer:

- what every search downloads whole (the engine's WebAssembly, the metadata) and the
  filters are compressed anew with libdeflate's highest level: 4 to 9% fewer bytes than
  Pagefind's own gzip, for the same content, in milliseconds (the index chunks are left
  as they are: 2% took a third of a second at the benchmark's size, 7% a second);
- each index chunk's range ends at its last word. Pagefind ends it at the shortest start
  that tells it from the next chunk's first word ("pe" before "plaats"), and then finds
  no chunk for a word past that start ("persoon", the chunk's last word): a query with
  it lost that word, unless Pagefind's fallback (only when no word of the query is found)
  loaded the chunk. The search page fetches a query's chunks by the same ranges.

Then the filters are put in a stable order (``pagefind_order``) and the metadata is
written under its new name. :func:`finish` returns what the search page needs to fetch
it all at once: the metadata's name, the chunks (to fetch those of the query in the same
go) and the order file. ``tests/test_search.py`` checks all this against Pagefind's own.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model.search import FILTER_TIME, PAST, SORT_DATE
from .pagefind_order import (
    META_CHUNKS,
    META_FILTERS,
    META_PAGES,
    META_SORTS,
    compressed,
    order_filters,
    read_data,
    write_meta,
)

#: The end of the name of a past record's fragment (the rest is a folder and a number).
PAST_MARK = "v"
#: The order by date, in the bundle: ``{"datum": [numbers, oldest first]}``; <hash> after its content.
ORDER_FILE = "kennisbank-volgorde.{hash}.json"


@dataclass(frozen=True)
class Bundle:
    """What the search page fetches, in Pagefind's folder."""

    tag: str  # the metadata's name, which changes with the index (Pagefind's ``metaCacheTag``)
    meta: str  # its file
    chunks: tuple[tuple[str, str, str], ...]  # each index chunk: first word, last word, name
    filters: dict[str, str]  # each filter's file
    order: str  # the order file, "" when nothing has a date

    @property
    def entry(self) -> str:
        """The address by which Pagefind fetches its entry file with this tag."""
        return f"pagefind-entry.json?ts={self.tag}"


def finish(bundle: Path) -> Bundle:
    """Move the past records' filter and the order by date out of the metadata in ``bundle``."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    ((language, facts),) = entry["languages"].items()  # the site's language, forced
    meta_path = bundle / f"pagefind.{facts['hash']}.pf_meta"
    meta = read_data(meta_path)
    name_by_place(bundle, meta, past=take_out_the_past(bundle, meta))
    order = move_the_order(bundle, meta)
    end_chunks_at_their_last_words(bundle, meta)
    order_filters(bundle, language, meta)
    for wasm in bundle.glob("wasm.*.pagefind"):
        wasm.write_bytes(recompressed(wasm.read_bytes()))
    meta_path.unlink()
    facts["hash"] = write_meta(bundle, language, meta)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    chunks = tuple((first, last, name) for first, last, name in meta[META_CHUNKS])
    filters = {name: file for name, file in meta[META_FILTERS]}
    return Bundle(facts["hash"], f"pagefind.{facts['hash']}.pf_meta", chunks, filters, order)


@functools.lru_cache(maxsize=2)
def recompressed(gzipped: bytes) -> bytes:
    """Pagefind's gzipped WebAssembly compressed again at libdeflate's highest level.

    The same file on every build of one Pagefind version: remembered, so that a process
    that builds again (``make serve``, the tests) does not spend 30 ms on it each time.
    """
    return compressed(gzip.decompress(gzipped))


def take_out_the_past(bundle: Path, meta: list[Any]) -> set[int]:
    """The numbers of the records in the filter ``tijd``, which leaves ``meta`` and the bundle."""
    filters = dict(meta[META_FILTERS])
    if FILTER_TIME not in filters:
        return set()
    path = bundle / "filter" / f"{filters[FILTER_TIME]}.pf_filter"
    _key, values = read_data(path)
    path.unlink()
    meta[META_FILTERS] = [[name, file] for name, file in meta[META_FILTERS] if name != FILTER_TIME]
    return {number for value, numbers in values if value == PAST for number in numbers}


def name_by_place(bundle: Path, meta: list[Any], past: set[int]) -> None:
    """Rename each record's fragment ``<tag>/<number>``, with PAST_MARK for a record in ``past``."""
    pages = meta[META_PAGES]
    tag = hashlib.sha256("\n".join(name for name, _count in pages).encode()).hexdigest()[:8]
    folder = bundle / "fragment"
    (folder / tag).mkdir()
    moved: dict[str, str] = {}
    for number, page in enumerate(pages):
        name = f"{tag}/{number}{PAST_MARK if number in past else ''}"
        target = os.path.join(folder, f"{name}.pf_fragment")
        if page[0] in moved:  # two records alike, which Pagefind stores once
            shutil.copyfile(moved[page[0]], target)
        else:
            os.rename(os.path.join(folder, f"{page[0]}.pf_fragment"), target)
            moved[page[0]] = target
        page[0] = name


def end_chunks_at_their_last_words(bundle: Path, meta: list[Any]) -> None:
    """Each index chunk's range in ``meta`` up to its last word."""
    for chunk in meta[META_CHUNKS]:
        words = read_data(bundle / "index" / f"{chunk[2]}.pf_index")[0]
        chunk[1] = words[-1][0]


def move_the_order(bundle: Path, meta: list[Any]) -> str:
    """Write the sort by date into ORDER_FILE, by the records' numbers; return the file's name."""
    sorts = dict(meta[META_SORTS])
    meta[META_SORTS] = [[name, order] for name, order in meta[META_SORTS] if name != SORT_DATE]
    if SORT_DATE not in sorts:
        return ""
    data = json.dumps({SORT_DATE: sorts[SORT_DATE]}, separators=(",", ":")).encode()
    file = ORDER_FILE.format(hash=hashlib.sha256(data).hexdigest()[:10])
    (bundle / file).write_bytes(data)
    return file
