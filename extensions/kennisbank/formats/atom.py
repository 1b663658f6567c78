"""Write Atom feeds (RFC 4287) with the standard library's XML writer. Pure.

ElementTree does the XML (escaping, encoding); we decide what goes in: stable
ids, dates from the items and never from the clock, absolute addresses, and
every element the RFC requires (feed: id, title, updated, author, self link;
entry: id, title, updated, alternate link, summary). The same input gives the
same bytes. (feedgen 1.0 drops the ``rel`` of entry links, which would turn a
"lees meer" link into a second alternate: python-feedgen issue 135.)
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from xml.sax.saxutils import escape

ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
GENERATOR = "Kennisbank VZHG"


@dataclass(frozen=True)
class Category:
    term: str  # the object's id: stable
    label: str  # its title: what a reader sees
    scheme: str  # its type, as a tag: URI


@dataclass(frozen=True)
class Entry:
    id: str  # a tag: URI from the item's id, see model/news.py
    title: str
    url: str  # absolute address of the item's page
    published: dt.datetime  # aware
    summary: str
    categories: tuple[Category, ...] = ()
    read_more: str = ""  # absolute address elsewhere, written as rel="related"


@dataclass(frozen=True)
class AtomFeed:
    id: str
    title: str
    subtitle: str
    url: str  # absolute address of the feed itself (rel="self")
    page: str  # absolute address of the page it belongs to (rel="alternate")
    author: str
    author_url: str
    language: str = "nl"
    #: An XSLT stylesheet (same host, relative to the feed) that shows the feed to people
    #: who open it in a browser; feed readers ignore it. Empty: none.
    stylesheet: str = ""


def write_atom(feed: AtomFeed, entries: list[Entry]) -> bytes:
    """The feed as UTF-8 XML, entries in the given order (newest first).

    Its ``updated`` is the newest entry's date; a feed without entries would
    have none to give, so it is refused (writers/newsfeeds.py writes none).
    """
    if not entries:
        raise ValueError("an Atom feed needs an entry to take its date from")
    root = ET.Element("feed", {"xmlns": ATOM_NAMESPACE, "xml:lang": feed.language})
    _text(root, "id", feed.id)
    _text(root, "title", feed.title)
    _text(root, "subtitle", feed.subtitle)
    _text(root, "updated", _date(max(entry.published for entry in entries)))
    author = ET.SubElement(root, "author")
    _text(author, "name", feed.author)
    _text(author, "uri", feed.author_url)
    ET.SubElement(root, "link", {"rel": "self", "type": "application/atom+xml", "href": feed.url})
    ET.SubElement(root, "link", {"rel": "alternate", "type": "text/html", "href": feed.page})
    _text(root, "generator", GENERATOR)  # without a version: an upgrade changes no byte
    for entry in entries:
        _entry(root, entry)
    ET.indent(root)
    declaration = b"<?xml version='1.0' encoding='utf-8'?>\n"  # as ElementTree writes it
    if feed.stylesheet:
        href = escape(feed.stylesheet, {'"': "&quot;"})
        declaration += f'<?xml-stylesheet type="text/xsl" href="{href}"?>\n'.encode()
    written: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)  # typeshed: Any
    return declaration + written + b"\n"


def _entry(root: ET.Element, entry: Entry) -> None:
    element = ET.SubElement(root, "entry")
    _text(element, "id", entry.id)
    _text(element, "title", entry.title)
    # The item's date is when it was published; a correction later keeps that date.
    _text(element, "published", _date(entry.published))
    _text(element, "updated", _date(entry.published))
    ET.SubElement(element, "link", {"rel": "alternate", "type": "text/html", "href": entry.url})
    if entry.read_more:
        ET.SubElement(element, "link", {"rel": "related", "href": entry.read_more})
    _text(element, "summary", entry.summary, type="text")
    for category in entry.categories:
        ET.SubElement(element, "category", {"term": category.term, "scheme": category.scheme, "label": category.label})


def _text(parent: ET.Element, tag: str, text: str, **attributes: str) -> None:
    ET.SubElement(parent, tag, attributes).text = text


def _date(moment: dt.datetime) -> str:
    """RFC 3339, as Atom requires: with a UTC offset, to the second."""
    if moment.tzinfo is None:
        raise ValueError("an Atom date needs a time zone")
    return moment.isoformat(timespec="seconds")
