"""The layers of the package, enforced: a pure model, light imports, no way back up.

- ``kennisbank.model`` imports no docutils, Sphinx or writer library, and nothing of
  the other layers;
- ``import kennisbank`` and ``kennisbank --help`` load no Sphinx;
- the model and the tools never import the Sphinx glue or the writers at module level.
"""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import kennisbank

PACKAGE = Path(kennisbank.__file__).parent
LAYERS = ("model", "formats", "sphinx_ext", "writers", "builders", "tools")
HEAVY = ("docutils", "sphinx", "icalendar", "myst_parser", "weasyprint", "bs4", "jsonschema")


def loaded_after(code: str) -> set[str]:
    """The top-level packages loaded by ``code`` in a fresh interpreter."""
    script = f"{code}\nimport sys\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(result.stdout.split())


def test_the_model_is_pure():
    modules = sorted(p.stem for p in (PACKAGE / "model").glob("*.py") if p.stem != "__init__")
    assert "schema" in modules and "agenda" in modules
    code = "\n".join(f"import kennisbank.model.{name}" for name in modules)
    assert loaded_after(code) & set(HEAVY) == set()


def test_importing_the_package_loads_nothing_heavy():
    assert loaded_after("import kennisbank") & set(HEAVY) == set()


def test_a_build_loads_icalendar_only_in_the_process_that_writes_the_feeds(tmp_path):
    # The pages' JSON-LD needs only formats/event_context.py; loading icalendar (80 ms)
    # in the build's own process would cost every incremental build that much.
    from kennisbank.writers.background import second_core_available

    if not second_core_available():
        pytest.skip("met één processorkern schrijft de build de feeds zelf")
    root = Path(__file__).parent / "roots" / "test-agenda"
    code = (
        "import contextlib, io\nfrom sphinx.cmd.build import build_main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert build_main(['-q', '-b', 'html', {str(root)!r}, {str(tmp_path)!r}]) == 0"
    )
    loaded = loaded_after(code)
    assert (tmp_path / "agenda.ics").exists()  # the feeds were written, in the forked process
    assert "myst_parser" in loaded and "icalendar" not in loaded


def test_the_command_line_help_loads_no_sphinx():
    code = (
        "import contextlib, io\nfrom kennisbank.tools import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n        cli.main(['--help'])\n    except SystemExit:\n        pass"
    )
    assert loaded_after(code) & {"sphinx", "docutils", "icalendar"} == set()


def module_level_imports(path: Path) -> set[str]:
    """The modules of our package a file imports at module level, as layer names."""
    found = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.level:
            parts = path.relative_to(PACKAGE).parts[:-1]
            base = list(parts[: len(parts) - (node.level - 1)]) if node.level > 1 else list(parts)
            target = [*base, *(node.module.split(".") if node.module else [])]
            found.add(target[0] if target else "")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kennisbank."):
            found.add(node.module.split(".")[1])
    return found


@pytest.mark.parametrize(
    ("layer", "allowed"),
    [("model", {"model", ""}), ("tools", {"tools", "model", ""})],
)
def test_layers_do_not_import_upwards(layer, allowed):
    for path in sorted((PACKAGE / layer).glob("*.py")):
        assert module_level_imports(path) <= allowed, path.name


def test_every_module_belongs_to_a_layer():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert top == ["__init__.py"]
    for layer in LAYERS:
        assert (PACKAGE / layer / "__init__.py").exists()


def test_the_private_details_we_rely_on_are_still_there():
    """Fails loudly when furo or Sphinx changes what sphinx_ext/internals.py relies on."""
    import furo
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from kennisbank.sphinx_ext import internals

    assert furo.WrapTableAndMathInAContainerTransform.default_priority == internals.FURO_TABLE_WRAPPING_PRIORITY
    page = (Path(furo.__file__).parent / "theme" / "furo" / "page.html").read_text(encoding="utf-8")
    for hook in internals.FURO_PAGE_HOOKS:
        assert hook in page, hook
    assert "_app" in BuildEnvironment.__init__.__code__.co_names
    assert "toctree_includes" in BuildEnvironment.__init__.__code__.co_names
    # page_relations: the HTML builder keeps each page's parent, previous and next page.
    from sphinx.builders.html import StandaloneHTMLBuilder

    assert "self.relations = self.env.collect_relations()" in inspect.getsource(StandaloneHTMLBuilder.prepare_writing)
    # take_out_toctree_parents: the builder announces writing, then adds the toctree parents.
    write = inspect.getsource(Builder.write)
    assert write.index("'write-started'") < write.index("env.files_to_rebuild.get(docname")
    # log_records_of: how Sphinx's -j workers send their log home (tests/test_background.py
    # shows a warning of the feeds' process failing the strict build).
    from sphinx.util import logging as sphinx_logging
    from sphinx.util.parallel import ParallelTasks

    worker = inspect.getsource(ParallelTasks._process)
    assert "LogCollector()" in worker and "convert_serializable(collector.logs)" in worker
    assert "logger.handle(log)" in inspect.getsource(ParallelTasks._join_one)
    assert callable(sphinx_logging.LogCollector().collect)


def test_our_copies_of_furo_templates_match_the_installed_furo():
    """templates/ holds Dutch copies of furo templates: furo must still ship the version copied.

    When this fails, furo changed one of them: compare our copy in
    extensions/kennisbank/templates/furo/ with furo's new version, carry the change
    over, and put the new hash and furo version in sphinx_ext/internals.py.
    """
    import hashlib

    import furo

    from kennisbank.sphinx_ext import internals

    theme = Path(furo.__file__).parent / "theme" / "furo"
    changed = {
        name: hashlib.sha256((theme / name).read_bytes()).hexdigest()
        for name, digest in internals.FURO_COPIED_TEMPLATES.items()
        if hashlib.sha256((theme / name).read_bytes()).hexdigest() != digest
    }
    assert changed == {}, (
        f"furo {furo.__version__} changed {sorted(changed)} since furo {internals.FURO_COPIED_FROM}, "
        "the version our Dutch copies in extensions/kennisbank/templates/furo/ come from"
    )
    copies = PACKAGE / "templates" / "furo"
    assert (copies / "kennisbank" / "page.html").exists() and (copies / "partials" / "icons.html").exists()


def test_the_compiled_dutch_catalog_is_current():
    """locale/nl.po is compiled to sphinx.mo and sphinx.js: run `python -m kennisbank.tools.catalog` after a change."""
    from kennisbank.tools import catalog

    assert (catalog.TARGET / "sphinx.mo").read_bytes() == catalog.compiled_catalog()
    shipped = (catalog.TARGET / "sphinx.js").read_text(encoding="utf-8")
    assert shipped == catalog.search_page_catalog()
    assert catalog.untranslated(shipped) == []
