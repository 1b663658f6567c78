"""What one build works out once and never stores: :class:`BuildState`, one per environment.

The domain holds what the pages declared, which Sphinx pickles with the environment and
keeps between builds. What a run of Sphinx works out for itself (the settings, read once;
the pages removed; the one ``git log``; the problems logged; the hyphenator; the pages made
at the end) lives here instead, beside the environment and never in it: it is made when
first asked for and goes with the environment object, that is with the application (an
application that builds twice keeps it, as Sphinx keeps its environment). A reading or
writing process of ``-j`` works on a copy, as it does on the environment.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..formats.hyphenation import Hyphenator
from .config import KennisbankConfig, settings
from .failures import guarded

if TYPE_CHECKING:
    from ..model.maintenance import Finding, PageFacts
    from .lastchanged import History
    from .problems import ProblemLog

#: The words hyphenated so far, next to the doctrees (see formats/hyphenation.py).
HYPHENATION_STORE = "kennisbank-afbreking.json"


@dataclass
class BuildState:
    """The state of one build, in one place; kept out of the stored environment."""

    settings: KennisbankConfig  # validated at start-up (config.py), read here once
    removed_docs: set[str] = field(default_factory=set)  # see freshness.py
    same_in_toctrees: set[str] = field(default_factory=set)  # rewritten, but not their toctree parents
    toctree_parents: dict[str, set[str]] = field(default_factory=dict)  # see freshness.py
    history: History | None = None  # see lastchanged.py
    problem_log: ProblemLog | None = None  # see problems.py
    news_feeds: dict[str, list[tuple[str, str]]] | None = None  # docname -> (path, title), see writers/newsfeeds.py
    hyphenator: Hyphenator | None = None  # see hyphenator() below
    #: The pages made in html-collect-pages (month and year pages), each with its description:
    #: all of them, also those not rewritten, for the sitemap (see agendapages.py).
    generated_pages: dict[str, str] = field(default_factory=dict)
    #: The pages' facts and the editors' list, worked out once: see maintenance.py.
    upkeep: tuple[dict[str, PageFacts], list[Finding]] | None = None


_STATES: weakref.WeakKeyDictionary[BuildEnvironment, BuildState] = weakref.WeakKeyDictionary()


def build_state(env: BuildEnvironment) -> BuildState:
    """This build's state: the one way in for every module."""
    state = _STATES.get(env)
    if state is None:
        state = _STATES[env] = BuildState(settings(env.config))
    return state


def hyphenator(env: BuildEnvironment) -> Hyphenator:
    """This build's hyphenator, which knows the words of the builds before it."""
    state = build_state(env)
    if state.hyphenator is None:
        state.hyphenator = Hyphenator(env.config.language or "nl", Path(env.doctreedir, HYPHENATION_STORE))
    return state.hyphenator


@guarded("het bewaren van de afbreekpunten van lange woorden")
def save_hyphenation(app: Sphinx, exception: Exception | None) -> None:
    hyphens = build_state(app.env).hyphenator
    if hyphens is not None:
        hyphens.save()


def setup(app: Sphinx) -> None:
    app.connect("build-finished", save_hyphenation)
