"""The real site in docs/: strict build, every newsletter fact, no third-party host."""

from __future__ import annotations

import posixpath
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
        # The facts of an event are in its card and in the list under it.
        listed = " ".join(text_of(facts) for facts in pages[name].find(id=anchor).select("dl.kb-facts"))
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
        # Generated pages and the page for an address that does not exist: nothing to edit.
        if name.startswith(("agenda/maand/", "agenda/archief/", "actueel/archief/")) or name == "404.html":
            assert edit is None, name
        else:
            assert edit.get_text(strip=True) == "Bewerk deze pagina", name
            assert edit["href"].startswith("https://github.com/vzhg/kennisbank/edit/main/docs/"), name
            # At the foot of the content, after the article: not the first thing on the page.
            assert page.select_one(".content-icon-container .kb-edit-link") is None, name
            assert edit.find_parent(class_="kb-voet-inhoud").find_previous_sibling("article"), name
        footer = page.select_one(".kb-footer").get_text(" ", strip=True)
        assert "Vereniging van Zuid-Hollandse Gemeenten" in footer and "secretaris@vzhg.nl" in footer


#: The members' menu, in its order; the pages about the site itself are in the footer.
MEMBERS_MENU = [
    "Thema’s",
    "Programma’s",
    "Agenda",
    "Netwerken",
    "Wie is wie",
    "Actueel",
    "Nieuwsbrief",
    "Bestuurspakketten",
    "Downloads",
    "Begrippen",
]
ABOUT_THE_SITE = {
    "toegankelijkheid.html": "Toegankelijkheidsverklaring",
    "privacy.html": "Privacyverklaring",
    "open-data.html": "Open data",
    "bijdragen/index.html": "Bijdragen",
    "hosting.html": "Hosting en beveiliging",
    "prestaties.html": "Prestaties",
}


def test_the_menu_is_for_members_and_the_footer_says_what_the_site_is(pages):
    for name, page in pages.items():
        tree = page.select_one(".sidebar-tree")
        if tree is None:
            continue
        assert [a.get_text(strip=True) for a in tree.select(":scope > ul > li > a")] == MEMBERS_MENU, name
        menu = {a.get_text(strip=True) for a in tree.select("a")}
        assert menu.isdisjoint({*ABOUT_THE_SITE.values(), "Over deze site"}), name
        about = page.select_one("footer nav.kb-over-site")
        assert about.select_one("h2").get_text(strip=True) == "Over deze site", name
        assert [li.get_text(strip=True) for li in about.select("li")] == list(ABOUT_THE_SITE.values()), name
        links = {a["href"] for a in about.select("li a")}
        others = [target for target in ABOUT_THE_SITE if target != name]  # the page itself: not a link
        if name == "404.html":  # served at any address: absolute links
            assert links == {f"/kennisbank/{target}" for target in others}
        else:
            assert links == {posixpath.relpath(target, posixpath.dirname(name) or ".") for target in others}, name


def _docname_of(name: str, href: str) -> str:
    folder = name.rsplit("/", 1)[0] + "/" if "/" in name else ""
    parts: list[str] = []
    for part in (folder + href.split("#")[0]).removesuffix(".html").split("/"):
        if part == "..":
            parts.pop()
        elif part:
            parts.append(part)
    return "/".join(parts)


def test_previous_and_next_stay_within_their_section(pages, site):
    from kennisbank.sphinx_ext.pagefooter import section_of

    relations = site.env.collect_relations()
    stepped = 0
    for name, page in pages.items():
        docname = name.removesuffix(".html")
        for link in page.select(".related-pages a.prev-page, .related-pages a.next-page"):
            other = _docname_of(name, link["href"])
            assert section_of(relations, "index", other) == section_of(relations, "index", docname), (name, other)
            stepped += 1
    assert stepped > 50  # pages within a section still link their neighbours
    assert pages["index.html"].select(".related-pages a") == []
    # The last theme is followed by no programme, the programmes' overview preceded by no theme.
    assert pages["themas/index.html"].select(".related-pages a.prev-page") == []
    last_theme = relations["programmas/index"][1]
    assert last_theme.startswith("themas/")
    assert pages[f"{last_theme}.html"].select(".related-pages a.next-page") == []


#: Pages for developers and contributors, which may name commands such as `make html`.
FOR_BUILDERS = ("bijdragen/", "prestaties.html", "hosting.html")


def test_readers_are_never_told_to_run_make(pages):
    told = {
        name: re.findall(r".{0,40}\bmake\s+\w+", " ".join(main.get_text(" ").split()))
        for name, page in pages.items()
        if not name.startswith(FOR_BUILDERS) and (main := page.select_one("[role=main]")) is not None
    }
    assert {name: found for name, found in told.items() if found} == {}


def test_the_front_page_and_the_packs_overview_link_the_packs(pages):
    front = pages["index.html"].select_one("[role=main]")
    hrefs = {a["href"] for a in front.select("a[href]")}
    assert {"bestuurspakketten/index.html", "downloads.html"} <= hrefs
    newest = front.select_one("ul.kb-downloads-pakketten")
    assert newest.select_one('a[href="bestuurspakketten/2023-04-algemeen-bestuur.html"]')
    assert len(newest.select("li")) == 1
    overview = pages["bestuurspakketten/index.html"].select_one("[role=main] ul.kb-downloads-pakketten")
    assert overview.select_one('a[href="2023-04-algemeen-bestuur.html"]')
    # Without the PDFs (make html) the line says so in words; with them (make site) it is the link.
    assert "het bestuurspakket van april 2023 als PDF" in overview.get_text()


def test_the_benchmark_markers_are_not_shown(pages):
    # The site shows a contributor's HTML as text, so the markers are MyST comments.
    text = text_of(pages["prestaties.html"].find("article"))
    assert "Uitkomsten" in text and "bench:" not in text


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
        ("netwerken/index.html", "netwerk"),
        ("organisaties.html", "organisatie"),
        ("personen.html", "persoon"),
    ):
        text = pages[name].select_one("[role=main]").get_text(" ")
        missing = [t for t in titles[kind] if t not in text]
        assert missing == [], name
    board = pages["personen.html"].select_one(".kb-gids-personen .kb-filter-group")
    assert "Bestuur van de VZHG" in board.get_text() and "Emile Jaensch" in board.get_text()


def test_site_export_validates_against_its_schema(site):
    import json

    from jsonschema import Draft202012Validator

    data = json.loads((site.outdir / "kennisbank.json").read_text(encoding="utf-8"))
    schema = json.loads((site.outdir / "kennisbank.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert list(validator.iter_errors(data)) == []


# -- directories: one page per list, reached from "Wie is wie" ----------------


def _titles(pages) -> dict[str, list[str]]:
    titles: dict[str, list[str]] = {}
    for name, soup in pages.items():
        heading = soup.select_one("[role=main] h1")
        if heading is not None:
            # Without the soft hyphens that may be added for narrow screens.
            title = heading.get_text(strip=True).rstrip("¶#").replace("\N{SOFT HYPHEN}", "")
            titles.setdefault(title, []).append(name)
    return titles


def test_one_page_of_people_one_of_organisations_no_title_twice(pages):
    titles = _titles(pages)
    assert titles["Personen"] == ["personen.html"]
    assert titles["Organisaties"] == ["organisaties.html"]
    assert titles["Netwerken"] == ["netwerken/index.html"]
    assert {title: names for title, names in titles.items() if len(names) > 1} == {}


def test_who_is_who_holds_the_directories_in_reading_order(site):
    relations = site.env.collect_relations()  # docname -> [parent, previous, next]
    assert relations["personen"][0] == relations["organisaties"][0] == "gids/index"
    assert relations["gids/index"][2] == "personen"
    assert relations["personen"][2] == "organisaties"
    # The networks have a place of their own in the menu, before "Wie is wie".
    assert relations["netwerken/index"][0] == "index"


def test_directories_stand_with_their_objects(pages):
    for name, directory, anchor in (
        ("personen.html", ".kb-gids-personen", "kb-persoon-emile-jaensch"),
        ("organisaties.html", ".kb-gids-organisaties", "kb-organisatie-vzhg"),
        ("netwerken/index.html", ".kb-gids-netwerken", None),
    ):
        box = pages[name].select_one(directory)
        assert box is not None, name
        if anchor:  # the directory links to the object on the same page
            assert box.select_one(f'a[href="#{anchor}"]') and pages[name].find(id=anchor), name
    # Roles resolve to where the object lives.
    role = pages["index.html"].select_one('[role=main] a[href$="#kb-organisatie-vzhg"]')
    assert role["href"] == "organisaties.html#kb-organisatie-vzhg"


def test_network_table_has_no_empty_column_and_every_network_says_how_to_join(pages):
    table = pages["netwerken/index.html"].select_one("table#kb-netwerken-tabel")
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    rows = [tr.select("td") for tr in table.select("tbody tr")]
    assert len(rows) == 6 and headers[-1] == "Aansluiten"
    for column, header in enumerate(headers):
        assert any(row[column].get_text(strip=True) for row in rows), f"lege kolom {header}"
    empty = sum(not cell.get_text(strip=True) for row in rows for cell in row)
    assert empty * 4 < len(rows) * len(headers)  # not "mostly empty cells": under a quarter
    join = {text_of(row[0]): row[-1] for row in rows}
    # Only the lawyers' network says how to join (the newsletter); the others show the mark.
    assert "secretariaat@vzhg.nl" in text_of(join.pop("VNG-netwerk voor gemeentejuristen"))
    assert {name: text_of(cell) for name, cell in join.items() if cell.select_one(".kb-link-volgt")} == {
        name: "[volgt]" for name in join
    }


def test_no_object_page_shows_a_field_meant_for_the_build(pages, site):
    import json

    from kennisbank.model.schema import TYPES

    hidden = {f.label for spec in TYPES.values() for f in spec.fields if not f.shown}
    assert {"Volgorde", "Wijzigingsnummer"} <= hidden
    data = json.loads((site.outdir / "kennisbank.json").read_text(encoding="utf-8"))
    ids = {o["id"] for o in data["objecten"]}
    assert any("volgorde" in o["velden"] for o in data["objecten"])  # the fields exist, for the build
    shown_labels, shown_values = set(), set()
    for soup in pages.values():
        for facts in soup.select("[role=main] dl.kb-facts"):
            shown_labels |= {dt.get_text(strip=True).rstrip(":") for dt in facts.select("dt")}
            shown_values |= {text_of(dd) for dd in facts.select("dd")}
    assert "Thema’s" in shown_labels and "Rollen" in shown_labels  # the check sees the facts
    assert shown_labels & hidden == set()
    assert shown_values & ids == set()  # a reference shows the object's title, never its id
