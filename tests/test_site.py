"""The real site in docs/: strict build, every newsletter fact, no third-party host."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.util.console import strip_colors

from conftest import build_once

DOCS = Path(__file__).parents[1] / "docs"

# Facts from the newsletter, as the site must state them (dates in babel's Dutch).
FACTS = [
    # contact and links
    "Anne de Baat",
    "secretaris@vzhg.nl",
    "secretariaat@vzhg.nl",
    "www.vzhg.nl",
    "twitter.com/VZHG_sec",
    "netwerkbredewelvaart.nl",
    "vng.nl/publicaties/aan-de-slag-met-brede-welvaart-als-gemeente",
    "vng.nl/nieuws/nieuwe-vng-handreiking-over-ambtelijke-bijstand-raadsleden",
    # events
    "vrijdag 12 mei 2023",
    "Den Haag",
    "april 2023",
    "woensdag 14 juni 2023",
    "donderdag 25 mei 2023, 13.30–16.00 uur",
    "Eenhoorn Amersfoort, Barchman Wuytierslaan 2, 3818 LH Amersfoort",
    "donderdag 11 mei 2023",
    "Raad & Rekenkamer: een nieuwe verbinding",
    "vrijdag 9 juni 2023",
    "Versterking lokale driehoeken",
    "Besturen doe je",
    "100",
    # people and roles
    "Emile Jaensch",
    "vice-voorzitter",
    "juni 2026",
    "Anne Koning",
    "gedeputeerde",
    "Leonard Geluk",
    "Sharon Dijksma",
    "Dijkma",
    # programmes
    "juli 2022",
    "Kust en Duinen",
    "Zuid-Hollandse Delta",
    "Veenweiden",
    "bodem en water sturend",
    "Nationale Woon- en Bouwagenda",
    "zes programma",
    "spiegel nieuwe stijl",
    "Verenigingsstrategie 2030",
    "artikel 33",
    # networks
    "60",
    "appgroep",
    "Viamorgen",
    "Samenwerkingsplatform sociaal domein",
    "10-20",
    "Gemeentewet",
    "Algemene wet bestuursrecht",
    "overheidsprivaatrecht",
    "verordeningen",
    "Jeugdwet",
    "Wet maatschappelijke ondersteuning",
    "Participatiewet",
    "Omgevingsrecht",
    "open overheid",
    "legal tech",
    "crowdmanagement",
    "privacy",
]

PRIORITIES = [
    "Participatie & polarisatie",
    "Brede welvaart",
    "Asiel & migratie",
    "Regionalisering",
    "Grip op verbonden partijen",
    "Ruimtelijke puzzel",
    "NOVI",
    "Jeugd",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_once("html", DOCS, tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="module")
def pages(site) -> dict[str, BeautifulSoup]:
    return {
        str(p.relative_to(site.outdir)): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
        for p in site.outdir.rglob("*.html")
    }


def test_site_builds_without_warnings(site):
    assert strip_colors(site.warning.getvalue()) == ""


def test_every_newsletter_fact_is_on_the_site(pages):
    text = " ".join(
        " ".join(p.select_one("[role=main]").get_text(" ").split()) + " " + _hrefs(p)
        for p in pages.values()
        if p.select_one("[role=main]")
    )
    missing = [fact for fact in FACTS if fact not in text]
    assert missing == []


def _hrefs(page: BeautifulSoup) -> str:
    return " ".join(a.get("href", "") for a in page.select("[role=main] a"))


def test_landing_page_has_a_card_per_board_priority(pages):
    cards = pages["index.html"].select(".sd-card")
    titles = [c.select_one(".sd-card-title").get_text(" ", strip=True) for c in cards]
    assert len(cards) == len(PRIORITIES)
    for priority in PRIORITIES:
        assert any(priority in t for t in titles), priority


def test_glossary_covers_the_abbreviations(pages):
    terms = {dt.get_text(strip=True).rstrip("¶") for dt in pages["begrippen.html"].select("dl.glossary dt")}
    assert {"VZHG", "VNG", "NOVEX", "NOVI", "GS", "ALV", "Awb", "Wmo"} <= terms


def test_no_dead_links_but_visible_markers(pages):
    for name, page in pages.items():
        main = page.select_one("[role=main]")
        if main is not None:
            assert not main.select('a[href="#"], a[href=""]'), name
    markers = sum(len(p.select(".kb-link-volgt")) for p in pages.values())
    assert markers >= 6  # NOVEX, verslag, ZH programma, strategie, aanmeldformulier, modelverordening


def test_nothing_is_loaded_from_another_host(pages):
    for name, page in pages.items():
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for node in page.find_all(tag):
                if tag == "link" and set(node.get("rel", [])) & {"canonical", "alternate"}:
                    continue  # names the page's public address; loads nothing
                url = node.get(attr, "")
                assert not re.match(r"^(https?:)?//", url), f"{name}: {tag} {url}"


def test_every_page_has_edit_link_footer_and_dutch_language(pages):
    for name, page in pages.items():
        if name in ("genindex.html", "search.html"):
            continue
        assert page.html["lang"] == "nl"
        edit = page.select_one(".kb-edit-link a")
        assert edit.get_text(strip=True) == "Bewerk deze pagina", name
        assert edit["href"].startswith("https://github.com/vzhg/kennisbank/edit/main/docs/"), name
        footer = page.select_one(".kb-footer").get_text(" ", strip=True)
        assert "Vereniging van Zuid-Hollandse Gemeenten" in footer and "secretaris@vzhg.nl" in footer


def test_raw_html_from_contributors_is_not_rendered(site):
    assert {"html_block", "html_inline"} <= set(site.config.myst_disable_syntax)


def test_raw_html_in_a_page_is_shown_as_text(write_source, build):
    srcdir = write_source({"index.md": "# T\n\n<script>alert(1)</script>\n\nEen <b onclick='x()'>b</b>.\n"})
    app = build(srcdir, confoverrides={"myst_disable_syntax": ["html_block", "html_inline"]})
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<b onclick" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_directories_list_every_network_organisation_and_person(pages, site):
    import json

    data = json.loads((site.outdir / "kennisbank.json").read_text(encoding="utf-8"))
    titles = {
        kind: {o["titel"] for o in data["objecten"] if o["type"] == kind}
        for kind in ("netwerk", "organisatie", "persoon")
    }
    assert len(titles["netwerk"]) == 6 and len(titles["persoon"]) == 5
    for name, kind in (
        ("gids/netwerken.html", "netwerk"),
        ("gids/organisaties.html", "organisatie"),
        ("gids/personen.html", "persoon"),
    ):
        text = pages[name].select_one("[role=main]").get_text(" ")
        missing = [t for t in titles[kind] if t not in text]
        assert missing == [], name
    board = pages["gids/personen.html"].select_one(".kb-gids-personen .kb-filter-group")
    assert "Bestuur van de VZHG" in board.get_text() and "Emile Jaensch" in board.get_text()


def test_site_export_validates_against_its_schema(site):
    import json

    from jsonschema import Draft202012Validator

    data = json.loads((site.outdir / "kennisbank.json").read_text(encoding="utf-8"))
    schema = json.loads((site.outdir / "kennisbank.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert list(validator.iter_errors(data)) == []
