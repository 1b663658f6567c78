"""What each HTML build writes beside its pages, in one process: the agenda feeds,
then the open data (see :mod:`kennisbank.sphinx_ext.background`)."""

from __future__ import annotations

from sphinx.application import Sphinx

from ..sphinx_ext.background import BackgroundWriter
from . import feeds, opendata


def setup(app: Sphinx) -> None:
    jobs = (feeds.JOB, opendata.JOB)
    BackgroundWriter("het schrijven van de agenda-feeds en de open data", jobs, feeds.writes_feeds).setup(app)
