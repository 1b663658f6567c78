"""The Dutch interface and the focusable scroll regions, in the HTML Sphinx writes.

No browser: the built page itself carries the Dutch names (furo's page template
in our copy, Sphinx's messages from our catalog), soft hyphens in long heading
words and ``tabindex`` on code blocks and tables, composed with the visitors of
MyST-Parser and sphinx-design whichever is loaded first: a ``{div}`` keeps its
style, grids and cards get no ``container`` class. The browser tests check the
whole site; these check the mechanism on a small project, fast (one build per order).
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import build_once, warnings_of

PAGE = """\
# Verenigingsstrategie

Tekst.

```{list-table} Netwerken en hun leden
* - Naam
  - Leden
```

```python
print("hallo")
```

```{list-table} Leden per netwerk
:header-rows: 1

* - Netwerk
  - Leden
  - Contact
* - Juristen
  - 12
  -
```

:::{div} kb-kader
:style: border: 2px solid green

Tekst in een kader.
:::

::::{grid} 1 2 2 2
:gutter: 2

:::{grid-item-card} Brede welvaart
Een kaart.
:::
::::

```{toctree}
:hidden:

sectie
```
"""
#: A section with a page in it, whose title the foot of the section's own page shows ("Volgende").
SECTION = "# Sectie\n\n```{toctree}\n:hidden:\n\nvolgende\n```\n"
NEXT_PAGE = "# Toegankelijkheidsverklaring en `samenwerkingsverband`\n\nTekst.\n"


#: The extensions in both orders: sphinx-design registers its visitors before ours, or after.
ORDERS = {
    "sphinx-design eerst": ["myst_parser", "sphinx_design", "kennisbank"],
    "kennisbank eerst": ["myst_parser", "kennisbank", "sphinx_design"],
}


@pytest.fixture(scope="module", params=ORDERS)
def page(request, tmp_path_factory):
    srcdir = tmp_path_factory.mktemp("bron")
    (srcdir / "index.md").write_text(PAGE, encoding="utf-8")
    (srcdir / "sectie.md").write_text(SECTION, encoding="utf-8")
    (srcdir / "volgende.md").write_text(NEXT_PAGE, encoding="utf-8")
    (srcdir / "conf.py").write_text(
        f'extensions = {ORDERS[request.param]!r}\nlanguage = "nl"\nhtml_theme = "furo"\n'
        'html_baseurl = "https://kennisbank.example/"\n'
        'myst_enable_extensions = ["colon_fence"]\n',
        encoding="utf-8",
    )
    app = build_once("html", srcdir, srcdir / "_build")
    assert warnings_of(app) == ""
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    return html, BeautifulSoup(html, "html.parser"), app.outdir


def test_furos_controls_and_messages_are_dutch(page):
    html, soup, _ = page
    for english in ("Skip to content", "Back to top", "Toggle", "Made with", "Link to this", "Light mode", "Copyright"):
        assert english not in html, english
    assert soup.select_one(".skip-to-content").get_text(strip=True) == "Direct naar de inhoud"
    assert soup.select_one(".back-to-top").get_text(strip=True) == "Terug naar boven"
    assert soup.select_one("#__navigation")["aria-label"] == "Menu openen of sluiten"
    assert soup.select_one(".theme-toggle")["aria-label"] == "Wissel tussen lichte, donkere en automatische weergave"
    assert soup.select_one("h1 a.headerlink")["title"] == "Link naar deze kop"
    assert soup.select_one("#svg-sun title").get_text() == "Lichte weergave"


def test_scrollable_regions_take_focus_and_have_a_name(page):
    _, soup, _ = page
    wrapper = soup.select_one("div.table-wrapper")
    assert (wrapper["tabindex"], wrapper["role"], wrapper["aria-label"]) == ("0", "region", "Netwerken en hun leden")
    code = soup.select_one("div.highlight pre")
    assert (code["tabindex"], code["aria-label"]) == ("0", "Codevoorbeeld")


def test_long_words_in_headings_get_soft_hyphens(page):
    _, soup, outdir = page
    heading = soup.select_one("h1").contents[0]
    assert heading.replace("\u00ad", "") == "Verenigingsstrategie"
    assert "\u00ad" in heading
    # Only the heading: the title the search shows (Pagefind's meta data) keeps the plain word.
    assert soup.select_one('[data-pagefind-meta="title"]').get_text() == "Verenigingsstrategie"


def test_the_next_pages_title_at_the_foot_gets_soft_hyphens_too(page):
    # Half a phone's width each: without them, "Toegankelijkheidsverklaring" broke anywhere.
    _, _, outdir = page
    soup = BeautifulSoup((outdir / "sectie.html").read_text(encoding="utf-8"), "html.parser")
    title = soup.select_one(".related-pages a.next-page .title")
    words = title.get_text().split()
    assert words[0].replace("\u00ad", "") == "Toegankelijkheidsverklaring" and "\u00ad" in words[0]
    assert title.select_one("code").get_text() == "samenwerkingsverband"  # code stays as written
    following = BeautifulSoup((outdir / "volgende.html").read_text(encoding="utf-8"), "html.parser")
    assert "\u00ad" not in following.select_one("head title").get_text()  # the page's own title stays whole


def test_our_visitors_keep_what_myst_and_sphinx_design_write(page):
    _, soup, _ = page
    box = soup.select_one("div.kb-kader")
    assert box["style"] == "border: 2px solid green"
    assert "container" not in box["class"]
    for part in (".sd-container-fluid", ".sd-row", ".sd-col", ".sd-card", ".sd-card-body"):
        element = soup.select_one(part)
        assert element is not None and "container" not in element["class"], part
    # furo's table wrapper is no sphinx-design component: it keeps the class furo styles it by.
    assert soup.select_one("div.table-wrapper")["class"] == ["table-wrapper", "docutils", "container"]


def test_a_table_with_a_header_row_can_become_cards(page):
    _, soup, _ = page
    cards, scrolls = soup.select("article table")[1], soup.select("article table")[0]
    assert "kb-stapelbaar" in cards["class"] and "kb-stapelbaar" not in scrolls["class"]
    # Each body cell its column's name, but the first (the card's title) and an empty one.
    cells = cards.select("tbody td")
    assert [cell.get("data-kolom") for cell in cells] == [None, "Leden", None]
    assert not scrolls.select("[data-kolom]")
