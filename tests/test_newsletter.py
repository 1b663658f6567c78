"""Newsletter editions (``{nieuwsbrief}``): the page, the archive, the e-mail builder, the checks.

The e-mail is checked as mail programs need it: no scripts, styles inlined, absolute
links and images with alt text, a text alternative with every link, a MIME message
that parses and is the same on every build; and against the caniemail data for
Outlook, Gmail and Apple Mail (npm ``@jsx-email/doiuse-email`` in .ci/node, skipped
without node). Edition 1 of the real site is the spring 2023 newsletter: every
section and key fact of the source is in it. The rendering in chromium is in
test_newsletter_browser.py.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from email import policy
from email.parser import BytesParser
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from bs4 import BeautifulSoup
from sphinx.cmd.build import build_main

from conftest import (
    DOCS,
    ORPHAN,
    ROOTS,
    build_case_table,
    build_once,
    case_project,
    only_message_on,
    output_files,
    status_of,
    warnings_of,
)
from test_build_modes import differences
from test_reproducible import find_vnu

pytestmark = pytest.mark.sphinx("html", testroot="newsletter")

ROOT = Path(__file__).parents[1]
BASE = "https://kennisbank.example/"
SECTIONS = ["Noteer alvast", "Bestuur", "Thema’s", "Agenda", "Netwerken"]
EDITION_FILES = [f"nieuwsbrief-{n}.{suffix}" for n in (1, 2) for suffix in ("eml", "html", "txt")]
#: The generated agenda of edition 1 (1 May up to 1 July 2023): not the event of September,
#: nor the one known only to its year, which may have been before the edition.
AGENDA_1 = ["Overleg jeugd", "Netwerkdag juristen", "Congres wonen"]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def main_of(app, name: str) -> BeautifulSoup:
    return soup(Path(app.outdir) / name).select_one("[role=main]")


@pytest.fixture(scope="module")
def mail(tmp_path_factory):
    """The test root built as the website, then as e-mail from the same doctrees."""
    builddir = tmp_path_factory.mktemp("nieuwsbrief")
    site = build_once("html", ROOTS / "test-newsletter", builddir)
    letters = build_once("nieuwsbrief", ROOTS / "test-newsletter", builddir)
    return site, letters


def letter_html(mail, number: int = 1) -> BeautifulSoup:
    return soup(Path(mail[1].outdir) / f"nieuwsbrief-{number}.html")


def letter_text(mail, number: int = 1) -> str:
    return (Path(mail[1].outdir) / f"nieuwsbrief-{number}.txt").read_text(encoding="utf-8")


# -- the page on the site ------------------------------------------------------------------


def test_the_builds_are_clean_and_the_mail_reads_nothing_again(mail):
    site, letters = mail
    assert warnings_of(site) == "" and warnings_of(letters) == ""
    assert "0 added, 0 changed, 0 removed" in status_of(letters)  # the HTML build's doctrees
    assert sorted(p.name for p in Path(letters.outdir).iterdir()) == EDITION_FILES


def test_the_edition_page_shows_its_sections_in_order_with_a_link_to_every_object(built_app):
    main = main_of(built_app, "nieuwsbrief/2023-1.html")
    assert [h2.get_text(strip=True).rstrip("¶") for h2 in main.select("section > section > h2")] == SECTIONS
    entries = {
        section.h2.get_text(strip=True).rstrip("¶"): [
            (h3.a.get_text(strip=True), h3.a["href"]) for h3 in section.select("section > h3")
        ]
        for section in main.select("section.kb-nieuwsbrief-sectie")
    }
    assert entries == {
        "Noteer alvast": [("Overleg jeugd", "../agenda/overleg.html#kb-evenement-overleg")],
        "Bestuur": [("Jeugd", "../themas.html#kb-thema-jeugd")],
        "Thema’s": [
            (
                "Overleg over de jeugd aangekondigd",
                "../actueel/overleg-aangekondigd.html#kb-bericht-overleg-aangekondigd",
            ),
            ("Woningbouw", "../themas.html#kb-programma-woningbouw"),
        ],
        "Agenda": [],
        "Netwerken": [
            ("Juristen zoeken leden", "../actueel/juristen.html#kb-bericht-juristen-zoeken-leden"),
            ("Juristennetwerk", "../mensen.html#kb-netwerk-juristen"),
        ],
    }
    overleg = main.select_one("#nieuwsbrief-save-the-date-overleg").get_text(" ", strip=True)
    assert "vrijdag 12 mei 2023 · Den Haag" in overleg and "Aanmelden : [link volgt]" in overleg
    assert "Sprekers : Anne" in overleg
    agenda = main.select_one("ul.kb-nieuwsbrief-agenda")
    assert [a.get_text(strip=True) for a in agenda.select("a")] == AGENDA_1
    assert "mei 2023 [precieze datum volgt]" in agenda.get_text(" ", strip=True)
    assert "Alle bijeenkomsten van 1 mei tot en met 1 juli 2023:" in main.get_text(" ", strip=True)
    image = main.select_one("img.kb-afbeelding")
    assert image["alt"] == "Een ronde tafel met vier stoelen" and image["src"] == "../_images/tafel.png"
    assert (Path(built_app.outdir) / "_images" / "tafel.png").is_file()
    assert not main.select('a[href="#"], a[href=""]')


def test_the_introduction_and_the_facts_stay_on_the_page(built_app):
    main = main_of(built_app, "nieuwsbrief/2023-1.html")
    facts = main.select_one("dl.kb-nieuwsbrief").get_text(" ", strip=True)
    assert facts == "Nummer : 1 Datum : maandag 1 mei 2023"
    intro = main.select_one(".kb-nieuwsbrief-inleiding")
    assert intro.select_one("a.reference.external")["href"] == "https://vng.example/"
    assert "Verslag [link volgt]" in intro.get_text(" ", strip=True)


def test_an_edition_without_agenda_shows_only_its_sections(built_app):
    main = main_of(built_app, "nieuwsbrief/2023-2.html")
    assert [h2.get_text(strip=True).rstrip("¶") for h2 in main.select("section > section > h2")] == ["Thema’s"]


def test_the_archive_lists_every_edition_newest_first(built_app):
    listing = main_of(built_app, "nieuwsbrief/index.html").select_one("ul.kb-nieuwsbrieven")
    assert [li.get_text(" ", strip=True) for li in listing.find_all("li")] == [
        "Nieuwsbrief juni 2023 (nummer 2, 1 juni 2023)",
        "Nieuwsbrief mei 2023 (nummer 1, 1 mei 2023)",
    ]
    assert [a["href"] for a in listing.select("a")] == ["2023-2.html", "2023-1.html"]


# -- the e-mail -------------------------------------------------------------------------------


def test_the_html_has_no_script_no_stylesheet_and_only_media_rules_left(mail):
    for number in (1, 2):
        page = letter_html(mail, number)
        assert page.html["lang"] == "nl"
        assert page.select_one('meta[name="color-scheme"]')["content"] == "light dark"
        assert not page.find_all(["script", "link", "iframe", "object", "form"])
        raw = (Path(mail[1].outdir) / f"nieuwsbrief-{number}.html").read_text(encoding="utf-8")
        assert "@font-face" not in raw and "@import" not in raw and "<script" not in raw.lower()
        styles = page.find_all("style")
        assert len(styles) == 1
        rules = re.sub(r"/\*.*?\*/", "", styles[0].string, flags=re.S)
        assert _top_level_rules(rules) == ["@media (prefers-color-scheme: dark)", "@media (max-width: 480px)"]
        # The rest is in style attributes: the classes that had rules carry them.
        assert "color: #1f2328" in page.select_one("td.kb-cell")["style"]


def _top_level_rules(css: str) -> list[str]:
    found, depth, start = [], 0, 0
    for index, char in enumerate(css):
        if char == "{":
            if depth == 0:
                found.append(css[start:index].strip())
            depth += 1
        elif char == "}":
            depth -= 1
            start = index + 1
    return found


def test_a_single_600_px_table_with_colours_on_every_cell(mail):
    page = letter_html(mail)
    letter = page.select_one("table.kb-letter")
    assert letter["role"] == "presentation" and letter["width"] == "600"
    assert "width: 100%" in letter["style"] and "max-width: 600px" in letter["style"]
    assert all(table.get("role") == "presentation" for table in page.find_all("table"))
    for cell in page.find_all("td"):
        style = cell.get("style", "")
        assert re.search(r"(^|;)\s*color:", style) and "background-color:" in style, cell.get("class")


def test_every_link_is_absolute_and_every_image_has_alt_text(mail):
    page = letter_html(mail)
    links = [a["href"] for a in page.find_all("a")]
    assert links and all(href.startswith(("https://", "mailto:")) for href in links)
    online = page.find("a")
    assert online.get_text() == "Bekijk deze nieuwsbrief online" and online["href"] == BASE + "nieuwsbrief/2023-1.html"
    images = page.find_all("img")
    assert [image["alt"] for image in images] == ["Een ronde tafel met vier stoelen"]
    assert images[0]["src"] == BASE + "_images/tafel.png" and images[0]["width"] == "120"


def test_the_e_mail_links_to_the_same_objects_as_the_page(mail):
    site, _ = mail
    page_url = BASE + "nieuwsbrief/2023-1.html"
    on_page = {
        unquote(urljoin(page_url, a["href"]))  # the site writes the @ of a mailbox as %40
        for a in main_of(site, "nieuwsbrief/2023-1.html").select("section.kb-nieuwsbrief-sectie a.reference")
    }
    in_mail = {a["href"] for a in letter_html(mail).select("a")}
    assert on_page <= in_mail
    assert BASE + "actueel/overleg-aangekondigd.html#kb-bericht-overleg-aangekondigd" in on_page


def test_an_item_gives_the_links_of_what_it_is_about(mail):
    """The calls to action of its events and networks: "Aanmelden", a network's mailbox."""
    facts = {
        p.strong.get_text(): p.a["href"] if p.a else p.get_text()
        for p in letter_html(mail).select("#nieuwsbrief-netwerken-juristen-zoeken-leden p.kb-fact, td p.kb-fact")
        if p.strong
    }
    assert facts["Contact (Juristennetwerk):"] == "mailto:juristen@kennisbank.example"
    assert facts["Aanmelden (Overleg jeugd):"] == "Aanmelden (Overleg jeugd): [link volgt]"
    assert "Contact (Juristennetwerk): juristen@kennisbank.example <mailto:juristen@kennisbank.example>" in " ".join(
        letter_text(mail).split()
    )


def test_missing_links_are_marked_never_dead(mail):
    page = letter_html(mail)
    markers = [span.get_text() for span in page.select("span.kb-marker")]
    # Aanmelden (event), Lees meer (item), the event's Aanmelden under the item, the intro's Verslag.
    assert markers == ["[link volgt]"] * 4
    assert not page.select('a[href="#"], a[href=""]')
    assert letter_text(mail).count("[link volgt]") == 4


def test_the_text_alternative_has_the_same_content_and_every_link(mail):
    for number in (1, 2):
        page, text = letter_html(mail, number), letter_text(mail, number)
        for a in page.find_all("a"):
            assert f"<{a['href']}>" in text, a["href"]
        for image in page.find_all("img"):
            assert f"{image['alt']} <{image['src']}>" in " ".join(text.split())
        for heading in page.find_all(["h1", "h2", "h3"]):
            assert heading.get_text(strip=True).upper() in text.upper()
        for line in text.splitlines():  # 72 characters, unless an address does not fit
            assert len(line) <= 72 or re.search(r"<\S+>", line), line
    text = letter_text(mail)
    assert "- mei 2023 [precieze datum volgt]: Netwerkdag juristen" in text
    assert "In mei is er overleg over de jeugd." in text


def test_the_introduction_is_in_the_e_mail_whole(mail):
    """What an e-mail cannot show as such (a note box, a table) is kept as its text."""
    page = letter_html(mail, 2).select_one("td.kb-intro")
    assert [p.get_text() for p in page.find_all("p")] == [
        "De tweede nieuwsbrief, met nadruk en code.",
        "Een opmerking in een kader.",
        "Wie – Wat",
        "Anne – spreekt",
    ]
    assert page.em.get_text() == "nadruk" and page.code.get_text() == "code"
    assert [li.get_text() for li in page.select("ol > li")] == ["eerste stap;", "tweede stap."]
    image = page.img
    assert image["src"] == BASE + "_images/tafel.png" and image["alt"] == "De tafel van het overleg"
    text = letter_text(mail, 2)
    assert "1. eerste stap;\n2. tweede stap." in text and "Anne – spreekt" in text
    assert "Afbeelding: De tafel van het overleg <https://kennisbank.example/_images/tafel.png>" in " ".join(
        text.split()
    )


def test_the_eml_is_a_multipart_alternative_message_in_utf_8(mail):
    outdir = Path(mail[1].outdir)
    message = BytesParser(policy=policy.default).parsebytes((outdir / "nieuwsbrief-1.eml").read_bytes())
    assert message.get_content_type() == "multipart/alternative"
    assert message["From"] == "Testnieuwsbrief <redactie@kennisbank.example>"
    assert message["Reply-To"] == "secretariaat@kennisbank.example"
    assert message["To"] is None  # not configured: the mail program adds it
    assert message["Subject"] == "Testnieuwsbrief mei 2023"
    assert message["Date"] == "Mon, 01 May 2023 00:00:00 +0200"  # the edition's date, never the clock
    assert message["Message-ID"] == "<nieuwsbrief-1@kennisbank.vzhg.nl>"
    assert message["Content-Language"] == "nl"
    text, html = message.iter_parts()
    assert (text.get_content_type(), html.get_content_type()) == ("text/plain", "text/html")
    assert text.get_content_charset() == html.get_content_charset() == "utf-8"
    # The message's lines end in CRLF, as RFC 5322 has them; the files' in LF.
    assert text.get_content().replace("\r\n", "\n") == (outdir / "nieuwsbrief-1.txt").read_text(encoding="utf-8")
    assert html.get_content().replace("\r\n", "\n") == (outdir / "nieuwsbrief-1.html").read_text(encoding="utf-8")
    assert b"\r\nSubject: " in (outdir / "nieuwsbrief-1.eml").read_bytes()
    second = BytesParser(policy=policy.default).parsebytes((outdir / "nieuwsbrief-2.eml").read_bytes())
    assert second["Subject"] == "Nieuwsbrief juni 2023"  # no 'onderwerp': the page's title


def test_two_builds_write_the_same_bytes_whatever_the_clock(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = output_files(Path(build_once("nieuwsbrief", ROOTS / "test-newsletter", tmp_path / "een").outdir))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    second = output_files(Path(build_once("nieuwsbrief", ROOTS / "test-newsletter", tmp_path / "twee").outdir))
    assert sorted(first) == EDITION_FILES
    assert differences(second, first) == []


# -- caniemail ------------------------------------------------------------------------------

DOIUSE = ROOT / ".ci" / "node" / "node_modules" / "@jsx-email" / "doiuse-email"
CLIENTS = ["outlook.*", "gmail.*", "apple-mail.*"]
#: What the checker reports that the e-mail uses on purpose, and why that is safe.
ACCEPTED = {
    # The dark-mode and small-screen rules; a client without @media shows the inlined
    # colours and the fluid table, which read well on their own.
    "`@media`": {"outlook.windows", "outlook.windows-mail", "gmail.mobile-webmail"},
    # These apps drop <body>: nothing is set on it but margin 0; the tables carry the colours.
    "`<body> element`": {"outlook.macos", "outlook.ios", "outlook.android"},
    # role="presentation" keeps screen readers from reading the layout tables as data;
    # a client that does not know the attribute ignores it.
    "`role attribute`": {"outlook.windows-mail"},
}
CHECK = """
const { doIUseEmail } = require(process.argv[1]);
const html = require("fs").readFileSync(process.argv[2], "utf8");
console.log(JSON.stringify(doIUseEmail(html, { emailClients: process.argv.slice(3) })));
"""


@pytest.mark.slow  # node: the caniemail checker
def test_the_e_mail_uses_only_what_outlook_gmail_and_apple_mail_support(mail):
    node = shutil.which("node")
    if node is None or not (DOIUSE / "package.json").exists():
        pytest.skip("node of npm @jsx-email/doiuse-email (caniemail) ontbreekt: .ci/run installeert ze")
    for number in (1, 2):
        path = Path(mail[1].outdir) / f"nieuwsbrief-{number}.html"
        result = subprocess.run(
            [node, "-e", CHECK, str(DOIUSE), str(path), *CLIENTS], capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, result.stderr
        report = json.loads(result.stdout)
        unexpected = []
        for error in report.get("errors", []):
            feature, _, client = error.partition(" is not supported by ")
            if client.strip("`") not in ACCEPTED.get(feature, set()):
                unexpected.append(error)
        assert unexpected == []
        # The check does look at the e-mail: what it accepts, it did find.
        assert any(e.startswith("`@media`") for e in report.get("errors", []))


@pytest.mark.slow  # Java: the Nu HTML Checker
def test_the_e_mail_is_valid_html(mail):
    vnu, java = find_vnu(), shutil.which("java")
    if vnu is None or java is None:
        pytest.skip("Nu HTML Checker (npm vnu-jar) of Java ontbreekt: .ci/run installeert ze")
    files = [str(Path(mail[1].outdir) / f"nieuwsbrief-{n}.html") for n in (1, 2)]
    result = subprocess.run(
        [java, "-jar", str(vnu), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert [f"{m.get('url', '')}:{m.get('lastLine')}: {m['message']}" for m in messages if m["type"] == "error"] == []


# -- edition 1 of the real site: the spring 2023 newsletter ------------------------------------

#: Each section heading of the source newsletter, and what edition 1 says for it: the
#: objects (by title, each a link) in the section where the edition has that topic.
SEED_SECTIONS = {
    "NOTEER ALVAST": ("Noteer alvast", ["Bestuurdersdag 2023"]),
    "BESTUUR": (
        "Bestuur",
        [
            "Participatie & polarisatie",
            "Brede welvaart",
            "Asiel & migratie",
            "Regionalisering",
            "Grip op verbonden partijen",
            "Ruimtelijke puzzel en NOVEX-gebieden",
            "NOVI en Omgevingswet",
            "Jeugd",
        ],
    ),
    "BREDE WELVAART": ("Thema’s", ["Brede welvaart", "Netwerk Brede Welvaart"]),
    "ASIEL & MIGRATIE": ("Thema’s", ["Asiel & migratie", "Emile Jaensch"]),
    "RUIMTELIJKE PUZZEL / NOVEX": (
        "Thema’s",
        [
            "Ruimtelijke puzzel en NOVEX-gebieden",
            "Programma NOVEX",
            "Anne Koning",
            "Landelijk Programma Landelijk Gebied",
            "Zuid-Hollands Programma Landelijk Gebied",
        ],
    ),
    "HET PROGRAMMA WONINGBOUW": ("Thema’s", ["Programma Woningbouw", "Nationale Woon- en Bouwagenda"]),
    "PROGRAMMA BETER BESTUUR": ("Thema’s", ["Programma Beter Bestuur"]),
    "VNG VERENIGINGSSTRATEGIE": (
        "Thema’s",
        ["Verenigingsstrategie 2030", "Leonard Geluk", "Sharon Dijksma", "Algemene Ledenvergadering VNG 2023"],
    ),
    "HANDREIKING AMBTELIJKE BIJSTAND VAN RAADSLEDEN": ("Thema’s", ["Handreiking ambtelijke bijstand van raadsleden"]),
    "GEPLANDE BIJEENKOMSTEN ZUID-HOLLAND ACADEMIE": (
        "Agenda",
        [
            "Zuid-Holland Academie",
            "Raad & Rekenkamer: een nieuwe verbinding",
            "Versterking lokale driehoeken – besturen doe je – beter – samen!",
        ],
    ),
    "VNG NETWERK VOOR JURISTEN": ("Netwerken", ["VNG-netwerk voor gemeentejuristen"]),
    "STRATEGENNETWERK": (
        "Netwerken",
        ["Strategennetwerk van de VZHG", "Strategennetwerk Viamorgen", "Samenwerkingsplatform sociaal domein"],
    ),
}
#: Facts of the source, as the edition writes them (dates in babel's Dutch).
SEED_FACTS = [
    "vrijdag 12 mei 2023",
    "Den Haag",
    "acht thema's",
    "juni 2026",
    "Emile Jaensch",
    "Anne Koning",
    "honderd burgemeesters en wethouders",
    "bodem en water sturend",
    "eerste van zes programma's",
    "spiegel nieuwe stijl",
    "14 juni 2023",
    "donderdag 25 mei 2023, 13.30–16.00 uur",
    "Eenhoorn Amersfoort",
    "twee keer per jaar",
    "60 aanmeldingen",
    "donderdag 11 mei 2023",
    "vrijdag 9 juni 2023",
    "netwerkbredewelvaart.nl",
    "vng.nl/publicaties/aan-de-slag-met-brede-welvaart-als-gemeente",
    "secretariaat@vzhg.nl",
    "Anne de Baat",
    "secretaris@vzhg.nl",
    "www.vzhg.nl",
    "@VZHG_sec",
]
#: The links the source gives as "#": each is "[link volgt]" in the edition.
SEED_MISSING_LINKS = [
    "Aanmelden",  # Bestuurdersdag
    "Terugkijken (Rondetafelbijeenkomst brede welvaart)",
    "Website (Programma NOVEX)",
    "Verslag (Bestuurlijk gesprek Landelijk Programma Landelijk Gebied)",
    "Website (Zuid-Hollands Programma Landelijk Gebied)",
    "Aanmelden (Discussiebijeenkomst Verenigingsstrategie 2030 in Amersfoort)",
    "Website (Verenigingsstrategie 2030)",
]


def _edition_on(day: str, tmp_path_factory) -> dict:
    """Edition 1 on the site and as e-mail, as both read on ``day`` (one environment for the two)."""
    builddir = tmp_path_factory.mktemp(f"docs-nieuwsbrief-{day}")
    settings = {"confoverrides": {"kennisbank_reference_date": day}}
    site = build_once("html", DOCS, builddir, **settings)
    letters = build_once("nieuwsbrief", DOCS, builddir, **settings)
    assert warnings_of(site) == warnings_of(letters) == ""
    outdir = Path(letters.outdir)
    assert sorted(p.name for p in outdir.iterdir()) == ["nieuwsbrief-1.eml", "nieuwsbrief-1.html", "nieuwsbrief-1.txt"]
    return {
        "site": soup(Path(site.outdir) / "nieuwsbrief" / "2023-1.html").select_one("[role=main]"),
        "html": soup(outdir / "nieuwsbrief-1.html"),
        "text": (outdir / "nieuwsbrief-1.txt").read_text(encoding="utf-8"),
    }


@pytest.fixture(scope="module")
def edition_one(tmp_path_factory):
    """Edition 1 as it was sent, on 1 May 2023: its calls to action could be acted on."""
    return _edition_on("2023-05-01", tmp_path_factory)


@pytest.fixture(scope="module")
def edition_one_later(tmp_path_factory):
    """Edition 1 read on 7 December 2026, when every event in it is over."""
    return _edition_on("2026-12-07", tmp_path_factory)


def _sections(page: BeautifulSoup, heading: str, title: str) -> dict[str, str]:
    """The text of each section, by its heading, whether on the site (sections) or in the e-mail (rows)."""
    found: dict[str, list[str]] = {}
    current = None
    for element in page.find_all([heading, title, "p", "li"]):
        if element.name == heading:
            current = element.get_text(strip=True).rstrip("¶")
            found[current] = []
        elif current is not None:
            found[current].append(" ".join(element.get_text(" ").split()))
    return {name: " ".join(parts) for name, parts in found.items()}


def test_edition_one_has_every_section_of_the_spring_2023_newsletter(edition_one):
    site = _sections(edition_one["site"], "h2", "h3")
    mail = _sections(edition_one["html"], "h2", "h3")
    assert list(site) == list(mail) == SECTIONS
    missing = [
        (seed, where, title)
        for seed, (section, titles) in SEED_SECTIONS.items()
        for where, sections in (("site", site), ("e-mail", mail))
        for title in titles
        if title not in sections[section]
    ]
    assert missing == []
    text = edition_one["text"]
    for section, titles in SEED_SECTIONS.values():
        part = text.split(section.upper(), 1)[1]
        assert all(" ".join(title.split()) in " ".join(part.split()) for title in titles), section


def test_edition_one_states_the_key_facts_and_links_every_object(edition_one):
    texts = {
        # The site writes e-mail addresses in parts, against harvesters (as test_site.py reads them).
        "site": " ".join(edition_one["site"].get_text(" ").split()).replace(" @ ", "@").replace(" . ", "."),
        "e-mail": " ".join(edition_one["html"].get_text(" ").split()),
        "tekst": " ".join(edition_one["text"].split()),
    }
    missing = [(where, fact) for where, text in texts.items() for fact in SEED_FACTS if fact not in text]
    assert missing == []
    # Every title in the sections is a link to the object's page on the site.
    for a in edition_one["html"].select("h3 a"):
        assert a["href"].startswith("https://vzhg.github.io/kennisbank/") and "#kb-" in a["href"]


def test_edition_one_read_later_calls_on_no_one_to_act(edition_one_later):
    """Once its events are over: no "Noteer alvast" heading, no "Aanmelden", and no link said to
    follow that can no longer come; the event it announced says it is over."""
    site = _sections(edition_one_later["site"], "h2", "h3")
    mail = _sections(edition_one_later["html"], "h2", "h3")
    assert [heading.replace("\xad", "") for heading in site] == list(mail) == ["Aangekondigd", *SECTIONS[1:]]
    for where, text in (*site.items(), *mail.items(), ("tekst", edition_one_later["text"])):
        text = re.sub(r"Aanmelden(%20| )nieuwsbrief", "", text)  # signing up for the newsletter itself
        assert "Aanmelden" not in text and "Noteer alvast" not in text, where
    facts = [" ".join(p.get_text(" ").split()) for p in edition_one_later["html"].select("p.kb-fact")]
    still_to_come = [label for label in SEED_MISSING_LINKS if label.startswith("Website")]
    assert [f.removesuffix(": [link volgt]") for f in facts if f.endswith("[link volgt]")] == still_to_come
    assert "vrijdag 12 mei 2023 · Den Haag · afgelopen" in mail["Aangekondigd"]


def test_edition_one_marks_the_links_the_source_did_not_give(edition_one):
    facts = [" ".join(p.get_text(" ").split()) for p in edition_one["html"].select("p.kb-fact")]
    for label in SEED_MISSING_LINKS:
        assert f"{label}: [link volgt]" in facts, label
    text = " ".join(edition_one["text"].split())
    assert all(f"{label}: [link volgt]" in text for label in SEED_MISSING_LINKS)
    site = edition_one["site"]
    assert len(site.select("section.kb-nieuwsbrief-sectie .kb-link-volgt")) == len(SEED_MISSING_LINKS)
    assert not site.select('a[href="#"], a[href=""]')


# -- incremental and parallel builds -----------------------------------------------------------------


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


EDITION_3 = """\
# Nieuwsbrief juli 2023

```{nieuwsbrief}
---
nummer: 3
datum: 2023-07-01
netwerken: |
  juristen
---
```
"""

CHANGES = {
    # An item in edition 1 gets a new title: its page, the e-mail and its text change.
    "hernoemen": lambda s: _replace(s / "actueel" / "juristen.md", "# Juristen zoeken leden", "# Juristen gezocht"),
    # A theme that items of edition 1 are about: their lines "Thema’s: ..." change.
    "thema": lambda s: _replace(s / "themas.md", "## Jeugd\n", "## Jeugd en onderwijs\n"),
    # An event moves into the agenda of edition 1.
    "agenda": lambda s: _replace(s / "agenda" / "later.md", "start: 2023-09-01", "start: 2023-06-20"),
    "toevoegen": lambda s: (
        (s / "nieuwsbrief" / "2023-3.md").write_text(EDITION_3, encoding="utf-8"),
        _replace(s / "nieuwsbrief" / "index.md", "2023-2\n", "2023-2\n2023-3\n"),
    ),
    # Its files go, and the archive loses a line.
    "verwijderen": lambda s: (
        (s / "nieuwsbrief" / "2023-2.md").unlink(),
        _replace(s / "nieuwsbrief" / "index.md", "2023-2\n", ""),
    ),
    "hernummeren": lambda s: _replace(s / "nieuwsbrief" / "2023-2.md", "nummer: 2", "nummer: 3"),
}


def _build_both(srcdir: Path, builddir: Path, **kwargs) -> tuple[dict[str, bytes], dict[str, bytes], str]:
    site = build_once("html", srcdir, builddir, **kwargs)
    letters = build_once("nieuwsbrief", srcdir, builddir, **kwargs)
    return output_files(Path(site.outdir)), output_files(Path(letters.outdir)), warnings_of(site) + warnings_of(letters)


@pytest.mark.parametrize("change", CHANGES)
def test_incremental_builds_equal_clean_builds(change, copy_root, tmp_path):
    srcdir = copy_root("newsletter")
    site_before, mail_before, warnings = _build_both(srcdir, tmp_path / "incremental")
    assert warnings == ""
    CHANGES[change](srcdir)
    site, letters, warnings = _build_both(srcdir, tmp_path / "incremental")
    clean_site, clean_letters, clean_warnings = _build_both(srcdir, tmp_path / "clean")
    assert warnings == clean_warnings == ""
    assert differences(site, clean_site) == []
    assert differences(letters, clean_letters) == []
    assert site != site_before and letters != mail_before


def test_parallel_build_equals_serial_build(copy_root, tmp_path):
    srcdir = copy_root("newsletter")
    CHANGES["toevoegen"](srcdir)
    serial = _build_both(srcdir, tmp_path / "serial")
    parallel = _build_both(srcdir, tmp_path / "parallel", parallel=2)
    assert parallel[2] == serial[2] == ""
    assert differences(parallel[0], serial[0]) == [] and differences(parallel[1], serial[1]) == []


# -- contributor mistakes -----------------------------------------------------------------------

SETUP = """\
# Thema's

## Jeugd

```{thema} jeugd
```

## Overleg

```{evenement} overleg
:start: 2023-05-12
:organisator: vng
```

```{organisatie} vng
:naam: VNG
:soort: landelijke koepel
```
"""
EDITION = "```{{nieuwsbrief}}\n---\n{fields}---\n\nInleiding.\n```\n"
GOOD = "nummer: 1\ndatum: 2023-05-01\n"


def good(number: int) -> str:
    return f"nummer: {number}\ndatum: 2023-05-01\n"


#: Each mistake, on a page of its own in one project (a number of its own): (text, line, message).
CASES = {
    "unknown id": (
        EDITION.format(fields=good(11) + "themas: |\n  jeugt\n"),
        6,
        "Nieuwsbrief 11, veld 'themas': er bestaat geen bericht, thema of programma met id 'jeugt' (bedoelt u 'jeugd'?)",
    ),
    "id of the wrong type": (
        EDITION.format(fields=good(12) + "save-the-date: |\n  overleg\nnetwerken: |\n  jeugd\n"),
        8,
        "Nieuwsbrief 12, veld 'netwerken': 'jeugd' is een thema, maar onder 'Netwerken' hoort een bericht of netwerk",
    ),
    "an id twice": (
        EDITION.format(fields=good(13) + "bestuur: |\n  jeugd\nthemas: |\n  jeugd\n"),
        8,
        "Nieuwsbrief 13, veld 'themas': 'jeugd' staat al in deze nieuwsbrief (veld 'bestuur'); noem het één keer",
    ),
    "no date": (
        EDITION.format(fields="nummer: 14\n"),
        1,
        "Nieuwsbrief: verplicht veld 'datum' ontbreekt (bijvoorbeeld 'datum: 2023-05-01')",
    ),
    "a date without a day": (
        EDITION.format(fields="nummer: 15\ndatum: 2023-05\n"),
        4,
        "Nieuwsbrief, veld 'datum': een nieuwsbrief heeft een datum met een dag nodig, zoals 2023-05-01",
    ),
    "no number": (
        EDITION.format(fields="datum: 2023-05-01\n"),
        1,
        "Nieuwsbrief: verplicht veld 'nummer' ontbreekt (bijvoorbeeld 'nummer: 1')",
    ),
    "number zero": (
        EDITION.format(fields="nummer: 0\ndatum: 2023-05-01\n"),
        3,
        "Nieuwsbrief, veld 'nummer': het nummer is 1 of hoger",
    ),
    "a second edition on the page": (
        EDITION.format(fields=good(18)) + EDITION.format(fields="nummer: 19\ndatum: 2023-06-01\n"),
        9,
        "Nieuwsbrief: zet één nieuwsbrief per pagina; deze tweede telt niet mee",
    ),
    "unknown field": (
        EDITION.format(fields=good(20) + "thema: jeugd\n"),
        5,
        "Nieuwsbrief: onbekend veld 'thema' (bedoelt u 'themas'?)",
    ),
}
#: The header of a case's page, and the lines above the snippet there.
HEADER = ORPHAN + "# Nieuwsbrief\n"
OFFSET = HEADER.count("\n")


def source_for(snippet: str) -> tuple[dict[str, str], int]:
    return case_project(SETUP, snippet, page="editie.md", header=HEADER)


SENDER = 'kennisbank_newsletter_from = "Testnieuwsbrief <redactie@kennisbank.example>"\n'


def with_settings(srcdir: Path, settings: str = SENDER) -> Path:
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + settings, encoding="utf-8")
    return srcdir


@pytest.fixture(scope="module")
def mistakes(tmp_path_factory):
    """The app of one project with every case of CASES on a page of its own, and each case's page."""
    return build_case_table(tmp_path_factory.mktemp("edities"), SETUP, CASES, "editie", HEADER)


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_mistakes_are_reported_in_dutch_with_file_and_line(case, mistakes):
    _, line, message = CASES[case]
    assert only_message_on(mistakes[0], mistakes[1][case]).startswith(f"{OFFSET + line}: WARNING: {message}")


def test_each_mistake_gives_the_only_message_of_its_page(mistakes):
    """One message per case and nothing else in the whole build."""
    warnings = warnings_of(mistakes[0])
    assert warnings.count("WARNING") == len(CASES), warnings


def test_a_number_used_twice_is_reported_at_the_second_edition(write_source, build, tmp_path):
    files, offset = source_for(EDITION.format(fields=GOOD))
    files["later.md"] = "---\norphan: true\n---\n# Later\n" + EDITION.format(fields="nummer: 1\ndatum: 2023-06-01\n")
    srcdir = with_settings(write_source(files))
    app = build(srcdir)
    message = "Nieuwsbrief: nummer 1 is al gebruikt in editie.md, regel 7; geef elke nieuwsbrief een eigen nummer"
    assert warnings_of(app) == f"{srcdir / 'later.md'}:{offset + 3}: WARNING: {message} [kennisbank.nieuwsbrief]\n"
    # The e-mail builder writes the first one only.
    letters = build(srcdir, "nieuwsbrief", builddir=tmp_path / "mail")
    assert sorted(p.name for p in Path(letters.outdir).iterdir()) == [
        "nieuwsbrief-1.eml",
        "nieuwsbrief-1.html",
        "nieuwsbrief-1.txt",
    ]
    assert "Later" not in (Path(letters.outdir) / "nieuwsbrief-1.txt").read_text(encoding="utf-8")


def test_an_entry_with_a_mistake_is_left_out_and_the_rest_stays(write_source, build):
    files, _ = source_for(EDITION.format(fields=GOOD + "bestuur: |\n  jeugt\n  jeugd\n"))
    app = build(write_source(files))
    main = main_of(app, "editie.html")
    assert [h3.get_text(strip=True).rstrip("¶") for h3 in main.select("h3")] == ["Jeugd"]


def test_the_strict_build_fails_on_a_mistake(write_source, tmp_path):
    strict = ["-W", "--keep-going", "-n", "-q", "-b", "html"]
    bad = write_source(source_for(CASES["unknown id"][0])[0])
    assert build_main([*strict, str(bad), str(tmp_path / "out")]) != 0
    good = write_source(source_for(EDITION.format(fields=GOOD + "themas: |\n  jeugd\n"))[0], name="good")
    assert build_main([*strict, str(good), str(tmp_path / "out-good")]) == 0


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ('html_baseurl = ""\n' + SENDER, "De nieuwsbrief heeft volledige webadressen nodig: stel html_baseurl in"),
        ("", "Stel de afzender van de nieuwsbrief in docs/conf.py in"),
    ],
    ids=["zonder html_baseurl", "zonder afzender"],
)
def test_the_builder_says_what_it_needs(settings, message, write_source, tmp_path, capsys):
    srcdir = with_settings(write_source(source_for(EDITION.format(fields=GOOD))[0]), settings)
    assert build_main(["-q", "-b", "nieuwsbrief", str(srcdir), str(tmp_path / "out")]) != 0
    assert message in " ".join(capsys.readouterr().err.split())


def test_a_malformed_sender_stops_the_build_at_once(write_source, tmp_path, capsys):
    srcdir = with_settings(
        write_source(source_for(EDITION.format(fields=GOOD))[0]), SENDER.replace("<redactie@", "<redactie at ")
    )
    assert build_main(["-q", "-b", "html", str(srcdir), str(tmp_path / "out")]) != 0
    assert "kennisbank_newsletter_from moet één e-mailadres zijn" in capsys.readouterr().err


def test_the_mail_builder_never_touches_files_it_did_not_write(write_source, build, tmp_path):
    srcdir = with_settings(write_source(source_for(EDITION.format(fields=GOOD))[0]))
    outdir = tmp_path / "mail" / "nieuwsbrief"
    outdir.mkdir(parents=True)
    (outdir / "nieuwsbrief-concept.html").write_text("van de redactie", encoding="utf-8")
    (outdir / "nieuwsbrief-7.html").write_text("oud", encoding="utf-8")  # an edition that is gone
    build(srcdir, "nieuwsbrief", builddir=tmp_path / "mail")
    assert sorted(p.name for p in outdir.iterdir()) == [
        "nieuwsbrief-1.eml",
        "nieuwsbrief-1.html",
        "nieuwsbrief-1.txt",
        "nieuwsbrief-concept.html",
    ]
