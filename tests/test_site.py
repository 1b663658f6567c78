"""The real site in docs/: strict build, every newsletter fact, no third-party host."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from sphinx.util.console import strip_colors

# Facts from the newsletter, as the site must state them (dates in babel's Dutch).
# The facts of an object (when, where, how many) in its own fact list, where a
# short value such as "100" or "60" cannot be matched by some other text.
OBJECT_FACTS = {
    # contact and links
    "organisaties.html#kb-organisatie-vzhg": [
        "Website: www.vzhg.nl",
        "Contact: secretaris@vzhg.nl",
        "Sociale media: twitter.com/VZHG_sec",
    ],
    "netwerken/netwerk-brede-welvaart.html#kb-netwerk-netwerk-brede-welvaart": ["Website: netwerkbredewelvaart.nl"],
    "programmas/handreiking-ambtelijke-bijstand.html#kb-programma-handreiking-ambtelijke-bijstand": [
        "Publicatie: vng.nl/nieuws/nieuwe-vng-handreiking-over-ambtelijke-bijstand-raadsleden"
    ],
    # events
    "agenda/bestuurdersdag-2023.html#kb-evenement-bestuurdersdag-2023": [
        "Wanneer: vrijdag 12 mei 2023",
        "Waar: Den Haag",
    ],
    "agenda/rondetafel-brede-welvaart.html#kb-evenement-rondetafel-brede-welvaart": ["Wanneer: april 2023"],
    "agenda/vng-alv-2023.html#kb-evenement-vng-alv-2023": ["Wanneer: woensdag 14 juni 2023"],
    "agenda/discussiebijeenkomst-verenigingsstrategie.html#kb-evenement-discussiebijeenkomst-verenigingsstrategie": [
        "Wanneer: donderdag 25 mei 2023, 13.30–16.00 uur",
        "Waar: Eenhoorn Amersfoort, Barchman Wuytierslaan 2, 3818 LH Amersfoort",
    ],
    "agenda/zha-raad-en-rekenkamer.html#kb-evenement-zha-raad-en-rekenkamer": ["Wanneer: donderdag 11 mei 2023"],
    "agenda/zha-lokale-driehoeken.html#kb-evenement-zha-lokale-driehoeken": ["Wanneer: vrijdag 9 juni 2023"],
    "agenda/bestuurlijk-gesprek-lplg.html#kb-evenement-bestuurlijk-gesprek-lplg": [
        "Deelnemers: circa 100 burgemeesters en wethouders"
    ],
    # people and roles
    "personen.html#kb-persoon-emile-jaensch": ["Rollen: vice-voorzitter"],
    "personen.html#kb-persoon-anne-koning": ["Rollen: gedeputeerde"],
    # programmes
    "programmas/novex.html#kb-programma-novex": ["Verschenen: juli 2022"],
    # networks
    "netwerken/strategennetwerk.html#kb-netwerk-strategennetwerk": [
        "Aantal deelnemers: 60",
        "Partners: Strategennetwerk Viamorgen, Samenwerkingsplatform sociaal domein",
        "Kanalen: appgroep",
    ],
    "netwerken/juristennetwerk.html#kb-netwerk-juristennetwerk": [
        "Contact: secretariaat@vzhg.nl",
        "Beoogde omvang: circa 10-20 gemeentejuristen",
    ],
}

# The other facts in the main content (text and link targets) of the page they belong to.
PAGE_FACTS = {
    "themas/brede-welvaart.html": ["vng.nl/publicaties/aan-de-slag-met-brede-welvaart-als-gemeente"],
    "agenda/zha-raad-en-rekenkamer.html": ["Raad & Rekenkamer: een nieuwe verbinding"],
    "agenda/zha-lokale-driehoeken.html": ["Versterking lokale driehoeken", "Besturen doe je"],
    "personen.html": [
        "Anne de Baat",
        "Emile Jaensch",
        "juni 2026",
        "Anne Koning",
        "Leonard Geluk",
        "Sharon Dijksma",
        "Dijkma",
    ],
    "programmas/zuid-hollands-programma-landelijk-gebied.html": [
        "Kust en Duinen",
        "Zuid-Hollandse Delta",
        "Veenweiden",
        "bodem en water sturend",
    ],
    "programmas/nationale-woon-en-bouwagenda.html": ["Nationale Woon- en Bouwagenda", "zes programma"],
    "programmas/beter-bestuur.html": ["spiegel nieuwe stijl"],
    "programmas/verenigingsstrategie-2030.html": ["Verenigingsstrategie 2030"],
    "programmas/handreiking-ambtelijke-bijstand.html": ["artikel 33"],
    "netwerken/juristennetwerk.html": [
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
    ],
}

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
def site(docs_html):
    return docs_html


@pytest.fixture(scope="module")
def pages(site) -> dict[str, BeautifulSoup]:
    return {
        str(p.relative_to(site.outdir)): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
        for p in site.outdir.rglob("*.html")
    }


def test_site_builds_without_warnings(site):
    assert strip_colors(site.warning.getvalue()) == ""


def text_of(node) -> str:
    """Visible text on one line: no space before punctuation, cloaked e-mail addresses joined up."""
    text = re.sub(r"\s+([:,)])", r"\1", " ".join(node.get_text(" ", strip=True).split()))
    return text.replace(" @ ", "@").replace(" . ", ".")


def test_every_newsletter_fact_is_in_the_facts_of_its_object(pages):
    missing = []
    for target, facts in OBJECT_FACTS.items():
        name, _, anchor = target.partition("#")
        listed = text_of(pages[name].find(id=anchor).select_one("dl.kb-facts"))
        missing += [(target, fact) for fact in facts if fact not in listed]
    assert missing == []


def test_every_other_newsletter_fact_is_on_its_own_page(pages):
    missing = []
    for name, facts in PAGE_FACTS.items():
        main = pages[name].select_one("[role=main]")
        text = " ".join(main.get_text(" ").split()) + " " + _hrefs(pages[name])
        missing += [(name, fact) for fact in facts if fact not in text]
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
