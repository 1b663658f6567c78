"""Addresses of pages and feeds as a page links them: relative on a site, where the files lie
beside the pages, and absolute (from ``html_baseurl``) in every other output, such as the PDF.
The feeds' own paths are in ``formats/feeds.py``.
"""

from __future__ import annotations

import posixpath

from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.util.osutil import relative_uri

from ..formats.event_context import EventContext
from ..model.agenda import CalendarEvent
from .capabilities import is_site
from .config import site_url
from .domain import kb_domain


def feed_link(builder: Builder, fromdocname: str, path: str) -> str | None:
    """A link to a feed file: relative where the feeds are written, else absolute (None without an address)."""
    if is_site(builder):
        page = posixpath.relpath(builder.get_outfilename(fromdocname), builder.outdir).replace("\\", "/")
        return relative_uri(page, path)
    base = site_url(builder.config)
    return f"{base}/{path}" if base else None


def page_url(builder: Builder, docname: str, anchor: str = "") -> str:
    """The absolute address of a page (or of an anchor on it) on the published site."""
    url = f"{site_url(builder.config)}/{builder.get_target_uri(docname)}"
    return f"{url}#{anchor}" if anchor else url


def context_of(env: BuildEnvironment, builder: Builder, event: CalendarEvent) -> EventContext:
    """What the feeds and the JSON-LD say of an event beyond its fields: its address, its organiser."""
    objects = kb_domain(env).objects
    organiser = objects.get(event.organiser)
    titles = tuple(objects[i].title for i in event.related if i in objects and i != event.organiser)
    return EventContext(
        url=page_url(builder, event.docname, event.anchor),
        organiser=organiser.title if organiser else event.organiser,
        categories=titles,
    )
