"""Accessibility in a real browser: axe-core (WCAG 2.2 A and AA), keyboard, CSP, no third parties.

Uses Debian's chromium through Playwright (its own browser download is not used).
Skipped, with the reason, when no browser or no Playwright is available. What is
checked on every page goes through :func:`survey`: one browser, a few pages at a
time, each in a context of its own (its own renderer process).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright ontbreekt (pip install -e '.[test]')")
AXE = Path(pytest.importorskip("axe_playwright_python", reason="axe-playwright-python ontbreekt").__file__).with_name(
    "axe.min.js"
)
BROWSER = os.environ.get("KB_CHROMIUM") or shutil.which("chromium") or shutil.which("google-chrome")
if BROWSER is None:
    pytest.skip("geen chromium: .ci/run installeert Debians chromium", allow_module_level=True)

DOCS = Path(__file__).parents[1] / "docs"
PREFIX = "/kennisbank/"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGES = {
    "home": "index.html",
    "thema": "themas/brede-welvaart.html",
    "programma": "programmas/novex.html",
    "evenement": "agenda/discussiebijeenkomst-verenigingsstrategie.html",
    "agenda": "agenda/index.html",
    "maandoverzicht": "agenda/maand.html",
    "gids netwerken": "netwerken/index.html",
    "gids organisaties": "organisaties.html",
    "gids personen": "personen.html",  # the directory and the people themselves, on one page
    "zoekresultaten": "search.html?q=welvaart",
    "404": "bestaat-niet/pagina.html",
}


def content_security_policy() -> str:
    """The policy documented for hosting (docs/hosting.md): the tests hold the site to it."""
    text = (DOCS / "hosting.md").read_text(encoding="utf-8")
    return re.search(r"^Content-Security-Policy: (.+)$", text, flags=re.M).group(1)


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the build under /kennisbank/ like GitHub Pages, with the CSP header.

    Like GitHub Pages, each file may be kept for ten minutes (``Cache-Control: max-age=600``):
    without it a browser guesses from the file's age, which for a site built seconds ago is
    nothing, and what a page fetched ahead for the search page may then be fetched again."""

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0]
        if path.startswith(PREFIX):
            path = "/" + path[len(PREFIX) :]
        return super().translate_path(path)

    def send_head(self):
        if not Path(self.translate_path(self.path)).exists():
            self.path = PREFIX + "404.html"
            self.not_found = True
        return super().send_head()

    def send_response(self, code, message=None):
        super().send_response(404 if getattr(self, "not_found", False) else code, message)

    def end_headers(self):
        self.send_header("Content-Security-Policy", content_security_policy())
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, *args):
        pass


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder as it is, without a log line per request."""

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def served(directory: Path, handler: type[http.server.SimpleHTTPRequestHandler] = QuietHandler) -> Iterator[str]:
    """A built folder on localhost, for the browser: the address of its root."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@contextlib.contextmanager
def launched() -> Iterator:
    """Debian's chromium through Playwright: one per session (the ``browser`` fixture in conftest.py)."""
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=BROWSER,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def open_page(
    browser,
    url: str,
    *,
    dark: bool = False,
    width: int = 1280,
    bypass_csp: bool = False,
    wait_until: str = "networkidle",
):
    context = browser.new_context(
        color_scheme="dark" if dark else "light", viewport={"width": width, "height": 900}, bypass_csp=bypass_csp
    )
    page = context.new_page()
    requests: list[str] = []
    violations: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.goto(url, wait_until=wait_until)
    return context, page, requests, violations


SEARCH_WITH_RESULTS = "search.html?q=welvaart"


def every_page(docs_html) -> list[str]:
    """Every page of the built site, as an address under the site; the search page with results."""
    outdir = docs_html.outdir
    pages = sorted(path.relative_to(outdir).as_posix() for path in outdir.rglob("*.html"))
    assert len(pages) > 30, pages
    return [SEARCH_WITH_RESULTS if page == "search.html" else page for page in pages]


def visit(page, url: str) -> None:
    """Open a page and wait until it is complete (search results are written by script)."""
    page.goto(url, wait_until="load")
    if "search.html?q=" in url:
        page.wait_for_selector(".kb-resultaat", timeout=10000)


#: Pages surveyed at once: each in its own renderer, so a machine's cores share the work.
WORKERS = max(1, min(3, (os.cpu_count() or 1)))


def survey(
    browser,
    site_url: str,
    addresses: list[str],
    script: str,
    *,
    init_script: str = "",
    width: int = 1280,
    schemes: tuple[str, ...] = ("light",),
) -> dict[str, dict]:
    """``script`` (a JavaScript function, which may return a promise) on every page, by colour scheme and address.

    ``WORKERS`` pages at a time: each is loaded, then the script started on each, then
    the results collected, so the renderers load and work side by side. Each page is
    loaded once, in the first of ``schemes``; for each further scheme its colours are
    switched in place (``emulate_media``), which is all that loading it in that scheme
    would change: the site's dark mode is CSS alone (``prefers-color-scheme``). ``init_script``
    runs in every page before its own scripts (axe-core, loaded once per context).
    """
    contexts = [
        browser.new_context(
            viewport={"width": width, "height": 900},
            bypass_csp=bool(init_script),  # a script the test adds is no part of the site
        )
        for _ in range(WORKERS)
    ]
    results: dict[str, dict[str, object]] = {scheme: {} for scheme in schemes}
    try:
        tabs = []
        for context in contexts:
            if init_script:
                context.add_init_script(script=init_script)
            tabs.append(context.new_page())
        for start in range(0, len(addresses), len(tabs)):
            batch = list(zip(tabs, addresses[start : start + len(tabs)], strict=False))
            for tab, address in batch:
                tab.emulate_media(color_scheme=schemes[0])
                tab.goto(site_url + address, wait_until="commit")
            for tab, address in batch:
                tab.wait_for_load_state("load")
                if "search.html?q=" in address:
                    tab.wait_for_selector(".kb-resultaat", timeout=10000)
            for scheme in schemes:
                for tab, _ in batch:
                    tab.emulate_media(color_scheme=scheme)
                    tab.evaluate(f"() => {{ window.__kbSurvey = ({script})(); }}")  # started, not awaited
                for tab, address in batch:
                    results[scheme][address] = tab.evaluate("() => window.__kbSurvey")
    finally:
        for context in contexts:
            context.close()
    return results


#: axe-core with the WCAG 2.2 A and AA rules; only the violations are collected in full.
AXE_RUN = f"""() => axe.run(document, {{
    runOnly: {{type: "tag", values: {WCAG!r}}},
    resultTypes: ["violations"],
}})"""


def axe_on_every_page(browser, site_url: str, docs_html, width: int, schemes: tuple[str, ...]) -> dict[str, dict]:
    """axe-core's results on every page of the site, by colour scheme and address."""
    init = AXE.read_text(encoding="utf-8")
    return survey(browser, site_url, every_page(docs_html), AXE_RUN, init_script=init, width=width, schemes=schemes)


def axe_violations(results: dict) -> dict[str, list[str]]:
    """What axe found on each page, in short, for the pages where it found something."""
    problems: dict[str, list[str]] = {}
    for address, result in results.items():
        assert result["passes"], f"axe ran no checks on {address}"
        found = [
            f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
        ]
        if found:
            problems[address] = found
    return problems


@pytest.fixture(scope="module")
def axe_at_1280(browser, site_url, docs_html):
    """axe on every page at desktop width, light and dark from one load of each page."""
    return axe_on_every_page(browser, site_url, docs_html, 1280, ("light", "dark"))


@pytest.mark.parametrize("variant", ["licht", "donker"])
def test_axe_finds_no_wcag_22_aa_violations_on_any_page(variant, axe_at_1280):
    assert axe_violations(axe_at_1280["light" if variant == "licht" else "dark"]) == {}


@pytest.mark.parametrize("name", ["home", "evenement", "gids personen", "zoekresultaten", "404"])
def test_csp_holds_and_nothing_leaves_localhost(name, browser, site_url):
    context, page, requests, violations = open_page(browser, site_url + PAGES[name])
    try:
        page.wait_for_timeout(300)
        assert violations == []
        foreign = [url for url in requests if not url.startswith(("http://127.0.0.1:", "data:", "blob:"))]
        assert foreign == []
        assert len(requests) > 3  # the page, its styles and scripts were loaded
    finally:
        context.close()


def test_not_found_page_is_served_with_status_404(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    try:
        response = page.goto(site_url + PAGES["404"])
        assert response.status == 404
        assert page.locator("h1").first.inner_text().startswith("Pagina niet gevonden")
        # Every stylesheet was served and parsed (a missing one has no rules), so the
        # body has the theme's font, not the browser's serif.
        rules = page.evaluate("[...document.styleSheets].filter(s => s.href).map(s => s.cssRules.length)")
        assert rules and len(rules) == page.locator("link[rel=stylesheet]").count() and all(rules)
        assert "sans-serif" in page.evaluate("getComputedStyle(document.body).fontFamily")
    finally:
        context.close()


def test_directory_filter_works_with_the_keyboard_alone(browser, site_url):
    context, page, _, _ = open_page(browser, site_url + PAGES["gids personen"])
    try:
        field = page.locator("#kb-filter-0")
        assert page.locator("label[for=kb-filter-0]").inner_text() == "Zoek in deze lijst"
        for _ in range(80):  # Tab through the page until the filter field has focus
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "kb-filter-0":
                break
        else:
            pytest.fail("het zoekveld is niet met Tab te bereiken")
        page.keyboard.type("koning")
        visible = page.locator(".kb-filter-item:visible")
        assert visible.count() == 1 and "Anne Koning" in visible.first.inner_text()
        assert page.locator(".kb-filter-status").inner_text() == "1 resultaat"
        assert page.locator(".kb-filter-group:visible").count() == 1
        field.press("Control+a")
        page.keyboard.press("Backspace")
        assert page.locator(".kb-filter-item:visible").count() == page.locator(".kb-filter-item").count()
    finally:
        context.close()


def test_without_javascript_the_full_directory_shows(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_url + PAGES["gids personen"])
        assert page.locator("#kb-filter-0").count() == 0
        assert page.locator(".kb-filter-item").count() >= 6
        assert page.locator(".kb-filter-item:visible").count() == page.locator(".kb-filter-item").count()
    finally:
        context.close()


def test_menu_opens_with_the_keyboard_on_a_small_screen(browser, site_url):
    context, page, _, _ = open_page(browser, site_url + PAGES["thema"], width=320)
    try:
        menu = page.locator("label.nav-overlay-icon")
        assert menu.get_attribute("role") == "button" and menu.get_attribute("aria-expanded") == "false"
        for _ in range(20):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('nav-overlay-icon')"):
                break
        else:
            pytest.fail("de menuknop is niet met Tab te bereiken")
        page.keyboard.press("Enter")
        assert menu.get_attribute("aria-expanded") == "true"
        assert page.locator(".sidebar-drawer a.reference").first.is_visible()
        page.keyboard.press("Escape")
        assert menu.get_attribute("aria-expanded") == "false"
    finally:
        context.close()
