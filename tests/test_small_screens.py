"""Layout on every built page at 320 px, and the keyboard in what scrolls.

- no page scrolls sideways (WCAG 1.4.10, reflow);
- whatever does scroll (a wide table, a code block) can take focus and has a name;
- no word of a heading is broken without a hyphen: headings are small enough
  that short words fit, long ones carry soft hyphens (writers/htmlfixes.py), and
  ``hyphens: auto`` with ``lang="nl"`` does the rest where the browser has a Dutch
  dictionary (Debian's chromium has none, so here every other break counts);
- the arrow keys scroll a focused table and do not leave the page.
"""

from __future__ import annotations

from test_browser import browser, every_page, open_page, site_url, visit  # noqa: F401  (fixtures)

LAYOUT = """() => {
    const root = document.documentElement;
    const scrollsSideways = root.scrollWidth > root.clientWidth;
    const unreachable = [];
    for (const element of document.querySelectorAll("article *")) {
        const style = getComputedStyle(element);
        if (!["auto", "scroll"].includes(style.overflowX)) continue;
        if (element.scrollWidth <= element.clientWidth + 1) continue;
        if (element.tabIndex < 0 || !element.getAttribute("aria-label")) {
            unreachable.push(element.tagName + "." + element.className);
        }
    }
    const broken = [];
    for (const heading of document.querySelectorAll("article :is(h1, h2, h3, h4, h5, h6)")) {
        const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            // A soft hyphen (U+00AD) is where a word may break, with a hyphen shown.
            for (const match of node.data.matchAll(/[^\\s\\u00ad\\u2013\\u2014-]+/g)) {
                // The line of each letter: the last of its boxes, as the hyphen
                // shown at a soft hyphen's break counts as a box of the next letter.
                const lines = new Set();
                for (let i = match.index; i < match.index + match[0].length; i++) {
                    const range = document.createRange();
                    range.setStart(node, i);
                    range.setEnd(node, i + 1);
                    const boxes = [...range.getClientRects()];
                    if (boxes.length) lines.add(Math.round(boxes[boxes.length - 1].top));
                }
                if (lines.size > 1) broken.push(match[0]);
            }
        }
    }
    return {scrollsSideways, width: root.scrollWidth, unreachable, broken};
}"""

#: Does this browser hyphenate Dutch? Then a word split over lines got a hyphen.
HYPHENATES = """() => {
    const probe = document.createElement("div");
    probe.lang = "nl";
    probe.style.cssText = "hyphens: auto; width: 4ch; font-size: 16px; position: absolute";
    probe.textContent = "vergaderingen";
    document.body.append(probe);
    const lines = probe.getBoundingClientRect().height / parseFloat(getComputedStyle(probe).lineHeight || 19);
    probe.remove();
    return probe.offsetHeight > 0 && lines > 1.5;
}"""


def test_every_page_fits_320_px_and_what_scrolls_takes_focus(browser, site_url, docs_html):  # noqa: F811
    context, page, _, _ = open_page(browser, site_url + "index.html", width=320)
    problems: dict[str, dict] = {}
    try:
        hyphenates = page.evaluate(HYPHENATES)
        for address in every_page(docs_html):
            visit(page, site_url + address)
            layout = page.evaluate(LAYOUT)
            if hyphenates:
                layout["broken"] = []
            if layout["scrollsSideways"] or layout["unreachable"] or layout["broken"]:
                problems[address] = layout
    finally:
        context.close()
    assert problems == {}


def test_the_arrow_keys_scroll_a_wide_table_and_stay_on_the_page(browser, site_url, docs_html):  # noqa: F811
    context, page, _, _ = open_page(browser, site_url + "index.html", width=320)
    try:
        for address in every_page(docs_html):
            visit(page, site_url + address)
            wide = page.locator(".table-wrapper").filter(has=page.locator("table"))
            found = [
                index
                for index in range(wide.count())
                if wide.nth(index).evaluate("element => element.scrollWidth > element.clientWidth + 1")
            ]
            if found:
                break
        else:
            raise AssertionError("geen pagina met een brede tabel op 320 px: deze test toetst dan niets")
        wrapper = wide.nth(found[0])
        wrapper.focus()
        assert wrapper.evaluate("element => element === document.activeElement")
        url = page.url
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(300)
        assert page.url == url
        assert wrapper.evaluate("element => element.scrollLeft") > 0
        page.keyboard.press("ArrowLeft")
        page.wait_for_timeout(300)
        assert page.url == url
    finally:
        context.close()
