"""Pagefind's command line as a process of its own: started, and waited for later.

The indexer starts it as soon as the last page is written and waits for it at the end
of the build, so that Pagefind (which uses every core it gets) runs while Sphinx copies
the static files and images, writes its inventory and the other writers finish. Its
settings go in a ``pagefind.json`` of its own (Pagefind reads it where it runs), without
``PAGEFIND_*`` variables of the environment, which Pagefind would merge in. Its output
goes to a file, not a pipe, so that it can never block on a full pipe.

Through its command line rather than its Python API, which waits a tenth of a second
for every answer (and parses each record in turn, where the command line uses all cores).
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import threading
from pathlib import Path

#: How long Pagefind may take (it takes seconds).
TIMEOUT_SECONDS = 600


class PagefindRun:
    """Pagefind indexing the records in ``site`` into ``output``, with ``settings`` beside."""

    def __init__(self, site: Path, output: Path, settings: dict[str, object]) -> None:
        from pagefind_bin import get_executable  # type: ignore[import-untyped]  # ships no types

        self.output = output
        self._folder = tempfile.TemporaryDirectory(prefix="kennisbank-pagefind-")
        config = {"site": str(site), "output_path": str(output), "quiet": True, **settings}
        Path(self._folder.name, "pagefind.json").write_text(json.dumps(config), encoding="utf-8")
        self._said = Path(self._folder.name, "uitvoer.txt").open("w+", encoding="utf-8", errors="replace")
        environment = {name: value for name, value in os.environ.items() if not name.startswith("PAGEFIND_")}
        self._process = subprocess.Popen(
            [str(get_executable())], cwd=self._folder.name, env=environment, stdout=self._said, stderr=self._said
        )

    def wait(self) -> list[str]:
        """Wait until Pagefind is done; what it said (with "quiet": only warnings), a line each.
        Raises if it failed."""
        # A blocking wait, stopped by a timer: wait(timeout=...) polls with sleeps of up to
        # 50 ms, which every build would pay at its end.
        late = threading.Event()

        def stop_it() -> None:
            late.set()
            self._process.kill()

        deadline = threading.Timer(TIMEOUT_SECONDS, stop_it)
        deadline.start()
        try:
            code = self._process.wait()
            self._said.seek(0)
            said = [line.strip() for line in self._said.read().splitlines() if line.strip()]
        finally:
            deadline.cancel()
            self.stop()
        if late.is_set():
            raise RuntimeError(f"Pagefind was na {TIMEOUT_SECONDS} s niet klaar en is gestopt")
        if code != 0 or not (self.output / "pagefind.js").exists():
            raise RuntimeError(f"Pagefind stopte met code {code}: {' '.join(said)[-2000:]}")
        return said

    def stop(self) -> None:
        """Stop Pagefind if it still runs (the build failed), and clean up."""
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._said.close()
        self._folder.cleanup()


def run_pagefind(site: Path, output: Path, settings: dict[str, object]) -> list[str]:
    """Pagefind over ``site`` into ``output``, waited for; what it said."""
    return PagefindRun(site, output, settings).wait()
