"""sphinx_quick_transforms: Sphinx's transforms skip pages with nothing to do, and the output stays the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.transforms import SphinxSmartQuotes
from sphinx.transforms.post_transforms.code import HighlightLanguageTransform

from conftest import html_files, warnings_of
from sphinx_quick_transforms import QuickHighlightLanguage, QuickSmartQuotes

WITH = {"extensions": ["myst_parser", "sphinx_quick_transforms"]}


@pytest.fixture
def pages_run_through(monkeypatch):
    """The pages on which Sphinx's own transforms ran, by transform."""
    ran: dict[str, list[str]] = {"smartquotes": [], "highlight": []}

    def spy(name, stock_apply):
        def apply(self, **kwargs):
            ran[name].append(Path(self.document["source"]).stem)
            return stock_apply(self, **kwargs)

        return apply

    monkeypatch.setattr(SphinxSmartQuotes, "apply", spy("smartquotes", SphinxSmartQuotes.apply))
    monkeypatch.setattr(HighlightLanguageTransform, "apply", spy("highlight", HighlightLanguageTransform.apply))
    return ran


def test_the_quick_transforms_take_the_place_of_sphinxs_own(copy_root, build):
    # The list of registered transforms is not public API: when Sphinx changes it,
    # the extension leaves Sphinx's own transforms in place, and this test says so.
    app = build(copy_root("quick-transforms"), confoverrides=WITH)
    assert QuickSmartQuotes in app.registry.transforms
    assert SphinxSmartQuotes not in app.registry.transforms
    assert QuickHighlightLanguage in app.registry.post_transforms
    assert HighlightLanguageTransform not in app.registry.post_transforms


def test_only_pages_with_something_to_change_are_run_through(copy_root, build, pages_run_through):
    app = build(copy_root("quick-transforms"), confoverrides=WITH)
    assert warnings_of(app) == ""
    # index has quotes, dashes and an ellipsis, code quotes in its code block, streep
    # only a dash ("--") and puntjes only an ellipsis (". . .").
    assert sorted(pages_run_through["smartquotes"]) == ["code", "index", "puntjes", "streep"]
    assert pages_run_through["highlight"] == ["code"]


def test_every_page_is_the_same_with_and_without_them(copy_root, build, tmp_path, pages_run_through):
    srcdir = copy_root("quick-transforms")
    stock = build(srcdir, builddir=tmp_path / "stock")
    quick = build(srcdir, builddir=tmp_path / "quick", confoverrides=WITH)
    assert warnings_of(stock) == warnings_of(quick) == ""
    assert html_files(quick.outdir) == html_files(stock.outdir)
    # The pages still get what the transforms do: educated quotes, dashes and
    # ellipses, and code blocks with the language set for them.
    index = (quick.outdir / "index.html").read_text(encoding="utf-8")
    assert "“Dit is ‘s lands belang” – en dat klopt… of niet?" in index
    assert "&quot;citaat&quot;</span></code>" in index  # literal text keeps its quotes
    code = (quick.outdir / "code.html").read_text(encoding="utf-8")
    assert "highlight-python" in code and "highlight-none" in code
    # Without the extension, Sphinx ran both on every page.
    assert pages_run_through["smartquotes"].count("zonder") == 1
    assert pages_run_through["highlight"].count("zonder") == 1


def test_an_action_they_do_not_know_always_gets_sphinxs_own_run(copy_root, build, tmp_path, pages_run_through):
    # "-1" turns curly quotes back into straight ones: the page with only curly
    # quotes must not be skipped.
    srcdir = copy_root("quick-transforms")
    options = {"smartquotes_action": "-1"}
    stock = build(srcdir, builddir=tmp_path / "stock", confoverrides=options)
    quick = build(srcdir, builddir=tmp_path / "quick", confoverrides={**WITH, **options})
    assert html_files(quick.outdir) == html_files(stock.outdir)
    assert "&quot;krulletjes&quot;" in (quick.outdir / "zonder.html").read_text(encoding="utf-8")
    assert pages_run_through["smartquotes"].count("zonder") == 2
