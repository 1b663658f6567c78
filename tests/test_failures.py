"""A bug in our own code: a Dutch error naming page and object, the rest of the site built."""

from __future__ import annotations

import pytest
from sphinx.cmd.build import build_main

from conftest import warnings_of
from kennisbank.formats import ics
from kennisbank.sphinx_ext import generated, render
from kennisbank.sphinx_ext.failures import ISSUES_URL, NOTICE

PAGES = {
    "index.md": "# Index\n\n```{toctree}\nthemas\nagenda\n```\n",
    "themas.md": "# Thema's\n\n## Jeugd\n\n```{thema} jeugd\n:samenvatting: Over jeugd.\n```\n",
    "agenda.md": (
        "# Agenda\n\n```{evenement} overleg\n:titel: Overleg\n:start: 2023-05-25 13:30\n"
        ":organisator: vng\n:thema: jeugd\n:plaats: Gouda\n```\n\n"
        "```{organisatie} vng\n:naam: VNG\n:soort: landelijke koepel\n```\n"
    ),
}


def broken(*args, **kwargs):
    raise RuntimeError("kapot")


def test_a_failing_generated_section_is_reported_and_the_site_is_built(write_source, build, monkeypatch):
    monkeypatch.setattr(generated.FillGeneratedSections, "related_body", broken)
    srcdir = write_source(PAGES)
    app = build(srcdir)
    warnings = warnings_of(app)
    # The organisation's "Gerelateerd" names the meeting it organises (the theme lists its
    # meetings in its agenda instead).
    expected = (
        f"{srcdir / 'agenda.md'}:11: ERROR: Interne fout in de kennisbank-extensie bij de sectie Gerelateerd "
        "(object 'vng'): RuntimeError: kapot. Dit ligt niet aan uw tekst maar aan onze code"
    )
    assert expected in warnings, warnings
    assert f"Meld het alstublieft op {ISSUES_URL} en voeg het bestand " in warnings
    assert "Traceback" not in warnings and "sphinx-doc" not in warnings
    assert NOTICE in (app.outdir / "agenda.html").read_text(encoding="utf-8")
    assert (app.outdir / "themas.html").exists() and (app.outdir / "agenda.ics").exists()


def test_a_failing_directive_is_reported_at_its_line(write_source, build, monkeypatch):
    monkeypatch.setattr(render, "fact_list", broken)
    monkeypatch.setattr("kennisbank.sphinx_ext.directives.render.fact_list", broken)
    srcdir = write_source(PAGES)
    warnings = warnings_of(build(srcdir))
    assert (
        f"{srcdir / 'agenda.md'}:3: ERROR: Interne fout in de kennisbank-extensie bij de opdracht 'evenement' (object 'overleg')"
        in warnings
    ), warnings


def test_a_failing_feed_writer_is_reported(write_source, build, monkeypatch):
    monkeypatch.setattr(ics, "write_feed", broken)
    warnings = warnings_of(build(write_source(PAGES)))
    assert (
        "ERROR: Interne fout in de kennisbank-extensie bij het schrijven van de agenda-feeds: RuntimeError: kapot"
        in warnings
    )


def test_the_strict_build_fails_on_an_internal_error(write_source, tmp_path, monkeypatch):
    monkeypatch.setattr(generated.FillGeneratedSections, "related_body", broken)
    srcdir = write_source(PAGES)
    strict = ["-W", "--keep-going", "-n", "-q", "-b", "html"]
    assert build_main([*strict, str(srcdir), str(tmp_path / "out")]) != 0


@pytest.mark.parametrize("builder", ["html", "text"])
def test_without_failures_there_is_no_notice(builder, write_source, build):
    app = build(write_source(PAGES), builder)
    assert warnings_of(app) == ""
    suffix = ".html" if builder == "html" else ".txt"
    assert all(NOTICE not in p.read_text(encoding="utf-8") for p in app.outdir.glob(f"*{suffix}"))
