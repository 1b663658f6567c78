"""A news feed opened in chromium: a Dutch page with every item, accessible, within the CSP.

Uses the server and browser of test_browser.py (the real site, served with the
site's Content-Security-Policy); skipped with it when there is no browser.

Chromium 156 still applies XSLT, but shows its own English banner above the page
("This site uses XSLT; that functionality is being removed from this browser very
soon"). That banner is the browser's, not ours: axe is told to leave it out. The site's
own pages therefore show a feed's address with a button that copies it, not a link into
the feed (the last test).
"""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest

from test_browser import AXE, open_page

WCAG_22 = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FEEDS = ["actueel/atom.xml", "feeds/thema/brede-welvaart.atom.xml"]
BANNER = "xslt-warning-banner"  # chromium's own notice about XSLT


def open_feed(browser, url: str, **variant):
    """The feed as a page: a document transformed by XSLT never reaches "networkidle"."""
    opened = open_page(browser, url, wait_until="load", **variant)
    opened[1].wait_for_selector("ul.berichten")
    return opened


@pytest.mark.parametrize("path", FEEDS)
@pytest.mark.parametrize("variant", [{"width": 1280}, {"width": 1280, "dark": True}, {"width": 320}])
def test_a_feed_in_the_browser_is_a_dutch_page_with_its_items(browser, site_url, docs_html, path, variant):
    parsed = feedparser.parse((Path(docs_html.outdir) / path).read_bytes())
    context, page, requests, violations = open_feed(browser, site_url + path, **variant)
    try:
        assert page.evaluate("document.documentElement.lang") == "nl"
        heading = page.locator("h1")
        assert heading.is_visible() and heading.inner_text() == parsed.feed.title
        assert page.get_by_role("heading", name="Wat is dit?").is_visible()
        assert "Dit is een nieuwsfeed" in page.locator("main").inner_text()
        items = page.locator("ul.berichten > li h3 a")
        assert items.all_inner_texts() == [entry.title for entry in parsed.entries]
        assert all(item.is_visible() for item in items.all())
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        # The site's CSP allows what the stylesheet does: no scripts, no event handlers. It does
        # block the close button of chromium's banner (an inline onclick): that one is the browser's.
        ours = page.evaluate(
            """(banner) => [...document.querySelectorAll('*')].filter(e => !e.closest(banner)).flatMap(
                e => [e.localName === 'script' ? 'script' : '', ...[...e.attributes].map(a => a.name)
                    .filter(name => name.startsWith('on'))]).filter(Boolean)""",
            BANNER,
        )
        assert ours == []
        banner = page.locator(BANNER).count()
        assert [v for v in violations if not (banner and v.startswith("Executing inline event handler"))] == []
        assert all(url.startswith(site_url.split("/kennisbank/")[0]) for url in requests), requests
        page.evaluate(AXE.read_text(encoding="utf-8"))
        result = page.evaluate(
            "([tags, banner]) => axe.run({exclude: [[banner]]}, {runOnly: {type: 'tag', values: tags}})",
            [WCAG_22, BANNER],
        )
        assert result["passes"]
        assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]] == []
    finally:
        context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_a_pages_feed_address_is_copied_with_its_button_and_said(browser, site_url, width):
    # A page offers the address for a news reader, not a link into the feed (and so not into
    # chromium's English banner); its button copies the address and says so.
    context, page, _, violations = open_page(browser, site_url + "themas/brede-welvaart.html", width=width)
    try:
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        paragraph = page.locator("p.kb-feed-link")
        assert paragraph.locator("a").count() == 0
        address = paragraph.locator("code.kb-feed-adres").inner_text()
        assert address.endswith("/feeds/thema/brede-welvaart.atom.xml")
        button = paragraph.get_by_role("button", name="Kopieer het adres")
        box = button.bounding_box()
        assert box["height"] >= 24 and box["x"] + box["width"] <= width  # WCAG 2.5.8, on the screen
        button.focus()
        page.keyboard.press("Enter")
        paragraph.get_by_role("status").filter(has_text="Het adres is gekopieerd.").wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == address
        assert violations == []
    finally:
        context.close()
