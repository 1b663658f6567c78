"""Generated sections reach every builder as standard docutils nodes."""

from __future__ import annotations

import re

import pytest

from conftest import warnings_of

pytestmark = pytest.mark.sphinx(testroot="basic")
BUILDERS = ["html", "singlehtml", "latex", "text"]


@pytest.mark.parametrize("builder", [pytest.param(name, marks=pytest.mark.sphinx(name)) for name in BUILDERS])
def test_builder_writes_without_warnings(builder, built_app):
    assert built_app.builder.name == builder
    assert warnings_of(built_app) == ""


@pytest.mark.sphinx("text")
def test_text_output_has_backlinks_and_markers(built_app):
    jeugd = (built_app.outdir / "themas" / "jeugd.txt").read_text(encoding="utf-8")
    assert "Gerelateerd\n===========" in jeugd
    assert "* Programma Woningbouw\n" in jeugd  # under "Programma’s": no "(thema)" after it
    assert (
        "Agenda\n======\n\n**Komend**\n\n* donderdag 25 mei 2023, 13.30–16.00 uur: Overleg jeugd (Amersfoort)"
        in jeugd
        in jeugd
    )
    index = (built_app.outdir / "index.txt").read_text(encoding="utf-8")
    assert "Het verslag [link volgt]" in index


@pytest.mark.sphinx("latex")
def test_latex_output_links_to_object_labels(built_app):
    tex = next(built_app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    # Every object anchor is a LaTeX label and every internal link targets one.
    labels = set(re.findall(r"\\label\{\\detokenize\{([^}]*)\}\}", tex))
    targets = set(re.findall(r"\\hyperref\[\\detokenize\{([^}]*)\}\]", tex))
    assert {"mensen:kb-organisatie-rijk", "themas/jeugd:kb-thema-jeugd"} <= labels
    assert targets <= labels
    assert r"\sphinxstylestrong{Personen}" in tex


@pytest.mark.sphinx("singlehtml")
def test_singlehtml_links_stay_on_the_page(built_app):
    html = (built_app.outdir / "index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'href="(#[^"]*)"', html)
    assert "#kb-organisatie-rijk" in hrefs
    assert not [h for h in hrefs if h.count("#") > 1]
    ids = set(re.findall(r'id="([^"]+)"', html))
    assert {h[1:] for h in hrefs if h != "#"} <= ids
