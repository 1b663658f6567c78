"""The agenda's iCalendar feeds: ``agenda.ics`` and one feed per theme, programme, network and event.

The feeds are written by every build of a site, from the environment's data, so
they can never be stale: beside the pages, in a process of their own
(:mod:`kennisbank.writers.background`), and complete when the build ends.
Their paths are in ``formats/feeds.py``, their format in ``formats/ics.py``; pages
link them through ``sphinx_ext/addresses.py``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import pickle
import posixpath
from collections.abc import Set
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from ..formats.cache import load_cache, save_cache, writer_version
from ..formats.event_context import EventContext
from ..formats.feeds import SITE_FEED, feed_path
from ..model.agenda import CalendarEvent
from ..model.schema import TYPES
from ..sphinx_ext.addresses import context_of
from ..sphinx_ext.buildstate import build_state
from ..sphinx_ext.capabilities import is_site
from ..sphinx_ext.config import site_url, stamp
from ..sphinx_ext.domain import kb_domain
from .background import Job

logger = logging.getLogger(__name__)


def write_feeds(app: Sphinx) -> None:
    """Write agenda.ics, one feed per theme, programme and network, one per event.

    A feed is only serialised again when what goes into it changed: the digests
    of the last build are kept beside the doctrees (not published).
    """
    if not app.config.html_baseurl:
        logger.warning(
            "Stel html_baseurl in conf.py in: agenda-feeds hebben volledige webadressen nodig",
            type="kennisbank",
            subtype="feeds",
        )
        return
    # Imported here, in the process that writes the feeds (see BackgroundWriter): the
    # build's own process never needs icalendar, and loading it costs 80 ms per build.
    from ..formats.ics import Feed, shared_properties, write_feed

    domain = kb_domain(app.env)
    config = build_state(domain.env).settings
    entries = [(event, context_of(app.env, app.builder, event)) for event in domain.events]
    timestamp = stamp(Path(app.srcdir), config.today())
    refresh = dt.timedelta(hours=config.feed_refresh_hours)
    shared = shared_properties(refresh)
    base = site_url(app.config)
    version = writer_version()
    cache_file = Path(app.doctreedir, "kennisbank-feeds.json")
    previous, written_before = load_cache(cache_file, version, json.loads)
    digests: dict[str, str] = {}
    blocks_file = Path(app.doctreedir, "kennisbank-vevents.pickle")
    blocks, _ = load_cache(blocks_file, version, pickle.loads)

    # Each event's input once: at scale an event sits in three or four feeds. An event is
    # made from its object alone (model.agenda.calendar_event), whose digest is stored.
    objects = domain.objects
    event_digests = {
        event.id: hashlib.sha256(f"{objects[event.id].digest} {context!r}".encode()).hexdigest()
        for event, context in entries
    }
    # One listing of the folder, not a look per feed: there is a feed per event.
    present = _files_in(str(app.outdir), written_before)

    # What all feeds of this build have in common, in each feed's digest.
    shared_input = repr((base, refresh, timestamp, config.uid_domain))
    folders: set[Path] = set()

    def write(path: str, name: str, description: str, selection: list[tuple[CalendarEvent, EventContext]]) -> None:
        held = "\n".join(event_digests[event.id] for event, _ in selection)
        digest = hashlib.sha256(repr((shared_input, path, name, description, held)).encode()).hexdigest()
        digests[path] = digest
        if previous.get(path) == digest and path in present:
            return
        feed = Feed(name, f"{base}/{path}", description, refresh, timestamp)
        target = Path(app.outdir, path)
        if target.parent not in folders:  # thousands of feeds share a handful of folders
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        target.write_bytes(write_feed(feed, selection, config.uid_domain, blocks, shared, event_digests))

    project = app.config.project
    write(SITE_FEED, project, f"Alle bijeenkomsten uit de {project}", entries)
    related: dict[str, list[tuple[CalendarEvent, EventContext]]] = {}
    for event, context in entries:
        for obj_id in event.related:
            related.setdefault(obj_id, []).append((event, context))
    for obj in sorted(domain.objects.values(), key=lambda o: o.id):
        spec = TYPES[obj.kind]
        if spec.has_agenda:
            description = f"Bijeenkomsten bij {spec.label.lower()} {obj.title}"
            write(feed_path(obj.kind, obj.id), f"{obj.title} ({project})", description, related.get(obj.id, []))
    for event, context in entries:
        write(feed_path("evenement", event.id), event.title, event.summary or event.title, [(event, context)])
    for path in written_before - digests.keys():  # the event or topic is gone: so is its feed
        Path(app.outdir, path).unlink(missing_ok=True)
    save_cache(cache_file, version, digests, lambda stored: json.dumps(stored, sort_keys=True).encode())
    # Old versions of edited events pile up; start afresh once they outnumber the events.
    kept = blocks if len(blocks) <= 2 * len(entries) + 100 else {}
    save_cache(blocks_file, version, kept, pickle.dumps)


def _files_in(outdir: str, paths: Set[str]) -> set[str]:
    """Those of ``paths`` (relative, with slashes) that exist under ``outdir``."""
    found: set[str] = set()
    for folder in {posixpath.dirname(path) for path in paths}:
        try:
            names = os.listdir(os.path.join(outdir, folder))
        except OSError:
            continue
        found.update(posixpath.join(folder, name) for name in names)
    return found & paths


def writes_feeds(app: Sphinx) -> bool:
    return is_site(app.builder)


#: Thousands of files that need only the environment: written while the pages are
#: (see background_jobs.py).
JOB = Job("het schrijven van de agenda-feeds", write_feeds)
