"""The newsletter e-mail in chromium: 600 and 320 px without sideways scrolling, WCAG in light and dark.

A mail program is not a browser, but chromium shows what the HTML asks for: the
600 px table shrinks with the screen, and the colours read well in both colour
schemes (axe-core, WCAG 2.1 A and AA, on the e-mail as it is). Nothing is fetched
but the images, from the website. Skipped, with the reason, without chromium.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DOCS, ROOTS, build_once, warnings_of
from test_browser import AXE, WCAG

#: The e-mails to look at: edition 1 of the site (the spring 2023 newsletter) and the
#: test root's, which has an image.
SOURCES = {"editie 1": DOCS, "testeditie": ROOTS / "test-newsletter"}
SIDEWAYS = "() => [document.scrollingElement.scrollWidth, innerWidth]"


@pytest.fixture(scope="module")
def letters(tmp_path_factory) -> dict[str, Path]:
    found = {}
    for name, srcdir in SOURCES.items():
        app = build_once("nieuwsbrief", srcdir, tmp_path_factory.mktemp("nieuwsbrief"))
        assert warnings_of(app) == ""
        found[name] = Path(app.outdir) / "nieuwsbrief-1.html"
    return found


def open_letter(browser, path: Path, *, width: int, dark: bool = False):
    """The e-mail as a file; its images are answered here, every other request is refused."""
    context = browser.new_context(color_scheme="dark" if dark else "light", viewport={"width": width, "height": 900})
    page = context.new_page()
    fetched: list[str] = []

    def answer(route):
        fetched.append(route.request.url)
        if route.request.resource_type == "image":
            route.fulfill(status=404, body="")
        else:
            route.abort()

    page.route("http*://**/*", answer)
    page.goto(path.as_uri(), wait_until="load")
    return context, page, fetched


@pytest.mark.parametrize("width", [600, 320])
@pytest.mark.parametrize("name", SOURCES)
def test_the_e_mail_fits_the_screen_without_scrolling_sideways(name, width, browser, letters):
    context, page, fetched = open_letter(browser, letters[name], width=width)
    try:
        scroll_width, inner_width = page.evaluate(SIDEWAYS)
        assert scroll_width <= inner_width
        letter = page.locator("table.kb-letter").bounding_box()
        assert 0 < letter["width"] <= width
        assert all(url.startswith("https://") and "/_images/" in url for url in fetched), fetched
    finally:
        context.close()


def test_the_letter_is_600_px_on_a_wide_screen(browser, letters):
    context, page, _ = open_letter(browser, letters["editie 1"], width=1280)
    try:
        assert page.locator("table.kb-letter").bounding_box()["width"] == 600
    finally:
        context.close()


@pytest.mark.parametrize("dark", [False, True], ids=["licht", "donker"])
@pytest.mark.parametrize("name", SOURCES)
def test_axe_finds_no_wcag_violations_in_light_or_dark(name, dark, browser, letters):
    context, page, _ = open_letter(browser, letters[name], width=600, dark=dark)
    try:
        if dark:  # the dark colours of email-media.css are the ones in use
            assert page.evaluate("getComputedStyle(document.querySelector('td.kb-cell')).backgroundColor") == (
                "rgb(27, 31, 36)"
            )
        page.evaluate(AXE.read_text(encoding="utf-8"))
        result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
        assert any(rule["id"] == "color-contrast" for rule in result["passes"])
        found = [f"{v['id']}: {v['help']} -> {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]
        assert found == []
    finally:
        context.close()
