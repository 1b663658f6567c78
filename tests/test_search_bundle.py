"""The members' search index made lighter to download (writers/pagefind_bundle.py), read
from the small root's build and from Pagefind run on a site made here:

- each record's fragment named after its place, past records marked, no filter ``tijd``;
- the order by date in a file of its own, oldest first, and no sort in the metadata;
- each index chunk's range ends at its last word, so Pagefind's lookup finds every word
  in its own chunk (Pagefind's own ranges lose the words past their shortened end);
- the search page asks for the entry file, the metadata and (by the ranges) the chunks.
"""

from __future__ import annotations

import gzip
import json
import random
import re

import pytest
from bs4 import BeautifulSoup

from conftest import pagefind_records
from kennisbank.writers import pagefind
from kennisbank.writers.pagefind_bundle import PAST_MARK, finish
from kennisbank.writers.pagefind_order import META_CHUNKS, META_FILTERS, META_PAGES, META_SORTS, read_data

pytestmark = pytest.mark.sphinx("html", testroot="search")


def meta_of(bundle):
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    ((_language, facts),) = entry["languages"].items()
    return facts["hash"], read_data(bundle / f"pagefind.{facts['hash']}.pf_meta")


def fragment(bundle, name: str) -> dict:
    return json.loads(gzip.decompress((bundle / "fragment" / f"{name}.pf_fragment").read_bytes())[12:])


def test_records_are_named_by_their_place_and_the_past_by_its_mark(built_app):
    bundle = built_app.outdir / "pagefind"
    _tag, meta = meta_of(bundle)
    names = [name for name, _count in meta[META_PAGES]]
    folders = {name.split("/")[0] for name in names}
    assert len(folders) == 1 and re.fullmatch(r"[0-9a-f]{8}", folders.pop())
    assert [re.sub(r"v$", "", name.split("/")[1]) for name in names] == [str(n) for n in range(len(names))]
    past = sorted(fragment(bundle, name)["url"] for name in names if name.endswith(PAST_MARK))
    assert past == ["/actueel/bericht.html", "/agenda/oud.html"]  # on 1 May 2023: the news is 8 months old
    # The filter went: each past record says so by its name; its fragment keeps its data.
    assert [name for name, _file in meta[META_FILTERS]] == ["jaar", "soort", "thema"]
    assert len(list((bundle / "filter").iterdir())) == 3
    assert pagefind_records(built_app.outdir)["/agenda/oud.html"]["filters"]["tijd"] == ["voorbij"]
    assert len(list((bundle / "fragment").rglob("*.pf_fragment"))) == len(names)


def test_the_order_by_date_is_a_file_of_its_own(built_app):
    bundle = built_app.outdir / "pagefind"
    _tag, meta = meta_of(bundle)
    assert meta[META_SORTS] == []
    (order_file,) = bundle.glob("kennisbank-volgorde.*.json")
    order = json.loads(order_file.read_text(encoding="utf-8"))["datum"]
    names = [name for name, _count in meta[META_PAGES]]
    assert [fragment(bundle, names[number])["url"] for number in order] == [
        "/actueel/bericht.html",  # 1 September 2022
        "/agenda/oud.html",  # 10 November 2022
        "/agenda/nieuw.html",  # 14 June 2023
    ]


def test_the_search_page_asks_for_the_index_at_once(built_app):
    bundle = built_app.outdir / "pagefind"
    tag, meta = meta_of(bundle)
    search = BeautifulSoup((built_app.outdir / "search.html").read_text(encoding="utf-8"), "html.parser")
    preloads = [link["href"] for link in search.select('link[rel="preload"][as="fetch"]')]
    assert preloads == [
        "pagefind/wasm.nl.pagefind",
        f"pagefind/pagefind-entry.json?ts={tag}",
        f"pagefind/pagefind.{tag}.pf_meta",
    ]
    section = search.select_one("#kb-zoeken")
    assert section["data-index"] == tag and section["data-voorbij"] == PAST_MARK
    assert json.loads(section["data-delen"]) == meta[META_CHUNKS]
    filters = {name: f"pagefind/filter/{file}.pf_filter" for name, file in meta[META_FILTERS]}
    assert json.loads(section["data-filters"]) == filters and all(
        (built_app.outdir / f).exists() for f in filters.values()
    )
    assert (built_app.outdir / section["data-volgorde"]).exists()
    # What Pagefind's engine reads is compressed anew, and still gzip.
    assert gzip.decompress((bundle / "wasm.nl.pagefind").read_bytes()).startswith(b"pagefind_dcd")


# -- the ranges of the index chunks ------------------------------------------------


def _words(count: int) -> list[str]:
    """Made-up Dutch-looking words, the same on every run, with many shared beginnings."""
    generator = random.Random(32)
    starts = ["be", "ge", "ver", "pers", "pl", "st", "thema", "over", "on"]
    return [generator.choice(starts) + "".join(generator.choices("aeioulnrst", k=5)) for _ in range(count)]


def _lookup(chunks, word: str) -> int | None:
    """Pagefind's lookup of a word (request_indexes, pagefind_web/src/lib.rs): the first chunk whose range holds it."""
    return next((number for number, (first, last, _name) in enumerate(chunks) if first <= word <= last), None)


def _misplaced(bundle, meta) -> list[str]:
    """The words of the index that Pagefind's lookup does not find in their own chunk."""
    wrong = []
    for number, (_first, _last, name) in enumerate(meta[META_CHUNKS]):
        for word, *_rest in read_data(bundle / "index" / f"{name}.pf_index")[0]:
            if _lookup(meta[META_CHUNKS], word) != number:
                wrong.append(word)
    return wrong


def test_every_word_is_looked_up_in_its_own_chunk(tmp_path):
    words = _words(6000)
    site = tmp_path / "site"
    for page in range(60):
        text = " ".join(words[page * 100 : page * 100 + 100] * 10)
        path = site / f"p{page}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'<html lang="nl"><body><h1>Pagina {page}</h1><p>{text}</p></body></html>', encoding="utf-8")
    bundle = tmp_path / "pagefind"
    pagefind.run_pagefind(site, bundle)
    _tag, meta = meta_of(bundle)
    assert len(meta[META_CHUNKS]) > 3
    assert _misplaced(bundle, meta), "Pagefind zoekt nu elk woord in zijn eigen deel: pagefind_bundle kan korter"
    finish(bundle)
    _tag, meta = meta_of(bundle)
    assert _misplaced(bundle, meta) == []
