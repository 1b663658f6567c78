"""Read a directive's fields as the contributor meant them, and name each mistake at its line. Pure.

MyST reads the fields of ``{evenement}`` and the like as a small subset of YAML, in
both styles: ``:naam: waarde`` lines, and a block between two ``---`` lines. At the
first line it cannot read it drops the whole block and says so in English, so one
stray quote or tab cost a page all its facts and gave false "verplicht veld ...
ontbreekt" messages. This reader goes line by line instead: it keeps every field it
can read and names each mistake at its own line, in Dutch, with the line written as
it should be.

The directive keeps MyST's reading when MyST managed (it knows YAML's corners) and
takes this one when MyST gave up; a value this reader repairs (curly quotes around
it, a field indented into the one above it, a ``#`` that YAML reads as the start of a
comment) replaces MyST's either way. On every field block MyST reads, this reader
reads the same values (tested on every block of the real site).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Literal

Style = Literal["colon", "yaml"]

#: A YAML key: up to the first colon that a space, a tab or the end of the line follows.
_KEY = re.compile(r"(?P<name>[^\s:#'\"][^:]*?)[ \t]*:(?=[ \t]|$)(?P<rest>.*)$")
_BLOCK_INDICATOR = re.compile(r"^[|>][+-]?\d*[+-]?$")
#: Opening and closing quotes a word processor types; a value between them is meant without them.
CURLY_QUOTES = {"“": "”“", "„": "”“", "‘": "’‘", "‚": "’‘", "”": "”", "’": "’", "«": "»", "»": "«"}
#: Dutch words that start with an apostrophe: 's-Gravenhage, 't Harde.
_ELISION = re.compile(r"^'[st][- ]", re.IGNORECASE)
_COMMENT = re.compile(r"(^|[ \t])#")


@dataclass(frozen=True)
class Mistake:
    """Something in the field block MyST would stumble over or read otherwise than meant."""

    line: int
    message: str  # Dutch, the field's name and the line as it should be included
    field: str = ""  # the field it is about, when known


@dataclass
class FieldBlock:
    style: Style
    #: Every field that could be read, by name: its value as meant, and its lines (the name's first).
    values: dict[str, str] = field(default_factory=dict)
    lines: dict[str, tuple[int, ...]] = field(default_factory=dict)
    mistakes: list[Mistake] = field(default_factory=list)
    #: The fields whose value here replaces MyST's reading, which is not what was meant.
    repaired: set[str] = field(default_factory=set)
    #: Lines at the top of the directive's body that are fields without their leading colon.
    body_lines: int = 0

    def written(self, name: str, value: str) -> str:
        """How the field is written in this block's style (the first line of the value)."""
        first = value.strip().splitlines()[0] if value.strip() else value.strip()
        return f":{name}: {first}" if self.style == "colon" else f"{name}: {first}"

    def key(self, name: str) -> str:
        return f":{name}" if self.style == "colon" else name


@dataclass
class _Entry:
    name: str
    line: int
    rest: str  # the text after the colon
    more: list[tuple[int, str]] = field(default_factory=list)  # the lines below it that belong to it


def read_block(block_text: str, first_line: int, known: Collection[str]) -> FieldBlock | None:
    """The fields of a MyST directive whose text (its opening line first) starts at ``first_line``.

    ``known`` are the field names of the directive. None for a directive not written
    in MyST (reStructuredText's ``.. thema::``): docutils reads those fields itself.
    """
    lines = block_text.splitlines()
    if not lines or not lines[0].lstrip().startswith(("```", "~~~", ":::")):
        return None
    numbered = list(enumerate(lines[1:], start=first_line + 1))
    if numbered and numbered[0][1].startswith("---"):
        block = FieldBlock("yaml")
        inner = []
        for number, text in numbered[1:]:
            if text.startswith("---"):
                break
            inner.append((number, text))
        dedented = textwrap.dedent("\n".join(text for _, text in inner)).split("\n") if inner else []
        _read_lines(block, [(number, text) for (number, _), text in zip(inner, dedented, strict=True)], known)
        return block
    block = FieldBlock("colon")
    options = []
    for number, text in numbered:
        stripped = text.lstrip()
        if not stripped.startswith(":") or stripped.startswith(":::"):
            break
        options.append((number, stripped[1:]))
    _read_lines(block, options, known)
    _read_fields_in_body(block, numbered[len(options) :], known)
    return block


def _read_lines(block: FieldBlock, lines: list[tuple[int, str]], known: Collection[str]) -> None:
    """Group the lines into fields, noting each line that is not where YAML wants it."""
    entries: list[_Entry] = []
    for number, text in lines:
        current = entries[-1] if entries else None
        if not text.strip():
            if current is not None:
                current.more.append((number, ""))
            continue
        if text.startswith("#"):
            continue  # a comment line, as YAML has them
        if text[0] == "\t":
            entry = _key_line(text.lstrip(" \t"), number)
            if entry is not None and (entry.name in known or current is None or not _is_block(current)):
                _note(
                    block,
                    number,
                    entry.name,
                    f"de regel begint met een tab: zet het veld aan het begin van de regel: '{block.written(entry.name, entry.rest)}'",
                )
                entries.append(entry)
            elif current is not None:
                _note(
                    block,
                    number,
                    current.name,
                    "de regel begint met een tab: laat een regel die bij het veld erboven hoort inspringen met spaties",
                )
                current.more.append((number, "  " + text.lstrip(" \t")))
            continue
        if text[0] == " " and current is not None:
            entry = _key_line(text.strip(), number)
            if entry is not None and entry.name in known and not _is_block(current) and not _is_open_quote(current):
                message = (
                    f"het veld is ingesprongen en hoort zo bij '{current.name}' erboven: "
                    f"zet het aan het begin van de regel: '{block.written(entry.name, entry.rest)}'"
                )
                _note(block, number, entry.name, message)
                block.repaired |= {current.name, entry.name}
                entries.append(entry)
            else:
                current.more.append((number, text))
            continue
        entry = _key_line(text.strip(), number)
        if entry is not None:
            entries.append(entry)
            continue
        name, _, value = text.strip().partition(" ")
        if name in known:
            message = f"na '{block.key(name)}' ontbreekt de dubbele punt: schrijf '{block.written(name, value)}'"
            _note(block, number, name, message)
            entries.append(_Entry(name, number, " " + value))
        else:
            example = block.written("naam", "waarde")
            _note(
                block,
                number,
                "",
                f"deze regel hoort bij geen veld: begin een veld met zijn naam en een dubbele punt, zoals '{example}'",
            )
    for entry in entries:
        if entry.name not in block.values:
            _read_value(block, entry, last=entry is entries[-1])


def _key_line(text: str, number: int) -> _Entry | None:
    match = _KEY.match(text)
    return _Entry(match["name"], number, match["rest"]) if match else None


def _is_block(entry: _Entry) -> bool:
    return bool(_BLOCK_INDICATOR.match(entry.rest.strip()))


def _is_open_quote(entry: _Entry) -> bool:
    """Whether the entry's value is a quoted text that goes on below its first line."""
    value = entry.rest.strip()
    return value[:1] in ("'", '"') and _closing_quote(value) is None


def _note(block: FieldBlock, line: int, name: str, message: str) -> None:
    block.mistakes.append(Mistake(line, message, name))


def _repaired(block: FieldBlock, entry: _Entry, message: str) -> None:
    """A mistake in a value that MyST reads otherwise than meant: this reading replaces MyST's."""
    block.repaired.add(entry.name)
    _note(block, entry.line, entry.name, message)


def _read_value(block: FieldBlock, entry: _Entry, last: bool) -> None:
    name = entry.name
    if "\t" in entry.rest[: len(entry.rest) - len(entry.rest.lstrip(" \t"))]:
        value = entry.rest.strip()
        _note(
            block,
            entry.line,
            name,
            f"na de dubbele punt staat een tab: gebruik een spatie: '{block.written(name, value)}'",
        )
    value = entry.rest.strip()
    # As sourcelines.py counts them: the name's line, then each line with a piece of the value.
    first = [entry.line] if value and not _BLOCK_INDICATOR.match(value) else []
    lines = [entry.line, *first, *(number for number, text in entry.more if text.strip())]
    more = [text for _, text in entry.more]
    if _BLOCK_INDICATOR.match(value):
        # YAML keeps a ``|`` value's last line break only if a line follows it in the block.
        text = _block_scalar(value, more, ends_block=last and not (more and not more[-1].strip()))
    elif value[:1] in ("'", '"'):
        text = _quoted(block, entry, value, more)
    else:
        text = _plain(block, entry, value, more)
    block.values[name] = _without_curly_quotes(block, entry, text)
    block.lines[name] = tuple(lines)


def _block_scalar(indicator: str, more: list[str], ends_block: bool) -> str:
    """A ``|`` or ``>`` value: the indented lines below it."""
    while more and not more[-1].strip():
        more = more[:-1]
    body = textwrap.dedent("\n".join(more)).split("\n") if more else []
    if indicator.startswith(">"):  # folded: lines joined by spaces, an empty line a line break
        text = ""
        for line in body:
            text += "\n" if not line.strip() else (" " if text and not text.endswith("\n") else "") + line.strip()
    else:
        text = "\n".join(body)
    return text + ("" if "-" in indicator or not text or ends_block else "\n")


def _plain(block: FieldBlock, entry: _Entry, value: str, more: list[str]) -> str:
    parts = [value, *(line.strip() for line in more if line.strip())]
    text = " ".join(part for part in parts if part)
    comment = _COMMENT.search(text)
    if comment is not None:
        lost = text[comment.end() - 1 :]
        _repaired(
            block,
            entry,
            f"'#' met een spatie ervoor leest de build als het begin van een opmerking, dus '{lost}' zou wegvallen: "
            f"zet de hele waarde tussen aanhalingstekens, zo: {block.written(entry.name, _double_quoted(text))}",
        )
    return text


def _quoted(block: FieldBlock, entry: _Entry, value: str, more: list[str]) -> str:
    """A value that starts with a quote: read as YAML does, or as meant when YAML would stumble."""
    quote = value[0]
    joined = " ".join([value, *(line.strip() for line in more if line.strip())])
    end = _closing_quote(joined)
    name = entry.name
    if end is not None and not joined[end + 1 :].strip():
        inner = joined[1:end]
        return inner.replace("''", "'") if quote == "'" else inner.replace('\\"', '"').replace("\\\\", "\\")
    if end is not None:  # closed, and then the value goes on
        other, kind = ("'", "enkele") if quote == '"' else ('"', "dubbele")
        message = (
            f"de waarde begint met een aanhalingsteken ({quote}) maar gaat na het sluitende aanhalingsteken verder: "
            f"zet de hele waarde tussen {kind} aanhalingstekens, zo: {block.written(name, other + joined + other)}"
        )
        _note(block, entry.line, name, message)
        return joined
    if _ELISION.match(joined):
        message = (
            f"een waarde die met een apostrof begint ({joined.split()[0]}) leest de build als een waarde tussen "
            f"aanhalingstekens die niet wordt gesloten: zet de hele waarde tussen dubbele aanhalingstekens, zo: "
            f"{block.written(name, _double_quoted(joined))}"
        )
        _note(block, entry.line, name, message)
        return joined
    meant = joined[1:].strip()
    message = (
        f"het aanhalingsteken ({quote}) aan het begin van de waarde wordt niet gesloten: laat het weg "
        f"('{block.written(name, meant)}') of zet er ook een aan het eind"
    )
    _note(block, entry.line, name, message)
    return meant


def _closing_quote(text: str) -> int | None:
    """The index of the quote that closes the one ``text`` starts with, as YAML reads it."""
    quote = text[0]
    index = 1
    while index < len(text):
        char = text[index]
        if quote == "'" and char == "'" and text[index + 1 : index + 2] == "'":
            index += 2
            continue
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            return index
        index += 1
    return None


def _double_quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _without_curly_quotes(block: FieldBlock, entry: _Entry, text: str) -> str:
    """A value a word processor put between curly quotes, without them (and the mistake noted)."""
    stripped = text.strip()
    if len(stripped) < 2 or stripped[-1] not in CURLY_QUOTES.get(stripped[0], ""):
        return text
    inner = stripped[1:-1].strip()
    _repaired(
        block,
        entry,
        f"de waarde staat tussen gekrulde aanhalingstekens ({stripped[0]} en {stripped[-1]}), zoals een "
        f"tekstverwerker ze zet: laat ze weg: '{block.written(entry.name, inner)}'",
    )
    return inner


def _read_fields_in_body(block: FieldBlock, body: list[tuple[int, str]], known: Collection[str]) -> None:
    """Fields written without their leading colon right below the others: MyST takes them for text.

    MyST's fields end at such a line, so the ``:naam: waarde`` lines below it are read here too.
    """
    missing_colon = False
    for number, text in body:
        stripped = text.strip()
        if missing_colon and stripped.startswith(":") and not stripped.startswith(":::"):
            entry = _key_line(stripped[1:], number)
            if entry is None or entry.name in block.values:
                return
            note = None
        else:
            entry = _key_line(stripped, number) or _Entry(
                stripped.partition(" ")[0], number, " " + stripped.partition(" ")[2]
            )
            if not stripped or entry.name not in known or entry.name in block.values or text[:1].isspace():
                return
            note = "de dubbele punt vooraan ontbreekt: schrijf "
            missing_colon = True
        value = entry.rest.strip()
        read = _quoted(block, entry, value, []) if value[:1] in ("'", '"') else _plain(block, entry, value, [])
        block.values[entry.name] = _without_curly_quotes(block, entry, read)
        block.lines[entry.name] = (number, number)
        block.repaired.add(entry.name)
        if note is not None:
            _note(block, number, entry.name, f"{note}'{block.written(entry.name, block.values[entry.name])}'")
        block.body_lines += 1
