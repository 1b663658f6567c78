"""Placeholders are looked for in one walk per tree; none is missed because of it."""

from __future__ import annotations

from docutils import nodes

from conftest import warnings_of
from kennisbank.sphinx_ext import downloads
from kennisbank.sphinx_ext.failures import NOTICE
from kennisbank.sphinx_ext.nodes import Placeholder

PAGES = {
    "index.md": "# Index\n\n```{toctree}\ntekst\nmeer\n```\n",
    "tekst.md": "# Tekst\n\nAlleen tekst, zonder objecten of overzichten.\n",
    "meer.md": "# Meer\n\nOok hier niets dat ingevuld moet worden.\n",
}


def test_a_tree_without_placeholders_is_walked_for_them_once(write_source, build, monkeypatch):
    walks: list[type] = []
    findall = nodes.Node.findall

    def counting(self, condition=None, *args, **kwargs):
        if isinstance(self, nodes.document) and isinstance(condition, type) and issubclass(condition, Placeholder):
            walks.append(condition)
        return findall(self, condition, *args, **kwargs)

    monkeypatch.setattr(nodes.Node, "findall", counting)
    app = build(write_source(PAGES))
    assert warnings_of(app) == ""
    # One walk per page, by the note; the dozen fill transforms skip these pages.
    assert walks == [Placeholder] * len(PAGES)


def test_a_placeholder_no_transform_filled_is_still_found_and_reported(write_source, build, monkeypatch):
    monkeypatch.setattr(downloads.FillDownloads, "run", lambda self, **kwargs: None)
    pages = {**PAGES, "tekst.md": "# Tekst\n\n```{downloads}\n```\n"}
    app = build(write_source(pages))
    assert "ERROR: Interne fout in de kennisbank-extensie bij het invullen van de pagina" in warnings_of(app)
    assert "downloads_placeholder niet ingevuld" in warnings_of(app)
    assert NOTICE in (app.outdir / "tekst.html").read_text(encoding="utf-8")
    assert "downloads_placeholder" not in (app.outdir / "meer.html").read_text(encoding="utf-8")
