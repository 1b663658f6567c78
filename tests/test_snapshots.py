"""Regression snapshots of the resolved doctree and of the HTML body.

After an intended change, refresh them with ``KB_UPDATE_SNAPSHOTS=1 make test``
and review the diff like any other change.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

SNAPSHOTS = Path(__file__).parent / "snapshots"
PAGES = ["index", "themas/jeugd", "themas/wonen", "agenda/overleg", "mensen"]


def check_snapshot(name: str, actual: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("KB_UPDATE_SNAPSHOTS"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no snapshot {path}: run with KB_UPDATE_SNAPSHOTS=1"
    assert actual == path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def basic_app(make_app, tmp_path_factory, rootdir):
    srcdir = tmp_path_factory.mktemp("snap") / "basic"
    shutil.copytree(rootdir / "test-basic", srcdir)
    app = make_app("html", srcdir=srcdir, builddir=srcdir / "_build")
    app.build()
    return app


@pytest.fixture(scope="module")
def make_app(test_params):  # module-scoped twin of sphinx.testing's fixture
    from sphinx.testing.util import SphinxTestApp

    apps = []

    def make(*args, **kwargs):
        apps.append(SphinxTestApp(*args, **kwargs))
        return apps[-1]

    yield make
    for app in reversed(apps):
        app.cleanup()


@pytest.fixture(scope="module")
def test_params():
    return {"shared_result": None}


@pytest.mark.parametrize("page", PAGES)
def test_resolved_doctree(basic_app, page):
    doctree = basic_app.env.get_and_resolve_doctree(page, basic_app.builder, tags=basic_app.tags)
    text = re.sub(r' source="[^"]*"', "", doctree.pformat())
    check_snapshot(f"basic/{page}.doctree.xml", text)


@pytest.mark.parametrize("page", PAGES)
def test_html_body(basic_app, page):
    html = (basic_app.outdir / f"{page}.html").read_text(encoding="utf-8")
    body = BeautifulSoup(html, "html.parser").select_one("[role=main]")
    check_snapshot(f"basic/{page}.body.html", body.prettify())
