"""What ``make html`` prints of the real site: Dutch, or Sphinx's own progress, nothing else.

The build runs as ``make html`` runs it (a ``sphinx-build`` process, not quiet),
twice: a first build and one with nothing to do. Every line must be one of
Sphinx's own progress lines (the narrow patterns below) or our Dutch summary; an
English notice of a library (sphinxext-opengraph's "matplotlib is not installed",
MyST-Parser's configuration dump) fails the test.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from sphinx.util.console import strip_colors

# Two builds of the real site, each a process of its own: left out by `make test-snel`.
pytestmark = pytest.mark.slow

DOCS = Path(__file__).parents[1] / "docs"

#: Sphinx's own progress, line by line, as it prints it (Sphinx 9, language "nl").
SPHINX_PROGRESS = [
    r"Running Sphinx v\d+\.\d+\.\d+",
    r"loading translations \[nl\]\.\.\. done",
    r"making output directory\.\.\. done",
    r"loading pickled environment\.\.\. done",
    # furo and sphinx-design change settings when the builder starts, after Sphinx compared them
    # with the stored ones: Sphinx says so on every build after the first (and writes every page).
    r"loading pickled environment\.\.\. The configuration has changed \(\d options?: [\w', ]+\)",
    r"done",
    r"building \[mo\]: targets for \d+ po files that are out of date",
    r"building \[html\]: targets for \d+ source files that are out of date",
    r"updating environment: (\[new config\] )?\d+ added, \d+ changed, \d+ removed",
    r"reading sources\.\.\. (\[\s*\d+%\] [\w/.-]+)?",
    r"looking for now-outdated files\.\.\. (none found|\d+ found)",
    r"pickling environment\.\.\. done",
    r"checking consistency\.\.\. done",
    r"no targets are out of date\.",
    r"preparing documents\.\.\. done",
    r"copying assets\.\.\. ?",
    r"copying static files\.\.\. ?",
    r"Writing evaluated template result to \S+",
    r"copying static files: done",
    r"copying extra files\.\.\. ?",
    r"copying extra files: done",
    r"copying assets: done",
    r"writing output\.\.\. (\[\s*\d+%\] [\w/.-]+)?",
    r"generating indices\.\.\. genindex done",
    r"writing additional pages\.\.\. done",  # the search page comes after the search index
    r"copying images\.\.\. \[\s*\d+%\] [\w/.-]+",
    r"dumping search index in Dutch \(code: nl\)\.\.\. done",
    r"dumping object inventory\.\.\. done",
    r"build succeeded\.",
    r"The HTML pages are in \S+\.",
    r"",
]
#: Ours: the search index's line and the summary, in Dutch (the real site has no problems).
OURS = [r"zoekindex: Pagefind, \d+ resultaten, in \d+\.\d s", r"Kennisbank: geen problemen"]
ALLOWED = re.compile("|".join(f"(?:{pattern})" for pattern in [*SPHINX_PROGRESS, *OURS]))


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> list[str]:
    """What two builds of the real site print, the first and one with nothing to do."""
    build = tmp_path_factory.mktemp("make-html")
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-d",
        str(build / "doctrees"),
        str(DOCS),
        str(build / "html"),
    ]
    runs = [subprocess.run(command, capture_output=True, text=True, check=False) for _ in range(2)]
    for run in runs:
        assert run.returncode == 0, run.stderr
        assert run.stderr == ""  # no warning
    # A CI runner may force colour (FORCE_COLOR): the escape codes are no words.
    return [strip_colors(line) for run in runs for line in run.stdout.splitlines()]


def test_every_line_is_dutch_or_sphinx_progress(printed):
    assert [line for line in printed if not ALLOWED.fullmatch(line)] == []


def test_the_build_ends_with_the_dutch_summary(printed):
    assert printed.count("Kennisbank: geen problemen") == 2
    assert printed.index("Kennisbank: geen problemen") < printed.index("build succeeded.")


@pytest.mark.parametrize(
    "english",
    ["matplotlib is not installed, social cards will not be generated", "myst v5.2.0: MdParserConfig(commonmark_only"],
)
def test_the_patterns_refuse_the_notices_we_silenced(english):
    assert not ALLOWED.fullmatch(english)
