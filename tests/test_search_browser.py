"""The members' search on the real site, in a browser: what a member sees for a query.

Uses the server and browser of test_browser.py (imported, so it is skipped with it
when there is no browser or no Playwright).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from test_browser import browser, open_page, site_url  # noqa: F401 (fixtures)

#: What MyST source looks like; a snippet is text of the built page and never shows it.
MYST_MARKUP = ("```", "{", ":::")


def search(browser, site_url, query: str) -> list[dict]:  # noqa: F811 (fixtures)
    """The results of ``query``: each with its link, title and snippet, once all snippets are in."""
    context, page, _, _ = open_page(browser, f"{site_url}search.html?q={query}")
    try:
        page.wait_for_function("document.querySelector('#search-results .search-summary')?.innerText", timeout=10000)
        page.wait_for_load_state("networkidle")  # the snippets are fetched after the results show
        return page.eval_on_selector_all(
            "#search-results ul.search > li",
            """items => items.map(li => ({
                href: li.querySelector('a').getAttribute('href'),
                title: li.querySelector('a').innerText,
                snippet: li.querySelector('p.context')?.innerText ?? '',
                description: li.querySelector('span')?.innerText ?? '',
            }))""",
        )
    finally:
        context.close()


def page_of(result: dict) -> str:
    return urlsplit(result["href"]).path


@pytest.mark.parametrize("query", ["jeugd", "welvaart", "bestuur"])
def test_the_contributors_guide_is_not_in_the_results(query, browser, site_url):  # noqa: F811
    results = search(browser, site_url, query)
    assert results, f"'{query}' vindt niets"
    assert [r["href"] for r in results if page_of(r).startswith("bijdragen/")] == []


@pytest.mark.parametrize("query", ["jeugd", "welvaart", "bestuur"])
def test_each_page_and_object_is_found_once(query, browser, site_url):  # noqa: F811
    """An object that is its page (a theme) is one result, not the page and its #kb- anchor too.

    A page that lists several objects (people) is found as a page, and each object on it by
    its own name: those results share the page, but not the title. (Sphinx's own glossary
    entries, found as "Begrippen" and as "Begrippen" at the term, are not objects.)
    """
    results = search(browser, site_url, query)
    pages = [page_of(r) for r in results if not urlsplit(r["href"]).fragment]
    assert sorted(p for p in pages if pages.count(p) > 1) == []
    objects = [(page_of(r), r["title"]) for r in results if urlsplit(r["href"]).fragment.startswith("kb-")]
    as_page = {(page_of(r), r["title"]) for r in results if not urlsplit(r["href"]).fragment}
    assert [found for found in objects if found in as_page] == []


@pytest.mark.parametrize("query", ["jeugd", "welvaart", "bestuur"])
def test_snippets_are_text_not_myst(query, browser, site_url):  # noqa: F811
    results = search(browser, site_url, query)
    snippets = [r["snippet"] for r in results if r["snippet"]]
    assert snippets, "geen enkel resultaat heeft een fragment"
    assert [s for s in snippets if any(mark in s for mark in MYST_MARKUP)] == []


def test_a_keyword_finds_its_object(browser, site_url):  # noqa: F811
    results = search(browser, site_url, "jeugdzorg")
    assert [(page_of(r), r["title"]) for r in results] == [("themas/jeugd.html", "Jeugd")]


def test_an_object_among_others_is_found_by_its_name(browser, site_url):  # noqa: F811
    results = search(browser, site_url, "Koning")
    objects = [r for r in results if urlsplit(r["href"]).fragment.startswith("kb-")]
    assert [(page_of(r), urlsplit(r["href"]).fragment) for r in objects] == [
        ("personen.html", "kb-persoon-anne-koning")
    ]
