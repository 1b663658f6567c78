"""sphinx_frozen_gc: collections skip what a build has read, and the process gets it all back."""

from __future__ import annotations

import gc
import re
import subprocess
import sys

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


def test_what_resolving_a_page_adds_is_frozen_before_the_next_page(copy_root, make_app, tmp_path):
    # Resolving adds nodes to a doctree frozen when it was read; left unfrozen, they
    # can never be collected, and every full collection scans all of them again.
    srcdir = copy_root("basic")
    app = make_app("html", srcdir=srcdir, builddir=tmp_path / "build")
    resolved: list[list[object]] = []
    left_unfrozen: list[int] = []

    def remember(app, doctree, docname):
        resolved.append(list(doctree.findall()))

    def while_writing(app, pagename, templatename, context, doctree):
        if doctree is None or len(resolved) < 2:
            return
        unfrozen = {id(obj) for obj in gc.get_objects()}  # the frozen ones are not listed
        left_unfrozen.extend(id(node) for page in resolved[:-1] for node in page if id(node) in unfrozen)

    app.connect("doctree-resolved", remember, priority=100)
    app.connect("html-page-context", while_writing)
    app.build()
    app.cleanup()
    assert warnings_of(app) == ""
    assert len(resolved) > 2
    assert left_unfrozen == []


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


EXIT_PROBE = """
import atexit, gc, sys
from sphinx.cmd.build import build_main
# Registered before the build, so it runs after whatever the build registers (last in, first out).
atexit.register(lambda: print("frozen at exit:", gc.get_freeze_count()))
code = build_main(["-q", "-E", "-b", "html", sys.argv[1], sys.argv[2]])
print("frozen after the build:", gc.get_freeze_count())
sys.exit(code)
"""


@pytest.mark.parametrize("extensions", [["sphinx_frozen_gc"], []])
def test_a_process_that_exits_after_the_build_skips_the_last_collection(tmp_path, extensions):
    # sphinx-build exits right after the build: Python's last collection would free the
    # build's objects one by one (seconds at a thousand pages) for nothing.
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "conf.py").write_text(f"extensions = {extensions!r}\n", encoding="utf-8")
    (tmp_path / "src" / "index.rst").write_text("Home\n====\n\nText.\n", encoding="utf-8")
    ran = subprocess.run(
        [sys.executable, "-c", EXIT_PROBE, str(tmp_path / "src"), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=True,
    )
    after = int(re.search(r"frozen after the build: (\d+)", ran.stdout).group(1))
    at_exit = int(re.search(r"frozen at exit: (\d+)", ran.stdout).group(1))
    assert after == 0  # handed back at the end of the build, as for a process that builds again
    if extensions:
        assert at_exit > 10_000  # the build's objects: the last collection does not scan them
    else:
        assert at_exit == 0  # without the extension, Python's exit is left as it is
