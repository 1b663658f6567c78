"""Where the feeds lie below the site: one place for the paths their writers write and the
pages link.

- ``agenda.ics``, every event; ``feeds/<type>/<id>.ics``, the events of one theme,
  programme or network, and one file per event (``writers/feeds.py``, iCalendar);
- ``actueel/atom.xml``, every news item; ``feeds/<type>/<id>.atom.xml``, the items about
  one theme, programme or network (``writers/newsfeeds.py``, Atom);
- ``_static/kennisbank-feed.xsl`` (from ``static/``), which shows an Atom feed opened in a
  browser as a Dutch page.
"""

from __future__ import annotations

SITE_FEED = "agenda.ics"
SITE_NEWS_FEED = "actueel/atom.xml"
#: The folder of the feeds of one object, and the ending of an Atom feed in it.
TOPIC_FEEDS = "feeds"
NEWS_FEED_SUFFIX = ".atom.xml"
FEED_STYLESHEET = "_static/kennisbank-feed.xsl"


def feed_path(kind: str, obj_id: str) -> str:
    """The iCalendar feed of one object: its events, or the event itself."""
    return f"{TOPIC_FEEDS}/{kind}/{obj_id}.ics"


def news_feed_path(kind: str, obj_id: str) -> str:
    """The Atom feed of the news items about one theme, programme or network."""
    return f"{TOPIC_FEEDS}/{kind}/{obj_id}{NEWS_FEED_SUFFIX}"
