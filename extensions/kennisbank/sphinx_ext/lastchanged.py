""" "Laatst gewijzigd" under every page, from git.

One ``git log`` per build gives the last commit date of every source file.
Without git, or outside a repository, pages simply show no date: no warning.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..model.dates import format_date
from .domain import kb_domain
from .failures import guarded


def commit_dates(srcdir: Path) -> dict[Path, dt.date]:
    """Absolute path -> date of the last commit that touched it; empty without git."""
    try:
        top = _git(srcdir, "rev-parse", "--show-toplevel").strip()
        log = _git(srcdir, "log", "--format=%x00%ct", "--name-only", "--", ".")
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[Path, dt.date] = {}
    for entry in log.split("\x00")[1:]:
        stamp, _, names = entry.partition("\n")
        day = dt.datetime.fromtimestamp(int(stamp), dt.UTC).date()
        for name in filter(None, names.splitlines()):
            dates.setdefault(Path(top, name), day)  # newest first: keep the first seen
    return dates


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=True).stdout


def last_commit_date(env: BuildEnvironment, docname: str) -> dt.date | None:
    """The day of the last commit to a page's source; one ``git log`` per build."""
    state = kb_domain(env).build
    if state.commit_dates is None:
        state.commit_dates = commit_dates(Path(env.srcdir))
    return state.commit_dates.get(Path(env.doc2path(docname)).resolve())


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
