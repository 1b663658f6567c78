"""What each HTML build writes beside its pages, in one process: the agenda feeds,
then the open data (see :mod:`kennisbank.writers.background`)."""

from __future__ import annotations

from sphinx.application import Sphinx

from . import feeds, opendata
from .background import BackgroundWriter


def setup(app: Sphinx) -> None:
    jobs = (feeds.JOB, opendata.JOB)
    BackgroundWriter("het schrijven van de agenda-feeds en de open data", jobs, feeds.writes_feeds).setup(app)
