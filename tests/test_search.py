"""The members' search, read from ``searchindex.js`` of a small root (the browser test is in test_search_browser.py).

- the pages of ``kennisbank_search_exclude`` are on the site, but no word of them is in the index;
- an object that is its page is found once, as the page; objects that share a page keep their own entry;
- ``trefwoorden`` are found, but not shown.
"""

from __future__ import annotations

import json
import re

import pytest
import snowballstemmer
import Stemmer
from bs4 import BeautifulSoup
from snowballstemmer.dutch_stemmer import DutchStemmer
from sphinx.errors import ConfigError

from conftest import DOCS, warnings_of

pytestmark = pytest.mark.sphinx("html", testroot="search")


def search_index(app) -> dict:
    text = (app.outdir / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def pages_with_term(index: dict, term: str) -> set[str]:
    """The pages whose text (or title) holds ``term``, as the search tool reads the index."""
    found = set()
    for mapping in (index["terms"], index["titleterms"]):
        numbers = mapping.get(term, [])
        found |= {index["docnames"][n] for n in ([numbers] if isinstance(numbers, int) else numbers)}
    return found


def pages_terms(index: dict, docname: str) -> set[str]:
    """Every word of the text and title of ``docname`` in the index."""
    number = index["docnames"].index(docname)
    return {
        term
        for mapping in (index["terms"], index["titleterms"])
        for term, n in mapping.items()
        if n == number or (isinstance(n, list) and number in n)
    }


def page(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def test_the_root_builds_without_warnings(built_app):
    assert warnings_of(built_app) == ""


def test_excluded_pages_stay_on_the_site_but_out_of_the_index(built_app):
    index = search_index(built_app)
    number = index["docnames"].index("bijdragen/index")
    assert (built_app.outdir / "bijdragen/index.html").exists()
    assert index["titles"][number] == ""
    assert pages_terms(index, "bijdragen/index") == set()
    assert all(number not in [n for n, _ in places] for places in index["alltitles"].values())
    # The same word on other pages is still found.
    assert pages_with_term(index, "jeugd") == {"index", "themas/jeugd", "mensen"}


def test_an_object_that_is_its_page_is_found_once(built_app):
    index = search_index(built_app)
    entries = {(index["docnames"][e[0]], e[3], e[4]) for entries in index["objects"].values() for e in entries}
    # The theme is found as its page (title and text); the people and the organisation share a page.
    assert entries == {
        ("mensen", "kb-persoon-anne", "Anne Koning"),
        ("mensen", "kb-persoon-bram", "Bram Smit"),
        ("mensen", "kb-organisatie-voorbeeld", "Gemeente Voorbeeld"),
    }
    inventory = (built_app.outdir / "objects.inv").read_bytes()
    assert inventory.startswith(b"# Sphinx inventory")  # the theme stays linkable from other sites


def test_keywords_are_found_but_not_shown(built_app):
    index = search_index(built_app)
    assert pages_with_term(index, "jeugdzorg") == {"themas/jeugd"}
    assert pages_with_term(index, "raadhuis") == {"mensen"}
    # A phrase is one entry: the search tool finds it by each of its words (a partial match).
    assert any("jeugdhulp" in term for term in pages_terms(index, "themas/jeugd"))
    jeugd = page(built_app, "themas/jeugd")
    assert "jeugdzorg" not in jeugd.select_one("[role=main]").get_text()
    assert jeugd.find("meta", attrs={"name": "keywords"})["content"] == "jeugdzorg, integrale jeugdhulp"


def test_descriptions_come_from_the_summary_or_the_first_paragraph(built_app):
    def description(name):
        return page(built_app, name).find("meta", attrs={"name": "description"})["content"]

    assert description("themas/jeugd") == "Alles over jeugd in de gemeenten."
    assert description("mensen") == "Wie er aan de jeugd werkt."  # several objects: the page's own words
    assert description("search") == "Een kleine kennisbank om het zoeken mee te testen."


@pytest.mark.sphinx(confoverrides={"kennisbank_search_exclude": ["bijdragen/*", 3]})
def test_an_invalid_exclusion_stops_the_build(app_params, make_app):
    with pytest.raises(ConfigError, match="kennisbank_search_exclude moet een lijst van patronen"):
        make_app(*app_params.args, **app_params.kwargs)


def test_the_c_stemmer_gives_the_stems_of_the_pure_python_one():
    # PyStemmer only makes the search index faster: the stems, which the browser's
    # dutch-stemmer.js must find again, are those of snowballstemmer's own Dutch stemmer.
    assert isinstance(snowballstemmer.stemmer("dutch"), Stemmer.Stemmer)
    text = " ".join(path.read_text(encoding="utf-8") for path in DOCS.rglob("*.md"))
    words = sorted({word.lower() for word in re.findall(r"\w+", text)})
    assert len(words) > 1000
    c, python = Stemmer.Stemmer("dutch"), DutchStemmer()
    assert [w for w in words if c.stemWord(w) != python.stemWord(w)] == []
