"""The pull request's preview: the manifest and its diff, the build cache, and the modification
times that make a fresh checkout build incrementally (the comment: test_preview_comment.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import CONF, output_files, warnings_of
from kennisbank.tools import buildcache, manifest, mtimes, preview
from kennisbank.tools.buildcache import BuildRecord, Decision, decide
from kennisbank.tools.manifest import Changes, compare, manifest_of, page_digests

# Previews built on a copy of the real site, again and again: left out by `make test-snel`.
pytestmark = pytest.mark.slow

FURO = CONF + 'html_theme = "furo"\n'

# -- the manifest ------------------------------------------------------------------------

PAGE = """<html><head><title>Wonen - Site</title>
<link rel="stylesheet" href="_static/furo.css?v={css}" />
<script src="_static/furo.js?v={css}"></script>
<meta name="description" content="Over wonen" /></head><body>
<aside class="sidebar-drawer"><ul><li>{menu}</li></ul></aside><div class="main">
<article role="main"><nav class="breadcrumbs" aria-label="Kruimelpad">{crumbs}</nav>
<h1>Wonen</h1><p>{text}</p></article><footer><div class="related-pages">{next}</div>
<div class="bottom-of-page">Laatst gewijzigd</div></footer></div></body></html>
"""
BASE = {"css": "1", "menu": "Jeugd", "crumbs": "Thema's", "text": "Tekst.", "next": "Volgende: Jeugd"}


@pytest.mark.parametrize(
    ("change", "content_changes", "navigation_changes"),
    [
        ({}, False, False),
        ({"css": "2"}, False, False),  # a new stylesheet changes every page's links, not its content
        ({"menu": "Jeugd en onderwijs"}, False, True),
        ({"crumbs": "Thema"}, False, True),
        ({"next": "Volgende: Zorg"}, False, True),
        ({"text": "Andere tekst."}, True, False),
    ],
)
def test_a_page_digest_tells_content_from_navigation(change, content_changes, navigation_changes):
    before, after = page_digests(PAGE.format(**BASE)), page_digests(PAGE.format(**{**BASE, **change}))
    assert (before.content != after.content, before.navigation != after.navigation) == (
        content_changes,
        navigation_changes,
    )
    assert before.title == "Wonen - Site"


def test_a_manifest_is_read_back_whole_or_not_at_all(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b.html").write_text(PAGE.format(**BASE), encoding="utf-8")
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "x.html").write_text("niet een pagina", encoding="utf-8")
    written = manifest.write_manifest(tmp_path)
    assert written.name == "_manifest.json"
    pages = manifest.read_manifest(written.read_text(encoding="utf-8"))
    assert list(pages) == ["a/b.html"] and pages["a/b.html"].title == "Wonen - Site"
    for text in ("", "[]", '{"formaat": 2, "paginas": {}}', '{"formaat": 1, "paginas": {"x.html": ["a", 1, "c"]}}'):
        with pytest.raises(manifest.ManifestError):
            manifest.read_manifest(text)


def test_the_real_site_has_every_navigation_region_once_per_page(docs_html):
    outdir = Path(docs_html.outdir)
    for path in manifest.site_pages(outdir):
        text = path.read_text(encoding="utf-8")
        for start, _end, _inclusive in manifest.NAVIGATION:
            expected = {1} if "breadcrumbs" not in start else {0, 1}  # the front page has no breadcrumbs
            assert text.count(start) in expected, (path, start)
    assert page_digests((outdir / "index.html").read_text(encoding="utf-8")).title.startswith("Kennisbank VZHG")


# -- the changed pages of a small project: one base build, four changes ---------------------

PROJECT = {
    "conf.py": FURO,
    "index.md": "# Start\n\n```{toctree}\nappels\nperen\nkersen\n```\n",
    "appels.md": "# Appels\n\nOver appels.\n",
    "peren.md": "# Peren\n\nNaast {doc}`appels` liggen peren.\n",
    "kersen.md": "# Kersen\n\nRood.\n",
}


def _edit(srcdir: Path) -> None:
    (srcdir / "kersen.md").write_text("# Kersen\n\nDonkerrood.\n", encoding="utf-8")


def _retitle(srcdir: Path) -> None:
    (srcdir / "appels.md").write_text("# Goudrenetten\n\nOver appels.\n", encoding="utf-8")


def _delete(srcdir: Path) -> None:
    (srcdir / "kersen.md").unlink()
    (srcdir / "index.md").write_text(PROJECT["index.md"].replace("kersen\n", ""), encoding="utf-8")


def _add(srcdir: Path) -> None:
    (srcdir / "pruimen.md").write_text("# Pruimen\n\nPaars.\n", encoding="utf-8")
    (srcdir / "index.md").write_text(PROJECT["index.md"].replace("kersen\n", "kersen\npruimen\n"), encoding="utf-8")


CHANGES = {
    # A text edit: that page alone.
    "tekst": (_edit, Changes(changed=["kersen.html"])),
    # A new title: the page, the page that links to it by its title, and the index's toctree;
    # every other page only in its sidebar or its previous/next links.
    "titel": (
        _retitle,
        Changes(
            changed=["appels.html", "index.html", "peren.html"],
            navigation_only=["genindex.html", "kersen.html"],
        ),
    ),
    # A page deleted or added: its page, the index that lists it, and every sidebar.
    "verwijderd": (
        _delete,
        Changes(
            changed=["index.html"],
            removed=["kersen.html"],
            navigation_only=["appels.html", "genindex.html", "peren.html"],
        ),
    ),
    "nieuw": (
        _add,
        Changes(
            added=["pruimen.html"],
            changed=["index.html"],
            navigation_only=["appels.html", "genindex.html", "kersen.html", "peren.html"],
        ),
    ),
}


@pytest.fixture(scope="module")
def base_site(tmp_path_factory):
    from conftest import build_once

    work = tmp_path_factory.mktemp("manifest-base")
    srcdir = work / "src"
    srcdir.mkdir()
    for name, text in PROJECT.items():
        (srcdir / name).write_text(text, encoding="utf-8")
    app = build_once("html", srcdir, work / "build")
    assert warnings_of(app) == ""
    return srcdir, manifest_of(Path(app.outdir))


def test_the_search_page_is_no_content_page(tmp_path):
    from kennisbank.tools.manifest import manifest_of

    (tmp_path / "search.html").write_text("<title>Zoeken</title>", encoding="utf-8")
    (tmp_path / "index.html").write_text("<title>Start</title>", encoding="utf-8")
    assert list(manifest_of(tmp_path)) == ["index.html"]  # its index names change with any page


@pytest.mark.parametrize("case", CHANGES)
def test_the_changed_pages_of_a_preview(case, base_site, build, tmp_path):
    srcdir, published = base_site
    change, expected = CHANGES[case]
    copy = tmp_path / "src"
    shutil.copytree(srcdir, copy)
    change(copy)
    app = build(copy, builddir=tmp_path / "build")
    assert warnings_of(app) == ""
    assert compare(published, manifest_of(Path(app.outdir))) == expected


# -- the build cache: does a restored build fit? --------------------------------------------

RECORD = BuildRecord(commit="a" * 40, source="/w/docs", python="3.11.9", packages="p1")


@pytest.mark.parametrize(
    ("cached", "changed", "expected"),
    [
        (RECORD, ["docs/a.md", "docs/conf.py", "docs/_templates/page.html"], Decision(True)),
        (RECORD, [], Decision(True)),
        (None, [], Decision(False, "geen-cache")),
        (BuildRecord("a" * 40, "/w/docs", "3.11.9", "p1", format=0), [], Decision(False, "formaat")),
        (BuildRecord("a" * 40, "/w/docs", "3.12.1", "p1"), [], Decision(False, "python")),
        (BuildRecord("a" * 40, "/w/docs", "3.11.9", "p2"), [], Decision(False, "pakketten")),
        (BuildRecord("a" * 40, "/elders/docs", "3.11.9", "p1"), [], Decision(False, "map")),
        (RECORD, None, Decision(False, "commit")),
        (RECORD, ["docs/a.md", "extensions/kennisbank/x.py"], Decision(False, "code")),
        (RECORD, ["pyproject.toml"], Decision(False, "code")),
        (RECORD, ["pyproject.toml.orig", "extensionsx/a"], Decision(True)),
    ],
)
def test_a_cached_build_fits_only_what_it_was_made_from(cached, changed, expected):
    current = BuildRecord(commit="b" * 40, source="/w/docs", python="3.11.9", packages="p1")
    assert decide(cached, current, changed) == expected
    assert expected.reason is None or expected.reason in buildcache.REASONS


def test_a_record_reads_back_and_anything_else_is_none():
    assert buildcache.read_record(RECORD.to_json()) == RECORD
    for text in ("", "[]", '{"commit": "a"}', '{"commit": "a", "source": "s", "python": "p", "packages": "q", "x": 1}'):
        assert buildcache.read_record(text) is None
    assert buildcache.packages_digest([("Sphinx", "9.0"), ("furo", "1")]) == buildcache.packages_digest(
        [("furo", "1"), ("sphinx", "9.0")]
    )
    assert buildcache.packages_digest([("furo", "1")]) != buildcache.packages_digest([("furo", "2")])


# -- modification times -------------------------------------------------------------------


def test_unchanged_files_get_the_settled_time_and_changed_ones_now(tmp_path):
    for name in ("a.md", "b.md", "sub/c.md"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "link.md").symlink_to(tmp_path / "a.md")
    now = mtimes.SETTLED + 10**18
    times = mtimes.planned_times(["a.md", "b.md", "sub/c.md", "link.md", "weg.md"], ["b.md", "verwijderd.md"], now)
    assert times == {
        "a.md": mtimes.SETTLED,
        "b.md": now,
        "sub/c.md": mtimes.SETTLED,
        "link.md": mtimes.SETTLED,
        "weg.md": mtimes.SETTLED,
    }
    assert mtimes.apply_times(tmp_path, times) == 3  # not the symlink, not the missing file
    assert (tmp_path / "a.md").stat().st_mtime_ns == (tmp_path / "sub/c.md").stat().st_mtime_ns == mtimes.SETTLED
    assert (tmp_path / "b.md").stat().st_mtime_ns == now


def test_installed_templates_get_the_settled_time(tmp_path):
    (tmp_path / "furo" / "theme").mkdir(parents=True)
    (tmp_path / "furo" / "theme" / "page.html").write_text("t", encoding="utf-8")
    (tmp_path / "furo" / "__init__.py").write_text("", encoding="utf-8")
    assert mtimes.settle_templates([tmp_path]) == 1
    assert (tmp_path / "furo" / "theme" / "page.html").stat().st_mtime_ns == mtimes.SETTLED
    assert (tmp_path / "furo" / "__init__.py").stat().st_mtime_ns != mtimes.SETTLED  # bytecode checks these


# -- a fresh checkout of the pull request on a restored build of main ------------------------

REPOSITORY = {
    ".gitignore": "build/\n",
    "docs/conf.py": FURO + 'templates_path = ["_templates"]\n',
    "docs/_templates/page.html": '{% extends "kennisbank/page.html" %}\n',
    "docs/index.md": "# Start\n\n```{toctree}\n" + "".join(f"p{n}\n" for n in range(8)) + "```\n",
    **{f"docs/p{n}.md": f"# Pagina {n}\n\nTekst {n}.\n" for n in range(8)},
}


def folders(checkout: Path) -> preview.BuildFolders:
    return preview.BuildFolders.of(checkout / "build")


def _git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": "2023-05-12T10:00:00Z", "GIT_COMMITTER_DATE": "2023-05-12T10:00:00Z"}
    command = ["git", "-c", "user.name=T", "-c", "user.email=t@example.nl", "-c", "init.defaultBranch=main", *args]
    return subprocess.run(command, cwd=cwd, check=True, capture_output=True, text=True, env=env).stdout.strip()


@pytest.fixture
def restored(tmp_path):
    """main's build, cached; then a fresh clone of the pull request at the same path, the cache
    restored into it (as actions/cache does: with the times of the files it saved).

    Returns (checkout, the cache, the pull request's commit)."""
    if shutil.which("git") is None:
        pytest.skip("git ontbreekt")
    origin = tmp_path / "origin"
    for path, text in REPOSITORY.items():
        (origin / path).parent.mkdir(parents=True, exist_ok=True)
        (origin / path).write_text(text, encoding="utf-8")
    _git(origin, "init", "-q")
    _git(origin, "add", ".")
    _git(origin, "commit", "-qm", "main")
    checkout = tmp_path / "werkmap"  # the runner's workspace: the same path in every job
    _git(tmp_path, "clone", "-q", str(origin), str(checkout))
    result = preview.sphinx_build(checkout / "docs", folders(checkout))
    assert result.code == 0 and result.read == 9
    preview.keep(checkout / "docs", folders(checkout))
    cache = tmp_path / "cache"
    shutil.copytree(checkout / "build", cache)  # copy2: the times are kept, as in the cache's tar
    # The pull request: one page edited, in a commit dated before main's build.
    (origin / "docs" / "p3.md").write_text("# Pagina 3\n\nNieuwe tekst.\n", encoding="utf-8")
    _git(origin, "commit", "-qam", "wijziging")
    shutil.rmtree(checkout)
    _git(tmp_path, "clone", "-q", str(origin), str(checkout))
    shutil.copytree(cache, checkout / "build")
    return checkout, cache, _git(origin, "rev-parse", "HEAD")


def test_a_fresh_checkout_without_the_times_builds_everything_again(restored):
    checkout, _cache, _head = restored
    result = preview.sphinx_build(checkout / "docs", folders(checkout))
    assert (result.read, result.written) == (9, 11)  # and the index and search pages


def test_the_times_make_a_fresh_checkout_build_only_what_changed(restored, build, tmp_path):
    checkout, _cache, head = restored
    decision, cached = preview.prepare(checkout / "docs", folders(checkout), installed=[])
    assert decision == Decision(True) and cached is not None and cached.commit != head
    result = preview.sphinx_build(checkout / "docs", folders(checkout))
    assert result.read == 1  # p3, and nothing else
    assert 1 <= result.written <= 3  # p3, and the pages whose previous/next link shows its title
    # The result is the clean build of the pull request, file by file.
    clean = build(checkout / "docs", builddir=tmp_path / "schoon")
    after, expected = output_files(checkout / "build" / "html"), output_files(Path(clean.outdir))
    assert {p for p in after.keys() | expected.keys() if after.get(p) != expected.get(p)} <= {".buildinfo"}


def test_templates_installed_after_the_build_are_settled(restored, tmp_path):
    """A fresh .venv dates every installed template after main's build: Sphinx would write
    every page again. Here a theme folder outside the repository stands for site-packages."""
    checkout, _cache, _head = restored
    installed = tmp_path / "site-packages" / "thema"
    installed.mkdir(parents=True)
    (installed / "layout.html").write_text('{% extends "!layout.html" %}\n', encoding="utf-8")
    conf = checkout / "docs" / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + f"templates_path += [{str(installed)!r}]\n", encoding="utf-8")
    _git(checkout, "commit", "-qam", "een geïnstalleerd thema")  # committed: conf.py is no change
    _rewrite_record(checkout / "build", commit=_git(checkout, "rev-parse", "HEAD"))
    # Sphinx compares templates with its pages; main's build had none from this folder, but the
    # path list is configuration, which this test changed: so build once with it, as main would have.
    assert preview.sphinx_build(checkout / "docs", folders(checkout)).written == 11
    (installed / "layout.html").touch()  # installed anew, after that build
    untouched = preview.sphinx_build(checkout / "docs", folders(checkout))
    assert (untouched.read, untouched.written) == (0, 11)  # the new template: every page written
    (installed / "layout.html").touch()
    decision, _cached = preview.prepare(checkout / "docs", folders(checkout), installed=[installed.parent])
    assert decision.incremental
    settled = preview.sphinx_build(checkout / "docs", folders(checkout))
    assert (settled.read, settled.written) == (0, 2)  # genindex and search, which every build writes


def test_a_changed_template_makes_every_page_be_written_again(restored):
    checkout, _cache, _head = restored
    template = checkout / "docs" / "_templates" / "page.html"
    template.write_text(template.read_text(encoding="utf-8") + "{# nieuw #}\n", encoding="utf-8")
    decision, _cached = preview.prepare(checkout / "docs", folders(checkout), installed=[])
    assert decision.incremental
    result = preview.sphinx_build(checkout / "docs", folders(checkout))
    assert result.read == 1 and result.written == 11


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        (lambda build, head: (build / buildcache.RECORD_FILE).unlink(), "geen-cache"),
        (lambda build, head: _rewrite_record(build, packages="ander"), "pakketten"),
        (lambda build, head: _rewrite_record(build, commit="f" * 40), "commit"),
        (lambda build, head: _rewrite_record(build, source="/elders/docs"), "map"),
    ],
)
def test_a_cache_that_does_not_fit_gives_a_clean_build_and_says_why(restored, spoil, reason):
    checkout, _cache, head = restored
    spoil(checkout / "build", head)
    decision, _cached = preview.prepare(checkout / "docs", folders(checkout), installed=[])
    assert decision == Decision(False, reason)
    assert not (checkout / "build" / "html").exists() and not (checkout / "build" / "doctrees").exists()
    data, result = preview.build_preview(checkout / "docs", folders(checkout), pull_request=7)
    assert (result.read, result.written) == (9, 11)  # and the index and search pages
    assert (data.incremental, data.reason, data.base) == (False, reason, None)
    assert data.commit == head and data.problems == []


def test_extension_code_changed_in_the_pull_request_gives_a_clean_build(restored):
    checkout, _cache, _head = restored
    (checkout / "extensions").mkdir()
    (checkout / "extensions" / "nieuw.py").write_text("x = 1\n", encoding="utf-8")  # untracked counts too
    assert preview.prepare(checkout / "docs", folders(checkout), installed=[])[0] == Decision(False, "code")


def _rewrite_record(build: Path, **fields: str) -> None:
    record = buildcache.read_record((build / buildcache.RECORD_FILE).read_text(encoding="utf-8"))
    assert record is not None
    (build / buildcache.RECORD_FILE).write_text(
        BuildRecord(**{**record.__dict__, **fields}).to_json(), encoding="utf-8"
    )


def test_the_preview_reports_problems_with_file_and_line(restored):
    checkout, _cache, _head = restored
    page = checkout / "docs" / "p5.md"
    page.write_text("# Pagina 5\n\nZie {thema}`bestaat-niet`.\n", encoding="utf-8")
    data, result = preview.build_preview(checkout / "docs", folders(checkout), pull_request=7)
    assert data.incremental and result.code == 0  # warnings allowed: the preview is made
    assert [(p.path, p.line) for p in data.problems] == [("docs/p5.md", 3)]
    assert "onbekend thema 'bestaat-niet'" in data.problems[0].message
