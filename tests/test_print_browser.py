"""Printing a page of the site from the browser: the text alone, external links written out,
an event card whole, no blank sheet at the end.

Chromium (through Playwright) lays the page out for print (``emulate_media``) and writes
the PDF a reader would get (``page.pdf``). Uses the server and browser of test_browser.py
(imported, so it is skipped with it when there is no browser or no Playwright).
"""

from __future__ import annotations

import datetime as dt
import io

import pytest

from conftest import ROOTS, build_once, warnings_of
from test_browser import PAGES, served

pypdf = pytest.importorskip("pypdf", reason="pypdf ontbreekt (pip install -e '.[pdf]')")

#: The screen's navigation: none of it belongs on paper.
CHROME = (
    ".skip-to-content",
    ".mobile-header",
    ".sidebar-drawer",
    ".toc-drawer",
    ".content-icon-container",
    ".back-to-top",
    ".related-pages",
    "nav.breadcrumbs",
    "footer .bottom-of-page",
)
SHOWN = "(selector) => [...document.querySelectorAll(selector)].some(e => e.getClientRects().length > 0)"


def printed(browser, url: str, moment: dt.datetime | None = None):
    """A page laid out as the browser prints it, and the PDF it prints."""
    context = browser.new_context()
    page = context.new_page()
    if moment is not None:
        page.clock.set_fixed_time(moment)
    page.goto(url, wait_until="networkidle")
    page.emulate_media(media="print")
    return context, page, pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))


def test_a_printed_page_is_the_text_without_the_screens_chrome(browser, site_url):
    context, page, pdf = printed(browser, site_url + PAGES["thema"])
    try:
        assert [selector for selector in CHROME if page.evaluate(SHOWN, selector)] == []
        assert page.evaluate(SHOWN, "article h1") and page.evaluate(SHOWN, ".kb-last-changed")
        links = page.evaluate(
            """[...document.querySelectorAll('article a.reference.external[href^="http"]:not(.kb-route)')]
                .map(a => [a.getAttribute('href'), getComputedStyle(a, '::after').content])"""
        )
        assert links and all(after == f'" ({href})"' for href, after in links)
        text = "\n".join(p.extract_text() for p in pdf.pages)
        assert text.lstrip().startswith("Brede welvaart")
        assert "Direct naar de inhoud" not in text and "Zoeken" not in text
        assert "(https://vng.nl/publicaties/aan-de-slag-met-brede-welvaart-als-gemeente)" in "".join(text.split())
        assert pdf.pages[-1].extract_text().strip()  # no blank sheet at the end
    finally:
        context.close()


def test_a_short_page_prints_on_one_sheet(browser, site_url):
    # furo makes the page at least a screen high, which once added an empty second sheet.
    context, _, pdf = printed(browser, site_url + PAGES["maandoverzicht"])
    try:
        assert len(pdf.pages) == 1
    finally:
        context.close()


@pytest.fixture(scope="module")
def agenda_furo_url(tmp_path_factory):
    """The agenda test root (reference date 15 April 2024) with the site's theme, served on localhost."""
    app = build_once(
        "html",
        ROOTS / "test-agenda",
        tmp_path_factory.mktemp("agenda-print"),
        confoverrides={"html_theme": "furo"},
    )
    assert warnings_of(app) == ""
    with served(app.outdir) as root:
        yield root


def test_a_printed_event_card_is_whole_and_has_no_buttons(browser, agenda_furo_url):
    # Before the event, so that the card has its calendar links on screen.
    moment = dt.datetime(2024, 5, 20, 10, tzinfo=dt.UTC)
    context, page, pdf = printed(browser, agenda_furo_url + "agenda/dagen.html", moment)
    try:
        card = "#kb-evenement-drie-dagen .kb-kaart"
        assert page.locator(f"{card} .kb-agenda-acties").count() == 1  # there, but not printed
        assert not page.evaluate(SHOWN, f"{card} .kb-agenda-acties")
        assert page.evaluate(f"getComputedStyle(document.querySelector('{card}')).breakInside") == "avoid"
        text = "\n".join(p.extract_text() for p in pdf.pages)
        assert "Gepland" in text and "Zet in uw agenda" not in text and "webcal" not in text
    finally:
        context.close()
