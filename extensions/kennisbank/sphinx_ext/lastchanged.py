""" "Laatst gewijzigd" under every page, from git: the last change of its content.

One ``git log`` per build gives the last commit date of every source file, and
the time of its first commit (which of two pages with the same id is the older:
duplicates.py). A commit that only maintains the sources (a new field syntax, a
link repaired on every page, files moved) does not count as a change of their
content: its message ends with the trailer ``Kennisbank: onderhoud``, or its id
is listed in ``.git-blame-ignore-revs`` at the top of the repository (the file
``git blame`` and GitHub read for the same purpose, so one list serves both).
A file that only maintenance touched shows the day it was first committed.
Without git, or outside a repository, pages simply show no date: no warning.
"""

from __future__ import annotations

import datetime as dt
import functools
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..model.dates import format_date
from .buildstate import build_state
from .failures import guarded

#: The trailer that marks a commit as maintenance: ``Kennisbank: onderhoud``.
TRAILER, MAINTENANCE = "Kennisbank", "onderhoud"
#: Commits listed here (one id a line, ``#`` comments) are maintenance too.
IGNORE_REVS = ".git-blame-ignore-revs"


@dataclass(frozen=True)
class History:
    """What git knows of the source files, by absolute path."""

    last_change: dict[Path, dt.date] = field(default_factory=dict)  # of their content: maintenance left out
    first_commit: dict[Path, int] = field(default_factory=dict)  # seconds since 1970, UTC


def history(srcdir: Path) -> History:
    """The dates of the last content change and the first commit of every file; empty without git."""
    try:
        top = _git(srcdir, "rev-parse", "--show-toplevel").strip()
        trailers = f"%(trailers:key={TRAILER},valueonly,separator=%x2C)"
        log = _git(srcdir, "log", f"--format=%x00%H %ct {trailers}", "--name-only", "--", ".")
    except (OSError, subprocess.SubprocessError):
        return History()
    ignored = ignored_commits(Path(top) / IGNORE_REVS)
    found = History()
    first_day: dict[Path, dt.date] = {}
    for entry in log.split("\x00")[1:]:
        head, _, names = entry.partition("\n")
        commit, stamp, trailers = (head.split(" ", 2) + [""])[:3]
        day = dt.datetime.fromtimestamp(int(stamp), dt.UTC).date()
        upkeep = is_maintenance(commit, trailers, ignored)
        for name in filter(None, names.splitlines()):
            path = Path(top, name)
            if not upkeep:
                found.last_change.setdefault(path, day)  # newest first: keep the first seen
            found.first_commit[path] = int(stamp)  # and the last seen is the first commit
            first_day[path] = day
    for path, day in first_day.items():  # touched by maintenance only: the day it came
        found.last_change.setdefault(path, day)
    return found


def is_maintenance(commit: str, trailers: str, ignored: Iterable[str]) -> bool:
    """A commit marked ``Kennisbank: onderhoud``, or listed in the ignore file (full id or a prefix)."""
    if any(value.strip().casefold() == MAINTENANCE for value in trailers.split(",")):
        return True
    return any(commit.startswith(prefix) for prefix in ignored)


def ignored_commits(path: Path) -> tuple[str, ...]:
    """The commit ids in a ``.git-blame-ignore-revs`` file; none without it."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return ()
    ids = (line.split("#", 1)[0].strip().lower() for line in lines)
    return tuple(i for i in ids if len(i) >= 7 and all(c in "0123456789abcdef" for c in i))


def source_history(env: BuildEnvironment) -> History:
    """This build's :class:`History`: one ``git log`` per build, asked for when first needed."""
    state = build_state(env)
    if state.history is None:
        state.history = history(Path(env.srcdir))
    return state.history


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=True).stdout


def last_commit_date(env: BuildEnvironment, docname: str) -> dt.date | None:
    """The day of the last change of a page's content (maintenance left out); one ``git log`` per build."""
    return source_history(env).last_change.get(_real_folder(str(env.srcdir)) / env.doc2path(docname, base=False))


@functools.cache
def _real_folder(folder: str) -> Path:
    """The source folder as git names it (links resolved): once, not once per page and build."""
    return Path(folder).resolve()


def content_date(env: BuildEnvironment, docnames: Iterable[str]) -> dt.date | None:
    """The day the content of these pages last changed (a board pack's "stand van"); None without git."""
    days = [day for docname in docnames if (day := last_commit_date(env, docname)) is not None]
    return max(days, default=None)


@guarded("de datum 'laatst gewijzigd'")
def add_last_changed(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    if doctree is None or pagename not in app.env.all_docs:
        return
    day = last_commit_date(app.env, pagename)
    if day is not None:
        context["kb_last_changed"] = format_date(day)


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_last_changed)
