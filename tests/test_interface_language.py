"""Every word of the interface is Dutch, on every built page, as a browser shows it.

Collects the visible text (``document.body.innerText``, without code and without text
marked as another language, such as the English of the developers' page) and every
``aria-label``, ``title``, ``alt`` and ``placeholder`` of each page of the real
site, and fails on English interface words: furo's and Sphinx's own strings,
which the kennisbank extension translates (sphinx_ext/interface.py).
"""

from __future__ import annotations

import re

import pytest

from test_browser import every_page, open_page, visit

#: English interface words, matched as whole words, case-insensitively. Dutch
#: words that happen to be English ("Index", "Menu", "auto", "mode") are left out,
#: or only caught in the phrase furo uses.
ENGLISH = [
    r"skip",
    r"content",
    r"back to top",
    r"next",
    r"previous",
    r"toggle",
    r"contents",
    r"on this page",
    r"made with",
    r"search",
    r"searching",
    r"link to this",
    r"light",
    r"dark",
    r"auto light",
    r"colou?r theme",
    r"navigation",
    r"sidebar",
    r"copyright",
    r"home",
    r"edit this page",
    r"view this page",
    r"expand",
    r"collapse",
    r"breadcrumbs",
    r"pages? matching",
    r"please",
    r"last updated",
    r"table of contents",
]
#: Whole words: not inside a name such as "Content-Security-Policy" either.
ENGLISH_WORDS = re.compile(r"(?<![\w-])(" + "|".join(ENGLISH) + r")(?![\w-])", flags=re.I)

COLLECT = """() => {
    const found = [document.title];
    for (const element of document.querySelectorAll("[aria-label], [title], [alt], [placeholder]")) {
        for (const name of ["aria-label", "title", "alt", "placeholder"]) {
            const value = element.getAttribute(name);
            if (value) found.push(`${name}="${value}"`);
        }
    }
    for (const button of document.querySelectorAll("input[type=submit], input[type=button]")) found.push(button.value);
    // Code shows what contributors type (configuration names, commands): not interface. Nor is
    // text marked as another language: English by intent (the developers' page, lang="en").
    document.querySelectorAll("pre, code, kbd, samp, body [lang]:not([lang|='nl'])").forEach((element) => element.remove());
    found.push(document.body.innerText);
    return found;
}"""


def english_in(texts: list[str]) -> list[str]:
    """Each English word found, with a little of its context."""
    return [
        text[max(0, match.start() - 30) : match.end() + 30].replace("\n", " ")
        for text in texts
        for match in ENGLISH_WORDS.finditer(text)
    ]


def test_the_word_list_finds_furos_english():
    furo = ["Skip to content", 'aria-label="Toggle site navigation sidebar"', "Back to top", "Made with Sphinx"]
    assert all(english_in([text]) for text in furo)
    dutch = [
        "Direct naar de inhoud",
        "Zet het in uw agenda",
        "Index",
        "Menu",
        "Auto's",
        "mode",
        "Content-Security-Policy",
    ]
    assert english_in(dutch) == []


def test_the_interface_is_dutch_on_every_page(browser, site_url, docs_html):
    context, page, _, _ = open_page(browser, site_url + "index.html")
    found: dict[str, list[str]] = {}
    try:
        for address in every_page(docs_html):
            visit(page, site_url + address)
            assert page.evaluate("document.documentElement.lang") == "nl", address
            english = english_in(page.evaluate(COLLECT))
            if english:
                found[address] = english
    finally:
        context.close()
    assert found == {}


def test_the_search_page_speaks_dutch(browser, site_url):
    context, page, _, _ = open_page(browser, site_url + "search.html?q=welvaart")
    try:
        page.wait_for_selector(".kb-resultaat", timeout=10000)
        summary = page.locator("#kb-zoekstatus").inner_text()
        assert re.fullmatch(r"(1 resultaat|\d+ resultaten) voor ‘welvaart’\.", summary), summary
        assert english_in(page.evaluate(COLLECT)) == []
        page.goto(site_url + "search.html?q=xqzwvk", wait_until="load")
        page.wait_for_selector("#kb-zoekstatus:not(:empty)")
        assert page.locator("#kb-zoekstatus").inner_text().startswith("Geen resultaten voor ‘xqzwvk’.")
    finally:
        context.close()


def test_printing_shows_no_skip_link(browser, site_url):
    context, page, _, _ = open_page(browser, site_url + "themas/brede-welvaart.html")
    try:
        skip = page.locator(".skip-to-content")
        assert skip.inner_text() == "Direct naar de inhoud"
        page.emulate_media(media="print")
        assert skip.evaluate("element => getComputedStyle(element).display") == "none"
        assert "Direct naar de inhoud" not in page.evaluate("document.body.innerText")
    finally:
        context.close()


@pytest.mark.parametrize(
    ("selector", "name"),
    [
        ("#__navigation", "Menu openen of sluiten"),
        ("#__toc", "Inhoud van deze pagina openen of sluiten"),
        (".theme-toggle-header .theme-toggle", "Wissel tussen lichte, donkere en automatische weergave"),
        ("label.nav-overlay-icon", "Menu"),
    ],
)
def test_the_controls_have_dutch_names_without_javascript(selector, name, browser, site_url):
    """The names are in the HTML itself, not given by a script."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_url + "themas/brede-welvaart.html")
        control = page.locator(selector).first
        assert name in (control.get_attribute("aria-label"), control.get_attribute("title"))
    finally:
        context.close()
