"""The layers of the package, enforced: a pure model, light imports, no way back up.

- every import of our own package, in any module and at any depth (inside functions and
  ``TYPE_CHECKING`` blocks too), follows the order of ``kennisbank.LAYERS``;
- ``kennisbank.model`` imports no docutils, Sphinx or writer library, ``kennisbank.formats``
  no docutils or Sphinx;
- ``import kennisbank`` and ``kennisbank --help`` load no Sphinx;
- every module with a ``setup`` is one of ``kennisbank.COMPONENTS``, and each component has one.
"""

from __future__ import annotations

import ast
import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest

import kennisbank

PACKAGE = Path(kennisbank.__file__).parent
LAYERS = tuple(kennisbank.LAYERS)
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


def layer_of(path: Path, package: Path = PACKAGE) -> str:
    """The layer a module of the package belongs to; "" for the package's own ``__init__``."""
    parts = path.relative_to(package).parts
    return parts[0] if len(parts) > 1 else ""


def imports_of(path: Path, package: Path = PACKAGE) -> list[tuple[int, str]]:
    """Every import of our own package in a file, at any depth, as (line, layer).

    The layer is "" for the package's top (``ISSUES_URL``, ``__version__``)."""
    here = path.relative_to(package).parts[:-1]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            target = [*here[: len(here) - (node.level - 1)], *(node.module.split(".") if node.module else [])]
            if target:
                found.append((node.lineno, target[0]))
            else:  # from .. import x: a layer, or a name of the top
                found += [(node.lineno, alias.name if alias.name in LAYERS else "") for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module == package.name:
            found += [(node.lineno, alias.name if alias.name in LAYERS else "") for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(f"{package.name}."):
            found.append((node.lineno, node.module.split(".")[1]))
        elif isinstance(node, ast.Import):
            found += [
                (node.lineno, alias.name.split(".")[1] if "." in alias.name else "")
                for alias in node.names
                if alias.name.split(".")[0] == package.name
            ]
    return found


def imports_against_the_order(package: Path = PACKAGE) -> list[str]:
    wrong = []
    for path in sorted(package.rglob("*.py")):
        layer = layer_of(path, package)
        if not layer:
            continue  # the top: its setup() loads every component
        allowed = {layer, "", *kennisbank.LAYERS[layer]}
        for line, target in imports_of(path, package):
            if target not in allowed:
                wrong.append(f"{path.relative_to(package)}:{line}: {layer} imports {target}")
    return wrong


def test_every_import_follows_the_order_of_the_layers():
    assert imports_against_the_order() == []


def test_an_import_against_the_order_is_found_wherever_it_stands(tmp_path):
    package = tmp_path / "kennisbank"
    (package / "sphinx_ext").mkdir(parents=True)
    (package / "sphinx_ext" / "x.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "from .. import ISSUES_URL\n"
        "from ..model import schema\n"
        "if TYPE_CHECKING:\n"
        "    from ..builders.pdf import KennisbankPDFBuilder\n"
        "def f():\n"
        "    from ..writers import feeds\n"
        "    import kennisbank.tools.cli\n"
        "    from kennisbank import writers\n",
        encoding="utf-8",
    )
    assert imports_against_the_order(package) == [
        "sphinx_ext/x.py:5: sphinx_ext imports builders",
        "sphinx_ext/x.py:7: sphinx_ext imports writers",
        "sphinx_ext/x.py:8: sphinx_ext imports tools",
        "sphinx_ext/x.py:9: sphinx_ext imports writers",
    ]


def third_party_imports(layer: str) -> set[str]:
    """The top-level names of the libraries a layer's modules import, at any depth."""
    found = set()
    for path in (PACKAGE / layer).glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                found.add(node.module.split(".")[0])
    return found


def test_the_formats_are_pure():
    """A format turns values into bytes: no docutils or Sphinx, so it is tested on its own."""
    libraries = third_party_imports("formats")
    assert "icalendar" in libraries  # the check reads what it should
    assert libraries & {"docutils", "sphinx", "myst_parser"} == set()


def test_every_module_belongs_to_a_layer():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert top == ["__init__.py"]
    folders = {path.parent.relative_to(PACKAGE).parts[0] for path in PACKAGE.rglob("*.py") if path.parent != PACKAGE}
    assert folders == set(LAYERS)
    for layer in LAYERS:
        assert (PACKAGE / layer / "__init__.py").exists()


def test_the_components_are_the_modules_with_a_setup():
    """Each module that registers something with Sphinx does so in a module-level ``setup``,
    and is listed in ``kennisbank.COMPONENTS``; a listed module without one would fail the build."""
    with_setup = set()
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if layer_of(path) and any(isinstance(node, ast.FunctionDef) and node.name == "setup" for node in tree.body):
            with_setup.add(".".join(path.relative_to(PACKAGE).with_suffix("").parts))
    assert len(kennisbank.COMPONENTS) == len(set(kennisbank.COMPONENTS))
    assert with_setup == set(kennisbank.COMPONENTS)


def test_the_components_are_listed_by_layer_and_name():
    """Their order carries no meaning (tests/test_setup_order.py), so none is chosen:
    an order that matters is a priority in sphinx_ext/priorities.py."""
    components = list(kennisbank.COMPONENTS)
    assert components == sorted(components, key=lambda name: (LAYERS.index(name.split(".")[0]), name))


def test_only_the_domains_touch_their_stored_data():
    """Other modules reach the domains' data through their typed properties (sphinx_ext/domain.py):
    a key misspelt there is a type error, not a silent empty dictionary."""
    raw = re.compile(r"\.data\[|\.data\.(get|setdefault|pop|update)\(|\bdomaindata\b")
    found = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE).as_posix() != "sphinx_ext/domain.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if raw.search(line)
    ]
    assert found == []


#: The most lines a module of our extensions may have (as ``wc -l`` counts them).
MAX_LINES = 400


def test_no_module_is_longer_than_a_reader_takes_in():
    """Split a longer module along a line a reader would draw (as agenda.py and months.py)."""
    lengths = {
        path.relative_to(PACKAGE.parent).as_posix(): path.read_bytes().count(b"\n")
        for path in PACKAGE.parent.rglob("*.py")
    }
    assert "kennisbank/sphinx_ext/domain.py" in lengths and "furo_cached_navigation/sidebar.py" in lengths
    assert {path: lines for path, lines in lengths.items() if lines > MAX_LINES} == {}


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
