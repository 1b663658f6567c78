"""Layout on every built page at 320 px, and the keyboard in what scrolls.

- no page scrolls sideways (WCAG 1.4.10, reflow), and no element is wider than the
  screen or sticks out of it, except inside a region that scrolls (a code block, a
  table that cannot become cards), and except what is hidden;
- whatever does scroll (a wide table, a code block) can take focus and has a name;
- no word shown is broken without a hyphen, except an address or a path (with "/"
  or "@") and code: short words fit, long ones in headings and in the titles of
  the previous and next page carry soft hyphens (builders/htmlfixes.py), the facts
  of an event go under their labels, and ``hyphens: auto`` with ``lang="nl"`` does
  the rest where the browser has a Dutch dictionary (Debian's chromium has none, so
  here every other break counts);
- the arrow keys scroll a focused table and do not leave the page.
"""

from __future__ import annotations

from test_browser import axe_on_every_page, axe_violations, every_page, open_page, survey

LAYOUT = """() => {
    const root = document.documentElement;
    const scrollsSideways = root.scrollWidth > root.clientWidth;
    const nameOf = (element) => element.tagName.toLowerCase() + [...element.classList].slice(0, 2).map((c) => "." + c).join("");
    const unreachable = [];
    for (const element of document.querySelectorAll("article *")) {
        const style = getComputedStyle(element);
        if (!["auto", "scroll"].includes(style.overflowX)) continue;
        if (element.scrollWidth <= element.clientWidth + 1) continue;
        if (element.tabIndex < 0 || !element.getAttribute("aria-label")) {
            unreachable.push(element.tagName + "." + element.className);
        }
    }
    const invisible = (element) => {
        for (let e = element; e && e !== document.body; e = e.parentElement) {
            const style = getComputedStyle(e);
            if (style.display === "none" || style.visibility === "hidden") return true;
            // Read out but not shown: a box of a pixel that clips what it holds.
            if (["hidden", "clip"].includes(style.overflowX) && e.getBoundingClientRect().width <= 1) return true;
        }
        return false;
    };
    // Every word shown, except code and an address or a path (with "/" or "@"), which may
    // break anywhere; the sidebars are off the screen until opened.
    const shown = (node) => {
        const parent = node.parentElement;
        if (!parent || parent.closest("pre, code, script, style, .sidebar-drawer, .toc-drawer")) return false;
        return parent.getClientRects().length > 0 && !invisible(parent);
    };
    const broken = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.data.trim() || !shown(node)) continue;
        // A soft hyphen (U+00AD) is where a word may break, with a hyphen shown.
        for (const match of node.data.matchAll(/[^\\s\\u00ad\\u2013\\u2014-]+/g)) {
            if (/[\\/@]/.test(match[0])) continue;
            const word = document.createRange();
            word.setStart(node, match.index);
            word.setEnd(node, match.index + match[0].length);
            if (word.getClientRects().length < 2) continue;  // on one line
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
            if (lines.size > 1) broken.push(`${match[0]} (${nameOf(node.parentElement)})`);
        }
    }
    const width = root.clientWidth;
    const inScrollRegion = (element) => {
        for (let e = element.parentElement; e; e = e.parentElement) {
            const style = getComputedStyle(e);
            if (["auto", "scroll"].includes(style.overflowX) && e.tabIndex >= 0 && e.getAttribute("aria-label")) {
                return true;
            }
        }
        return false;
    };
    const tooWide = [];
    for (const element of document.body.querySelectorAll("*")) {
        if (element.closest(".sidebar-drawer, .toc-drawer")) continue;  // off the screen until opened
        const box = element.getBoundingClientRect();
        if (box.width === 0 || (box.width <= width + 1 && box.right <= width + 1)) continue;
        if (inScrollRegion(element) || invisible(element)) continue;
        tooWide.push(`${nameOf(element)}: ${Math.round(box.left)}-${Math.round(box.right)} px`);
    }
    return {scrollsSideways, width: root.scrollWidth, unreachable, broken, tooWide: tooWide.slice(0, 5)};
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


def test_every_page_fits_320_px_and_what_scrolls_takes_focus(browser, site_url, docs_html):
    context, page, _, _ = open_page(browser, site_url + "index.html", width=320)
    try:
        hyphenates = page.evaluate(HYPHENATES)
        # The check itself finds an element wider than the screen, and a word broken without a
        # hyphen (not one broken at a soft hyphen, nor an address).
        page.evaluate(
            """() => {
                const wide = document.createElement("div");
                wide.className = "kb-te-breed";
                wide.style.cssText = "width: 400px; height: 1px";
                const narrow = document.createElement("p");
                narrow.className = "kb-te-smal";
                narrow.style.cssText = "width: 5em; overflow-wrap: anywhere";
                narrow.textContent = "Toegankelijkheidsverklaring Toe\u00adgan\u00adke\u00adlijk\u00adheids https://vzhg.nl/kennisbank";
                document.querySelector("article").append(wide, narrow);
            }"""
        )
        layout = page.evaluate(LAYOUT)
        assert [wide.split(":")[0] for wide in layout["tooWide"]] == ["div.kb-te-breed"]
        assert layout["broken"] == ["Toegankelijkheidsverklaring (p.kb-te-smal)"]
    finally:
        context.close()
    problems: dict[str, dict] = {}
    for address, layout in survey(browser, site_url, every_page(docs_html), LAYOUT, width=320)["light"].items():
        if hyphenates:
            layout["broken"] = []
        if layout["scrollsSideways"] or layout["unreachable"] or layout["broken"] or layout["tooWide"]:
            problems[address] = layout
    assert problems == {}


def test_axe_finds_no_wcag_22_aa_violations_on_any_page_at_320_px(browser, site_url, docs_html):
    assert axe_violations(axe_on_every_page(browser, site_url, docs_html, 320, ("light",))["light"]) == {}


def test_the_arrow_keys_scroll_what_is_wider_than_the_screen_and_stay_on_the_page(browser, site_url):
    # Tables become cards on a phone; a code block still scrolls (so does a table that cannot
    # become cards: tests/test_layout_browser.py), in a region the keyboard reaches.
    context, page, _, _ = open_page(browser, site_url + "bijdragen/objecten.html", width=320)
    try:
        blocks = page.locator("article pre[tabindex='0']")
        widths = blocks.evaluate_all("all => all.map(e => e.scrollWidth > e.clientWidth + 1)")
        assert True in widths, "a page of examples with a code block wider than a phone"
        wide = blocks.nth(widths.index(True))
        wide.focus()
        assert wide.evaluate("element => element === document.activeElement")
        url = page.url
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(300)
        assert page.url == url
        assert wide.evaluate("element => element.scrollLeft") > 0
        page.keyboard.press("ArrowLeft")
        page.wait_for_timeout(300)
        assert page.url == url
    finally:
        context.close()
