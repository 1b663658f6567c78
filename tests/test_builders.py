"""Generated sections reach every builder as standard docutils nodes."""

from __future__ import annotations

import re

import pytest

from conftest import warnings_of


@pytest.mark.parametrize("builder", ["html", "singlehtml", "latex", "text"])
def test_builder_writes_without_warnings(builder, copy_root, build):
    app = build(copy_root("basic"), builder)
    assert warnings_of(app) == ""


def test_text_output_has_backlinks_and_markers(copy_root, build):
    app = build(copy_root("basic"), "text")
    jeugd = (app.outdir / "themas" / "jeugd.txt").read_text(encoding="utf-8")
    assert "Gerelateerd\n===========" in jeugd
    assert "* Programma Woningbouw (thema)" in jeugd
    assert (
        "Agenda\n======\n\n**Komend**\n\n* donderdag 25 mei 2023, 13.30–16.00 uur: Overleg jeugd (Amersfoort)" in jeugd
    )
    index = (app.outdir / "index.txt").read_text(encoding="utf-8")
    assert "Het verslag [link volgt]" in index


def test_latex_output_links_to_object_labels(copy_root, build):
    app = build(copy_root("basic"), "latex")
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    # Every object anchor is a LaTeX label and every internal link targets one.
    labels = set(re.findall(r"\\label\{\\detokenize\{([^}]*)\}\}", tex))
    targets = set(re.findall(r"\\hyperref\[\\detokenize\{([^}]*)\}\]", tex))
    assert {"mensen:kb-organisatie-rijk", "themas/jeugd:kb-thema-jeugd"} <= labels
    assert targets <= labels
    assert r"\sphinxstylestrong{Personen}" in tex


def test_singlehtml_links_stay_on_the_page(copy_root, build):
    app = build(copy_root("basic"), "singlehtml")
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'href="(#[^"]*)"', html)
    assert "#kb-organisatie-rijk" in hrefs
    assert not [h for h in hrefs if h.count("#") > 1]
    ids = set(re.findall(r'id="([^"]+)"', html))
    assert {h[1:] for h in hrefs if h != "#"} <= ids
