"""The feeds and the open data are written in a second process while the pages are written;
nothing gets lost."""

from __future__ import annotations

import os

import pytest
from sphinx.cmd.build import build_main

from conftest import ROOTS, output_files, warnings_of
from kennisbank.formats import ics
from kennisbank.writers import background, opendata

needs_two_cores = pytest.mark.skipif(
    not background.second_core_available(), reason="met één processorkern schrijft de build de feeds zelf"
)

PAGES = {
    "index.md": "# Index\n\n```{toctree}\nagenda\n```\n",
    "agenda.md": (
        "# Agenda\n\n```{evenement} overleg\n:titel: Overleg\n:start: 2023-05-25 13:30\n"
        ":organisator: vng\n:plaats: Gouda\n```\n\n"
        "```{organisatie} vng\n:naam: VNG\n:soort: landelijke koepel\n```\n"
    ),
}


@pytest.fixture
def writer_pids(tmp_path, monkeypatch):
    """The processes that serialise a feed, one line per feed."""
    log = tmp_path / "pids.txt"
    write_feed = ics.write_feed

    def recording(*args, **kwargs):
        with log.open("a", encoding="utf-8") as f:
            f.write(f"{os.getpid()}\n")
        return write_feed(*args, **kwargs)

    monkeypatch.setattr(ics, "write_feed", recording)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")

    def pids() -> set[int]:
        found = {int(line) for line in log.read_text(encoding="utf-8").split()}
        log.unlink()
        return found

    return pids


def background_output(outdir) -> dict[str, bytes]:
    """The feeds and the open data: what the second process writes."""
    files = output_files(outdir)
    return {path: data for path, data in files.items() if path.endswith(".ics") or path.startswith("kennisbank.")}


@needs_two_cores
def test_a_second_process_writes_the_same_feeds_and_the_build_waits_for_them(build, tmp_path, monkeypatch, writer_pids):
    root = ROOTS / "test-agenda"  # read in place, never edited
    beside = build(root, builddir=tmp_path / "beside")
    assert os.getpid() not in writer_pids()
    monkeypatch.setattr(background, "second_core_available", lambda: False)
    inline = build(root, builddir=tmp_path / "inline")
    assert writer_pids() == {os.getpid()}
    written_beside = background_output(beside.outdir)
    assert len(written_beside) > 10 and "kennisbank.json" in written_beside
    assert written_beside == background_output(inline.outdir)
    assert warnings_of(beside) == warnings_of(inline) == ""


@needs_two_cores
def test_the_feeds_and_the_open_data_are_written_in_one_second_process(
    write_source, build, tmp_path, monkeypatch, writer_pids
):
    # Two processes would share the second core with the page writing, and slow it down.
    log = tmp_path / "opendata-pids.txt"
    document_text = opendata.document_text

    def recording(*args):
        with log.open("a", encoding="utf-8") as f:
            f.write(f"{os.getpid()}\n")
        return document_text(*args)

    monkeypatch.setattr(opendata, "document_text", recording)
    app = build(write_source(PAGES))
    assert (app.outdir / "kennisbank.json").exists()
    feed_writers = writer_pids()
    assert len(feed_writers) == 1 and os.getpid() not in feed_writers
    assert {int(line) for line in log.read_text(encoding="utf-8").split()} == feed_writers


@needs_two_cores
def test_a_failing_feed_writer_does_not_keep_the_open_data_from_being_written(write_source, build, monkeypatch):
    monkeypatch.setattr(ics, "write_feed", lambda *args, **kwargs: 1 / 0)
    app = build(write_source(PAGES))
    assert_failure_reported(app, FEEDS, "ZeroDivisionError: division by zero")
    assert (app.outdir / "kennisbank.json").exists()


@needs_two_cores
def test_a_warning_of_the_second_process_reaches_the_build(write_source, build, tmp_path):
    srcdir = write_source(PAGES)
    app = build(srcdir, confoverrides={"html_baseurl": ""})
    assert "WARNING: Stel html_baseurl in conf.py in: agenda-feeds hebben volledige webadressen nodig" in (
        warnings_of(app)
    )
    strict = ["-W", "--keep-going", "-n", "-q", "-b", "html", "-D", "html_baseurl="]
    assert build_main([*strict, str(srcdir), str(tmp_path / "strict")]) != 0
    assert build_main([*strict[:-2], str(srcdir), str(tmp_path / "fine")]) == 0


FEEDS = "het schrijven van de agenda-feeds"
PROCESS = "het schrijven van de agenda-feeds en de open data"


def assert_failure_reported(app, task: str, error: str) -> None:
    """One Dutch internal error for ``task``, naming ``error``, and no traceback."""
    warnings = warnings_of(app)
    prefix = f"ERROR: Interne fout in de kennisbank-extensie bij {task}: "
    assert prefix + error in warnings, warnings
    assert warnings.count("Interne fout") == 1 and "Traceback" not in warnings


@needs_two_cores
def test_a_second_process_that_dies_is_reported_in_dutch(write_source, build, monkeypatch):
    monkeypatch.setattr(ics, "write_feed", lambda *args, **kwargs: os._exit(3))
    app = build(write_source(PAGES))
    assert_failure_reported(app, PROCESS, "RuntimeError: het schrijfproces stopte onverwacht (code 3)")
    assert (app.outdir / "agenda.html").exists()


def test_without_a_second_process_the_build_writes_the_feeds_itself(write_source, build, monkeypatch, writer_pids):
    monkeypatch.setattr(background, "in_child_process", lambda work, task: None)  # as when fork fails
    app = build(write_source(PAGES))
    assert writer_pids() == {os.getpid()}
    assert (app.outdir / "feeds" / "evenement" / "overleg.ics").exists()
    assert warnings_of(app) == ""


@needs_two_cores
def test_a_failure_to_take_in_the_second_process_is_reported_in_dutch(write_source, build, monkeypatch):
    def broken(records):
        raise RuntimeError("kapot")

    monkeypatch.setattr(background, "replay", broken)
    assert_failure_reported(build(write_source(PAGES)), PROCESS, "RuntimeError: kapot")


def test_a_failing_writer_is_reported_in_dutch_without_a_second_process_too(write_source, build, monkeypatch):
    monkeypatch.setattr(background, "second_core_available", lambda: False)
    monkeypatch.setattr(ics, "write_feed", lambda *args, **kwargs: 1 / 0)
    app = build(write_source(PAGES))
    assert_failure_reported(app, FEEDS, "ZeroDivisionError: division by zero")
    assert (app.outdir / "kennisbank.json").exists()
