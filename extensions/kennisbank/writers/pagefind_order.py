"""Pagefind's filter index in a stable order, so that two builds of the same pages are equal.

Pagefind 1.5.2 writes each filter's values (``soort``: "Thema", "Bijeenkomst", ...) and the
list of filters in its metadata in the order of a Rust hash map, which differs from one
run to the next (``pagefind/src/index/mod.rs``: "TODO: Change filter indexes to BTree to
give them a stable hash"; fixed on Pagefind's main branch after 1.5.2). The filter files
are named after their content, and the metadata file names them, so every build of the
same pages gave other files: an incremental build never equalled a clean one.

This puts them in order after Pagefind has written them: each filter's values sorted by
value (with their pages in page order), the filters and sorts in the metadata sorted by
name, each file named anew after its content, and ``pagefind-entry.json`` pointed at the
new metadata. Only the order changes, and with it the names: what a search finds is the
same. The files are gzip-compressed CBOR behind Pagefind's signature; the search page
reads them as before. ``tests/test_search.py`` fails when a Pagefind release writes them
in order itself: then this module can go.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import cbor2
import deflate

#: What every Pagefind data file starts with, after decompression.
SIGNATURE = b"pagefind_dcd"
#: The positions in the metadata's CBOR array (``MetaIndex`` in ``index/index_metadata.rs``):
#: the records (fragment name, word count), the index chunks (first word, last word, name),
#: the filters and the sorts (name, file or order).
META_PAGES, META_CHUNKS, META_FILTERS, META_SORTS = 1, 2, 3, 4


def read_data(path: Path) -> Any:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path.name} is geen gegevensbestand van Pagefind")
    return cbor2.loads(raw[len(SIGNATURE) :])


def data_bytes(value: Any) -> bytes:
    """Pagefind's form of ``value``, gzip-compressed as small as libdeflate can, without a time
    stamp: the same value gives the same bytes."""
    return compressed(SIGNATURE + cbor2.dumps(value))


def compressed(data: bytes) -> bytes:
    """``data`` as gzip at libdeflate's highest level, which Pagefind's engine reads as its own."""
    return bytes(deflate.gzip_compress(data, 12))


def _named(language: str, data: bytes, length: int) -> str:
    return f"{language}_{hashlib.sha256(data).hexdigest()[:length]}"


def put_in_order(bundle: Path) -> None:
    """Sort the filter index of every language in ``bundle`` (Pagefind's output folder)."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, facts in entry["languages"].items():
        meta_path = bundle / f"pagefind.{facts['hash']}.pf_meta"
        meta = read_data(meta_path)
        order_filters(bundle, language, meta)
        meta_path.unlink()
        facts["hash"] = write_meta(bundle, language, meta)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def order_filters(bundle: Path, language: str, meta: list[Any]) -> None:
    """Each filter's values in order, each filter file named anew; the filters and sorts of
    ``meta`` (changed in place) in order of their names."""
    filters = []
    for name, old in sorted(meta[META_FILTERS]):
        old_path = bundle / "filter" / f"{old}.pf_filter"
        key, values = read_data(old_path)
        data = data_bytes([key, sorted([value, sorted(pages)] for value, pages in values)])
        new = _named(language, data, 7)
        old_path.unlink()
        (bundle / "filter" / f"{new}.pf_filter").write_bytes(data)
        filters.append([name, new])
    meta[META_FILTERS] = filters
    meta[META_SORTS] = sorted(meta[META_SORTS])


def write_meta(bundle: Path, language: str, meta: list[Any]) -> str:
    """Write ``meta`` under a name after its content, which is returned (the entry's ``hash``)."""
    data = data_bytes(meta)
    name = _named(language, data, 10)
    (bundle / f"pagefind.{name}.pf_meta").write_bytes(data)
    return name
