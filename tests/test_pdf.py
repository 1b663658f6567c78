"""PDF output: the whole knowledge base and board packs (WeasyPrint, pypdf, pikepdf)."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import warnings_of

PDF_PACKAGES = ("weasyprint", "pypdf", "pikepdf")  # the optional extra 'pdf'


def require(package: str):
    """Import a package of the optional extra 'pdf'; without it, skip this module and say which is missing."""
    try:
        return importlib.import_module(package)
    except ImportError as error:
        pytest.skip(
            f"PDF-tests overgeslagen: het pakket {package} ontbreekt ({error}); "
            "installeer de extra 'pdf' met pip install -e '.[pdf]' of make pdf",
            allow_module_level=True,
        )


try:
    require("weasyprint")
except OSError as error:  # WeasyPrint is installed, the system library Pango is not
    pytest.skip(f"PDF-tests overgeslagen: Pango ontbreekt ({error}); .ci/run installeert het", allow_module_level=True)
pypdf = require("pypdf")
pikepdf = require("pikepdf")

ROOT = Path(__file__).parents[1]
DOCS = ROOT / "docs"
PACK = "bestuurspakket-2023-04-20.pdf"


pytestmark = [pytest.mark.pdf, pytest.mark.sphinx("kennisbank-pdf", testroot="pdf")]


@pytest.fixture
def pdf_app(built_app):
    return built_app


def test_the_root_builds_without_warnings(pdf_app):
    assert warnings_of(pdf_app) == ""


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def outline_items(outline):
    """The entries of a PDF outline, depth first."""
    for item in outline:
        if isinstance(item, list):
            yield from outline_items(item)
        else:
            yield item


def outline_titles(outline) -> list[str]:
    return [item.title for item in outline_items(outline)]


def missing_headings(path: Path, titles) -> list[str]:
    """The titles that are no heading in the PDF's outline, or not on the page their heading points to."""
    reader = pypdf.PdfReader(path)
    pages: dict[str, list[int]] = {}
    for item in outline_items(reader.outline):
        pages.setdefault(item.title, []).append(reader.get_destination_page_number(item))

    def on_page(title: str, number: int) -> bool:
        return title in " ".join(reader.pages[number].extract_text().split())

    return [title for title in titles if not any(on_page(title, number) for number in pages.get(title, []))]


def test_make_pdf_writes_the_knowledge_base_and_each_pack(pdf_app):
    assert sorted(p.name for p in pdf_app.outdir.glob("*.pdf")) == [PACK, "kennisbank.pdf"]


def test_knowledge_base_pdf_has_every_theme_and_programme(pdf_app):
    titles = ("Wonen", "Jeugd", "Zorg", "Programma Woningbouw", "Jeugdnetwerk")
    assert missing_headings(pdf_app.outdir / "kennisbank.pdf", titles) == []


def test_pack_has_its_pages_and_nothing_else(pdf_app):
    pages = [p.extract_text() for p in pypdf.PdfReader(pdf_app.outdir / PACK).pages]
    text = "\n".join(pages)
    cover = pages[0]
    assert "Vereniging van Zuid-Hollandse Gemeenten" in cover and "Algemeen bestuur, 20 april 2023" in cover
    assert "donderdag 20 april 2023" in cover and "Gouda" in cover and "0.3 (concept)" in cover
    assert "CONCEPT" in cover
    for included in ("Woningbouw vraagt om samenwerking", "Jeugdhulp en onderwijs", "Jeugdnetwerk"):
        assert included in text
    assert "Een thema dat niet in het bestuurspakket staat" not in text  # Zorg is not in the pack
    assert "Een kennisbank om PDF's mee te testen" not in text  # nor the home page
    # The agenda after the meeting: every event within two months (test_pdf_packs.py has the details).
    assert "Agenda: alle bijeenkomsten van 20 april tot en met 20 juni 2023" in text
    assert "Overleg zorg" in text  # not on the pack's topics, listed all the same
    # A theme's agenda points to the pack's own agenda instead of listing its events twice;
    # that agenda counts from the meeting day (20 April), not from the reference date of
    # the build (1 September), when the meeting of 10 May is past.
    flat = " ".join(text.split())
    pointer = (
        "In de agenda achteraan dit pakket staan de bijeenkomsten over dit thema van 20 april tot en met 20 juni 2023"
    )
    assert flat.count(pointer) == 2  # Wonen and Jeugd
    assert "woensdag 10 mei 2023, 14.00–16.00 uur: Overleg wonen (Gouda) (onderwerp van dit pakket: Wo- nen)" in flat
    assert "Komend" not in text
    html = (pdf_app.outdir / PACK.replace(".pdf", ".html")).read_text(encoding="utf-8")
    # The two themes, the programme and the network: each links to the pack's agenda.
    assert len(re.findall(r'href="#kb-pakket-agenda">de agenda achteraan dit pakket</a>', html)) == 4
    whole = text_of(pdf_app.outdir / "kennisbank.pdf")
    assert "Eerder\nwoensdag 10 mei 2023, 14.00–16.00 uur: Overleg wonen" in whole


def test_running_header_footer_and_toc_page_numbers(pdf_app):
    pages = [p.extract_text() for p in pypdf.PdfReader(pdf_app.outdir / PACK).pages]
    total = len(pages)
    for number, page in enumerate(pages[1:], start=2):
        assert f"Pagina {number} van {total}" in page
        assert "Algemeen bestuur, 20 april 2023" in page
    toc = pages[1]
    entries = dict(re.findall(r"^(\S.*?) \.{5,} (\d+)$", toc, flags=re.M))
    # Every chapter: the pack's own page, its items, and the agenda section the builder adds.
    html = (pdf_app.outdir / PACK.replace(".pdf", ".html")).read_text(encoding="utf-8")
    agenda = BeautifulSoup(html, "html.parser").select_one("main section#kb-pakket-agenda > h1")
    assert list(entries) == ["Bestuurspakket april", "Wonen", "Jeugdnetwerk", "Jeugd", agenda.get_text().rstrip("¶")]
    for title, number in entries.items():  # each entry points at the page its text starts on
        assert " ".join(pages[int(number) - 1].removeprefix("CONCEPT\n").split()).startswith(title)


def test_outline_matches_the_headings(pdf_app):
    html = (pdf_app.outdir / PACK.replace(".pdf", ".html")).read_text(encoding="utf-8")
    main = BeautifulSoup(html, "html.parser").select_one("main")
    headings = [h.get_text(strip=True).rstrip("¶") for h in main.find_all(re.compile("^h[1-6]$"))]
    outline = outline_titles(pypdf.PdfReader(pdf_app.outdir / PACK).outline)
    assert outline == headings
    assert outline[:3] == ["Bestuurspakket april", "Wonen", "Programma Woningbouw"]


# -- the book: chapters, headings, running header, nothing screen-only -----------------

BOOK = "kennisbank.pdf"
MM = 72 / 25.4  # PDF points per millimetre
#: The running header and footer sit in the page margins (22 mm); the text starts below.
MARGIN = 18 * MM
SCREEN_ONLY = (
    "Klik op",
    "Zet in uw agenda",
    "Meld u aan",
    "webcal",
    "Abonneer",
    "iCalendar",
    "Agendabestand",
    "Google Agenda",
)


def plumber():
    return pytest.importorskip("pdfplumber", reason="pdfplumber ontbreekt (pip install -e '.[test]')")


def bookmarks(path: Path) -> list[tuple[int, str, int, float]]:
    """(level, title, page index, distance of its target from the page's top) of every bookmark."""
    reader = pypdf.PdfReader(path)
    found = []

    def walk(outline, level: int) -> None:
        for item in outline:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                page = reader.get_destination_page_number(item)
                found.append((level, item.title, page, float(reader.pages[page].mediabox.top) - float(item.top)))

    walk(reader.outline, 1)
    return found


def body_lines(path: Path) -> list[list[tuple[str, float, float]]]:
    """Per page, the text lines (text, font size, top) between the running header and footer,
    without the CONCEPT watermark."""
    with plumber().open(path) as pdf:
        pages = []
        for page in pdf.pages:
            body = page.crop((0, MARGIN, page.width, page.height - MARGIN)).filter(
                lambda obj: obj.get("object_type") != "char" or obj["size"] < 40
            )
            lines = body.extract_text_lines()
            pages.append([(line["text"], round(line["chars"][0]["size"], 1), line["top"]) for line in lines])
        return pages


def running_headers(path: Path) -> list[str]:
    with plumber().open(path) as pdf:
        return [(page.crop((0, 0, page.width, MARGIN)).extract_text() or "").strip() for page in pdf.pages]


def link_uris(path: Path) -> set[str]:
    with pikepdf.open(path) as pdf:
        return {
            str(annot.A.URI)
            for page in pdf.pages
            for annot in page.get("/Annots", [])
            if "/A" in annot and annot.A.get("/S") == "/URI"
        }


def nearly_empty_pages(path: Path) -> list[int]:
    """The pages (numbered from 1) after the table of contents with fewer than four lines
    of text that start no chapter."""
    starts = {page for level, _, page, _ in bookmarks(path) if level == 1}
    pages = body_lines(path)
    return [
        number + 1
        for number, lines in enumerate(pages)
        if number > min(starts) and number not in starts and len(lines) < 4
    ]


def test_book_bookmarks_and_contents_follow_the_site(pdf_app):
    marks = [(level, title) for level, title, _, _ in bookmarks(pdf_app.outdir / BOOK)]
    # The site's top sections are siblings, not nested under the home page's title.
    chapters = ["Pdftest", "Thema’s", "Jeugdnetwerk", "Kalender", "Agenda", "Bestuurspakket april"]
    assert [title for level, title in marks if level == 1] == chapters
    assert {(2, "Wonen"), (2, "Jeugd"), (2, "Zorg"), (3, "Programma Woningbouw"), (2, "Symposium zorg")} <= set(marks)
    html = (pdf_app.outdir / "kennisbank.html").read_text(encoding="utf-8")
    toc = [(li["class"][0][-1], li.get_text()) for li in BeautifulSoup(html, "html.parser").select("nav.kb-inhoud li")]
    assert toc == [
        ("1", "Pdftest"),
        ("1", "Thema’s"),
        ("2", "Wonen"),
        ("2", "Jeugd"),
        ("2", "Zorg"),
        ("1", "Jeugdnetwerk"),
        ("1", "Kalender"),
        ("1", "Agenda"),
        ("1", "Bestuurspakket april"),
    ]


def test_heading_sizes_decrease_by_level(pdf_app):
    path = pdf_app.outdir / BOOK
    pages = body_lines(path)
    sizes: dict[int, set[float]] = {}
    for level, title, page, top in bookmarks(path):
        # The line with the heading's text nearest to where its bookmark points.
        found = [(abs(line_top - top), size) for text, size, line_top in pages[page] if text == title]
        assert found, title
        sizes.setdefault(level, set()).add(min(found)[1])
    assert set(sizes) >= {1, 2, 3, 4}
    for level in sorted(sizes)[:-1]:
        assert min(sizes[level]) > max(sizes[level + 1]), sizes


def test_running_header_names_the_chapter(pdf_app):
    path = pdf_app.outdir / BOOK
    pages = {title: page for _, title, page, _ in bookmarks(path)}
    headers = running_headers(path)
    assert pages["Jeugd"] > pages["Thema’s"]  # a page inside the chapter, not its first
    assert headers[pages["Jeugd"]] == "Pdftest Thema’s"
    assert headers[pages["Symposium zorg"]] == "Pdftest Agenda"
    assert headers[pages["Jeugdnetwerk"]] == "Pdftest Jeugdnetwerk"


def test_nothing_screen_only_is_printed(pdf_app):
    for name in (PACK, BOOK):
        text = text_of(pdf_app.outdir / name)
        assert [s for s in SCREEN_ONLY if s in text] == [], name
        assert not [u for u in link_uris(pdf_app.outdir / name) if u.startswith("webcal:") or u.endswith(".ics")]
    book = " ".join(text_of(pdf_app.outdir / BOOK).split())
    # The month view is a dated list; the coming events say their date in full.
    assert "september 2023 woensdag 20 september 2023, 10.00–16.00 uur: Symposium zorg (Leiden)" in book
    assert "Er staan geen bijeenkomsten in oktober 2023." in book
    assert "Kalender De bijeenkomsten die komen, en de komende maanden op een rij. woensdag 20 september" in book
    html = BeautifulSoup((pdf_app.outdir / "kennisbank.html").read_text(encoding="utf-8"), "html.parser")
    assert html.select("table.kb-maand, .kb-datumblok, .kb-agenda-acties, .kb-aanmeld-actie, .kb-feed-link") == []
    # Links stay links: the event card's registration address.
    assert "https://aanmelden.example/symposium" in link_uris(pdf_app.outdir / BOOK)


@pytest.mark.sphinx(confoverrides={"kennisbank_pdf_exclude": ["techniek", 3]})
def test_an_invalid_pdf_exclusion_stops_the_build(app_params, make_app):
    from sphinx.errors import ConfigError

    with pytest.raises(ConfigError, match="kennisbank_pdf_exclude moet een lijst van patronen"):
        make_app(*app_params.args, **app_params.kwargs)


def test_pages_left_out_of_the_book_are_linked_on_the_website(pdf_app):
    path = pdf_app.outdir / BOOK
    assert "Techniek" not in [title for _, title, _, _ in bookmarks(path)]
    assert "alleen voor beheerders" not in text_of(path)
    assert "https://kennisbank.example/techniek.html" in link_uris(path)


def test_no_nearly_empty_pages(pdf_app):
    for name in (PACK, BOOK):
        assert nearly_empty_pages(pdf_app.outdir / name) == [], name


@pytest.mark.sphinx("text", testroot="pdf")
def test_text_output_has_no_screen_only_parts(built_app):
    kalender = " ".join((built_app.outdir / "kalender.txt").read_text(encoding="utf-8").split())
    # The coming events and the month view as dated lists, without date blocks.
    assert "op een rij. * woensdag 20 september 2023, 10.00–16.00 uur: Symposium zorg (Leiden)" in kalender
    assert "* **september 2023** * woensdag 20 september 2023, 10.00–16.00 uur: Symposium zorg (Leiden)" in kalender
    agenda = (built_app.outdir / "agenda.txt").read_text(encoding="utf-8")
    assert "Gepland" in agenda and "aanmelden.example" in agenda
    text = kalender + agenda
    assert [s for s in SCREEN_ONLY if s in text] == []


# -- rendering: a chapter that would leave a few lines on a page of their own ----------


def test_nearly_empty_last_pages_are_found_from_the_chapter_ends():
    from types import SimpleNamespace

    from kennisbank.builders.pdfrender import nearly_empty_endings

    def page(**anchors):
        return SimpleNamespace(
            height=1000, anchors={name.replace("_", "-"): (0, y, 0, y) for name, y in anchors.items()}
        )

    pages = [
        page(kb_hoofdstuk_1=80),
        page(kb_einde_1=120, kb_hoofdstuk_2=80),  # chapter 1 spills a few lines
        page(kb_einde_2=900, kb_hoofdstuk_3=80),  # chapter 2 fills its only page
        page(),
        page(kb_einde_3=600),  # chapter 3's last page is more than half full
    ]
    assert nearly_empty_endings(pages) == {1}


def test_a_chapter_that_spills_a_few_lines_is_set_tighter(tmp_path):
    from weasyprint import HTML

    from kennisbank.builders.pdf import PRINT_THEME
    from kennisbank.builders.pdfrender import chapter_end_tag, chapter_tag, nearly_empty_endings, render_pdf

    stylesheet = (PRINT_THEME / "static" / "print.css").as_uri()

    def book(lines: int) -> str:
        text = "<br>".join(f"Regel {number} van de tekst." for number in range(lines))
        chapters = "".join(
            f"{chapter_tag(n)}<section><h1>Hoofdstuk {n}</h1><p>{text if n == 1 else 'Kort.'}</p></section>"
            f"{chapter_end_tag(n)}</div>"
            for n in (1, 2)
        )
        head = f'<head><meta charset="utf-8"><link rel="stylesheet" href="{stylesheet}"></head>'
        return f'<!DOCTYPE html><html lang="nl">{head}<body><main class="kb-tekst">{chapters}</main></body></html>'

    source = tmp_path / "boek.html"
    for lines in range(35, 70):  # the fewest lines that no longer fit on one page
        source.write_text(book(lines), encoding="utf-8")
        if nearly_empty_endings(HTML(filename=source).render().pages):
            break
    else:
        pytest.fail("hoofdstuk 1 loopt nooit over")
    assert render_pdf(source, tmp_path / "boek.pdf", {}) == {1: "kb-krap-1"}
    assert len(pypdf.PdfReader(tmp_path / "boek.pdf").pages) == 2  # each chapter on one page
    assert chapter_tag(1, "kb-krap-1") in source.read_text(encoding="utf-8")


def test_a_table_row_taller_than_a_page_prints(copy_root, build):
    # Generated input (test_properties.py) once crashed WeasyPrint 68 while tagging the
    # networks table ("Table wrapper without a table", WeasyPrint #2761); 70 fixes it.
    app = build(copy_root("pdf-long-row"), "kennisbank-pdf")
    assert "Brede welvaart Brede welvaart" in text_of(app.outdir / "kennisbank.pdf")
    assert "onzichtbaar stuurteken" in warnings_of(app)  # the input's own mistakes are still reported


def test_internal_links_resolve(pdf_app):
    for name in (PACK, "kennisbank.pdf"):
        with pikepdf.open(pdf_app.outdir / name) as pdf:
            names = _named_destinations(pdf)
            pages = {page.objgen for page in pdf.pages}
            internal = 0
            for page in pdf.pages:
                for annot in page.get("/Annots", []):
                    if annot.get("/Subtype") != "/Link":
                        continue
                    dest = annot.get("/Dest")
                    if dest is None and "/A" in annot and annot.A.get("/S") == "/GoTo":
                        dest = annot.A.D
                    if dest is None:
                        continue  # an external link (to the website or a feed)
                    internal += 1
                    if isinstance(dest, pikepdf.String | pikepdf.Name):
                        dest = names[str(dest).lstrip("/")]
                    assert dest[0].objgen in pages
            assert internal > 5, name


def _named_destinations(pdf) -> dict:
    found = {}

    def walk(node):
        if "/Names" in node:
            items = list(node.Names)
            for key, value in zip(items[::2], items[1::2], strict=True):
                found[str(key)] = value.D if isinstance(value, pikepdf.Dictionary) else value
        for kid in node.get("/Kids", []):
            walk(kid)

    root = pdf.Root
    if "/Names" in root and "/Dests" in root.Names:
        walk(root.Names.Dests)
    if "/Dests" in root:
        for key, value in root.Dests.items():
            found[key.lstrip("/")] = value
    return found


def test_tagged_pdf_ua_in_dutch_with_embedded_fonts(pdf_app):
    for name in (PACK, "kennisbank.pdf"):
        with pikepdf.open(pdf_app.outdir / name) as pdf:
            assert "/StructTreeRoot" in pdf.Root
            assert str(pdf.Root.Lang) == "nl"
            assert pdf.Root.MarkInfo.Marked
            meta = pdf.open_metadata()
            assert meta.get("pdfuaid:part") == "1"
            assert meta.get("dc:title")
            fonts = _fonts(pdf)
            assert fonts and all(_embedded(f) for f in fonts.values()), name
            assert any("Lato" in n for n in fonts)


def _fonts(pdf) -> dict:
    fonts = {}
    for page in pdf.pages:
        for font in page.Resources.get("/Font", {}).values():
            fonts[str(font.get("/BaseFont"))] = font
    return fonts


def _embedded(font) -> bool:
    descriptor = font.get("/FontDescriptor")
    if descriptor is None and "/DescendantFonts" in font:
        descriptor = font.DescendantFonts[0].get("/FontDescriptor")
    return descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_page_count_is_sane(pdf_app):
    pack = len(pypdf.PdfReader(pdf_app.outdir / PACK).pages)
    whole = len(pypdf.PdfReader(pdf_app.outdir / "kennisbank.pdf").pages)
    assert 6 <= pack <= 15
    assert pack < whole <= 40


def test_long_table_repeats_its_header(pdf_app):
    pages = [p.extract_text() for p in pypdf.PdfReader(pdf_app.outdir / PACK).pages]
    with_rows = [p for p in pages if re.search(r"^20\d\d \d+$", p, flags=re.M)]
    assert len(with_rows) >= 2
    assert all("Jaar Woningen" in p for p in with_rows)


@pytest.mark.sphinx(confoverrides={"kennisbank_pdf_variant": "pdf/a-3u"})
def test_pdf_a_3u_on_request(app):
    app.build()
    with pikepdf.open(app.outdir / PACK) as pdf:
        meta = pdf.open_metadata()
        assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) == ("3", "U")


def test_missing_pango_gives_a_clear_message(app_params, make_app, monkeypatch):
    from sphinx.errors import SphinxError

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import now fails, as without Pango
    with pytest.raises(SphinxError, match="Pango ontbreekt.*apt-get install libpango"):
        make_app(*app_params.args, **app_params.kwargs)


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ("wonen\n  bestaat-niet", "Bestuurspakket: onbekende pagina of id 'bestaat-niet'"),
        ("wonen\n  themas/wonen", "Bestuurspakket: 'themas/wonen' staat op dezelfde pagina (themas/wonen) als 'wonen'"),
    ],
)
def test_bad_pack_lists_are_reported(items, message, copy_root, build):
    srcdir = copy_root("pdf")
    pack = srcdir / "pakketten" / "april.md"
    pack.write_text(pack.read_text().replace("wonen\n  jeugdnetwerk", items))
    warnings = warnings_of(build(srcdir))
    assert f"{pack}:12: WARNING: {message}" in warnings  # the line of the item itself


def test_pack_without_date_is_reported(copy_root, build):
    srcdir = copy_root("pdf")
    pack = srcdir / "pakketten" / "april.md"
    pack.write_text(pack.read_text().replace("datum: 2023-04-20\n", ""))
    warnings = warnings_of(build(srcdir))
    assert f"{pack}:3: WARNING: Bestuurspakket: verplicht veld 'datum' ontbreekt" in warnings


# -- the real site ---------------------------------------------------------------


@pytest.fixture(scope="module")
def site_pdf(docs_pdf):
    return docs_pdf


def test_site_pdf_has_every_theme_and_programme_title(site_pdf):
    assert (site_pdf.outdir / "bestuurspakket-2023-04.pdf").exists()
    titles = [
        "Participatie & polarisatie",
        "Brede welvaart",
        "Asiel & migratie",
        "Regionalisering",
        "Grip op verbonden partijen",
        "Ruimtelijke puzzel en NOVEX-gebieden",
        "NOVI en Omgevingswet",
        "Jeugd",
        "Programma NOVEX",
        "Landelijk Programma Landelijk Gebied",
        "Zuid-Hollands Programma Landelijk Gebied",
        "Nationale Woon- en Bouwagenda",
        "Programma Woningbouw",
        "Verenigingsstrategie 2030",
    ]
    assert missing_headings(site_pdf.outdir / "kennisbank.pdf", titles) == []


def test_site_pdf_chapters_are_the_sites_top_sections(site_pdf):
    marks = bookmarks(site_pdf.outdir / BOOK)
    chapters = [title for level, title, _, _ in marks if level == 1]
    expected = ["Kennisbank VZHG", "Thema’s", "Programma’s", "Agenda", "Netwerken", "Wie is wie", "Begrippen"]
    expected.append("Over deze site")  # with the privacy statement; the site's other pages stay online
    assert chapters[0] == "Kennisbank VZHG"
    assert [title for title in chapters if title in expected] == expected  # in the site's order
    assert (2, "Brede welvaart") in [(level, title) for level, title, _, _ in marks]
    assert (2, "Privacyverklaring") in [(level, title) for level, title, _, _ in marks]
    # Technical and contributors' pages stay on the site (kennisbank_pdf_exclude in docs/conf.py).
    left_out = {"Open data", "Hosting en beveiliging", "Prestaties", "Abonneren op de agenda", "Downloads"}
    left_out |= {"Een bestuurspakket samenstellen", "Van wijziging tot publicatie"}  # bijdragen/*
    assert left_out & {title for _, title, _, _ in marks} == set()


def test_site_pdfs_have_no_nearly_empty_pages(site_pdf):
    for path in sorted(site_pdf.outdir.glob("*.pdf")):
        assert nearly_empty_pages(path) == [], path.name


# -- without the optional extra ------------------------------------------------------


@pytest.mark.parametrize("package", PDF_PACKAGES)
def test_without_the_pdf_extra_this_module_is_skipped_naming_the_package(package):
    # A fresh pytest in which the package cannot be imported, as when the extra is not installed.
    code = (
        f"import sys; sys.modules[{package!r}] = None; import pytest; "
        f"sys.exit(pytest.main([{__file__!r}, '-q', '-rs', '-p', 'no:cacheprovider']))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    # Skipped at module level, the file has no tests to run: not an error.
    assert result.returncode == pytest.ExitCode.NO_TESTS_COLLECTED, result.stdout + result.stderr
    assert "1 skipped" in result.stdout and "ERROR" not in result.stdout
    assert f"PDF-tests overgeslagen: het pakket {package} ontbreekt" in result.stdout
