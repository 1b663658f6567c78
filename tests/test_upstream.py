"""The upstream findings (benchmarks/upstream.py) still hold in the installed versions.

When one of these fails, a library has fixed the cost (or changed where it is): the
findings on ``docs/prestaties.md`` then need updating, and the report need not be filed.
Each finding counts work in a tiny project; nothing here is timed."""

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


def test_titles_only_toctree_copies_sections_it_then_drops(upstream, tmp_path):
    finding = upstream.toctree_titles_only(tmp_path, pages=5, sections=10)
    shown, copies = finding.figures["shown"], finding.figures["copies"]
    assert shown[0] == shown[10] > 0  # the same tree, with or without sections
    assert copies[0] > 0  # the counter sees the copies at all
    assert copies[10] > 2 * copies[0]
    assert finding.holds


def test_each_markdown_page_builds_two_option_parsers(upstream, tmp_path):
    finding = upstream.settings_per_page(tmp_path, pages=3)
    documents, parsers = finding.figures["documents"], finding.figures["parsers"]
    assert parsers["rst"] == {"sphinx": documents, "myst_parser": 0}  # told apart by caller
    assert parsers["md"]["sphinx"] == documents
    assert parsers["md"]["myst_parser"] >= documents
    assert finding.holds


def test_events_turn_their_arguments_into_text_at_verbosity_zero(upstream, tmp_path):
    finding = upstream.event_repr(tmp_path, emits=7, paragraphs=500)
    assert finding.figures["reprs"] == 7
    # The page's context carries its HTML body: the repr is as long as much of the page.
    assert finding.figures["context_repr"] > finding.figures["page"] / 2
    assert finding.holds


def test_furo_copies_each_pages_toc_a_second_time(upstream, tmp_path):
    finding = upstream.furo_second_toc(tmp_path, pages=3, sections=4)
    documents, calls = finding.figures["documents"], finding.figures["calls"]
    assert calls["sphinx"] >= documents
    assert calls["furo"] >= documents
    assert finding.holds


def test_parallel_reading_sends_back_the_whole_environment(upstream, tmp_path):
    finding = upstream.parallel_read_pickles(tmp_path, pages=150)
    first, last = finding.figures["first"], finding.figures["last"]
    assert finding.figures["chunks"] > 2
    assert last[0] > 2 * first[0]  # documents in the environment sent back
    assert last[1] > 2 * first[1]  # bytes
    assert finding.holds


def test_a_build_leaves_its_objects_for_the_cyclic_collector(upstream, tmp_path):
    finding = upstream.garbage_at_exit(tmp_path, pages=5)
    assert finding.figures["garbage"] > 100 * finding.figures["documents"]
    assert finding.holds


def test_the_script_reports_a_finding_and_refuses_an_unknown_one():
    ran = subprocess.run([sys.executable, str(UPSTREAM), "events"], capture_output=True, text=True, check=True)
    assert "EventManager.emit() computes repr()" in ran.stdout
    assert "still present" in ran.stdout
    wrong = subprocess.run([sys.executable, str(UPSTREAM), "nothing"], capture_output=True, text=True)
    assert wrong.returncode == 2
    assert "unknown finding: nothing" in wrong.stderr
