"""sphinx_frozen_gc: collections skip what a build has read, and the process gets it all back."""

from __future__ import annotations

import gc

import pytest

from conftest import warnings_of


def test_a_build_freezes_what_it_read_and_hands_everything_back(copy_root, make_app, tmp_path):
    srcdir = copy_root("basic")
    app = make_app("html", srcdir=srcdir, builddir=tmp_path / "build")
    seen = {}

    def while_writing(app, pagename, templatename, context, doctree):
        seen.setdefault("frozen", gc.get_freeze_count())
        seen.setdefault("enabled", gc.isenabled())

    app.connect("html-page-context", while_writing)
    app.build()
    app.cleanup()
    assert warnings_of(app) == ""
    # While pages are written, the environment and the doctrees read are frozen ...
    assert seen["enabled"] and seen["frozen"] > 10_000
    # ... and after the build the collector is as it was: a test run or sphinx-autobuild
    # builds again in the same process.
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_build_that_fails_also_hands_everything_back(copy_root, make_app, tmp_path):
    srcdir = copy_root("basic")
    app = make_app("html", srcdir=srcdir, builddir=tmp_path / "build")

    def fail(app, env):
        raise RuntimeError("a failing extension")

    app.connect("env-updated", fail, priority=900)
    with pytest.raises(Exception, match="a failing extension"):
        app.build()
    app.cleanup()
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_build_that_fails_to_start_leaves_collecting_on(copy_root, make_app, tmp_path):
    srcdir = copy_root("basic")
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8")
        + "\n\ndef setup(app):\n"
        + "    def fail(app):\n        raise RuntimeError('a failing start')\n\n"
        + "    app.connect('builder-inited', fail)\n",
        encoding="utf-8",
    )
    with pytest.raises(Exception, match="a failing start"):
        make_app("html", srcdir=srcdir, builddir=tmp_path / "build")
    assert gc.isenabled()
    gc.unfreeze()  # what the loaded environment left frozen; no build-finished without a build
