"""The agenda in a browser: an event page that ages by itself, the month as a list on a phone.

Uses the server and browser of test_browser.py (imported, so it is skipped with it when
there is no browser or no Playwright).
"""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import ROOTS, build_once, warnings_of
from test_browser import open_page, served


@pytest.fixture(scope="module")
def agenda_url(tmp_path_factory):
    """The agenda test root (reference date 15 April 2024), served on localhost."""
    app = build_once("html", ROOTS / "test-agenda", tmp_path_factory.mktemp("agenda-browser"))
    assert warnings_of(app) == ""
    with served(app.outdir) as root:
        yield root


def card_at(browser, url: str, moment: str) -> dict:
    """What the card of "Drie dagen" (3 to 5 June 2024) shows when the reader's clock says ``moment``."""
    context = browser.new_context()
    page = context.new_page()
    page.clock.set_fixed_time(dt.datetime.fromisoformat(moment))
    page.goto(url + "agenda/dagen.html", wait_until="networkidle")
    card = page.locator("#kb-evenement-drie-dagen .kb-kaart")
    seen = {
        "status": card.locator(".kb-status").inner_text(),
        "actions": card.locator(".kb-agenda-acties").count(),
        "past": "kb-kaart-afgelopen" in (card.get_attribute("class") or ""),
    }
    context.close()
    return seen


def test_an_event_page_built_before_the_event_says_afgelopen_once_it_is_over(browser, agenda_url):
    assert card_at(browser, agenda_url, "2024-05-20T10:00:00+02:00") == {
        "status": "Gepland",
        "actions": 1,
        "past": False,
    }
    # On the last day it is still on; the next morning it is over, without a rebuild.
    assert card_at(browser, agenda_url, "2024-06-05T20:00:00+02:00")["status"] == "Gepland"
    assert card_at(browser, agenda_url, "2024-06-06T08:00:00+02:00") == {
        "status": "Afgelopen",
        "actions": 0,
        "past": True,
    }


def test_a_cancelled_event_stays_cancelled_after_its_date(browser, agenda_url):
    context = browser.new_context()
    page = context.new_page()
    page.clock.set_fixed_time(dt.datetime(2024, 9, 1, tzinfo=dt.UTC))
    page.goto(agenda_url + "agenda/wijzigingen.html", wait_until="networkidle")
    assert page.locator("#kb-evenement-afgelast .kb-status").inner_text() == "Geannuleerd"
    context.close()


def test_the_month_is_a_list_of_days_with_events_on_a_phone(browser, site_url):
    context, page, _, _ = open_page(browser, site_url + "agenda/maand/2023-05.html", width=320)
    try:
        shown = page.evaluate(
            """() => [...document.querySelectorAll('table.kb-maand td')]
                .filter(td => getComputedStyle(td).display !== 'none')
                .map(td => td.querySelector('.kb-dagnummer').innerText.trim())"""
        )
        assert shown == ["donderdag 11 mei", "vrijdag 12 mei", "donderdag 25 mei"]
        day = "document.querySelector('table.kb-maand td.kb-dag:not(.kb-dag-leeg)')"
        assert page.evaluate(f"getComputedStyle({day}).display") == "block"
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    finally:
        context.close()
    context, page, _, _ = open_page(browser, site_url + "agenda/maand/2023-05.html", width=1280)
    try:
        assert page.evaluate("getComputedStyle(document.querySelector('table.kb-maand td')).display") == "table-cell"
        columns = page.evaluate("document.querySelectorAll('table.kb-maand thead th').length")
        assert columns == 7 and page.locator("table.kb-maand thead").is_visible()
    finally:
        context.close()


def test_printing_an_event_page_gives_the_content_only(browser, site_url):
    context, page, _, _ = open_page(browser, site_url + "agenda/rondetafel-brede-welvaart.html")
    try:
        page.emulate_media(media="print")
        for hidden in (".sidebar-drawer", "nav.breadcrumbs", ".kb-edit-link", ".related-pages"):
            assert not page.locator(hidden).first.is_visible(), hidden
        assert page.locator(".kb-kaart").is_visible()
        after = page.evaluate(
            """() => [...document.querySelectorAll('article a.reference.external[href^="http"]')].map(
                a => [a.classList.contains("kb-route"), getComputedStyle(a, "::after").content])"""
        )
        # A link in the text is followed by its address; the route link of the card is not
        # (the place is written next to it).
        assert any(not route and content.startswith('" (http') for route, content in after), after
        assert all(content == "none" for route, content in after if route), after
    finally:
        context.close()


@pytest.mark.parametrize("dark", [False, True])
def test_today_in_the_month_grid_does_not_look_like_a_link(browser, site_url, dark):
    # The real site's theme; its month view always shows the current month, today marked.
    context, page, _, _ = open_page(browser, site_url + "agenda/maand.html", dark=dark)
    try:
        style = """(selector) => { const s = getComputedStyle(document.querySelector(selector));
            return {color: s.color, line: s.textDecorationLine, cursor: s.cursor}; }"""
        label = page.evaluate(style, "td.kb-vandaag .kb-vandaag-label")
        link = page.evaluate(style, "article a.reference.internal")
        assert page.locator("td.kb-vandaag .kb-vandaag-label").inner_text() == "vandaag"
        assert label["color"] != link["color"], (label, link)
        assert label["line"] == "none" and label["cursor"] != "pointer"
        body = page.evaluate("getComputedStyle(document.querySelector('article p')).color")
        assert label["color"] == body  # the colour of text, boxed
    finally:
        context.close()
