"""Pagefind's process: waited for without polling, stopped when it takes too long, its failure told."""

from __future__ import annotations

import time

import pytest

from kennisbank.writers import pagefind_run


@pytest.fixture
def stand_in(monkeypatch, tmp_path):
    """A stand-in for Pagefind's executable: a shell script with the given body."""

    def install(body: str):
        script = tmp_path / "pagefind"
        script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        script.chmod(0o755)
        monkeypatch.setattr("pagefind_bin.get_executable", lambda: script)
        return tmp_path / "uit"

    return install


def test_a_pagefind_that_takes_too_long_is_stopped_and_said_so(stand_in, monkeypatch, tmp_path):
    output = stand_in("sleep 30")
    monkeypatch.setattr(pagefind_run, "TIMEOUT_SECONDS", 0.5)
    started = time.monotonic()
    with pytest.raises(RuntimeError, match=r"Pagefind was na 0.5 s niet klaar en is gestopt"):
        pagefind_run.run_pagefind(tmp_path, output, {})
    assert time.monotonic() - started < 10


def test_a_failing_pagefind_is_reported_with_what_it_said(stand_in, tmp_path):
    output = stand_in("echo 'Error: kapot' >&2; exit 3")
    with pytest.raises(RuntimeError, match=r"Pagefind stopte met code 3: Error: kapot"):
        pagefind_run.run_pagefind(tmp_path, output, {})


def test_a_pagefind_that_succeeds_gives_what_it_said(stand_in, tmp_path):
    output = stand_in('mkdir -p "$(dirname "$0")/uit" && touch "$(dirname "$0")/uit/pagefind.js"; echo klaar')
    assert pagefind_run.run_pagefind(tmp_path, output, {}) == ["klaar"]
