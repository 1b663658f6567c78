"""PDF output: the whole knowledge base and board packs (WeasyPrint, pypdf, pikepdf)."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build_once, warnings_of

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


pytestmark = pytest.mark.sphinx("kennisbank-pdf", testroot="pdf")


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
    # The agenda after the meeting: events of the pack's topics within two months.
    assert "Agenda tot en met dinsdag 20 juni 2023" in text
    assert "Overleg zorg" not in text
    # Agenda sections count from the meeting day (20 April), not from the reference
    # date of the build (1 September), when the meeting of 10 May is past.
    assert "Komend\nwoensdag 10 mei 2023, 14.00–16.00 uur: Overleg wonen" in text
    whole = text_of(pdf_app.outdir / "kennisbank.pdf")
    assert "Eerder\nwoensdag 10 mei 2023, 14.00–16.00 uur: Overleg wonen" in whole


def test_running_header_footer_and_toc_page_numbers(pdf_app):
    pages = [p.extract_text() for p in pypdf.PdfReader(pdf_app.outdir / PACK).pages]
    total = len(pages)
    for number, page in enumerate(pages[1:], start=2):
        assert f"Pagina {number} van {total}" in page
        assert "Algemeen bestuur, 20 april 2023" in page
    toc = pages[1]
    entries = dict(re.findall(r"^(\w[\w ]*?) \.{5,} (\d+)$", toc, flags=re.M))
    assert list(entries) == ["Wonen", "Jeugdnetwerk", "Jeugd"]
    for title, number in entries.items():  # each entry points at the page its text starts on
        assert pages[int(number) - 1].removeprefix("CONCEPT\n").startswith(title)


def test_outline_matches_the_headings(pdf_app):
    html = (pdf_app.outdir / PACK.replace(".pdf", ".html")).read_text(encoding="utf-8")
    main = BeautifulSoup(html, "html.parser").select_one("main")
    headings = [h.get_text(strip=True).rstrip("¶") for h in main.find_all(re.compile("^h[1-6]$"))]
    outline = outline_titles(pypdf.PdfReader(pdf_app.outdir / PACK).outline)
    assert outline == headings
    assert outline[:3] == ["Bestuurspakket april", "Wonen", "Programma Woningbouw"]


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
def site_pdf(tmp_path_factory):
    app = build_once("kennisbank-pdf", DOCS, tmp_path_factory.mktemp("site-pdf"))
    assert warnings_of(app) == ""
    return app


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
