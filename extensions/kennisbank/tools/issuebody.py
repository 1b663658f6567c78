"""Read a submitted issue form back into its answers. Pure.

GitHub writes a submitted form into the issue's body as Markdown: for each element
``### <label>``, a blank line, and the answer; ``_No response_`` for an optional
field left empty; a dropdown's chosen options joined by ", "; checkboxes as
``- [X] option`` lines. A contributor who edits the issue afterwards edits that text
by hand, so the reading is forgiving: Windows line ends, a heading left out, an
option typed as its id or title.

Only the form's own labels start an answer: a ``### heading`` a contributor typed
inside a text stays part of that text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .forms import Form

NO_RESPONSE = "_No response_"
#: What GitHub puts for an optional single-choice dropdown left at its first entry.
NONE_OPTION = "None"
_CHECKBOX = re.compile(r"^\s*[-*]\s*\[(?P<mark>[ xX]?)\]\s*(?P<label>.*?)\s*$")
_OPTION_WITH_ID = re.compile(r"^(?P<title>.*?)\s*\((?P<id>[^()]+)\)$")


@dataclass(frozen=True)
class Answers:
    """Each element's answer by its id: text for inputs and text areas, chosen options otherwise."""

    texts: dict[str, str]
    choices: dict[str, tuple[str, ...]]
    missing: tuple[str, ...]  # ids of elements whose heading is not in the body


def parse_issue_body(body: str, form: Form) -> Answers:
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    elements = [e for e in form.body if e.type != "markdown"]
    starts: dict[str, int] = {}
    next_index = 0
    for number, line in enumerate(lines):
        heading = line.strip()
        # A later label also counts: a contributor may have removed a heading while editing.
        for index in range(next_index, len(elements)):
            if heading == f"### {elements[index].label}":
                starts[elements[index].id] = number
                next_index = index + 1
                break
    found = sorted(starts.items(), key=lambda item: item[1])
    texts: dict[str, str] = {}
    choices: dict[str, tuple[str, ...]] = {}
    for position, (element_id, start) in enumerate(found):
        end = found[position + 1][1] if position + 1 < len(found) else len(lines)
        answer = "\n".join(lines[start + 1 : end]).strip("\n")
        answer = "" if answer.strip() == NO_RESPONSE else _trimmed(answer)
        element = next(e for e in elements if e.id == element_id)
        if element.type == "checkboxes":
            choices[element_id] = _checked(answer)
        elif element.type == "dropdown":
            choices[element_id] = split_options(answer, element.options)
        else:
            texts[element_id] = answer
    missing = tuple(e.id for e in elements if e.id not in starts)
    return Answers(texts, choices, missing)


def _trimmed(text: str) -> str:
    """Trailing spaces off every line; the text itself as typed."""
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def _checked(answer: str) -> tuple[str, ...]:
    found = (_CHECKBOX.match(line) for line in answer.split("\n"))
    return tuple(m["label"] for m in found if m and m["mark"] in ("x", "X"))


def split_options(answer: str, options: Sequence[str]) -> tuple[str, ...]:
    """The options a dropdown's answer names, in order.

    Joined by ", " they cannot simply be split: a title may hold a comma. So at each
    point the longest option that stands there is taken; text that is no option
    (typed by hand, or an option since renamed) runs to the next ", ".
    """
    text = " ".join(answer.split())
    if text in ("", NONE_OPTION):
        return ()
    chosen: list[str] = []
    by_length = sorted(options, key=len, reverse=True)
    position = 0
    while position < len(text):
        match = next((o for o in by_length if _stands_at(text, position, o)), None)
        if match is None:
            end = text.find(", ", position)
            match = text[position : end if end >= 0 else len(text)]
        if match.strip():
            chosen.append(match.strip())
        position += len(match)
        while text.startswith((",", " "), position):
            position += 1
    return tuple(chosen)


def _stands_at(text: str, position: int, option: str) -> bool:
    end = position + len(option)
    return text.startswith(option, position) and (end == len(text) or text.startswith(",", end))


def option_id(option: str) -> str:
    """The id in "Title (id)"; the text itself when it has none (an id or a title typed by hand)."""
    match = _OPTION_WITH_ID.match(option.strip())
    return match["id"].strip() if match else option.strip()
