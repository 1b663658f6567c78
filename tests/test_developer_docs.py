"""The README and the developers' page stay true to the code.

- ``README.md`` has at most 150 lines; it, ``CONTRIBUTING.md``, the developers' page and
  ``docs/bijdragen/lokaal.md`` name only files and folders that exist, and only ``make``
  targets the Makefile has;
- no docstring or comment of our extensions names a module that does not exist;
- the developers' page lists every module (``{modules}`` for each layer and each other
  extension) and every setting (``{instellingen}``), made from the docstrings and the
  ``#:`` comments of ``config.py``, marked as English, and out of the members' search.
"""

from __future__ import annotations

import ast
import dataclasses
import io
import re
import tokenize
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import kennisbank
from conftest import DOCS, warnings_of
from kennisbank.sphinx_ext import config, devdocs

ROOT = DOCS.parent
EXTENSIONS = Path(kennisbank.__file__).parent.parent
PACKAGE = EXTENSIONS / "kennisbank"
DEVELOPERS_PAGE = ROOT / "docs" / "bijdragen" / "ontwikkelaars.md"
DOCUMENTS = ("README.md", "CONTRIBUTING.md", "docs/bijdragen/ontwikkelaars.md", "docs/bijdragen/lokaal.md")
OTHER_EXTENSIONS = ("furo_cached_navigation", "sphinx_frozen_gc", "sphinx_quick_transforms")
#: The folders at the top of the repository a document may name a path in.
TOP_FOLDERS = ("docs", "tests", "scripts", "benchmarks", "extensions", ".github", ".ci", ".devcontainer")
#: A file name in a document or a docstring: ``sharing.py``, ``writers/sharing.py``.
_MODULE = re.compile(r"(?<![\w/.*-])((?:[\w.-]+/)*)(\w+)\.py\b")
_TOPS = "|".join(re.escape(top) for top in TOP_FOLDERS)
_PATH = re.compile(rf"`((?:{_TOPS})/[^`\s<>*{{}}]*)`")
_MAKE = re.compile(r"`make ([\w-]+)")


def test_the_readme_is_short():
    assert len((ROOT / "README.md").read_text(encoding="utf-8").splitlines()) <= 150


def module_exists(folder: str, name: str, near: Path) -> bool:
    """Whether ``folder/name.py`` (or a bare ``name.py``) is a file of ours: beside ``near``,
    in a layer, an extension, or the repository; ``conf.py`` is the site's."""
    if not folder:
        return name == "conf" or (near / f"{name}.py").exists()
    bases = (near, ROOT, EXTENSIONS, PACKAGE, near.parent)
    return any((base / folder / f"{name}.py").exists() for base in bases)


def named_paths(text: str) -> list[str]:
    return [path.rstrip("/.,") for path in _PATH.findall(text)]


@pytest.mark.parametrize("document", DOCUMENTS)
def test_a_document_names_only_what_exists(document):
    text = (ROOT / document).read_text(encoding="utf-8")
    missing = [path for path in named_paths(text) if not (ROOT / path).exists()]
    here = (ROOT / document).parent
    for folder, name in _MODULE.findall(text):
        if folder:  # relative to the repository, the document, extensions/ or the package
            found = any((base / folder / f"{name}.py").exists() for base in (ROOT, here, EXTENSIONS, PACKAGE))
        else:  # a module of ours, a test, a script or the benchmark's, by its name
            found = any(
                folder_.rglob(f"{name}.py")
                for folder_ in (EXTENSIONS, ROOT / "tests", ROOT / "scripts", ROOT / "benchmarks", ROOT / "docs")
            )
        if not found:
            missing.append(f"{folder}{name}.py")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    missing += [f"make {t}" for t in _MAKE.findall(text) if not re.search(rf"^{re.escape(t)}:", makefile, re.M)]
    assert missing == []


def test_the_check_of_a_document_finds_a_file_that_is_gone():
    assert named_paths("see `tests/test_gone.py` and `docs/bijdragen/`") == ["tests/test_gone.py", "docs/bijdragen"]
    assert not module_exists("writers", "letter", PACKAGE / "formats")  # moved to formats/
    assert module_exists("", "letter", PACKAGE / "formats") and module_exists("formats", "letter", PACKAGE / "tools")


def docstrings_and_comments(path: Path) -> list[tuple[int, str]]:
    source = path.read_text(encoding="utf-8")
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            docstring = ast.get_docstring(node, clean=False)
            if docstring:
                found.append((getattr(node, "lineno", 1), docstring))
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return found + [(token.start[0], token.string) for token in tokens if token.type == tokenize.COMMENT]


def test_no_docstring_or_comment_names_a_module_that_is_gone():
    gone = []
    for path in sorted(EXTENSIONS.rglob("*.py")):
        for line, text in docstrings_and_comments(path):
            gone += [
                f"{path.relative_to(EXTENSIONS)}:{line}: {folder}{name}.py"
                for folder, name in _MODULE.findall(text)
                if not module_exists(folder, name, path.parent)
            ]
            for layer, module in re.findall(r"\bkennisbank\.(\w+)\.(\w+)", text):
                if layer in kennisbank.LAYERS and not (PACKAGE / layer / f"{module}.py").exists():
                    gone.append(f"{path.relative_to(EXTENSIONS)}:{line}: kennisbank.{layer}.{module}")
    assert gone == []


def test_every_module_and_setting_has_words_for_the_page():
    silent = [str(p.relative_to(EXTENSIONS)) for p in sorted(EXTENSIONS.rglob("*.py")) if not devdocs.summary(p)]
    assert silent == []
    comments = devdocs.setting_comments(Path(config.__file__).read_text(encoding="utf-8"), "KennisbankConfig")
    assert {f.name for f in dataclasses.fields(config.KennisbankConfig) if not comments.get(f.name)} == set()


def test_a_docstrings_markup_is_code_on_the_page():
    found = devdocs.inline("The ``{velden}`` table, :class:`~kennisbank.model.schema.Field` and `make pdf`.")
    assert [node.astext() for node in found] == ["The ", "{velden}", " table, ", "Field", " and ", "make pdf", "."]
    assert [node.tagname for node in found][1::2] == ["literal", "literal", "literal"]


def test_the_developers_page_lists_every_layer_and_extension():
    text = DEVELOPERS_PAGE.read_text(encoding="utf-8")
    listed = re.findall(r"^```\{modules\} (\S+)$", text, re.M)
    assert listed == [*(f"kennisbank.{layer}" for layer in kennisbank.LAYERS), *OTHER_EXTENSIONS]
    assert "```{instellingen}" in text


@pytest.fixture(scope="module")
def developers_page(tmp_path_factory):
    from conftest import CONF, build_once

    srcdir = tmp_path_factory.mktemp("ontwikkelaars")
    (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
    (srcdir / "index.md").write_text(DEVELOPERS_PAGE.read_text(encoding="utf-8"), encoding="utf-8")
    return build_once(
        "html",
        srcdir,
        srcdir / "_build",
        confoverrides={
            "extensions": ["myst_parser", "sphinx_design", "kennisbank"],
            "myst_enable_extensions": ["colon_fence"],
        },
    )


def test_the_built_page_shows_every_module_and_setting_in_english(developers_page):
    assert warnings_of(developers_page) == ""
    soup = BeautifulSoup((Path(developers_page.outdir) / "index.html").read_text(encoding="utf-8"), "html.parser")
    lists = soup.select(".kb-modules")
    assert all(box.get("lang") == "en" for box in lists) and len(lists) == len(kennisbank.LAYERS) + 3
    shown = {code.get_text() for box in lists for code in box.select("li > p > code:first-child")}
    modules = {p.name for layer in kennisbank.LAYERS for p in (PACKAGE / layer).glob("*.py") if p.name != "__init__.py"}
    assert modules | {"sidebar.py", "store.py"} <= shown
    settings = {code.get_text() for code in soup.select(".kb-instellingen td:first-child code")}
    assert settings == {config.PREFIX + f.name for f in dataclasses.fields(config.KennisbankConfig)}
    assert soup.select_one(".kb-instellingen")["lang"] == "en"


def test_the_developers_page_is_out_of_the_members_search_and_menu():
    conf = (ROOT / "docs" / "conf.py").read_text(encoding="utf-8")
    assert '"bijdragen/*"' in conf.split("kennisbank_search_exclude", 1)[1].split("\n", 1)[0]
    about = (ROOT / "docs" / "over-deze-site.md").read_text(encoding="utf-8")
    assert "navigation: hidden" in about and "bijdragen/index" in about
    assert "\nontwikkelaars\n" in (ROOT / "docs" / "bijdragen" / "index.md").read_text(encoding="utf-8")
