"""Incremental and parallel builds give the same pages as a clean serial build."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import ROOTS, build_once, output_files, status_of, warnings_of

# The matrix of incremental builds, each with a clean build to compare: left out by `make test-snel`.
pytestmark = pytest.mark.slow

NEW_PAGE = """\
# Nieuw overleg

```{evenement} nieuw-overleg
:start: 2023-06-09
:organisator: rijk
:thema: jeugd, wonen
:netwerk: strategen
```

Over {persoon}`anne`.
"""


def add_page(srcdir):
    (srcdir / "agenda" / "nieuw.md").write_text(NEW_PAGE, encoding="utf-8")
    index = srcdir / "index.md"
    index.write_text(index.read_text().replace("agenda/overleg\n", "agenda/overleg\nagenda/nieuw\n"))


MEMBER_PAGE = """\
# Leden

```{persoon} bert
---
naam: Bert
rollen: |
  lid; juristen; sinds 2023
---
```
"""


def add_member_page(srcdir):
    """A person on a page of their own, a member of a network on another page: the network's page shows them."""
    (srcdir / "leden.md").write_text(MEMBER_PAGE, encoding="utf-8")
    _toctree(srcdir, "mensen\n", "mensen\nleden\n")


def edit_page(srcdir):
    page = srcdir / "agenda" / "overleg.md"
    text = page.read_text().replace("thema: jeugd", "thema: wonen").replace("sprekers: anne\n", "")
    page.write_text(text.replace("# Overleg jeugd", "# Overleg wonen"))


def remove_event_page(srcdir):
    """Delete the event's page; the authoring guide still names the event."""
    (srcdir / "agenda" / "overleg.md").unlink()
    index = srcdir / "index.md"
    text = index.read_text().replace("agenda/overleg\n", "")
    index.write_text(text.replace("het {evenement}`overleg-jeugd`, ", ""))


def remove_page(srcdir):
    remove_event_page(srcdir)
    _replace(srcdir / "bijdragen" / "schrijfwijzer.md", " en naar een evenement met\n{evenement}`overleg-jeugd`", "")


def rename_theme(srcdir):
    page = srcdir / "themas" / "jeugd.md"
    page.write_text(page.read_text().replace("# Jeugd", "# Jeugd en onderwijs"))


def differences(actual: dict[str, bytes], expected: dict[str, bytes]) -> list[str]:
    """The output files that are missing, extra or different, each with a short reason."""
    found = [f"missing: {path}" for path in sorted(expected.keys() - actual.keys())]
    found += [f"extra: {path}" for path in sorted(actual.keys() - expected.keys())]
    found += [f"differs: {path}" for path in sorted(expected.keys() & actual.keys()) if actual[path] != expected[path]]
    return found


@pytest.fixture(scope="module")
def _first_build(tmp_path_factory):
    """One clean build of the basic root, and a copy of its sources and build folder."""
    work = tmp_path_factory.mktemp("first-build")
    shutil.copytree(ROOTS / "test-basic", work / "basic")
    assert warnings_of(build_once("html", work / "basic", work / "incremental")) == ""
    saved = tmp_path_factory.mktemp("first-build-saved")
    shutil.copytree(work, saved, dirs_exist_ok=True)
    return work, saved


@pytest.fixture
def first_build(_first_build):
    """The basic root just after a clean build into ``incremental``: ``(srcdir, builddir)``.

    Built once per module and put back for each test at the same paths, with the same
    modification times: Sphinx builds incrementally only in the folders of the first
    build (its environment records the source folder) and finds changes by time.
    """
    work, saved = _first_build
    shutil.rmtree(work)
    shutil.copytree(saved, work)
    return work / "basic", work / "incremental"


CHANGES = {"add": add_page, "edit": edit_page, "remove": remove_page, "rename": rename_theme}


@pytest.mark.parametrize("change", CHANGES)
def test_incremental_build_equals_clean_build(change, first_build, build, tmp_path):
    srcdir, builddir = first_build
    before = output_files(builddir / "html")

    CHANGES[change](srcdir)
    incremental = build(srcdir, builddir=builddir)
    clean = build(srcdir, builddir=tmp_path / "clean")

    assert warnings_of(incremental) == warnings_of(clean) == ""
    after = output_files(incremental.outdir)
    assert differences(after, output_files(clean.outdir)) == []
    assert after != before  # the change was visible at all


def test_incremental_build_rewrites_only_dependent_pages(first_build, build):
    srcdir, builddir = first_build
    page = srcdir / "themas" / "jeugd.md"
    page.write_text(page.read_text().replace("Jeugdzorg en onderwijs.", "Jeugdzorg."))
    app = build(srcdir, builddir=builddir)
    status = status_of(app)
    # Only the index lists the theme's summary (in its overview); the pages
    # that merely link to the theme show its title, which did not change.
    assert "1 changed" in status
    written = set(re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", status))
    assert written == {"index", "themas/jeugd"}


def test_a_toctree_page_is_rewritten_only_when_what_it_shows_of_a_page_changed(copy_root, build, tmp_path):
    # The themes get a section page whose toctree lists them; moving the event changes
    # the theme's agenda, not its title, so that section page stays as it is.
    srcdir = copy_root("basic")
    _toctree(srcdir, "themas/jeugd\nthemas/wonen\n", "themas/index\n")
    (srcdir / "themas" / "index.md").write_text("# Thema's\n\n```{toctree}\njeugd\nwonen\n```\n", encoding="utf-8")
    builddir = tmp_path / "incremental"
    build(srcdir, builddir=builddir)
    _replace(srcdir / "agenda" / "overleg.md", "start: 2023-05-25 13:30", "start: 2023-04-20 13:30")
    app = build(srcdir, builddir=builddir)
    written = set(re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", status_of(app)))
    assert "themas/jeugd" in written and "themas/index" not in written
    assert differences(output_files(app.outdir), output_files(build(srcdir, builddir=tmp_path / "clean").outdir)) == []

    # New text under the same title and headings: the page is read again, the toctree is the same.
    _replace(srcdir / "themas" / "jeugd.md", "Tekst over jeugd.", "Tekst over de jeugd.")
    app = build(srcdir, builddir=builddir)
    written = set(re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", status_of(app)))
    assert "themas/jeugd" in written and "themas/index" not in written
    assert differences(output_files(app.outdir), output_files(build(srcdir, builddir=tmp_path / "clean1").outdir)) == []

    # A new heading, and then a new title, are shown by that toctree: the section page is written again.
    for old, new, clean in (
        ("Meer.", "Meer.\n\n## Kinderopvang\n\nOpvang.", "clean2"),
        ("# Jeugd", "# Jeugd en onderwijs", "clean3"),
    ):
        _replace(srcdir / "themas" / "jeugd.md", old, new)
        app = build(srcdir, builddir=builddir)
        assert "themas/index" in set(re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", status_of(app)))
        after = output_files(app.outdir)
        assert differences(after, output_files(build(srcdir, builddir=tmp_path / clean).outdir)) == []
    assert b"Kinderopvang" in after["themas/index.html"]


def test_parallel_build_equals_serial_build(copy_root, build, tmp_path):
    srcdir = copy_root("basic")
    add_page(srcdir)
    add_member_page(srcdir)
    serial = build(srcdir, builddir=tmp_path / "serial")
    parallel = build(srcdir, builddir=tmp_path / "parallel", parallel=2)
    assert warnings_of(parallel) == warnings_of(serial) == ""
    assert differences(output_files(parallel.outdir), output_files(serial.outdir)) == []


def test_incremental_build_after_parallel_build_equals_clean_build(copy_root, build, tmp_path):
    # What the processes of a parallel build noted is merged and kept for the next build:
    # here, the mentions on the authoring guide, whose reference then dangles.
    srcdir = copy_root("basic")
    build(srcdir, builddir=tmp_path / "incremental", parallel=2)
    MATRIX["thema", "id-wijzigen"](srcdir)
    incremental = build(srcdir, builddir=tmp_path / "incremental")
    clean = build(srcdir, builddir=tmp_path / "clean")
    assert "onbekend thema 'wonen'" in warnings_of(clean)
    assert warnings_of(incremental) == warnings_of(clean)
    assert differences(output_files(incremental.outdir), output_files(clean.outdir)) == []


def test_parallel_build_reports_duplicates_across_processes(copy_root, build, tmp_path):
    srcdir = copy_root("basic")
    for n in range(6):  # enough pages to be read in several processes
        shutil.copy(srcdir / "themas" / "wonen.md", srcdir / f"kopie{n}.md")
    app = build(srcdir, builddir=tmp_path / "p", parallel=2)
    assert warnings_of(app).count("Dubbele id 'wonen'") == 6


# -- the matrix: add, edit, rename, delete × event, theme, network, person ------


def _replace(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def _toctree(srcdir, old: str, new: str) -> None:
    _replace(srcdir / "index.md", old, new)


MATRIX = {
    ("evenement", "toevoegen"): add_page,
    ("evenement", "wijzigen"): lambda s: _replace(
        s / "agenda" / "overleg.md", "start: 2023-05-25 13:30", "start: 2023-04-20 13:30"
    ),
    ("evenement", "hernoemen"): lambda s: (
        (s / "agenda" / "overleg.md").rename(s / "agenda" / "overleg-2023.md"),
        _toctree(s, "agenda/overleg\n", "agenda/overleg-2023\n"),
    ),
    ("evenement", "verwijderen"): remove_page,
    ("evenement", "verwijderen-nog-genoemd"): remove_event_page,
    ("evenement", "ander-thema"): lambda s: _replace(s / "agenda" / "overleg.md", "thema: jeugd\n", "thema: wonen\n"),
    ("thema", "toevoegen"): lambda s: (
        (s / "themas" / "zorg.md").write_text("# Zorg\n\n```{thema} zorg\n```\n\nZie {thema}`jeugd`.\n"),
        _toctree(s, "themas/wonen\n", "themas/wonen\nthemas/zorg\n"),
    ),
    ("thema", "wijzigen"): lambda s: _replace(s / "themas" / "jeugd.md", "Jeugdzorg en onderwijs.", "Jeugdzorg."),
    ("thema", "hernoemen"): rename_theme,
    ("thema", "id-wijzigen"): lambda s: (
        _replace(s / "themas" / "wonen.md", "{thema} wonen\n", "{thema} woonbeleid\n"),
        _replace(s / "themas" / "wonen.md", ":thema: wonen, jeugd", ":thema: woonbeleid, jeugd"),
        _replace(s / "index.md", "<wonen>", "<woonbeleid>"),
        # The authoring guide, whose mentions are no backlinks, keeps {thema}`wonen`.
    ),
    ("thema", "verwijderen"): lambda s: (
        (s / "themas" / "wonen.md").unlink(),
        _toctree(s, "themas/wonen\n", ""),
        _replace(s / "index.md", " en {thema}`Over wonen <wonen>`, het {programma}`woningbouw`", ""),
        _replace(s / "agenda" / "overleg.md", "programma: woningbouw\n", ""),
    ),
    ("netwerk", "toevoegen"): lambda s: (s / "mensen.md").write_text(
        (s / "mensen.md").read_text() + "\n```{netwerk} academie\n:naam: Academie\n:partners: juristen\n```\n"
    ),
    ("netwerk", "wijzigen"): lambda s: _replace(s / "mensen.md", ":aantal-deelnemers: 60", ":aantal-deelnemers: 75"),
    ("netwerk", "hernoemen"): lambda s: _replace(
        s / "mensen.md", "naam: Juristennetwerk", "naam: Netwerk van juristen"
    ),
    ("netwerk", "verwijderen"): lambda s: (
        _replace(s / "mensen.md", "```{netwerk} strategen\n:naam: Strategennetwerk\n:aantal-deelnemers: 60\n```\n", ""),
        _replace(s / "mensen.md", "partners: strategen\n", ""),
    ),
    ("persoon", "toevoegen"): lambda s: _replace(
        s / "mensen.md", "## Anne\n", "## Bert\n\n```{persoon} bert\n:rollen: lid; rijk\n```\n\n## Anne\n"
    ),
    # On the start page: the network's page is not read again, yet shows its new member.
    ("persoon", "lid-van-netwerk"): lambda s: _replace(
        s / "index.md", "```{overzicht} thema\n```\n", "```{overzicht} thema\n```\n\n" + MEMBER_PAGE.split("\n\n", 1)[1]
    ),
    ("persoon", "wijzigen"): lambda s: _replace(s / "mensen.md", "gedeputeerde; rijk; 2023", "minister; rijk; 2024"),
    ("persoon", "hernoemen"): lambda s: _replace(s / "mensen.md", "## Anne\n", "## Anne Koning\n"),
    ("persoon", "verwijderen"): lambda s: (
        _replace(
            s / "mensen.md", "## Anne\n\n```{persoon} anne\n---\nrollen: |\n  gedeputeerde; rijk; 2023\n---\n```\n", ""
        ),
        _replace(s / "agenda" / "overleg.md", "sprekers: anne\n", ""),
        _replace(s / "index.md", "\nen {persoon}`anne`", ""),
    ),
}


#: Changes that leave a reference on the authoring guide dangling: a clean build
#: warns about it, and the incremental build must warn alike.
DANGLING = {("evenement", "verwijderen-nog-genoemd"), ("thema", "id-wijzigen"), ("thema", "verwijderen")}


@pytest.mark.parametrize(("kind", "change"), MATRIX, ids=[f"{k}-{c}" for k, c in MATRIX])
def test_incremental_matrix_equals_clean_build(kind, change, first_build, build, tmp_path):
    srcdir, builddir = first_build
    before = output_files(builddir / "html")
    MATRIX[kind, change](srcdir)
    incremental = build(srcdir, builddir=builddir)
    clean = build(srcdir, builddir=tmp_path / "clean")
    assert warnings_of(incremental) == warnings_of(clean)
    if (kind, change) in DANGLING:
        assert "bijdragen/schrijfwijzer.md" in warnings_of(clean)
    else:
        assert warnings_of(clean) == ""
    after = output_files(incremental.outdir)
    assert differences(after, output_files(clean.outdir)) == []
    assert after != before


# -- the search index: see kennisbank/writers/pagefind.py -------------------------


def pagefind_files(outdir) -> dict[str, bytes]:
    """Pagefind's index in a build: its files are named after their content (``index/nl_3f2a….pf_index``)
    or the index's (``fragment/<tag>/<number>.pf_fragment``)."""
    return {path: data for path, data in output_files(outdir).items() if path.startswith("pagefind/")}


def test_the_search_index_is_rebuilt_and_equal_after_an_incremental_build(first_build, build, tmp_path):
    """Every build indexes the pages anew, so an incremental build's index equals a clean build's,
    file for file: the same pages give the same content-named files, and none of the old ones stay."""
    srcdir, builddir = first_build
    before = pagefind_files(builddir / "html")
    assert "pagefind/pagefind.js" in before and any(path.startswith("pagefind/fragment/") for path in before)
    rename_theme(srcdir)
    incremental = build(srcdir, builddir=builddir)
    clean = build(srcdir, builddir=tmp_path / "clean")
    after = pagefind_files(incremental.outdir)
    assert differences(after, pagefind_files(clean.outdir)) == []
    assert sorted(after.keys() - before.keys()) != []  # the renamed theme's fragment, its index chunk
    assert not (incremental.outdir / "_kennisbank_zoekdelen").exists()  # the staged records are gone


def test_the_search_index_of_a_parallel_build_equals_a_serial_one(copy_root, build, tmp_path):
    srcdir = copy_root("basic")
    serial = build(srcdir, builddir=tmp_path / "serial")
    parallel = build(srcdir, builddir=tmp_path / "parallel", parallel=2)
    files = pagefind_files(serial.outdir)
    assert len([path for path in files if path.startswith("pagefind/fragment/")]) > 5
    assert differences(pagefind_files(parallel.outdir), files) == []


def test_an_event_that_passes_is_written_again_with_its_search_data(write_source, build, tmp_path, monkeypatch):
    """No source changes when the day moves on, but an event that is now over ranks lower in search
    (its page's filter "tijd"): its page is written again, as a clean build would write it."""
    page = "# Overleg\n\n```{evenement} overleg\n:start: 2023-05-25\n:organisator: rijk\n```\n"
    org = "# Rijk\n\n```{organisatie} rijk\n:soort: rijksoverheid\n```\n"
    srcdir = write_source(
        {"index.md": "# Start\n\n```{toctree}\noverleg\nrijk\n```\n", "overleg.md": page, "rijk.md": org}
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1682935200")  # 1 May 2023
    build(srcdir, builddir=tmp_path / "incremental")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1685613600")  # 1 June 2023: the event is over
    incremental = build(srcdir, builddir=tmp_path / "incremental")
    clean = build(srcdir, builddir=tmp_path / "clean")
    assert differences(output_files(incremental.outdir), output_files(clean.outdir)) == []
    assert '<span data-pagefind-filter="tijd">voorbij</span>' in (clean.outdir / "overleg.html").read_text()
