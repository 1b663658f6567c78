"""The problem box in a real browser: visible, listing the problems, WCAG 2.2 AA, usable at 320 px.

The real site with two mistakes on one event's page (as ``scripts/screenshots.py``
photographs it), built as a preview builds it, served like GitHub Pages.
"""

from __future__ import annotations

import shutil

import pytest

from conftest import DOCS, build_once, warnings_of
from test_browser import AXE, PREFIX, Handler, open_page, served

PAGE = "agenda/discussiebijeenkomst-verenigingsstrategie"
MISTAKES = (("start: 2023-05-25 13:30", "start: 2023-05-25 13.30 uur"), ("plaats: Amersfoort", "plaats Amersfoort"))
WCAG_22 = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
VARIANTS = {"licht": {"width": 1280}, "donker": {"width": 1280, "dark": True}, "320px": {"width": 320}}


@pytest.fixture(scope="module")
def preview_url(tmp_path_factory):
    sources = tmp_path_factory.mktemp("met-fouten") / "docs"
    shutil.copytree(DOCS, sources)
    page = sources / f"{PAGE}.md"
    text = page.read_text(encoding="utf-8")
    for right, wrong in MISTAKES:
        text = text.replace(right, wrong)
    page.write_text(text, encoding="utf-8")
    app = build_once("html", sources, sources.parent / "_build")
    assert warnings_of(app).count("WARNING") == 2
    with served(app.outdir, Handler) as root:
        yield root.removesuffix("/") + PREFIX + PAGE + ".html"


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_box_is_visible_lists_the_problems_and_passes_axe(variant, browser, preview_url):
    context, page, _, _ = open_page(browser, preview_url, bypass_csp=True, **VARIANTS[variant])
    try:
        box = page.get_by_role("region", name="Let op: 2 problemen op deze pagina")
        assert box.is_visible()
        items = box.get_by_role("listitem").all_inner_texts()
        assert [item.split(":")[0] for item in items] == ["regel 6", "regel 11"]
        assert "bedoelt u 2023-05-25 13:30?" in items[0] and "schrijf 'plaats: Amersfoort'" in items[1]
        # Under the page's title, before anything else of the page.
        title = page.locator("h1").first.bounding_box()
        assert box.bounding_box()["y"] > title["y"] + title["height"] - 1
        marker = page.locator("dd.kb-onleesbaar")
        assert marker.is_visible() and marker.inner_text() == "[veld 'start' niet te lezen, zie hierboven]"
        # Nothing scrolls sideways, however long a path or message.
        assert page.evaluate("document.documentElement.scrollWidth") <= VARIANTS[variant]["width"]
        page.evaluate(AXE.read_text(encoding="utf-8"))
        result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22)
        assert result["passes"]
        assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []
    finally:
        context.close()
