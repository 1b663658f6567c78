"""The problems of a page in a preview: a box at its top, where a field is left out, and the summary.

One small project with a problem of each phase: found while reading a page (a time
written "14u", a misspelt field), by the consistency check (an unknown theme in a
field, a page in no toctree) and while writing (an unknown theme in the text).
"""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from conftest import html_files, pagefind_records, status_of, warnings_of
from kennisbank.sphinx_ext.problems import problem_box, summary

PAGES = {
    "index.md": "# Index\n\n```{toctree}\nthemas\nlezen\ncontrole\nschrijven\ngoed\n```\n",
    "themas.md": "# Thema's\n\n## Jeugd\n\n```{thema} jeugd\n```\n\n```{organisatie} vng\n:naam: VNG\n:soort: gemeente\n```\n",
    # read: two problems; the start cannot be read and is shown where it would be
    "lezen.md": "# Lezen\n\n```{evenement} e\n:titel: E\n:start: 2027-04-15 14u\n:organisator: vng\n:plaats: Gouda\n"
    ":doelgroep: iedereen\n:thma: jeugd\n```\n",
    # checked: an unknown theme in a field
    "controle.md": "# Controle\n\n```{programma} p\n:titel: P\n:thema: armoede\n```\n",
    # written: an unknown theme in the text, found while the page is resolved
    "schrijven.md": "# Schrijven\n\nZie {thema}`jeugt`.\n",
    "goed.md": "# Goed\n\nZie {thema}`jeugd`.\n",
    # checked: in no toctree
    "los.md": "# Los\n\nTekst.\n",
}


@pytest.fixture
def project(write_source):
    return write_source(PAGES)


def soup(app, page: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / page).read_text(encoding="utf-8"), "html.parser")


def box_of(app, page: str) -> list[str]:
    """The heading and items of a page's box, as text; empty without one."""
    box = soup(app, page).select_one("section.kb-problemen")
    if box is None:
        return []
    return [box.select_one("h2").get_text(), *(" ".join(li.get_text().split()) for li in box.select("li"))]


def test_each_page_with_a_problem_opens_with_a_box_listing_them(project, build):
    app = build(project)
    assert box_of(app, "lezen.html") == [
        "Let op: 2 problemen op deze pagina",
        "regel 5: Evenement 'e', veld 'start': de datum (2027-04-15) klopt, maar de tijd '14u' niet: schrijf de tijd "
        "als UU:MM, met een dubbele punt (bedoelt u 2027-04-15 14:00?)",
        "regel 9: Evenement 'e': onbekend veld 'thma' (bedoelt u 'thema'?)",
    ]
    assert box_of(app, "controle.html") == [
        "Let op: 1 probleem op deze pagina",
        "regel 5: Programma 'p', veld 'thema': er bestaat geen thema met id 'armoede'",
    ]
    assert box_of(app, "schrijven.html") == [
        "Let op: 1 probleem op deze pagina",
        "regel 3: Verwijzing: onbekend thema 'jeugt' (bedoelt u 'jeugd'?)",
    ]
    assert box_of(app, "los.html")[0] == "Let op: 1 probleem op deze pagina"
    assert box_of(app, "goed.html") == box_of(app, "themas.html") == box_of(app, "index.html") == []


def test_the_box_stands_under_the_title_and_is_a_named_region(project, build):
    page = soup(build(project), "lezen.html")
    box = page.select_one("section.kb-problemen")
    assert box.find_previous_sibling("h1").get_text().startswith("Lezen")
    assert box["aria-labelledby"] == box.select_one("h2")["id"]
    assert "lezen.md" in box.select_one("p").get_text()


def test_a_field_left_out_shows_where_it_would_be(project, build):
    facts = soup(build(project), "lezen.html").select_one("dl.kb-facts")
    assert [dt.get_text() for dt in facts.select("dt")][:2] == ["Begin:", "Waar:"]
    assert facts.select_one("dd.kb-onleesbaar").get_text() == "[veld 'start' niet te lezen, zie hierboven]"
    assert "Gouda" in facts.get_text() and "iedereen" in facts.get_text()  # the rest is shown


def test_the_doctree_holds_the_box_with_lines_and_messages(project, build):
    app = build(project)
    doctree = app.env.get_and_resolve_doctree("controle", app.builder)
    [box] = list(doctree.findall(problem_box))
    assert box["problems"] == [(5, "Programma 'p', veld 'thema': er bestaat geen thema met id 'armoede'")]
    assert box["source"] == "controle.md"


def test_search_finds_neither_the_box_nor_the_marker(project, build):
    records = pagefind_records(build(project).outdir)
    assert "/lezen.html" in records  # the page with the box and the marker is indexed ...
    index = json.dumps(records, ensure_ascii=False)
    assert "probleem" not in index and "hierboven" not in index and "voorbeeld" not in index  # ... without them


def test_the_published_site_shows_neither(project, build):
    app = build(project, confoverrides={"kennisbank_show_problems": False})
    assert "WARNING" in warnings_of(app)  # the build reports them all the same
    for page in ("lezen.html", "controle.html", "schrijven.html", "los.html"):
        html = (app.outdir / page).read_text(encoding="utf-8")
        assert "kb-problemen" not in html and "niet te lezen" not in html and "kb-onleesbaar" not in html
    # The field left out leaves nothing behind; the facts that were read are still there.
    assert [dt.get_text() for dt in soup(app, "lezen.html").select("dl.kb-facts dt")] == [
        "Waar:",
        "Organisator:",
        "Doelgroep:",
    ]


def test_the_summary_names_the_pages(project, build):
    status = status_of(build(project))
    assert "Kennisbank: 5 problemen op 4 pagina's: lezen.md (2), controle.md (1), los.md (1), schrijven.md (1)" in (
        status
    )


def test_a_fixed_page_loses_its_box_and_the_others_keep_theirs(project, make_app, tmp_path):
    """Sphinx logs a page's warnings only when it reads or writes it again: the boxes must not depend on that."""

    def build(**kwargs):
        app = make_app("html", srcdir=project, builddir=tmp_path / "incremental")
        app.build(**kwargs)
        app.cleanup()
        return app

    first = build()
    boxes = {page: box_of(first, page) for page in ("lezen.html", "controle.html", "schrijven.html", "los.html")}
    # Every page written again without reading any: only what writing finds is logged again
    # (nothing read, nothing checked), and every box stays.
    again = build(force_all=True)
    assert warnings_of(again).count("WARNING") == 1 and "schrijven.md:3" in warnings_of(again)
    assert {page: box_of(again, page) for page in boxes} == boxes
    assert "Kennisbank: 5 problemen op 4 pagina's" in status_of(again)
    # One page fixed: its box goes; the others' stay, those of pages not written again too.
    (project / "lezen.md").write_text(PAGES["lezen.md"].replace("14u", "14:00").replace(":thma:", ":thema:"))
    fixed = build()
    assert box_of(fixed, "lezen.html") == []
    assert "niet te lezen" not in (fixed.outdir / "lezen.html").read_text(encoding="utf-8")
    assert {page: box_of(fixed, page) for page in boxes if page != "lezen.html"} == {
        page: box for page, box in boxes.items() if page != "lezen.html"
    }
    assert "Kennisbank: 3 problemen op 3 pagina's" in status_of(fixed)
    # And all of it equals a clean build of the fixed sources, page for page.
    clean = make_app("html", srcdir=project, builddir=tmp_path / "clean")
    clean.build()
    clean.cleanup()
    assert html_files(fixed.outdir) == html_files(clean.outdir)


def test_a_parallel_build_shows_the_same_boxes(project, build, tmp_path):
    serial = build(project, builddir=tmp_path / "serial")
    parallel = build(project, builddir=tmp_path / "parallel", parallel=2)
    assert sorted(warnings_of(parallel).splitlines()) == sorted(warnings_of(serial).splitlines())
    assert html_files(parallel.outdir) == html_files(serial.outdir)


def test_a_project_without_problems_says_so(write_source, build):
    app = build(write_source({"index.md": "# Index\n\nNiets mis.\n"}))
    assert re.search(r"^Kennisbank: geen problemen$", status_of(app), flags=re.M)


def test_the_summary_of_a_build():
    assert summary({}) == "Kennisbank: geen problemen"
    assert summary({"agenda/x.md": 2, "themas/y.md": 1}) == (
        "Kennisbank: 3 problemen op 2 pagina's: agenda/x.md (2), themas/y.md (1)"
    )
    assert summary({"x.md": 1}, elsewhere=1) == "Kennisbank: 2 problemen op 1 pagina: x.md (1), 1 buiten de pagina's"
    many = summary({f"p{n}.md": 1 for n in range(12)}, shown=10)
    assert many.endswith("p7.md (1) en 2 andere pagina's")
