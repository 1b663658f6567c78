"""What the sources in docs/ declare, read without Sphinx: each object's type, id and title.

The forms list the current themes, programmes, networks and organisations, and the
form workflow checks that an id exists and is free, in a second and without a build.
So this reads the MyST pages as MyST does, as far as that matters here: a declaration
is the opening fence of ``{type} id`` outside a code block; its title is its
``titel``/``naam`` field, or else the heading it stands under (as sphinx_ext/references.py names it).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..model.newsletter import NEWSLETTER
from ..model.privacy import DEFAULT_FUNCTION_ADDRESSES
from ..model.schema import TYPES

_FENCE = re.compile(r"^\s*(?P<marks>`{3,}|:{3,})(?P<info>.*)$")
_DIRECTIVE = re.compile(r"^\{(?:kb:)?(?P<name>[a-z-]+)\}\s*(?P<argument>\S*)")
_HEADING = re.compile(r"^#{1,6}\s+(?P<text>.+?)(?:\s+#+)?\s*$")
_YAML_OPTION = re.compile(r"^(?P<name>[A-Za-z0-9_-]+)\s*:\s*(?P<value>.*)$")
_COLON_OPTION = re.compile(r"^\s*:(?P<name>[^:\s][^:]*):\s*(?P<value>.*)$")
#: Inline markup whose text is what a heading shows: a role, code, a link, emphasis.
_ROLE = re.compile(r"\{[^}]+\}`(?P<text>[^`]*?)(?:\s*<[^>]*>)?`")
_MARKUP = (
    (re.compile(r"`([^`]*)`"), r"\1"),
    # Sphinx's smart quotes make an apostrophe curly in a heading (not in a field's value).
    (re.compile(r"(?<=\w)'"), "’"),
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"(\*\*|\*)(.+?)\1"), r"\2"),
)


@dataclass(frozen=True)
class Declared:
    kind: str
    id: str
    title: str
    path: Path
    line: int


@dataclass(frozen=True)
class DeclaredEdition:
    """A newsletter edition: its page and its number (None when it has none that reads as one)."""

    path: Path
    number: int | None


@dataclass(frozen=True)
class _Frame:
    mark: str
    length: int
    code: bool  # a code block: nothing inside it is read


def read_objects(docs: Path) -> dict[str, Declared]:
    """Every object declared under ``docs``, by id; the first declaration of an id counts."""
    found: dict[str, Declared] = {}
    for path in sorted(docs.rglob("*.md")):
        for declared in _declarations(path):
            if isinstance(declared, Declared):
                found.setdefault(declared.id, declared)
    return found


def read_editions(docs: Path) -> list[DeclaredEdition]:
    """Every newsletter edition under ``docs``, in file order."""
    return [
        declared
        for path in sorted(docs.rglob("*.md"))
        for declared in _declarations(path)
        if isinstance(declared, DeclaredEdition)
    ]


def next_edition_number(docs: Path) -> int:
    return max((e.number for e in read_editions(docs) if e.number is not None), default=0) + 1


def _declarations(path: Path) -> Iterator[Declared | DeclaredEdition]:
    lines = path.read_text(encoding="utf-8").splitlines()
    stack: list[_Frame] = []
    heading = ""
    for index, line in enumerate(lines):
        fence = _FENCE.match(line)
        if fence and stack and _closes(fence, stack[-1]):
            stack.pop()
            continue
        if stack and stack[-1].code:
            continue
        if fence is None:
            heading_match = _HEADING.match(line) if not stack else None
            if heading_match:
                heading = plain(heading_match["text"])
            continue
        directive = _DIRECTIVE.match(fence["info"].strip())
        stack.append(_Frame(fence["marks"][0], len(fence["marks"]), code=directive is None))
        if directive is None:
            continue
        name, argument = directive["name"], directive["argument"]
        if name == NEWSLETTER.name:
            number = _options(lines, index + 1).get("nummer", "")
            yield DeclaredEdition(path, int(number) if number.isdigit() else None)
        elif name in TYPES and argument:
            title = _options(lines, index + 1).get(TYPES[name].title_field) or heading
            yield Declared(name, argument, title, path, index + 1)


def _closes(fence: re.Match[str], frame: _Frame) -> bool:
    marks = fence["marks"]
    return marks[0] == frame.mark and len(marks) >= frame.length and not fence["info"].strip()


def _options(lines: list[str], start: int) -> dict[str, str]:
    """The single-line options right after a directive's fence, in either MyST style."""
    found: dict[str, str] = {}
    if start < len(lines) and lines[start].strip() == "---":
        for line in lines[start + 1 :]:
            if line.strip() == "---":
                break
            match = _YAML_OPTION.match(line)
            if match:
                found.setdefault(match["name"], _unquoted(match["value"]))
        return found
    for line in lines[start:]:
        match = _COLON_OPTION.match(line)
        if match is None:
            break
        found.setdefault(match["name"], _unquoted(match["value"]))
    return found


def _unquoted(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def plain(text: str) -> str:
    """A heading's source as its text: roles, code, links and emphasis without their markup."""
    text = _ROLE.sub(lambda m: m["text"], text)
    for pattern, replacement in _MARKUP:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


def function_addresses(docs: Path) -> tuple[str, ...]:
    """The site's ``kennisbank_function_addresses``, read from conf.py as text (no Sphinx, nothing run).

    A list of strings, where ``*DEFAULT_FUNCTION_ADDRESSES`` stands for the extension's defaults;
    anything else (or no such line) gives the defaults, as the build does without the setting."""
    try:
        tree = ast.parse((docs / "conf.py").read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return DEFAULT_FUNCTION_ADDRESSES
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "kennisbank_function_addresses" for t in node.targets
        ):
            if not isinstance(node.value, (ast.List, ast.Tuple)):
                return DEFAULT_FUNCTION_ADDRESSES
            patterns: list[str] = []
            for item in node.value.elts:
                if isinstance(item, ast.Constant) and isinstance(item.value, str):
                    patterns.append(item.value)
                elif isinstance(item, ast.Starred) and getattr(item.value, "id", "") == "DEFAULT_FUNCTION_ADDRESSES":
                    patterns.extend(DEFAULT_FUNCTION_ADDRESSES)
                else:
                    return DEFAULT_FUNCTION_ADDRESSES
            return tuple(patterns)
    return DEFAULT_FUNCTION_ADDRESSES
