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
