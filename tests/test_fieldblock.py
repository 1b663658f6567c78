"""Reading a field block line by line, and what a contributor probably meant: pure, no Sphinx build.

MyST's own reading of a block (a private function of MyST-Parser) is the reference.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from myst_parser.parsers.directives import _parse_directive_options

from kennisbank.model.fieldblock import read_block
from kennisbank.model.hints import clock, iso_day, iso_month, slug_for, split_time
from kennisbank.model.newsletter import NEWSLETTER
from kennisbank.model.packs import PACK
from kennisbank.model.schema import TYPES
from kennisbank.model.sourcelines import field_lines
from kennisbank.sphinx_ext.directives import ObjectDirective

ROOT = Path(__file__).parents[1]
FIELD_TYPES = {**TYPES, PACK.name: PACK, NEWSLETTER.name: NEWSLETTER}
_FENCE = re.compile(r"^(?P<fence>```+|:::+)\{(?P<name>[\w-]+)\}[^\n]*\n(?P<content>.*?)^(?P=fence)\s*$", re.M | re.S)


def field_blocks() -> list[tuple[str, str, str]]:
    """Every field block of the real site and of the test projects: (where, directive, its text)."""
    found = []
    for path in sorted([*(ROOT / "docs").rglob("*.md"), *(ROOT / "tests" / "roots").rglob("*.md")]):
        for match in _FENCE.finditer(path.read_text(encoding="utf-8")):
            if match["name"] in FIELD_TYPES:
                found.append((f"{path.relative_to(ROOT)}:{match['name']}", match["name"], match[0]))
    assert len(found) > 100
    return found


def myst_reading(block: str) -> dict:
    content = block.split("\n", 1)[1].rsplit("\n", 2)[0] + "\n"
    return _parse_directive_options(content, ObjectDirective, as_yaml=False, line=1).options


@pytest.mark.parametrize(("where", "name", "block"), field_blocks(), ids=lambda value: str(value)[:60])
def test_every_block_of_the_site_reads_as_myst_reads_it(where, name, block):
    ours = read_block(block, 1, FIELD_TYPES[name].field_names)
    assert ours.mistakes == []
    assert ours.values == myst_reading(block)
    assert {n: lines for n, lines in ours.lines.items()} == field_lines(block, 1)


EVENT = TYPES["evenement"].field_names


def read(text: str):
    return read_block("```{evenement} e\n" + text + "```\n", 1, EVENT)


@pytest.mark.parametrize(
    ("text", "line", "value", "start"),
    [
        (":start: 2027\n:plaats Den Haag\n", 3, "Den Haag", "na ':plaats' ontbreekt de dubbele punt"),
        ("---\nstart: 2027\nplaats Den Haag\n---\n", 4, "Den Haag", "na 'plaats' ontbreekt de dubbele punt"),
        (":start: 2027\nplaats: Den Haag\n", 3, "Den Haag", "de dubbele punt vooraan ontbreekt"),
        ("---\nstart: 2027\n\tplaats: Den Haag\n---\n", 4, "Den Haag", "de regel begint met een tab"),
        (":start: 2027\n:plaats:\tDen Haag\n", 3, "Den Haag", "na de dubbele punt staat een tab"),
        (':start: 2027\n:plaats: "Den Haag\n', 3, "Den Haag", 'het aanhalingsteken (") aan het begin'),
        ("---\nstart: 2027\nplaats: 'Den Haag\n---\n", 4, "Den Haag", "het aanhalingsteken (') aan het begin"),
        (':start: 2027\n:plaats: "Den" Haag\n', 3, '"Den" Haag', "de waarde begint met een aanhalingsteken"),
        (
            ":start: 2027\n:plaats: „Den Haag”\n",
            3,
            "Den Haag",
            "de waarde staat tussen gekrulde aanhalingstekens („ en ”)",
        ),
        (":start: 2027\n:plaats: 's-Gravenhage\n", 3, "'s-Gravenhage", "een waarde die met een apostrof begint"),
        (":start: 2027\n:locatie: Zaal #3\n", 3, "Zaal #3", "'#' met een spatie ervoor"),
        ("---\nstart: 2027\n  plaats: Den Haag\n---\n", 4, "Den Haag", "het veld is ingesprongen"),
    ],
)
def test_each_mistake_is_named_at_its_line_and_the_value_kept(text, line, value, start):
    block = read(text)
    assert [(m.line, m.field) for m in block.mistakes] == [(line, "plaats" if "plaats" in text else "locatie")]
    assert block.mistakes[0].message.startswith(start)
    assert block.values[block.mistakes[0].field] == value
    assert block.values["start"] == "2027"  # the rest of the block is read all the same


def test_fields_after_a_missing_leading_colon_are_read_too():
    """MyST's fields end at such a line: the lines below it would be text on the page."""
    block = read(":start: 2027\nplaats: Den Haag\n:organisator: vng\n\nTekst.\n")
    assert block.values == {"start": "2027", "plaats": "Den Haag", "organisator": "vng"}
    assert block.body_lines == 2 and len(block.mistakes) == 1


def test_a_line_that_belongs_to_no_field_is_named():
    block = read("---\nstart: 2027\nzomaar wat\n---\n")
    assert [m.line for m in block.mistakes] == [4] and "hoort bij geen veld" in block.mistakes[0].message


def test_rst_directives_are_left_to_docutils():
    assert read_block(".. evenement:: e\n   :start: 2027\n", 1, EVENT) is None


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("14u", "14:00"),
        ("14.00 uur", "14:00"),
        ("14h", "14:00"),
        ("16u30", "16:30"),
        ("9h45", "09:45"),
        ("16 u 30", "16:30"),
        ("9:30", "09:30"),
        ("25u", None),
        ("16u75", None),
        ("middag", None),
    ],
)
def test_times_written_otherwise(text, meant):
    assert clock(text) == meant


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("12-05-2027", "2027-05-12"),
        ("12/5/2027", "2027-05-12"),
        ("12.05.2027", "2027-05-12"),
        ("12 mei 2027", "2027-05-12"),
        ("12 mrt 2027", "2027-03-12"),
        ("dinsdag 12 mei 2027", "2027-05-12"),
        ("31-02-2027", None),
        ("morgen", None),
    ],
)
def test_dates_written_otherwise(text, meant):
    assert iso_day(text) == meant


def test_months_and_splits():
    assert iso_month("september 2027") == "2027-09" and iso_month("sept. 2027") == "2027-09"
    assert split_time("12 mei 2027 14u") == ("12 mei 2027", "14u")
    assert split_time("2027-05-12T14:00") == ("2027-05-12", "14:00")


@pytest.mark.parametrize(
    ("written", "meant"), [("Brede Welvaart", "brede-welvaart"), ("Jeugd_Zorg", "jeugd-zorg"), ("Één", "een")]
)
def test_the_id_a_wrong_id_should_be(written, meant):
    assert slug_for(written) == meant
