"""What a member sees of the layout, in chromium: cards with room inside, targets large
enough to hit, and tables that fit a phone.

- the front page's priority cards and an event's summary box keep their padding (the
  visitors of sphinx-design and MyST-Parser are no longer thrown away, and our own boxes
  are no Bootstrap "container"), and the cards of one row do not touch;
- every control and every link that stands on its own is at least 24 by 24 px; on a
  phone the header's controls and the menu's links are 44 px;
- on a phone a table with a header row is a list of cards, each value with its column's
  name; a table that cannot be cards scrolls in its region, says so above it, and keeps
  its caption in view.

Uses the server and browser of test_browser.py (imported, so it is skipped with it).
"""

from __future__ import annotations

import pytest

from conftest import build_once, warnings_of
from test_browser import open_page, served

#: The box of an element in the page: left, top, right, bottom, width, height.
BOX = """element => { const r = element.getBoundingClientRect();
    return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height}; }"""


def boxes(page, selector: str) -> list[dict]:
    return page.locator(selector).evaluate_all(f"elements => elements.map({BOX})")


def test_the_front_pages_cards_have_room_inside_and_between(browser, site_url):
    context, page, _, _ = open_page(browser, site_url + "index.html", width=1280)
    try:
        cards = page.locator(".sd-card")
        assert cards.count() == 8
        for index in range(cards.count()):
            card = cards.nth(index)
            body = card.locator(".sd-card-body")
            padding = body.evaluate("e => [getComputedStyle(e).paddingLeft, getComputedStyle(e).paddingRight]")
            assert all(float(side.removesuffix("px")) >= 12 for side in padding), padding
            outer, title = card.evaluate(BOX), card.locator(".sd-card-title").evaluate(BOX)
            assert title["left"] - outer["left"] >= 12  # the text does not touch the border
        rows: dict[int, list[dict]] = {}
        for box in boxes(page, ".sd-card"):
            rows.setdefault(round(box["top"]), []).append(box)
        assert any(len(row) > 1 for row in rows.values()), "op 1280 px staan de kaarten naast elkaar"
        for row in rows.values():
            row.sort(key=lambda box: box["left"])
            gaps = [right["left"] - left["right"] for left, right in zip(row, row[1:], strict=False)]
            assert all(gap >= 8 for gap in gaps), gaps
    finally:
        context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_an_events_summary_box_has_room_inside(browser, site_url, width):
    context, page, _, _ = open_page(
        browser, site_url + "agenda/discussiebijeenkomst-verenigingsstrategie.html", width=width
    )
    try:
        card = page.locator(".kb-kaart")
        assert "container" not in card.get_attribute("class").split()
        outer = card.evaluate(BOX)
        for inner in boxes(page, ".kb-kaart > *"):
            assert inner["left"] - outer["left"] >= 12 and outer["right"] - inner["right"] >= 12
    finally:
        context.close()


#: Controls and links that stand on their own, on every page: at least 24 by 24 px.
STANDALONE = (
    "nav.breadcrumbs a",
    ".kb-edit-link a",
    ".related-pages a",
    ".kb-over-site a",
    ".kb-footer a",
)
#: On a phone: the header's controls and the menu's links and switches, 44 px.
THUMB = (
    ".mobile-header label.nav-overlay-icon",
    ".mobile-header .header-center a",
    ".mobile-header .kb-zoekknop",
    ".mobile-header .theme-toggle",
    ".mobile-header label.toc-header-icon",
    ".sidebar-drawer .sidebar-tree a.reference",
    ".sidebar-drawer .sidebar-tree .toctree-checkbox + label",
)
TARGET_PAGES = ["themas/brede-welvaart.html", "agenda/discussiebijeenkomst-verenigingsstrategie.html", "404.html"]


def too_small(page, selectors: tuple[str, ...], size: int, *, both: bool = True) -> list[str]:
    found = []
    for selector in selectors:
        for box in boxes(page, selector):
            if box["width"] == 0:  # in a closed branch of the menu
                continue
            if box["height"] < size or (both and box["width"] < size):
                found.append(f"{selector}: {box['width']:.0f}x{box['height']:.0f}")
    return found


@pytest.mark.parametrize("address", TARGET_PAGES)
def test_targets_are_large_enough_on_a_phone_and_a_laptop(browser, site_url, address):
    context, page, _, _ = open_page(browser, site_url + address, width=320)
    try:
        assert page.locator(".mobile-header .kb-zoekknop").is_visible()
        assert too_small(page, THUMB[:5], 44) == []
        assert too_small(page, THUMB[5:], 44, both=False) == []  # a menu link is as wide as the menu
        assert too_small(page, STANDALONE, 24) == []
        page.set_viewport_size({"width": 1280, "height": 900})
        assert too_small(page, (".theme-toggle-content .theme-toggle", *STANDALONE), 24) == []
        assert too_small(page, (".sidebar-tree a.reference",), 24, both=False) == []
    finally:
        context.close()


#: What each cell shows before its value: its column's name on a card, "none" in a table.
COLUMN_NAMES = """cells => cells.map(cell => {
    const before = getComputedStyle(cell, "::before").content;
    return before === "none" || before === "normal" ? "none" : JSON.parse(before);
})"""


def test_on_a_phone_the_networks_table_is_a_list_of_cards(browser, site_url):
    context, page, _, _ = open_page(browser, site_url + "netwerken/index.html", width=320)
    try:
        table = page.locator("table#kb-netwerken-tabel")
        assert table.evaluate("e => getComputedStyle(e).display") == "block"
        assert table.evaluate(BOX)["right"] <= 320
        caption = page.locator("table#kb-netwerken-tabel caption .caption-text")
        assert caption.is_visible() and caption.evaluate(BOX)["right"] <= 320
        # Each value under its column's name; the first cell is the card's title.
        row = page.locator("table#kb-netwerken-tabel tbody tr").nth(2)
        assert row.locator("td").evaluate_all(COLUMN_NAMES) == ["none", "Omschrijving", "Kenmerken", "Aansluiten"]
        # From a small tablet on it is a table, which fits the column: nothing to scroll.
        for width in (800, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            page.wait_for_timeout(200)
            assert table.evaluate("e => getComputedStyle(e).display") == "table"
            assert set(row.locator("td").evaluate_all(COLUMN_NAMES)) == {"none"}
            assert page.locator("article .table-wrapper").evaluate("e => e.scrollWidth <= e.clientWidth")
            assert page.locator(".kb-schuifhint").count() == 0
    finally:
        context.close()


WIDE_TABLE = """\
# Brede tabel

```{list-table} Een tabel zonder kopregel, breder dan een telefoon
:header-rows: 0

* - Verenigingsstrategie
  - Omgevingswetbijeenkomsten
  - Programmaplanning
```
"""


@pytest.fixture(scope="module")
def wide_table(tmp_path_factory):
    srcdir = tmp_path_factory.mktemp("breed")
    (srcdir / "index.md").write_text(WIDE_TABLE, encoding="utf-8")
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "kennisbank"]\nlanguage = "nl"\nhtml_theme = "furo"\n'
        'html_baseurl = "https://kennisbank.example/"\n',
        encoding="utf-8",
    )
    app = build_once("html", srcdir, srcdir / "_build")
    assert warnings_of(app) == ""
    with served(app.outdir) as root:
        yield root


def test_a_table_that_cannot_be_cards_scrolls_says_so_and_keeps_its_caption(browser, wide_table):
    context, page, _, _ = open_page(browser, wide_table + "index.html", width=320)
    try:
        wrapper = page.locator("article .table-wrapper")
        assert wrapper.evaluate("e => e.scrollWidth > e.clientWidth + 1")
        hint = page.locator(".kb-schuifhint")
        assert hint.is_visible() and "schuif" in hint.inner_text()
        assert wrapper.get_attribute("aria-describedby") == hint.get_attribute("id")
        assert wrapper.get_attribute("aria-label") == "Een tabel zonder kopregel, breder dan een telefoon"
        caption = page.locator("article caption .caption-text")
        wrapper.focus()
        page.keyboard.press("End")  # scrolled to the far end, the caption is still in view
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(300)
        assert wrapper.evaluate("e => e.scrollLeft") > 0
        box = caption.evaluate(BOX)
        assert 0 <= box["left"] and box["right"] <= 320
        page.set_viewport_size({"width": 1280, "height": 900})
        page.wait_for_timeout(300)
        assert hint.count() == 0 and wrapper.get_attribute("aria-describedby") is None
    finally:
        context.close()
