"""The upstream findings (benchmarks/upstream.py) still hold in the installed versions.

Each finding counts work in a tiny project; nothing here is timed. Per finding, one test
checks that the counting works, and a canary, ``xfail(strict=True)``, asserts the fix:
it fails as expected while the cost is there. When a library fixes it, the canary passes
and strict xfail reports that as a failure (XPASS) with the finding in its reason: the
findings on ``docs/prestaties.md`` then need updating, and the report need not be filed.
Any error but an assertion (a library that moved what the finding counts) fails as usual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import script_module

# Each finding builds a project of its own, one with -j 2: left out by `make test-snel`.
pytestmark = pytest.mark.slow

UPSTREAM = Path(__file__).parent.parent / "benchmarks" / "upstream.py"


@pytest.fixture(scope="module")
def upstream():
    with script_module(UPSTREAM) as module:
        yield module


@pytest.fixture(scope="module")
def finding(upstream, tmp_path_factory):
    """Each finding measured once, for its counting test and its canary alike."""
    measured = {}

    def measure(name: str, **sizes: int):
        if name not in measured:
            measured[name] = getattr(upstream, name)(tmp_path_factory.mktemp(name), **sizes)
        return measured[name]

    return measure


def canary(reason: str) -> pytest.MarkDecorator:
    """A test of the fix of an upstream cost: expected to fail while the cost is there."""
    return pytest.mark.xfail(
        strict=True,
        raises=AssertionError,
        reason=f"{reason}; not yet reported upstream: benchmarks/upstream.py prints the report. "
        "Passing means fixed: update docs/prestaties.md",
    )


def toctree(finding):
    return finding("toctree_titles_only", pages=5, sections=10)


def test_titles_only_toctree_copies_are_counted(finding):
    shown, copies = toctree(finding).figures["shown"], toctree(finding).figures["copies"]
    assert shown[0] == shown[10] > 0  # the same tree, with or without sections
    assert copies[0] > 0  # the counter sees the copies at all


@canary("Sphinx: TocTree.get_toctree_for(titles_only=True) deep-copies every page's sections, then drops them")
def test_titles_only_toctree_copies_no_sections_it_then_drops(finding):
    copies = toctree(finding).figures["copies"]
    assert copies[10] <= 2 * copies[0]
    assert not toctree(finding).holds


def settings(finding):
    return finding("settings_per_page", pages=3)


def test_option_parsers_are_counted_by_caller(finding):
    documents, parsers = settings(finding).figures["documents"], settings(finding).figures["parsers"]
    assert parsers["rst"] == {"sphinx": documents, "myst_parser": 0}  # told apart by caller
    assert parsers["md"]["sphinx"] == documents


@canary("MyST-Parser: each Markdown page builds a docutils OptionParser of its own besides Sphinx's")
def test_a_markdown_page_builds_one_option_parser(finding):
    documents, parsers = settings(finding).figures["documents"], settings(finding).figures["parsers"]
    assert parsers["md"]["myst_parser"] < documents
    assert not settings(finding).holds


@canary("Sphinx: EventManager.emit() computes repr() of every event's arguments at verbosity 0")
def test_events_turn_no_arguments_into_text_at_verbosity_zero(finding):
    events = finding("event_repr", emits=7, paragraphs=500)
    assert events.figures["reprs"] < 7
    # The page's context carries its HTML body: its repr was as long as much of the page.
    assert events.figures["context_repr"] <= events.figures["page"] / 2
    assert not events.holds


def furo(finding):
    return finding("furo_second_toc", pages=3, sections=4)


def test_toc_copies_are_counted_by_caller(finding):
    assert furo(finding).figures["calls"]["sphinx"] >= furo(finding).figures["documents"]


@canary("furo: each page's table of contents is copied a second time (furo's own navigation)")
def test_furo_copies_each_pages_toc_once(finding):
    assert furo(finding).figures["calls"]["furo"] < furo(finding).figures["documents"]
    assert not furo(finding).holds


def parallel(finding):
    return finding("parallel_read_pickles", pages=150)


def test_parallel_reading_is_counted_per_chunk(finding):
    assert parallel(finding).figures["chunks"] > 2


@canary("Sphinx: with -j each parallel reader sends back the whole environment, not only its own documents")
def test_parallel_reading_sends_back_only_what_was_read(finding):
    first, last = parallel(finding).figures["first"], parallel(finding).figures["last"]
    assert last[0] <= 2 * first[0]  # documents in the environment sent back
    assert last[1] <= 2 * first[1]  # bytes
    assert not parallel(finding).holds


@canary("Sphinx: a build leaves its objects for the cyclic garbage collector at exit")
def test_a_build_leaves_little_for_the_cyclic_collector(finding):
    exit_ = finding("garbage_at_exit", pages=5)
    assert exit_.figures["garbage"] <= 100 * exit_.figures["documents"]
    assert not exit_.holds


def test_the_script_reports_a_finding_and_refuses_an_unknown_one():
    ran = subprocess.run([sys.executable, str(UPSTREAM), "events"], capture_output=True, text=True, check=True)
    assert "EventManager.emit() computes repr()" in ran.stdout
    assert "still present" in ran.stdout or "NOT reproduced" in ran.stdout
    wrong = subprocess.run([sys.executable, str(UPSTREAM), "nothing"], capture_output=True, text=True)
    assert wrong.returncode == 2
    assert "unknown finding: nothing" in wrong.stderr
