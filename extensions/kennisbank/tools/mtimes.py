"""Modification times that let Sphinx build a fresh checkout incrementally. Pure file handling.

Sphinx reads a page again when its source is newer than the moment it last read it, and
writes a page again when its source or any template is newer than the page it wrote. A
fresh checkout gives every file the time of the checkout, and a fresh ``.venv`` gives
every installed template the time of the install: both newer than a build restored from
a cache, so Sphinx would read and write the whole site again. Restoring each file's
commit time is not enough either: a commit of a pull request may be older than the build
of ``main`` it starts from, and would then be missed.

So the files that did not change since the commit the cached build was made from get one
fixed time long before any build (``SETTLED``), and the files that changed get the time
of now: exactly those are newer than the cached build. Installed templates get the fixed
time as well; the build cache is only used with the same installed packages
(``buildcache.py``), so their content is the one the cached build used.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from pathlib import Path

#: 1 January 2000, 00:00 UTC: before any build this project made, in nanoseconds.
SETTLED = 946_684_800 * 1_000_000_000


def planned_times(tracked: Iterable[str], changed: Iterable[str], now: int) -> dict[str, int]:
    """The modification time (ns) for every tracked file: ``now`` if it changed, else ``SETTLED``.

    ``changed`` may name files that are no longer tracked (deleted ones): they are left out.
    """
    changed = set(changed)
    return {path: now if path in changed else SETTLED for path in tracked}


def apply_times(root: Path, times: dict[str, int]) -> int:
    """Set the modification times of the files below ``root``; returns how many were set.

    A tracked file that is missing (a sparse checkout) is skipped; a symlink is left alone.
    """
    count = 0
    for path, when in times.items():
        target = root / path
        if target.is_symlink() or not target.is_file():
            continue
        os.utime(target, ns=(when, when))
        count += 1
    return count


def settle_templates(folders: Iterable[Path], suffix: str = ".html") -> int:
    """Give every template (``*.html``) below ``folders`` the fixed time; returns how many.

    Sphinx compares its newest template with each page it wrote (``newest_template_mtime``),
    and a fresh install of furo, Sphinx or sphinx-design would otherwise date them all now.
    """
    count = 0
    for folder in folders:
        for directory, _folders, files in os.walk(folder):
            for name in files:
                if name.endswith(suffix):
                    os.utime(Path(directory, name), ns=(SETTLED, SETTLED))
                    count += 1
    return count


def now_ns() -> int:
    return time.time_ns()
