"""Regression snapshots of the resolved doctree and of the HTML body (syrupy).

Each snapshot is one file in ``tests/__snapshots__/test_snapshots/``. A missing,
different or unused snapshot fails the run. After an intended change, refresh them
with ``.venv/bin/python -m pytest tests/test_snapshots.py --snapshot-update`` and
review the diff like any other change.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

PAGES = ["index", "themas/jeugd", "themas/wonen", "agenda/overleg", "mensen"]
PAGE_IDS = [page.replace("/", "-") for page in PAGES]

pytestmark = pytest.mark.sphinx("html", testroot="basic")


class DoctreeSnapshot(SingleFileSnapshotExtension):
    """The text itself, one file per snapshot, so a diff reads like the output."""

    _write_mode = WriteMode.TEXT
    file_extension = "doctree.xml"


class BodySnapshot(SingleFileSnapshotExtension):
    _write_mode = WriteMode.TEXT
    file_extension = "body.html"


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_resolved_doctree(built_app, page, snapshot):
    doctree = built_app.env.get_and_resolve_doctree(page, built_app.builder, tags=built_app.tags)
    text = re.sub(r' source="[^"]*"', "", doctree.pformat())
    assert text == snapshot(extension_class=DoctreeSnapshot)


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_html_body(built_app, page, snapshot):
    html = (built_app.outdir / f"{page}.html").read_text(encoding="utf-8")
    body = BeautifulSoup(html, "html.parser").select_one("[role=main]")
    assert body.prettify() == snapshot(extension_class=BodySnapshot)
