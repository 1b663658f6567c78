""" "Laatst gewijzigd" under every page, from git.

One ``git log`` per build gives the last commit date of every source file, and
the time of its first commit (which of two pages with the same id is the older:
duplicates.py). Without git, or outside a repository, pages simply show no date:
no warning.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..model.dates import format_date
from .domain import kb_domain
from .failures import guarded


@dataclass(frozen=True)
class History:
    """What git knows of the source files, by absolute path."""

    last_change: dict[Path, dt.date] = field(default_factory=dict)
    first_commit: dict[Path, int] = field(default_factory=dict)  # seconds since 1970, UTC


def history(srcdir: Path) -> History:
    """The dates of the last and the first commit of every file; empty without git."""
    try:
        top = _git(srcdir, "rev-parse", "--show-toplevel").strip()
        log = _git(srcdir, "log", "--format=%x00%ct", "--name-only", "--", ".")
    except (OSError, subprocess.SubprocessError):
        return History()
    found = History()
    for entry in log.split("\x00")[1:]:
        stamp, _, names = entry.partition("\n")
        day = dt.datetime.fromtimestamp(int(stamp), dt.UTC).date()
        for name in filter(None, names.splitlines()):
            path = Path(top, name)
            found.last_change.setdefault(path, day)  # newest first: keep the first seen
            found.first_commit[path] = int(stamp)  # and the last seen is the first commit
    return found


def source_history(env: BuildEnvironment) -> History:
    """This build's :class:`History`: one ``git log`` per build, asked for when first needed."""
    state = kb_domain(env).build
    if state.history is None:
        state.history = history(Path(env.srcdir))
    return state.history


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=True).stdout


def last_commit_date(env: BuildEnvironment, docname: str) -> dt.date | None:
    """The day of the last commit to a page's source; one ``git log`` per build."""
    return source_history(env).last_change.get(Path(env.doc2path(docname)).resolve())


@guarded("de datum 'laatst gewijzigd'")
def add_last_changed(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.document | None
) -> None:
    if doctree is None or pagename not in app.env.all_docs:
        return
    day = last_commit_date(app.env, pagename)
    if day is not None:
        context["kb_last_changed"] = format_date(day)


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_last_changed)
