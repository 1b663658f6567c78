"""News items (``{bericht}``): Actueel, year pages, theme sections, the front page, Atom feeds."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from sphinx.cmd.build import build_main

from conftest import (
    ORPHAN,
    ROOTS,
    build_case_table,
    case_project,
    only_message_on,
    output_files,
    warnings_of,
)
from test_build_modes import differences

pytestmark = pytest.mark.sphinx("html", testroot="news")

ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://kennisbank.example/"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")
#: The test root's items, newest first: on 20 April the one with 'volgorde: 1' first.
NEWEST_FIRST = [
    "Juristen zoeken leden",
    "Overleg over de jeugd aangekondigd",
    "Woningen voor jongeren",
    "Anne over de jeugd",
    "Jeugdplan vastgesteld",
]
FEEDS = {
    "actueel/atom.xml": NEWEST_FIRST,
    "feeds/thema/jeugd.atom.xml": NEWEST_FIRST[1:],
    "feeds/thema/wonen.atom.xml": ["Woningen voor jongeren"],
    "feeds/programma/woningbouw.atom.xml": ["Woningen voor jongeren"],
    "feeds/netwerk/juristen.atom.xml": NEWEST_FIRST[:2],
}


def page(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"), "html.parser")


def titles(listing) -> list[str]:
    return [item.select_one(".kb-ref").get_text() for item in listing.find_all("li", recursive=False)]


# -- the Atom feeds ------------------------------------------------------------------


def test_the_build_is_clean_and_writes_exactly_the_feeds_of_topics_with_news(built_app):
    assert warnings_of(built_app) == ""
    written = sorted(p.relative_to(built_app.outdir).as_posix() for p in Path(built_app.outdir).rglob("*.atom.xml"))
    assert written == sorted(path for path in FEEDS if path != "actueel/atom.xml")
    assert (Path(built_app.outdir) / "actueel" / "atom.xml").exists()
    assert not (Path(built_app.outdir) / "feeds" / "thema" / "zorg.atom.xml").exists()  # a theme without news


@pytest.mark.parametrize("path", FEEDS)
def test_feeds_parse_and_list_their_items_newest_first(built_app, path):
    data = (Path(built_app.outdir) / path).read_bytes()
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert [entry.title for entry in parsed.entries] == FEEDS[path]
    assert parsed.feed.language == "nl"
    for entry in parsed.entries:
        alternate = [link for link in entry.links if link.rel == "alternate"]
        assert len(alternate) == 1 and alternate[0].href.startswith(BASE + "actueel/")
        assert entry.id.startswith("tag:kennisbank.vzhg.nl,2023:bericht/")
    self_link = [link.href for link in parsed.feed.links if link.rel == "self"]
    assert self_link == [BASE + path]


@pytest.mark.parametrize("path", FEEDS)
def test_feeds_have_every_element_rfc_4287_requires(built_app, path):
    feed = ET.fromstring((Path(built_app.outdir) / path).read_bytes())
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):  # atom:feed MUST contain exactly one of each
        assert len(feed.findall(f"{ATOM}{name}")) == 1, name
    assert RFC3339.match(feed.findtext(f"{ATOM}updated"))
    # No entry has an author of its own, so the feed MUST have one, with a name.
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        assert RFC3339.match(entry.findtext(f"{ATOM}updated"))
        # Without atom:content an entry MUST have an alternate link (and then a summary).
        alternates = [link for link in entry.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
        assert len(alternates) == 1 and alternates[0].get("href").startswith(BASE)
        assert entry.find(f"{ATOM}content") is None and entry.findtext(f"{ATOM}summary")
    # The feed is as new as its newest entry: never the build's clock.
    assert feed.findtext(f"{ATOM}updated") == max(e.findtext(f"{ATOM}updated") for e in entries)


def test_entries_carry_the_items_dates_links_and_topics(built_app):
    parsed = feedparser.parse((Path(built_app.outdir) / "actueel" / "atom.xml").read_bytes())
    entries = {entry.title: entry for entry in parsed.entries}
    assert parsed.feed.updated == "2023-04-20T00:00:00+02:00"
    assert entries["Woningen voor jongeren"].updated == "2023-04-10T09:30:00+02:00"
    assert entries["Jeugdplan vastgesteld"].updated == "2022-11-15T00:00:00+01:00"  # winter time
    members = entries["Juristen zoeken leden"]
    assert [link.href for link in members.links if link.rel == "related"] == ["https://vng.nl/juristen"]
    assert members.link == BASE + "actueel/netwerk-nieuws.html"
    # 'lees-meer: "#"' is a link that does not exist yet: not in the feed.
    assert [link.rel for link in entries["Overleg over de jeugd aangekondigd"].links] == ["alternate"]
    assert {tag.term for tag in entries["Woningen voor jongeren"].tags} == {"jeugd", "wonen", "woningbouw"}
    assert {tag.label for tag in entries["Woningen voor jongeren"].tags} == {"Jeugd", "Wonen", "Woningbouw"}


def test_pages_announce_their_feeds(built_app):
    def announced(name: str) -> list[str]:
        return [link["href"] for link in page(built_app, name).select('head link[type="application/atom+xml"]')]

    assert announced("themas/jeugd.html") == ["../feeds/thema/jeugd.atom.xml"]
    assert announced("mensen.html") == ["feeds/netwerk/juristen.atom.xml"]
    assert announced("actueel/index.html") == ["atom.xml"]
    assert announced("actueel/archief.html") == ["atom.xml"]
    assert announced("actueel/archief/2023.html") == ["../atom.xml"]
    assert announced("index.html") == ["actueel/atom.xml"]
    assert announced("themas/zorg.html") == []
    assert announced("agenda/overleg.html") == []
    link = page(built_app, "themas/jeugd.html").select_one('head link[type="application/atom+xml"]')
    assert link["rel"] == ["alternate"] and link["title"] == "Nieuws over Jeugd – Testkennisbank"


# -- pages -------------------------------------------------------------------------


def test_actueel_lists_every_item_newest_first(built_app):
    listing = page(built_app, "actueel/index.html").select_one("ul.kb-berichten")
    assert titles(listing) == NEWEST_FIRST
    first = listing.find("li")
    assert first.select_one(".kb-bericht-datum").get_text() == "20 april 2023"
    assert first.select_one(".kb-bericht-samenvatting").get_text() == "Het juristennetwerk zoekt nieuwe leden."
    feed = page(built_app, "actueel/index.html").select_one(".kb-feed-link")
    assert feed.find("strong").get_text() == "Abonneer op al het nieuws"
    # What to do with it, and the address to copy; no link to the feed itself, which a browser
    # shows only through its stylesheet, which browsers are dropping.
    said = " ".join(feed.get_text().split())
    assert "in een nieuwslezer (zoals Feedly, Inoreader of Outlook): zet dit adres erin" in said
    assert feed.select("a") == []
    address = feed.select_one("code.kb-feed-adres").get_text()
    assert address == built_app.config.html_baseurl.rstrip("/") + "/actueel/atom.xml"


def test_the_archive_has_a_page_per_year(built_app):
    archive = page(built_app, "actueel/archief.html").select_one("ul.kb-archief-jaren")
    assert [li.get_text(" ", strip=True) for li in archive.find_all("li")] == [
        "2023 (4 berichten)",
        "2022 (1 bericht)",
    ]
    assert [a["href"] for a in archive.select("a")] == ["archief/2023.html", "archief/2022.html"]
    year = page(built_app, "actueel/archief/2023.html")
    assert year.find("h1").get_text(strip=True).startswith("Berichten uit 2023")
    assert titles(year.select_one("ul.kb-berichten")) == NEWEST_FIRST[:4]
    assert [a.get_text() for a in year.select(".kb-maandnavigatie a")] == ["← 2022", "alle jaren"]
    older = page(built_app, "actueel/archief/2022.html")
    assert titles(older.select_one("ul.kb-berichten")) == ["Jeugdplan vastgesteld"]
    assert [a.get_text() for a in older.select(".kb-maandnavigatie a")] == ["alle jaren", "2023 →"]


def test_a_theme_shows_its_latest_three_items_then_the_rest(built_app):
    section = page(built_app, "themas/jeugd.html").select_one("section#nieuws-thema-jeugd")
    assert section.find("h2").get_text(strip=True).startswith("Nieuws")
    latest, older = section.select("ul.kb-berichten")
    assert titles(latest) == NEWEST_FIRST[1:4]
    assert [li.get_text(" ", strip=True) for li in older.find_all("li")] == ["15 november 2022 : Jeugdplan vastgesteld"]
    feed = section.select_one(".kb-feed-link")
    assert feed.select_one("code.kb-feed-adres").get_text().endswith("/feeds/thema/jeugd.atom.xml")
    assert feed.find("strong").get_text() == "Abonneer op het nieuws over dit thema"
    # Listed under "Nieuws" (and its events under "Agenda"): nothing else points at it, so no
    # "Gerelateerd" saying that nothing does.
    assert page(built_app, "themas/jeugd.html").select_one("section.kb-gerelateerd") is None
    assert page(built_app, "themas/zorg.html").select_one("section.kb-nieuws") is None


def test_other_objects_list_their_news_under_related_with_the_date(built_app):
    related = page(built_app, "agenda/overleg.html").select_one("section.kb-gerelateerd")
    assert "Berichten 20 april 2023: Overleg over de jeugd aangekondigd" in related.get_text(" ", strip=True)
    person = page(built_app, "mensen.html").select_one("#anne")
    assert "Berichten 1 maart 2023: Anne over de jeugd" in person.get_text(" ", strip=True)


def test_the_front_page_shows_the_newest_items(built_app):
    listing = page(built_app, "index.html").select_one("ul.kb-berichten")
    assert titles(listing) == NEWEST_FIRST[:2]


def test_an_item_page_has_its_facts_image_and_missing_link_marker(built_app):
    item = page(built_app, "actueel/jeugd-drie.html")
    image = item.select_one("img.kb-afbeelding")
    assert image["alt"] == "Een ronde tafel met vier stoelen"
    assert (Path(built_app.outdir) / "actueel" / image["src"]).resolve().is_file()
    facts = item.select_one("dl.kb-facts").get_text(" ", strip=True)
    assert "Datum : donderdag 20 april 2023" in facts
    assert "Lees meer : [link volgt]" in facts
    assert "Bijeenkomsten : Overleg jeugd" in facts
    assert "afbeelding" not in facts.lower() and "volgorde" not in facts.lower()
    # Nothing refers to this item: no empty "Gerelateerd".
    assert item.select_one("section.kb-gerelateerd") is None
    read_more = page(built_app, "actueel/netwerk-nieuws.html").select_one("dl.kb-facts a[href^='https://vng.nl']")
    assert read_more.get_text() == "vng.nl/juristen"


def test_item_pages_stay_out_of_the_sidebar(built_app):
    assert built_app.env.metadata["actueel/jeugd-een"].get("navigation") == "hidden"
    assert built_app.env.metadata["actueel/index"].get("navigation") != "hidden"


def test_the_role_links_to_an_item_by_its_title(write_source, build):
    srcdir = write_source(
        {
            "index.md": "# Index\n\nZie {bericht}`b`.\n\n```{toctree}\nb\n```\n",
            "b.md": "# Een bericht\n\n```{bericht} b\n:datum: 2023-05-01\n:samenvatting: Kort.\n```\n",
        }
    )
    app = build(srcdir)
    assert warnings_of(app) == ""
    link = page(app, "index.html").select_one("a.reference.internal")
    assert link["href"] == "b.html#kb-bericht-b" and link.get_text() == "Een bericht"


@pytest.mark.sphinx("text", testroot="news")
def test_elsewhere_the_archive_is_printed_whole(built_app):
    archive = (Path(built_app.outdir) / "actueel" / "archief.txt").read_text(encoding="utf-8")
    for title in NEWEST_FIRST:
        assert title in archive
    assert archive.index("2023") < archive.index("Juristen zoeken leden") < archive.index("2022")
    assert "nieuwslezer" not in (Path(built_app.outdir) / "actueel" / "index.txt").read_text(encoding="utf-8")
    # Feeds are written by the HTML builders only.
    assert not list(Path(built_app.outdir).rglob("*.xml"))


# -- stable and reproducible ------------------------------------------------------------


def feed_ids(outdir: Path) -> dict[str, str]:
    """Each entry's id by its page, and the feed's own."""
    parsed = feedparser.parse((outdir / "actueel" / "atom.xml").read_bytes())
    return {"feed": parsed.feed.id, **{entry.link: entry.id for entry in parsed.entries}}


def test_ids_stay_when_titles_change(copy_root, build, tmp_path):
    srcdir = copy_root("news")
    before = feed_ids(Path(build(srcdir, builddir=tmp_path / "build").outdir))
    item = srcdir / "actueel" / "jeugd-drie.md"
    item.write_text(item.read_text().replace("# Overleg over de jeugd aangekondigd", "# Jeugdoverleg verschoven"))
    theme = srcdir / "themas" / "jeugd.md"
    theme.write_text(theme.read_text().replace("# Jeugd", "# Jeugd en onderwijs"))
    after = feed_ids(Path(build(srcdir, builddir=tmp_path / "build").outdir))
    assert after == before
    feed = (tmp_path / "build" / "html" / "feeds" / "thema" / "jeugd.atom.xml").read_text(encoding="utf-8")
    assert "<title>Jeugdoverleg verschoven</title>" in feed and "Nieuws over Jeugd en onderwijs" in feed
    assert "tag:kennisbank.vzhg.nl,2023:berichten/thema/jeugd" in feed


def test_two_clean_builds_write_the_same_feed_bytes_whatever_the_clock(build, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = output_files(Path(build(ROOTS / "test-news", builddir=tmp_path / "een").outdir))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    second = output_files(Path(build(ROOTS / "test-news", builddir=tmp_path / "twee").outdir))
    feeds = [name for name in first if name.endswith(".atom.xml") or name == "actueel/atom.xml"]
    assert len(feeds) == len(FEEDS)
    assert [name for name in feeds if first[name] != second.get(name)] == []


# -- incremental builds ---------------------------------------------------------------


NEW_ITEM = """\
# Zorg dichtbij huis

```{bericht} zorg-nieuws
:datum: 2023-04-30
:samenvatting: Zorg komt dichterbij.
:thema: zorg
```
"""


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def _remove_item(srcdir: Path, name: str) -> None:
    (srcdir / "actueel" / f"{name}.md").unlink()
    _replace(srcdir / "actueel" / "index.md", f"{name}\n", "")


CHANGES = {
    # A theme without news gets a section and a feed.
    "toevoegen": lambda s: (
        (s / "actueel" / "zorg-nieuws.md").write_text(NEW_ITEM, encoding="utf-8"),
        _replace(s / "actueel" / "index.md", "archief\n", "archief\nzorg-nieuws\n"),
    ),
    # New date (a new place in every list), new summary, another theme.
    "wijzigen": lambda s: _replace(
        s / "actueel" / "jeugd-een.md",
        "datum: 2023-03-01\nsamenvatting: Anne spreekt over de jeugd.\nthema: jeugd",
        "datum: 2023-04-25\nsamenvatting: Anne sprak over zorg.\nthema: zorg",
    ),
    "hernoemen": lambda s: _replace(s / "actueel" / "jeugd-twee.md", "# Woningen voor jongeren", "# Jongeren wonen"),
    # The only item of a theme and a programme: their feeds go.
    "verwijderen": lambda s: _remove_item(s, "jeugd-twee"),
    # The only item of 2022: its year page goes.
    "verwijderen-laatste-van-het-jaar": lambda s: _remove_item(s, "oud-bericht"),
    # An item with an image.
    "verwijderen-met-afbeelding": lambda s: _remove_item(s, "jeugd-drie"),
}


@pytest.mark.parametrize("change", CHANGES)
def test_incremental_build_equals_clean_build(change, copy_root, build, tmp_path):
    srcdir = copy_root("news")
    first = build(srcdir, builddir=tmp_path / "incremental")
    assert warnings_of(first) == ""
    before = output_files(Path(first.outdir))
    CHANGES[change](srcdir)
    incremental = build(srcdir, builddir=tmp_path / "incremental")
    clean = build(srcdir, builddir=tmp_path / "clean")
    assert warnings_of(incremental) == warnings_of(clean) == ""
    after = output_files(Path(incremental.outdir))
    assert differences(after, output_files(Path(clean.outdir))) == []
    assert after != before


def test_parallel_build_equals_serial_build(copy_root, build, tmp_path):
    srcdir = copy_root("news")
    CHANGES["toevoegen"](srcdir)
    serial = build(srcdir, builddir=tmp_path / "serial")
    parallel = build(srcdir, builddir=tmp_path / "parallel", parallel=2)
    assert warnings_of(parallel) == warnings_of(serial) == ""
    assert differences(output_files(Path(parallel.outdir)), output_files(Path(serial.outdir))) == []


# -- contributor mistakes ----------------------------------------------------------------


SETUP = """\
# Thema's

## Jeugd

```{thema} jeugd
```

## Anne

```{persoon} anne
:rollen: lid; vng
```

```{organisatie} vng
:naam: VNG
:soort: landelijke koepel
```
"""
#: The header of a case's page, as case_project writes it.
HEADER = ORPHAN + "# Case\n"
ITEM = "```{{bericht}} {id}\n:titel: B\n{fields}```\n"
GOOD = ":datum: 2023-05-01\n:samenvatting: Kort.\n"

#: Each mistake, on a page of its own in one project (an id of its own): (text, line, message).
CASES = {
    "unknown relation": (
        ITEM.format(id="b1", fields=GOOD + ":thema: jeugt\n"),
        5,
        "Bericht 'b1', veld 'thema': er bestaat geen thema met id 'jeugt' (bedoelt u 'jeugd'?)",
    ),
    "relation of the wrong type": (
        ITEM.format(id="b2", fields=GOOD + ":persoon: jeugd\n"),
        5,
        "Bericht 'b2', veld 'persoon': 'jeugd' is een thema, maar hier hoort een persoon",
    ),
    "missing date": (
        ITEM.format(id="b3", fields=":samenvatting: Kort.\n"),
        1,
        "Bericht 'b3': verplicht veld 'datum' ontbreekt (bijvoorbeeld 'datum: 2023-05-01')",
    ),
    "impossible date": (
        ITEM.format(id="b4", fields=":datum: 2023-02-30\n:samenvatting: Kort.\n"),
        3,
        "Bericht 'b4', veld 'datum': '2023-02-30' bestaat niet als datum of tijd",
    ),
    "date without a day": (
        ITEM.format(id="b5", fields=":datum: 2023-05\n:samenvatting: Kort.\n"),
        3,
        "Bericht 'b5', veld 'datum': een bericht heeft een datum met een dag nodig, zoals 2023-05-01",
    ),
    "no date at all": (
        ITEM.format(id="b6", fields=":datum: volgende week\n:samenvatting: Kort.\n"),
        3,
        "Bericht 'b6', veld 'datum': 'volgende week' is geen datum",
    ),
    "missing summary": (
        ITEM.format(id="b7", fields=":datum: 2023-05-01\n"),
        1,
        "Bericht 'b7': verplicht veld 'samenvatting' ontbreekt",
    ),
    "duplicate id": (
        ITEM.format(id="jeugd", fields=GOOD),
        1,
        "Dubbele id 'jeugd': deze id is al gebruikt voor thema 'Jeugd' in themas.md, regel 5",
    ),
    "image without alt text": (
        ITEM.format(id="b9", fields=GOOD + ":afbeelding: plaatje.svg\n"),
        5,
        "Bericht 'b9', veld 'afbeelding': een afbeelding heeft een alt-tekst nodig",
    ),
    "alt text without image": (
        ITEM.format(id="b10", fields=GOOD + ":alt-tekst: Een plaatje\n"),
        5,
        "Bericht 'b10', veld 'alt-tekst': 'alt-tekst' hoort bij een afbeelding",
    ),
    "image from another website": (
        ITEM.format(id="b11", fields=GOOD + ":afbeelding: https://example.org/a.png\n:alt-tekst: Een plaatje\n"),
        5,
        "Bericht 'b11', veld 'afbeelding': een afbeelding moet in de kennisbank zelf staan",
    ),
    "image file missing": (
        ITEM.format(id="b12", fields=GOOD + ":afbeelding: weg.svg\n:alt-tekst: Een plaatje\n"),
        5,
        "Bericht 'b12', veld 'afbeelding': het bestand 'weg.svg' bestaat niet",
    ),
    "malformed read-more link": (
        ITEM.format(id="b13", fields=GOOD + ":lees-meer: www.vng.nl\n"),
        5,
        "Bericht 'b13', veld 'lees-meer': 'www.vng.nl' is geen webadres",
    ),
    "unknown item in a role": ("Zie {bericht}`bb`.\n", 1, "Verwijzing: onbekend bericht 'bb'"),
    "unknown part of the listing": ("```{berichten} binnenkort\n```\n", 1, "Berichten: kies 'recent' of 'archief'"),
}
#: The lines above the snippet on a case's page.
OFFSET = HEADER.count("\n")


def source_for(snippet: str) -> tuple[dict[str, str], int]:
    return case_project(SETUP, snippet)


@pytest.fixture(scope="module")
def mistakes(tmp_path_factory):
    """The app of one project with every case of CASES on a page of its own, and each case's page."""
    return build_case_table(tmp_path_factory.mktemp("berichten"), SETUP, CASES, header=HEADER)


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_mistakes_are_reported_in_dutch_with_file_and_line(case, mistakes):
    _, line, message = CASES[case]
    assert only_message_on(mistakes[0], mistakes[1][case]).startswith(f"{OFFSET + line}: WARNING: {message}")


def test_each_mistake_gives_the_only_message_of_its_page(mistakes):
    """One message per case and nothing else in the whole build."""
    warnings = warnings_of(mistakes[0])
    assert warnings.count("WARNING") == len(CASES), warnings


def test_an_item_with_a_mistake_stays_out_of_lists_and_feeds(write_source, build):
    files, _ = source_for(ITEM.format(id="b", fields=":datum: 2023-05\n:samenvatting: Kort.\n:thema: jeugd\n"))
    files["actueel.md"] = "---\norphan: true\n---\n# Actueel\n\n```{berichten} recent\n```\n"
    app = build(write_source(files))
    assert "Er zijn nog geen berichten." in page(app, "actueel.html").get_text()
    assert not (Path(app.outdir) / "actueel" / "atom.xml").exists()


def test_the_strict_build_fails_on_a_mistake(write_source, tmp_path):
    strict = ["-W", "--keep-going", "-n", "-q", "-b", "html"]
    bad = write_source(source_for(CASES["image without alt text"][0])[0])
    assert build_main([*strict, str(bad), str(tmp_path / "out")]) != 0
    good = write_source(source_for(ITEM.format(id="b", fields=GOOD + ":thema: jeugd\n"))[0], name="good")
    assert build_main([*strict, str(good), str(tmp_path / "out-good")]) == 0


# -- kennisbank nieuw bericht ------------------------------------------------------------


def test_scaffold_writes_an_item_the_build_asks_to_fill_in(copy_root, build, tmp_path, capsys):
    from kennisbank.tools.cli import main as kennisbank

    docs = copy_root("news")
    assert kennisbank(["nieuw", "bericht", "nieuwe-leden", "--titel", "Nieuwe leden", "--docs", str(docs)]) == 0
    item = docs / "actueel" / "nieuwe-leden.md"
    text = item.read_text(encoding="utf-8")
    assert text.startswith("# Nieuwe leden\n\n```{bericht} nieuwe-leden\n---\n")
    assert "datum: JJJJ-MM-DD\n" in text and text.count("samenvatting:") == 1
    assert "netwerk-nieuws\nnieuwe-leden\n" in (docs / "actueel" / "index.md").read_text(encoding="utf-8")
    warnings = warnings_of(build(docs, builddir=tmp_path / "ongevuld"))
    assert f"{item}:5: WARNING: Nog niet ingevuld" in warnings
    assert f"{item}:6: WARNING: Bericht 'nieuwe-leden', veld 'datum': 'JJJJ-MM-DD' is geen datum" in warnings
    text = text.replace("VUL IN: één zin voor overzichten.", "Het netwerk groeit.")
    text = text.replace("JJJJ-MM-DD", "2023-04-30").replace("VUL IN: de tekst van deze pagina.", "Tekst.")
    item.write_text(text, encoding="utf-8")
    app = build(docs, builddir=tmp_path / "gevuld")
    assert warnings_of(app) == ""
    assert titles(page(app, "actueel/index.html").select_one("ul.kb-berichten"))[0] == "Nieuwe leden"
    # The same id, or a page that exists, is refused.
    assert kennisbank(["nieuw", "bericht", "nieuwe-leden", "--docs", str(docs)]) == 2
    assert kennisbank(["nieuw", "bericht", "archief", "--docs", str(docs)]) == 2
    assert "de pagina news/actueel/archief.md bestaat al" in capsys.readouterr().err


def test_scaffold_needs_the_news_folder(tmp_path, capsys):
    from kennisbank.tools.cli import main as kennisbank

    docs = tmp_path / "docs"
    shutil.copytree(ROOTS / "test-news", docs)
    shutil.rmtree(docs / "actueel")
    assert kennisbank(["nieuw", "bericht", "x", "--docs", str(docs)]) == 2
    assert "docs/actueel/index.md ontbreekt" in capsys.readouterr().err
