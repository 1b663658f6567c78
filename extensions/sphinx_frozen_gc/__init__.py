"""Fewer full garbage collections in a Sphinx build.

A build keeps what it reads until the end: the environment, and every page's
doctree until that page is written. Python's cyclic garbage collector scans all
of it again each time the heap grows by a quarter, and a thousand-page build
spent a fifth of its time there (25 of 120 seconds at the benchmark's default
size). So what has been read is frozen (``gc.freeze``): later collections only
scan what was made since, and everything is handed back when the build ends.

The same goes for what resolving a page adds to its doctree, frozen again once
the page is resolved: collections while pages are written then only scan that
page's own work.

The cost is memory: a doctree that was frozen is freed only after the build,
not when its page has been written (peak memory about 750 instead of 450 MiB at
the default size).

When the process then exits (``sphinx-build``), everything is frozen once more:
Python's last collection at exit would otherwise find and free the build's
millions of objects one by one (about 5 s at half the default size, after the
build has finished), only for the operating system to take back the memory
anyway. Independent of the knowledge base; the benchmark's baseline
loads it too, so that it compares like with like.
"""

from __future__ import annotations

import atexit
import gc

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util.typing import ExtensionMetadata


def pause_while_loading(app: Sphinx, config: Config) -> None:
    # The stored environment is loaded next: millions of objects that all stay.
    gc.disable()


def freeze_loaded(app: Sphinx) -> None:
    gc.enable()
    gc.freeze()


def freeze_read(app: Sphinx, doctree: nodes.document) -> None:
    # Each page read stays until it is written: collecting must not scan it again.
    gc.freeze()


def freeze_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    # Resolving a page adds nodes to its doctree, which was frozen when it was read, so
    # they can never be collected before the build ends; unfrozen, every later full
    # collection scans them again (7 of 90 seconds at the benchmark's default size).
    # The young generations are collected first: what the previous page left in
    # cycles (a translator, a rendered title) is freed instead of kept.
    gc.collect(1)
    gc.freeze()


def freeze_environment(app: Sphinx, env: BuildEnvironment) -> None:
    gc.freeze()


def thaw(app: Sphinx, exception: Exception | None) -> None:
    # A process that builds again (tests, sphinx-autobuild) gets its garbage collected.
    gc.enable()
    gc.unfreeze()
    # A process that exits instead skips the last collection: the memory goes back to the
    # operating system whole. Finalizers of objects left in reference cycles then do not
    # run at exit, which Python does not promise anyway. Registered once per process.
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)


def setup(app: Sphinx) -> ExtensionMetadata:
    # Last of the config-inited handlers: if another one fails, the build stops before loading.
    app.connect("config-inited", pause_while_loading, priority=900)
    # First of the builder-inited handlers: collecting is back on even if a later one fails.
    app.connect("builder-inited", freeze_loaded, priority=100)
    app.connect("doctree-read", freeze_read)
    app.connect("env-updated", freeze_environment)
    # Last of the doctree-resolved handlers: after every other change to the page.
    app.connect("doctree-resolved", freeze_resolved, priority=900)
    app.connect("build-finished", thaw)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
