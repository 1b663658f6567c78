"""Sharing and discovery on the real site: descriptions, Open Graph, canonical addresses, sitemap, logo."""

from __future__ import annotations

from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

BASE = "https://vzhg.github.io/kennisbank/"
NOT_FOUND = "404"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def pages(docs_html) -> dict[str, BeautifulSoup]:
    """Every document's page, by document name."""
    return {
        docname: BeautifulSoup((docs_html.outdir / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")
        for docname in sorted(docs_html.env.found_docs)
    }


def meta(soup: BeautifulSoup, **attrs: str) -> str | None:
    tag = soup.find("meta", attrs=attrs)
    return tag["content"] if tag else None


def test_every_page_has_a_description_and_open_graph_tags(pages):
    missing = {}
    for docname, soup in pages.items():
        description = meta(soup, name="description")
        tags = {
            "description": description,
            "og:title": meta(soup, property="og:title"),
            "og:description": meta(soup, property="og:description"),
            "og:url": meta(soup, property="og:url"),
            "og:site_name": meta(soup, property="og:site_name"),
            "og:locale": meta(soup, property="og:locale"),
        }
        absent = [name for name, value in tags.items() if not value]
        if absent:
            missing[docname] = absent
        assert len(soup.find_all("meta", attrs={"name": "description"})) <= 1, docname
        assert tags["og:url"] is None or tags["og:url"] == f"{BASE}{docname}.html"
        assert tags["og:locale"] in (None, "nl_NL")
        assert description is None or (len(description) <= 200 and "{" not in description), docname
    assert missing == {}


def test_an_object_page_is_described_by_its_summary(pages):
    summary = "Bestuurlijke prioriteit van de VZHG; uitwerking volgt."
    assert meta(pages["themas/jeugd"], name="description") == summary
    assert meta(pages["themas/jeugd"], property="og:description") == summary
    # A page of several objects is described by its own first paragraph.
    assert meta(pages["personen"], name="description").startswith("Personen die in de nieuwsbrief")


def test_every_page_but_not_found_has_its_canonical_address(pages):
    wrong = {}
    for docname, soup in pages.items():
        links = [link["href"] for link in soup.find_all("link", rel="canonical")]
        expected = [] if docname == NOT_FOUND else [f"{BASE}{docname}.html"]
        if links != expected:
            wrong[docname] = links
    assert wrong == {}


def test_the_sitemap_lists_every_page_but_not_found(docs_html):
    tree = ElementTree.parse(docs_html.outdir / "sitemap.xml")
    assert tree.getroot().tag == f"{SITEMAP}urlset"
    addresses = [loc.text for loc in tree.getroot().iter(f"{SITEMAP}loc")]
    pages = [docname for docname in docs_html.env.found_docs if docname != NOT_FOUND]
    # And the pages the extension makes: the month pages and the year pages of agenda and news.
    made = [p.relative_to(docs_html.outdir).as_posix() for p in docs_html.outdir.glob("*/*/[0-9]*.html")]
    assert len(made) >= 4, made
    expected = sorted([f"{BASE}{docname}.html" for docname in pages] + [f"{BASE}{path}" for path in made])
    assert addresses == expected
    assert f"{BASE}bijdragen/index.html" in addresses  # left out of the search, not of the sitemap
    assert all((docs_html.outdir / urlsplit(a).path.removeprefix("/kennisbank/")).is_file() for a in addresses)


def test_logo_and_favicon_are_our_own_and_referenced(docs_html, pages):
    static = docs_html.outdir / "_static"
    for name in ("vzhg-logo.svg", "favicon.svg", "vzhg-deelkaart.png"):
        assert (static / name).is_file(), name
    for svg in ("vzhg-logo.svg", "favicon.svg"):
        root = ElementTree.parse(static / svg).getroot()
        references = [value for element in root.iter() for key, value in element.attrib.items() if "href" in key]
        assert references == [], svg  # no linked images or fonts
    home = pages["index"]
    assert home.find("link", rel="icon")["href"] == "_static/favicon.svg"
    logo = home.select_one("img.sidebar-logo")
    assert logo["src"] == "_static/vzhg-logo.svg"
    assert logo["alt"] == "Vereniging van Zuid-Hollandse Gemeenten"
    assert meta(home, property="og:image") == f"{BASE}_static/vzhg-deelkaart.png"
    assert meta(home, property="og:image:alt")


def test_nothing_is_loaded_from_another_host(pages):
    """Addresses a page loads (not links it offers) are relative or on the site's own host."""
    foreign = set()
    for docname, soup in pages.items():
        loaded = [tag.get("src") for tag in soup.find_all(["script", "img", "source", "iframe"])]
        loaded += [tag.get("href") for tag in soup.find_all("link") if "canonical" not in tag.get("rel", [])]
        loaded += [meta(soup, property="og:image")]
        for address in filter(None, loaded):
            host = urlsplit(address).netloc
            if host and host != urlsplit(BASE).netloc:
                foreign.add((docname, address))
    assert foreign == set()
