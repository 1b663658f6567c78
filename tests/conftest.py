"""Shared fixtures: build small test roots with ``sphinx.testing``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sphinx.util.console import strip_colors

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"
CONF = 'extensions = ["myst_parser", "kennisbank"]\nlanguage = "nl"\nhtml_baseurl = "https://kennisbank.example/"\n'


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture
def copy_root(tmp_path):
    """Copy a test root to a fresh folder, so a test may edit its sources."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(ROOTS / f"test-{name}", target)
        return target

    return copy


@pytest.fixture
def write_source(tmp_path):
    """Write a small project from a mapping of file names to MyST text."""

    def write(files: dict[str, str], name: str = "src") -> Path:
        srcdir = tmp_path / name
        srcdir.mkdir()
        (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
        for path, text in files.items():
            (srcdir / path).parent.mkdir(parents=True, exist_ok=True)
            (srcdir / path).write_text(text, encoding="utf-8")
        return srcdir

    return write


@pytest.fixture
def build(make_app, tmp_path):
    """Build ``srcdir`` with one builder; return the app (warnings in ``app.warning``)."""

    def run(srcdir: Path, builder: str = "html", builddir: Path | None = None, **kwargs):
        app = make_app(builder, srcdir=srcdir, builddir=builddir or srcdir / "_build", **kwargs)
        app.build()
        # Unregister this app's nodes and roles, so that a second app in the
        # same test starts as cleanly as the first.
        app.cleanup()
        return app

    return run


def build_once(builder: str, srcdir: Path, builddir: Path, **kwargs):
    """Build a project outside the per-test fixtures (for module-scoped builds)."""
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp(builder, srcdir=srcdir, builddir=builddir, **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def warnings_of(app) -> str:
    return strip_colors(app.warning.getvalue())


def status_of(app) -> str:
    return strip_colors(app.status.getvalue())


def html_files(outdir: Path) -> dict[str, bytes]:
    """Every HTML page of a build, by relative path."""
    return {str(path.relative_to(outdir)): path.read_bytes() for path in sorted(outdir.rglob("*.html"))}


def output_files(outdir: Path) -> dict[str, bytes]:
    """Every file a build wrote to its output folder, by relative POSIX path.

    Pages, ``searchindex.js``, ``objects.inv``, the feeds, ``agenda.ics``,
    ``kennisbank.json``, ``_static`` and ``.buildinfo``: nothing is left out,
    so an incremental build must leave exactly what a clean build leaves.
    """
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes() for path in sorted(outdir.rglob("*")) if path.is_file()
    }
