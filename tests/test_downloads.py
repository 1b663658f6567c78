"""The PDFs on the site: links from pack pages and the downloads page, and `make site`.

``make site`` puts the PDFs in ``build/html/pdf`` before the HTML build; here fake
PDF files of a known size stand in for them, placed in the output folder first.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.errors import ConfigError

from conftest import ROOTS, build_once, output_files, status_of, warnings_of
from kennisbank.model.downloads import PdfFile, download_text, pack_subject, size_text
from kennisbank.model.packs import BoardPack
from kennisbank.model.values import parse_when
from kennisbank.sphinx_ext.config import KennisbankConfig

ROOT = Path(__file__).parents[1]
APRIL = "bestuurspakket-2023-04-20.pdf"
JUNE = "bestuurspakket-2023-06.pdf"
WHOLE = "kennisbank.pdf"
#: 1 May 2023, 12:00 UTC: the sources' date the PDFs say they are from.
EPOCH = "1682942400"


@pytest.fixture(autouse=True)
def _reproducible_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def place_pdfs(outdir: Path, sizes: dict[str, int]) -> None:
    """What `make site` copies into the HTML output before the HTML build."""
    folder = outdir / "pdf"
    folder.mkdir(parents=True, exist_ok=True)
    for name, size in sizes.items():
        (folder / name).write_bytes(b"%PDF-1.7\n" + b"0" * (size - 9))


def page(outdir: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / name).read_text(encoding="utf-8"), "html.parser")


def pdf_row(soup: BeautifulSoup):
    """The 'PDF' row of a pack page's facts."""
    label = next(dt for dt in soup.select(".kb-bestuurspakket dt") if dt.get_text(strip=True).startswith("PDF"))
    return label.find_next_sibling("dd")


def pdf_links(soup: BeautifulSoup) -> list[str]:
    return [a["href"] for a in soup.select("[role=main] a[href]") if a["href"].split("#")[0].endswith(".pdf")]


def written_pages(app) -> set[str]:
    return set(re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", status_of(app)))


def copy_downloads_root(tmp_path: Path) -> Path:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-downloads", srcdir)
    return srcdir


def add_pack(srcdir: Path) -> None:
    """A pack for a meeting in May, added on a page of its own."""
    (srcdir / "pakketten" / "mei.md").write_text(
        "# Bestuurspakket mei\n\n```{bestuurspakket}\n---\nvergadering: Algemeen bestuur mei\n"
        "datum: 2023-05-11\nonderdelen: |\n  wonen\n---\n```\n",
        encoding="utf-8",
    )
    index = srcdir / "index.md"
    index.write_text(index.read_text().replace("pakketten/april\n", "pakketten/april\npakketten/mei\n"))


def differences(actual: dict[str, bytes], expected: dict[str, bytes]) -> list[str]:
    found = [f"missing: {path}" for path in sorted(expected.keys() - actual.keys())]
    found += [f"extra: {path}" for path in sorted(actual.keys() - expected.keys())]
    found += [f"differs: {path}" for path in sorted(expected.keys() & actual.keys()) if actual[path] != expected[path]]
    return found


# -- the facts, as a reader reads them ------------------------------------------


def test_sizes_read_as_a_file_manager_shows_them():
    assert size_text(412_345) == "412 kB"
    assert size_text(10) == "1 kB"  # never "0 kB"
    assert size_text(999_999) == "1 MB"
    assert size_text(1_234_567) == "1,2 MB"


@pytest.mark.parametrize(
    ("date", "subject"),
    [
        ("2023-04-20", "het bestuurspakket van 20 april 2023"),
        ("2023-04", "het bestuurspakket van april 2023"),
        ("2023", "het bestuurspakket van 2023"),
    ],
)
def test_a_download_link_names_the_action_the_pack_its_format_and_size(date, subject):
    pack = BoardPack("pakketten/p", 1, "Algemeen bestuur", parse_when(date))
    assert pack_subject(pack) == subject
    pdf = PdfFile("bestuurspakket.pdf", 105_123, dt.date(2023, 5, 1))
    assert download_text(subject, pdf) == f"Download {subject} (PDF, 105 kB)"
    assert pdf.as_of == "stand van maandag 1 mei 2023"


@pytest.mark.parametrize("folder", ["", "/pdf", "../pdf", "pdf/../..", "a\\b", "./pdf"])
def test_the_pdf_folder_must_lie_below_the_html_root(folder):
    with pytest.raises(ConfigError, match="kennisbank_pdf_folder"):
        KennisbankConfig(pdf_folder=folder)
    assert KennisbankConfig(pdf_folder="downloads/pdf").pdf_folder == "downloads/pdf"


# -- with the PDFs in place (make site) -----------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The downloads root built like `make site`: the PDFs lie in the HTML output first."""
    builddir = tmp_path_factory.mktemp("downloads-site")
    place_pdfs(builddir / "html", {APRIL: 412_345, JUNE: 98_765, WHOLE: 1_234_567})
    # Outside git, so that no commit dates the content ("stand van": see test_timeline_build.py).
    srcdir = builddir / "bron"
    shutil.copytree(ROOTS / "test-downloads", srcdir)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        return build_once("html", srcdir, builddir)


def test_pack_page_in_a_folder_links_its_pdf_relatively_with_size_and_date(site):
    assert warnings_of(site) == ""
    row = pdf_row(page(site.outdir, "pakketten/april.html"))
    link = row.find("a")
    assert link["href"] == f"../pdf/{APRIL}"  # relative: works locally and in previews
    # The link names the action, the pack, format and size; no file name in monospace.
    assert link.get_text() == "Download het bestuurspakket van 20 april 2023 (PDF, 412 kB)"
    # Without git history, a pack is as of its own date (with it: its content's last change).
    assert row.get_text(" ", strip=True).endswith("(PDF, 412 kB) , stand van donderdag 20 april 2023")
    assert row.find("code") is None and "make" not in row.get_text()


def test_downloads_page_lists_every_pdf_newest_meeting_first(site):
    soup = page(site.outdir, "downloads.html")
    assert pdf_links(soup) == [f"pdf/{WHOLE}", f"pdf/{JUNE}", f"pdf/{APRIL}"]
    text = soup.select_one("[role=main]").get_text(" ", strip=True)
    links = [a.get_text() for a in soup.select("[role=main] a.kb-pdf")]
    assert links == [
        "Download de hele kennisbank (PDF, 1,2 MB)",
        "Download het bestuurspakket van juni 2023 (PDF, 99 kB)",
        "Download het bestuurspakket van 20 april 2023 (PDF, 412 kB)",
    ]
    assert "Download de hele kennisbank (PDF, 1,2 MB) , stand van maandag 1 mei 2023" in text
    assert text.index("Algemeen bestuur juni") < text.index("Algemeen bestuur april")
    # The meeting links to the pack's page, which says what is in it.
    meetings = [a["href"] for a in soup.select("ul.kb-downloads-pakketten a") if not a["href"].endswith(".pdf")]
    assert meetings == ["pakketten/juni.html", "pakketten/april.html"]


def test_a_list_of_packs_alone_and_of_the_newest_one(site):
    newest = page(site.outdir, "nieuwste.html")  # {downloads} bestuurspakketten, :aantal: 1
    assert [a.get_text() for a in newest.select("[role=main] a.kb-pdf")] == [
        "Download het bestuurspakket van juni 2023 (PDF, 99 kB)"
    ]
    assert newest.select(".kb-downloads-titel") == []


def test_dirhtml_links_from_where_the_page_lies(tmp_path, build):
    place_pdfs(tmp_path / "dirhtml", {APRIL: 2_000})
    app = build(ROOTS / "test-downloads", "dirhtml", builddir=tmp_path)
    link = pdf_row(page(app.outdir, "pakketten/april/index.html")).find("a")
    assert link["href"] == f"../../pdf/{APRIL}"


# -- without them (make html) ---------------------------------------------------


@pytest.mark.sphinx("html", testroot="downloads")
def test_without_the_pdf_the_page_says_it_is_not_made_and_links_nothing(built_app):
    assert warnings_of(built_app) == ""
    soup = page(built_app.outdir, "pakketten/april.html")
    row = pdf_row(soup)
    assert row.find("a") is None
    assert row.get_text(" ", strip=True) == (
        "het bestuurspakket van 20 april 2023 als PDF (nog niet gemaakt in dit voorbeeld; "
        "op de gepubliceerde site staat de PDF hier)"
    )
    downloads = page(built_app.outdir, "downloads.html")
    assert pdf_links(soup) == pdf_links(downloads) == []
    text = downloads.select_one("[role=main]").get_text()
    assert text.count("nog niet gemaakt") == 3  # kennisbank.pdf and two packs
    assert "make" not in text  # readers are told in words, not with a command


@pytest.mark.sphinx("html", testroot="downloads")
def test_without_the_pdfs_the_order_is_the_same(built_app):
    text = page(built_app.outdir, "downloads.html").select_one("[role=main]").get_text(" ", strip=True)
    assert text.index("de hele kennisbank") < text.index("van juni 2023") < text.index("van 20 april 2023")


def test_other_builders_show_the_file_name(tmp_path, build):
    place_pdfs(tmp_path / "text", {APRIL: 2_000})  # even when a file lies there: no link, no size
    app = build(ROOTS / "test-downloads", "text", builddir=tmp_path)
    text = (app.outdir / "pakketten" / "april.txt").read_text(encoding="utf-8")
    row = text[text.index("PDF:") :].split("In dit pakket")[0]
    assert APRIL in row and "kB" not in row and "make site" not in row


# -- never stale ----------------------------------------------------------------


def test_adding_a_pack_rewrites_the_downloads_page(tmp_path, build):
    srcdir = copy_downloads_root(tmp_path)
    place_pdfs(tmp_path / "incremental" / "html", {APRIL: 412_345})
    build(srcdir, builddir=tmp_path / "incremental")
    add_pack(srcdir)
    incremental = build(srcdir, builddir=tmp_path / "incremental")
    assert "downloads" in written_pages(incremental)
    place_pdfs(tmp_path / "clean" / "html", {APRIL: 412_345})
    clean = build(srcdir, builddir=tmp_path / "clean")
    assert differences(output_files(incremental.outdir), output_files(clean.outdir)) == []
    text = page(incremental.outdir, "downloads.html").select_one("[role=main]").get_text(" ", strip=True)
    assert (
        text.index("Algemeen bestuur juni") < text.index("Algemeen bestuur mei") < text.index("Algemeen bestuur april")
    )


def test_a_pdf_that_changes_rewrites_the_pages_that_show_it(tmp_path, build):
    srcdir = copy_downloads_root(tmp_path)
    outdir = tmp_path / "incremental" / "html"
    place_pdfs(outdir, {APRIL: 412_345})
    build(srcdir, builddir=tmp_path / "incremental")
    assert written_pages(build(srcdir, builddir=tmp_path / "incremental")) == set()  # nothing changed

    place_pdfs(outdir, {APRIL: 2_000_000, JUNE: 5_000})  # a new make site: one grew, one came
    incremental = build(srcdir, builddir=tmp_path / "incremental")
    # Not their toctree parent (the index): no title changed. The theme page shows no PDF.
    assert written_pages(incremental) == {"pakketten/april", "pakketten/juni", "downloads", "nieuwste"}
    assert "(PDF, 2 MB)" in pdf_row(page(outdir, "pakketten/april.html")).get_text()

    place_pdfs(tmp_path / "clean" / "html", {APRIL: 2_000_000, JUNE: 5_000})
    clean = build(srcdir, builddir=tmp_path / "clean")
    assert differences(output_files(incremental.outdir), output_files(clean.outdir)) == []


def test_parallel_build_equals_serial_build(tmp_path, build):
    for name in ("serial", "parallel"):
        place_pdfs(tmp_path / name / "html", {APRIL: 412_345, WHOLE: 1_000})
    serial = build(ROOTS / "test-downloads", builddir=tmp_path / "serial")
    parallel = build(ROOTS / "test-downloads", builddir=tmp_path / "parallel", parallel=2)
    assert differences(output_files(parallel.outdir), output_files(serial.outdir)) == []


def test_html_after_another_builder_read_the_changes_equals_a_clean_build(tmp_path, build):
    """`make site`: the PDF build reads the changes, the HTML build on the same doctrees reads nothing.

    The XML builder stands in for the PDF builder (no WeasyPrint needed; it reads as the HTML
    builders do, with smart quotes, unlike the text builder): what it read and saw change
    must still be written, and a page it saw removed deleted, by the HTML build.
    """
    srcdir = copy_downloads_root(tmp_path)
    shared = tmp_path / "shared"
    build(srcdir, builddir=shared)
    add_pack(srcdir)
    wonen = srcdir / "themas" / "wonen.md"
    wonen.write_text(wonen.read_text().replace("# Wonen", "# Wonen en bouwen"))  # every page's sidebar
    (srcdir / "pakketten" / "juni.md").unlink()
    index = srcdir / "index.md"
    index.write_text(index.read_text().replace("pakketten/juni\n", ""))

    other = build(srcdir, "xml", builddir=shared)
    assert "1 added" in status_of(other) and "1 removed" in status_of(other)
    html = build(srcdir, builddir=shared)
    assert "0 added, 0 changed, 0 removed" in status_of(html)  # read once, by the other builder
    clean = build(srcdir, builddir=tmp_path / "clean")
    assert differences(output_files(html.outdir), output_files(clean.outdir)) == []
    assert not (html.outdir / "pakketten" / "juni.html").exists()


# -- make site --------------------------------------------------------------------


def test_make_site_builds_the_pdfs_into_the_html_on_one_environment():
    make = shutil.which("make")
    if make is None:
        pytest.skip("geen make")
    dry = subprocess.run(
        [make, "-n", "site", "BUILD=/tmp/kb-site"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    builds = [line for line in dry if "sphinx-build" in line]
    assert len(builds) == 3
    pdf, html, letters = builds
    assert "-b kennisbank-pdf" in pdf and "-b html" in html and "-b nieuwsbrief" in letters
    assert all("-d /tmp/kb-site/doctrees " in line for line in builds)  # read once, not twice
    copy = next(i for i, line in enumerate(dry) if line.startswith("cp ") and "/tmp/kb-site/html/pdf/" in line)
    assert dry.index(pdf) < copy < dry.index(html)  # the HTML finds the PDFs in place
    assert KennisbankConfig().pdf_folder == "pdf"  # the folder the Makefile copies to
    help_text = subprocess.run([make, "help"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "make site" in help_text
