"""Where each field of a directive stands in the source. Pure.

Directives receive their options as a dictionary, without line numbers. To point
a contributor at the very line of a mistake, we read the directive's own text
again: both MyST option styles (``:naam: waarde`` lines and a ``---`` YAML
block) and the same options in reStructuredText.
"""

from __future__ import annotations

import re

#: field name -> (line of the field's name, line of each non-empty value line...)
FieldLines = dict[str, tuple[int, ...]]

_COLON_OPTION = re.compile(r"^\s*:(?P<name>[^:\s][^:]*):(?:\s+(?P<value>.*))?$")
_YAML_OPTION = re.compile(r"^(?P<name>[A-Za-z0-9_-]+)\s*:(?:\s+(?P<value>.*))?$")
#: A YAML value that only announces the lines below it.
_BLOCK_MARKER = re.compile(r"^[|>][+-]?\d*\s*$")


def field_lines(block_text: str, first_line: int) -> FieldLines:
    """Find every option in ``block_text``, whose first line is ``first_line`` of the file.

    The directive's own line (the fence or ``.. thema::``) comes first; the
    options follow it, until the body starts.
    """
    lines = block_text.splitlines()[1:]
    if lines and lines[0].strip() == "---":
        return _yaml_block(lines[1:], first_line + 2)
    return _colon_options(lines, first_line + 1)


def _yaml_block(lines: list[str], first_line: int) -> FieldLines:
    found: dict[str, list[int]] = {}
    current: list[int] | None = None
    for offset, text in enumerate(lines):
        number = first_line + offset
        if text.strip() == "---":
            break
        match = _YAML_OPTION.match(text)
        if match and not text[:1].isspace():
            current = found.setdefault(match["name"], [number])
            value = (match["value"] or "").strip()
            if value and not _BLOCK_MARKER.match(value):
                current.append(number)
        elif current is not None and text.strip():
            current.append(number)
    return {name: tuple(numbers) for name, numbers in found.items()}


def _colon_options(lines: list[str], first_line: int) -> FieldLines:
    found: dict[str, list[int]] = {}
    current: list[int] | None = None
    for offset, text in enumerate(lines):
        number = first_line + offset
        match = _COLON_OPTION.match(text)
        if match:
            current = found.setdefault(match["name"], [number])
            if (match["value"] or "").strip():
                current.append(number)
        elif current is not None and text[:1].isspace() and text.strip():
            current.append(number)  # a value continued on an indented line
        else:
            break  # a blank line or text: the body begins
    return {name: tuple(numbers) for name, numbers in found.items()}


def line_in(lines: FieldLines, name: str, default: int, item: int | None = None) -> int:
    """The line of field ``name``, or of its ``item``-th value line; ``default`` if unknown."""
    numbers = lines.get(name, ())
    if item is not None and item + 1 < len(numbers):
        return numbers[item + 1]
    return numbers[0] if numbers else default
