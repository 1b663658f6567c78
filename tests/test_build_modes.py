"""Incremental and parallel builds give the same pages as a clean serial build."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import html_files, status_of, warnings_of

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


def edit_page(srcdir):
    page = srcdir / "agenda" / "overleg.md"
    text = page.read_text().replace("thema: jeugd", "thema: wonen").replace("sprekers: anne\n", "")
    page.write_text(text.replace("# Overleg jeugd", "# Overleg wonen"))


def remove_page(srcdir):
    (srcdir / "agenda" / "overleg.md").unlink()
    index = srcdir / "index.md"
    text = index.read_text().replace("agenda/overleg\n", "")
    index.write_text(text.replace("het {evenement}`overleg-jeugd`, ", ""))


def rename_theme(srcdir):
    page = srcdir / "themas" / "jeugd.md"
    page.write_text(page.read_text().replace("# Jeugd", "# Jeugd en onderwijs"))


CHANGES = {"add": add_page, "edit": edit_page, "remove": remove_page, "rename": rename_theme}


@pytest.mark.parametrize("change", CHANGES)
def test_incremental_build_equals_clean_build(change, copy_root, build, tmp_path):
    srcdir = copy_root("basic")
    first = build(srcdir, builddir=tmp_path / "incremental")
    before = html_files(first.outdir)

    CHANGES[change](srcdir)
    incremental = build(srcdir, builddir=tmp_path / "incremental")
    clean = build(srcdir, builddir=tmp_path / "clean")

    assert warnings_of(incremental) == warnings_of(clean) == ""
    after, expected = html_files(incremental.outdir), html_files(clean.outdir)
    assert after.keys() == expected.keys()
    stale = [page for page in expected if after[page] != expected[page]]
    assert stale == []
    assert after != before  # the change was visible at all


def test_incremental_build_rewrites_only_dependent_pages(copy_root, build, tmp_path):
    srcdir = copy_root("basic")
    build(srcdir, builddir=tmp_path / "b")
    page = srcdir / "themas" / "jeugd.md"
    page.write_text(page.read_text().replace("Jeugdzorg en onderwijs.", "Jeugdzorg."))
    app = build(srcdir, builddir=tmp_path / "b")
    status = status_of(app)
    # Only the index lists the theme's summary (in its overview); the pages
    # that merely link to the theme show its title, which did not change.
    assert "1 changed" in status
    written = set(re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", status))
    assert written == {"index", "themas/jeugd"}


def test_parallel_build_equals_serial_build(copy_root, build, tmp_path):
    srcdir = copy_root("basic")
    add_page(srcdir)
    serial = build(srcdir, builddir=tmp_path / "serial")
    parallel = build(srcdir, builddir=tmp_path / "parallel", parallel=2)
    assert warnings_of(parallel) == warnings_of(serial) == ""
    assert html_files(parallel.outdir) == html_files(serial.outdir)


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
    ("thema", "toevoegen"): lambda s: (
        (s / "themas" / "zorg.md").write_text("# Zorg\n\n```{thema} zorg\n```\n\nZie {thema}`jeugd`.\n"),
        _toctree(s, "themas/wonen\n", "themas/wonen\nthemas/zorg\n"),
    ),
    ("thema", "wijzigen"): lambda s: _replace(s / "themas" / "jeugd.md", "Jeugdzorg en onderwijs.", "Jeugdzorg."),
    ("thema", "hernoemen"): rename_theme,
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


@pytest.mark.parametrize(("kind", "change"), MATRIX, ids=[f"{k}-{c}" for k, c in MATRIX])
def test_incremental_matrix_equals_clean_build(kind, change, copy_root, build, tmp_path):
    srcdir = copy_root("basic")
    before = html_files(build(srcdir, builddir=tmp_path / "incremental").outdir)
    MATRIX[kind, change](srcdir)
    incremental = build(srcdir, builddir=tmp_path / "incremental")
    clean = build(srcdir, builddir=tmp_path / "clean")
    assert warnings_of(clean) == ""
    after, expected = html_files(incremental.outdir), html_files(clean.outdir)
    assert after.keys() == expected.keys()
    assert [page for page in expected if after[page] != expected[page]] == []
    assert after != before
