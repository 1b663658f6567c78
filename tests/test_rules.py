"""The rules of model/ that a field block meets, without Sphinx: fixtures as MyST-Parser tests its parser.

Each case in ``tests/fixtures/regels/velden.md`` is a block as a contributor writes it and
what the pure rules say about it: the block read line by line (model/fieldblock.py), each
value parsed (model/values.py) and the type's checks across its fields (model/agenda.py,
model/news.py). A build tells the same, at the page's lines: tests/test_bad_input.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kennisbank.model.agenda import event_problems
from kennisbank.model.fieldblock import read_block
from kennisbank.model.news import news_problems
from kennisbank.model.objects import FieldProblem
from kennisbank.model.schema import TYPES
from kennisbank.model.values import FieldError, parse_value

FIXTURES = Path(__file__).parent / "fixtures" / "regels" / "velden.md"
#: The checks across the fields of a type (the build's and the forms' alike).
CROSS_CHECKS = {"evenement": event_problems, "bericht": news_problems}


def read_fixtures(path: Path) -> dict[str, tuple[str, list[str]]]:
    """The cases of a fixture file: name, '.', the block, '.', what is said ('-': nothing), '.'."""
    cases = {}
    lines = path.read_text(encoding="utf-8").split("\n")
    dots = [number for number, line in enumerate(lines) if line == "."]
    for start in range(0, len(dots), 3):
        first, middle, last = dots[start : start + 3]
        name = lines[first - 1]
        block = "\n".join(lines[first + 1 : middle])
        said = [line for line in lines[middle + 1 : last] if line != "-"]
        cases[name] = (block, said)
    return cases


CASES = read_fixtures(FIXTURES)


def what_the_rules_say(block: str) -> list[str]:
    """Each problem with the block, as 'line field: message' (the block's first line is line 1)."""
    kind = re.match(r"```\{([a-z-]+)\}", block).group(1)
    spec = TYPES[kind]
    read = read_block(block, 1, spec.field_names)
    said = [f"{mistake.line} {mistake.field}: {mistake.message}" for mistake in read.mistakes]
    values = {}
    for name, raw in read.values.items():
        try:
            values[name] = parse_value(spec.field(name), raw)
        except FieldError as error:
            said.append(f"{read.lines[name][0]} {name}: {error}")
    problems: list[FieldProblem] = CROSS_CHECKS.get(kind, lambda _: [])(values)
    said += [f"{read.lines[p.field][p.item or 0]} {p.field}: {p.message}" for p in problems]
    return said


@pytest.mark.parametrize("case", CASES)
def test_what_the_rules_say_about_a_field_block(case):
    block, said = CASES[case]
    assert what_the_rules_say(block) == said


def test_the_fixtures_are_read_whole():
    assert len(CASES) >= 15
    assert sum(1 for said in (s for _, s in CASES.values()) if not said) == 2  # the two blocks as they should be
    assert all(block.startswith("```{") and block.endswith("```") for block, _ in CASES.values())
