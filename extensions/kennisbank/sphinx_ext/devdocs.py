"""The developers' page, made from the code: every module, and every setting of ``conf.py``.

``docs/bijdragen/ontwikkelaars.md`` shows them this way, so that it can never miss a module
or a setting, nor describe one that is gone:

- ``{modules} kennisbank.model``: the first paragraph of the package's docstring, then each
  module's, read from the source without importing it;
- ``{instellingen}``: each field of ``config.KennisbankConfig`` as ``kennisbank_<name>``,
  with its default and the ``#:`` comment above it.

The files read are dependencies of the page, so a changed docstring or comment has Sphinx
read the page again. Docstrings and comments are English, as the code is: what the
directives write is marked ``lang="en"`` (WCAG 2.2, 3.1.2).
"""

from __future__ import annotations

import ast
import dataclasses
import importlib.util
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from . import config
from .directives import KBDirective
from .render import table

#: ``literal``, :role:`target` and `code` in a docstring, shown as code (``~`` keeps the last part).
_MARKUP = re.compile(r"``(?P<literal>.+?)``|:[\w:.-]+:`(?P<tilde>~?)(?P<target>[^`]+)`|`(?P<code>[^`]+)`")


def package_folder(package: str) -> Path | None:
    """Where an importable package's modules lie, without importing them."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    locations = list(spec.submodule_search_locations or ()) if spec is not None else []
    return Path(locations[0]) if locations else None


def summary(path: Path) -> str:
    """The first paragraph of a module's docstring, on one line; empty without one."""
    docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return " ".join(docstring.split("\n\n", 1)[0].split())


def inline(text: str) -> list[nodes.Node]:
    """A docstring's sentence as nodes: its literals and roles as code, the rest as text."""
    found: list[nodes.Node] = []
    position = 0
    for match in _MARKUP.finditer(text):
        if match.start() > position:
            found.append(nodes.Text(text[position : match.start()]))
        code = match["literal"] or match["target"] or match["code"]
        if match["tilde"]:
            code = code.rsplit(".", 1)[-1]
        found.append(nodes.literal(code, code))
        position = match.end()
    if position < len(text):
        found.append(nodes.Text(text[position:]))
    return found


class ModulesDirective(KBDirective):
    required_arguments = 1

    def make(self) -> list[nodes.Node]:
        package = self.arguments[0]
        folder = package_folder(package)
        if folder is None:
            self.warn("Modules: '%s' is geen pakket dat Python kan vinden; schrijf het zoals in een import", package)
            return []
        modules = sorted(folder.glob("*.py"))
        for path in modules:
            self.env.note_dependency(str(path))
        box = nodes.container(classes=["kb-modules", "language-en"], is_div=True)
        own = folder / "__init__.py"
        lead = nodes.paragraph("", "", nodes.literal(package, package))
        if own.exists():
            lead += [nodes.Text(": "), *inline(summary(own))]
        box += lead
        items = nodes.bullet_list()
        for path in modules:
            if path.name != "__init__.py":
                paragraph = nodes.paragraph("", "", nodes.literal(path.name, path.name), nodes.Text(": "))
                paragraph += inline(summary(path))
                items += nodes.list_item("", paragraph)
        if len(items):
            box += items
        return [box]


def setting_comments(source: str, cls: str) -> dict[str, str]:
    """The ``#:`` comment above each field of a class, by field name, on one line."""
    lines = source.splitlines()
    found: dict[str, str] = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef) and node.name == cls:
            for item in node.body:
                if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    above: list[str] = []
                    number = item.lineno - 2
                    while number >= 0 and lines[number].strip().startswith("#:"):
                        above.insert(0, lines[number].strip()[2:].strip())
                        number -= 1
                    found[item.target.id] = " ".join(above)
    return found


def conf_value(value: object) -> str:
    """A default as conf.py writes it: a list where the dataclass keeps a tuple."""
    if isinstance(value, tuple):
        return repr([conf_value(v) if isinstance(v, tuple) else v for v in value]).replace('"', "'")
    return repr(value)


class SettingsDirective(KBDirective):
    def make(self) -> list[nodes.Node]:
        path = Path(config.__file__)
        self.env.note_dependency(str(path))
        meaning = setting_comments(path.read_text(encoding="utf-8"), config.KennisbankConfig.__name__)
        rows = []
        for setting in dataclasses.fields(config.KennisbankConfig):
            cells: list[list[nodes.Node]] = [
                [nodes.literal(text=config.PREFIX + setting.name)],
                [nodes.literal(text="{}" if setting.name in config.MAPPINGS else conf_value(setting.default))],
                inline(meaning.get(setting.name, "")),
            ]
            rows.append(nodes.row("", *(nodes.entry("", nodes.paragraph("", "", *cell)) for cell in cells)))
        box = nodes.container(classes=["kb-instellingen", "language-en"], is_div=True)
        box += table("Settings", ("setting", "default", "meaning"), rows, colwidth=1)
        return [box]


def setup(app: Sphinx) -> None:
    app.add_directive("modules", ModulesDirective)
    app.add_directive("instellingen", SettingsDirective)
