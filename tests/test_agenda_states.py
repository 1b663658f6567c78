"""The agenda as a reader finds it on a date: empty sections, the month overview, generated pages.

One small project (tests/roots/test-agenda-states), a page per case, built at three
reference dates: before the May event (15 April 2024, a month without events), the
day after it (11 May 2024) and after every event (1 February 2025).
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from conftest import ROOTS, build_once, output_files, warnings_of
from kennisbank.model.agenda import month_pages, months_apart
from kennisbank.model.dates import format_months
from test_build_modes import differences

ROOT = ROOTS / "test-agenda-states"
BEFORE, AFTER, LATER = "2024-04-15", "2024-05-11", "2025-02-01"
BASE = "https://kennisbank.example/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The project built at a reference date (each date once per module)."""
    builds: dict[str, object] = {}

    def at(date: str):
        if date not in builds:
            overrides = {"kennisbank_reference_date": date}
            app = build_once("html", ROOT, tmp_path_factory.mktemp(f"states-{date}"), confoverrides=overrides)
            assert warnings_of(app) == ""
            builds[date] = app
        return builds[date]

    return at


def page(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"), "html.parser")


def text(node) -> str:
    return " ".join(node.get_text(" ", strip=True).replace("¶", "").split())


def agenda_of(app, name: str, theme: str):
    return page(app, f"themas/{name}.html").find(id=f"agenda-thema-{theme}")


# -- empty sections ------------------------------------------------------------------


@pytest.mark.parametrize("date", [BEFORE, LATER])
def test_an_agenda_without_events_is_one_sentence_without_a_feed(site, date):
    agenda = agenda_of(site(date), "leeg", "leeg")
    assert text(agenda) == "Agenda Er staan nog geen bijeenkomsten bij dit thema op de agenda."
    assert agenda.select(".kb-feed-link, .kb-feed-download, p a") == []


def test_a_theme_agenda_before_and_after_its_only_event(site):
    before = agenda_of(site(BEFORE), "komend", "komend")
    assert [p.get_text() for p in before.select("p > strong")] == ["Komend"]
    assert "Meioverleg" in text(before.select_one("ul.kb-agenda-komend"))
    assert "Er staan" not in text(before)
    after = agenda_of(site(AFTER), "komend", "komend")
    assert (
        text(after.select_one(".kb-agenda-leeg")) == "Er staan geen komende bijeenkomsten bij dit thema op de agenda."
    )
    assert [p.get_text() for p in after.select("p > strong")] == ["Eerder"]
    assert "Meioverleg" in text(after.select_one("ul.kb-agenda"))
    # Subscribing still makes sense: its next events will come in by themselves.
    for agenda in (before, after):
        assert agenda.select_one(".kb-feed-link a")["href"] == "webcal://kennisbank.example/feeds/thema/komend.ics"
        assert agenda.select_one(".kb-feed-download a")["href"] == "../feeds/thema/komend.ics"


@pytest.mark.parametrize("date", [BEFORE, AFTER])
def test_on_paper_the_agendas_say_the_same_without_links_to_subscribe(tmp_path, date):
    overrides = {"kennisbank_reference_date": date}
    app = build_once("text", ROOT, tmp_path, confoverrides=overrides)
    assert warnings_of(app) == ""

    def agenda(name: str) -> str:
        text = (Path(app.outdir) / f"themas/{name}.txt").read_text(encoding="utf-8")
        return " ".join(text.split("Agenda\n======", 1)[1].split())

    assert agenda("leeg").startswith("Er staan nog geen bijeenkomsten bij dit thema op de agenda. Gerelateerd")
    coming = agenda("komend")
    assert "Abonneer" not in coming and "agendabestand" not in coming
    if date == BEFORE:
        assert coming.startswith("**Komend** * vrijdag 10 mei 2024, 14.00–16.00 uur: Meioverleg")
    else:
        assert coming.startswith(
            "Er staan geen komende bijeenkomsten bij dit thema op de agenda. **Eerder** * vrijdag 10 mei"
        )


def test_the_whole_agenda_with_nothing_coming_says_so_and_where_the_past_is(site):
    before = page(site(BEFORE), "index.html").select_one("#komende-bijeenkomsten")
    assert [a.get_text() for a in before.select(".kb-agenda-titel a")] == ["Meioverleg", "Winteroverleg"]
    later = page(site(LATER), "index.html").select_one("#komende-bijeenkomsten")
    empty = later.select_one(".kb-agenda-leeg")
    assert (
        text(empty) == "Er staan geen komende bijeenkomsten op de agenda. Eerdere bijeenkomsten staan in het archief ."
    )
    assert empty.a["href"] == "archief.html"
    # The site's feed holds the past events and will bring the next: its links stay.
    assert later.select_one(".kb-feed-link a")["href"] == "webcal://kennisbank.example/agenda.ics"
    assert text(later.select_one(".kb-feed-download")).startswith("Of download het agendabestand (.ics)")


@pytest.mark.parametrize("date", [BEFORE, LATER])
def test_news_that_links_a_theme_counts_as_related(site, date):
    with_news = page(site(date), "themas/nieuws.html")
    assert with_news.find(id="nieuws-thema-alleen-nieuws") is not None
    assert with_news.find(id="gerelateerd-thema-alleen-nieuws") is None
    assert "Er verwijst nog niets" not in text(with_news)
    # A theme that nothing points at says so, in one sentence.
    empty = page(site(date), "themas/leeg.html").find(id="gerelateerd-thema-leeg")
    assert text(empty) == "Gerelateerd Er verwijst nog niets naar dit thema."


def test_a_priority_of_the_board_is_said_in_words(site):
    def facts(name: str) -> dict[str, str]:
        found = page(site(BEFORE), f"themas/{name}.html").select_one("dl.kb-facts")
        return {
            dt.get_text(strip=True).rstrip(":"): dd.get_text(strip=True)
            for dt, dd in zip(found("dt"), found("dd"), strict=True)
        }

    assert facts("nieuws") == {"Prioriteit": "Het bestuur heeft dit thema tot prioriteit gemaakt."}
    assert facts("leeg") == {"Prioriteit": "Het bestuur heeft dit thema niet tot prioriteit gemaakt."}


# -- the month overview ----------------------------------------------------------------

MONTH_LISTS = {
    BEFORE: [("2025", ["januari"]), ("2024", ["maart", "april (deze maand: geen bijeenkomsten)", "mei"])],
    AFTER: [("2025", ["januari"]), ("2024", ["maart", "mei (deze maand)"])],
    LATER: [("2025", ["januari", "februari (deze maand: geen bijeenkomsten)"]), ("2024", ["maart", "mei"])],
}


@pytest.mark.parametrize("date", MONTH_LISTS)
def test_the_month_overview_lists_months_with_events_and_says_which_is_this_month(site, date):
    listing = page(site(date), "maand.html").select_one("ul.kb-maandpagina-s")
    years = [
        (group.p.get_text(strip=True), [text(li) for li in group.select("ul li")])
        for group in listing.find_all("li", recursive=False)
    ]
    assert years == MONTH_LISTS[date]


MONTH_FILES = {
    BEFORE: ["2024-03.html", "2024-04.html", "2024-05.html", "2025-01.html"],
    AFTER: ["2024-03.html", "2024-05.html", "2025-01.html"],
    LATER: ["2024-03.html", "2024-05.html", "2025-01.html", "2025-02.html"],
}

#: What the way between the month pages says, per reference date and month page.
MONTH_STEPS = {
    (BEFORE, "2024-04"): [
        "← Vorige maand met bijeenkomsten: maart 2024 (1 maand eerder)",
        "Volgende maand met bijeenkomsten: mei 2024 (1 maand later) →",
    ],
    # April, the current month, has no events: no stop on the way.
    (BEFORE, "2024-05"): [
        "← Vorige maand met bijeenkomsten: maart 2024 (2 maanden eerder)",
        "Volgende maand met bijeenkomsten: januari 2025 (8 maanden later) →",
    ],
    (LATER, "2025-01"): ["← Vorige maand met bijeenkomsten: mei 2024 (8 maanden eerder)"],
    (LATER, "2025-02"): ["← Vorige maand met bijeenkomsten: januari 2025 (1 maand eerder)"],
    (LATER, "2024-03"): ["Volgende maand met bijeenkomsten: mei 2024 (2 maanden later) →"],
}


@pytest.mark.parametrize("date", MONTH_FILES)
def test_month_pages_are_the_months_with_events_and_the_current_one(site, date):
    folder = Path(site(date).outdir) / "maand"
    assert sorted(p.name for p in folder.glob("*.html")) == MONTH_FILES[date]


@pytest.mark.parametrize(("date", "month"), MONTH_STEPS)
def test_month_pages_step_to_the_nearest_month_with_events_and_say_how_far(site, date, month):
    navigation = page(site(date), f"maand/{month}.html").select_one(".kb-maandnavigatie")
    assert [text(step) for step in navigation.select(".kb-maandnavigatie-stap")] == MONTH_STEPS[(date, month)]
    assert [a.get_text() for a in navigation.select("a") if a.get_text() == "alle maanden"] == ["alle maanden"]


def test_today_in_the_month_grid_is_a_label_not_a_link(site):
    today = page(site(BEFORE), "maand.html").select_one("td.kb-vandaag")
    label = today.select_one(".kb-vandaag-label")
    assert label.name == "span" and label.get_text() == "vandaag"
    assert label.find_parent("a") is None and today.find("a") is None


def test_nearest_months_and_distances_model():
    pages = month_pages("maand", [(2023, 4), (2023, 5), (2023, 6)], __import__("datetime").date(2026, 12, 7))
    assert pages.months == ((2023, 4), (2023, 5), (2023, 6), (2026, 12))
    assert pages.neighbours(2023, 6) == ((2023, 5), None)  # not December 2026: it has no events
    assert pages.neighbours(2026, 12) == ((2023, 6), None)
    assert pages.neighbours(2023, 4) == (None, (2023, 5))
    assert not pages.has_events(2026, 12) and pages.has_events(2023, 5)
    assert format_months(months_apart((2023, 6), (2026, 12))) == "3 jaar en 6 maanden"
    assert [format_months(n) for n in (1, 2, 12, 13, 24)] == [
        "1 maand",
        "2 maanden",
        "1 jaar",
        "1 jaar en 1 maand",
        "2 jaar",
    ]


# -- generated pages are pages like any other ---------------------------------------------

GENERATED = ["maand/2024-03", "maand/2024-04", "maand/2024-05", "maand/2025-01", "archief/2024", "actueel/archief/2024"]


def sitemap(app) -> list[str]:
    root = ElementTree.parse(Path(app.outdir) / "sitemap.xml").getroot()
    return [loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]


def test_generated_pages_are_in_the_sitemap(site):
    addresses = sitemap(site(BEFORE))
    assert all(f"{BASE}{name}.html" in addresses for name in GENERATED), addresses
    assert addresses == sorted(addresses) and len(addresses) == len(set(addresses))
    # A month that loses its page on a later date leaves the sitemap with it.
    assert f"{BASE}maand/2024-04.html" not in sitemap(site(AFTER))
    assert f"{BASE}maand/2025-02.html" in sitemap(site(LATER))


@pytest.mark.parametrize("name", GENERATED)
def test_generated_pages_have_a_description_open_graph_and_a_canonical_address(site, name):
    head = page(site(BEFORE), f"{name}.html").head
    title = head.find("meta", property="og:title")["content"]
    assert title == page(site(BEFORE), f"{name}.html").h1.get_text().rstrip("¶")
    description = head.find("meta", attrs={"name": "description"})["content"]
    assert head.find("meta", property="og:description")["content"] == description
    assert head.find("meta", property="og:url")["content"] == f"{BASE}{name}.html"
    assert head.find("link", rel="canonical")["href"] == f"{BASE}{name}.html"
    assert "Testkennisbank" not in description  # its own, not the site's


def test_the_description_of_a_month_page_names_its_events_or_says_it_has_none(site):
    def described(name: str) -> str:
        return page(site(BEFORE), f"{name}.html").head.find("meta", attrs={"name": "description"})["content"]

    assert described("maand/2024-05") == "De bijeenkomsten in mei 2024: Meioverleg."
    assert described("maand/2024-04") == "Er staan geen bijeenkomsten in april 2024."
    assert described("archief/2024") == "Archief van de agenda: de bijeenkomsten van 2024: Maartoverleg."
    assert described("actueel/archief/2024") == "De berichten uit 2024: Een bericht over het thema."


def test_a_build_on_a_later_date_equals_a_clean_build_of_that_date(site, tmp_path):
    builddir = tmp_path / "incremental"
    build_once("html", ROOT, builddir, confoverrides={"kennisbank_reference_date": BEFORE})
    incremental = build_once("html", ROOT, builddir, confoverrides={"kennisbank_reference_date": LATER})
    assert warnings_of(incremental) == ""
    assert differences(output_files(Path(incremental.outdir)), output_files(Path(site(LATER).outdir))) == []
