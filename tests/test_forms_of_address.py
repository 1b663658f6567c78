"""The site and the extension address readers and contributors as "u", never "je".

Scans the text of every built page of the real site, and every string the
extension can show: the string literals of its Python modules (warnings, the
command line), its script, templates and Dutch catalog.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from bs4 import BeautifulSoup

import kennisbank

PACKAGE = Path(kennisbank.__file__).parent
INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jouwe|jullie|jezelf)\b", flags=re.I)
#: Quotations, not the site talking: the official name of an event.
QUOTED = ["besturen doe je"]


def informal_in(text: str) -> list[str]:
    for quotation in QUOTED:
        text = re.sub(re.escape(quotation), "", text, flags=re.I)
    return [text[max(0, m.start() - 30) : m.end() + 30].replace("\n", " ") for m in INFORMAL.finditer(text)]


def test_the_check_finds_informal_address():
    assert informal_in("Zet in je agenda") and informal_in("Jij kunt") and informal_in("Jullie agenda")
    assert informal_in("Zet in uw agenda. Jeugd, jeugdzorg en de jaren") == []


def test_every_page_says_u(docs_html):
    found = {}
    for path in sorted(docs_html.outdir.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for element in soup(["script", "style"]):
            element.decompose()
        texts = [soup.get_text(" ")] + [
            value
            for tag in soup.find_all(True)
            for name in ("aria-label", "title", "alt", "placeholder", "content")
            if isinstance(value := tag.get(name), str)
        ]
        informal = [hit for text in texts for hit in informal_in(text)]
        if informal:
            found[path.relative_to(docs_html.outdir).as_posix()] = informal
    assert found == {}


def python_strings(path: Path) -> list[str]:
    return [
        node.value
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def test_every_message_of_the_extension_says_u():
    files = sorted(PACKAGE.rglob("*.py")) + sorted(PACKAGE.rglob("*.js")) + sorted(PACKAGE.rglob("*.html"))
    files += sorted(PACKAGE.rglob("*.po"))
    assert len(files) > 30
    found = {}
    for path in files:
        texts = python_strings(path) if path.suffix == ".py" else [path.read_text(encoding="utf-8")]
        informal = [hit for text in texts for hit in informal_in(text)]
        if informal:
            found[path.relative_to(PACKAGE).as_posix()] = informal
    assert found == {}
