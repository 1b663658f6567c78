"""Atom feeds of the news: where they live, writing them, and how pages announce them.

- ``actueel/atom.xml``: every news item of the site;
- ``feeds/<type>/<id>.atom.xml``: the items of one theme, programme or network, for
  each that has any (beside its agenda feed ``feeds/<type>/<id>.ics``).

They are written after every HTML build from the environment's data, so they are
never stale; a feed is written only when its bytes changed, and the feed of a
topic that lost its last item is deleted. Every id is a tag: URI from the
object's id (see model/news.py), every date the item's own: two builds of the
same sources give the same bytes. Pages announce their feeds in ``<head>``
(``<link rel="alternate" type="application/atom+xml">``, for feed readers that
are given the page's address): pages with ``{berichten}`` and the news year
pages the site feed, a theme's, programme's or network's page its own.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.util.osutil import relative_uri

from ..formats.atom import AtomFeed, Category, Entry, write_atom
from ..formats.feeds import FEED_STYLESHEET, NEWS_FEED_SUFFIX, SITE_NEWS_FEED, TOPIC_FEEDS, news_feed_path
from ..model.news import ARCHIVE_VIEW, NEWS, published_at, related_ids, tag_uri
from ..model.objects import KBObject
from ..model.schema import TYPES, Bericht
from ..sphinx_ext.addresses import feed_link, page_url
from ..sphinx_ext.buildstate import build_state
from ..sphinx_ext.capabilities import is_site
from ..sphinx_ext.config import site_url
from ..sphinx_ext.domain import KnowledgeBaseDomain, kb_domain
from ..sphinx_ext.failures import guarded
from ..sphinx_ext.timeline import news_summary


class NewsFeeds:
    """The Atom feeds of one HTML build, each as (path, title, bytes)."""

    def __init__(self, app: Sphinx):
        self.app = app
        self.builder: Builder = app.builder
        self.domain = kb_domain(app.env)
        self.base = site_url(app.config)
        self.settings = build_state(app.env).settings
        self.project = str(app.config.project)

    def id(self, specific: str) -> str:
        return tag_uri(self.settings.uid_domain, self.settings.feed_tag_date, specific)

    def all(self) -> dict[str, bytes]:
        """Every feed there should be, by path: the site's, and one per topic with news."""
        news = self.domain.news
        if not news:
            return {}
        feeds = {SITE_NEWS_FEED: self.feed(SITE_NEWS_FEED, self.site_title(), self.news_page(), news)}
        for topic in topics_with_news(self.domain):
            path = news_feed_path(topic.kind, topic.id)
            page = self.object_url(topic)
            feeds[path] = self.feed(path, self.topic_title(topic), page, self.domain.news_of(topic.id), topic)
        return feeds

    def site_title(self) -> str:
        return f"Nieuws – {self.project}"

    def topic_title(self, topic: KBObject) -> str:
        return f"Nieuws over {topic.title} – {self.project}"

    def feed(self, path: str, title: str, page: str, items: list[KBObject], topic: KBObject | None = None) -> bytes:
        subtitle = (
            f"Berichten bij {TYPES[topic.kind].label.lower()} {topic.title}"
            if topic
            else f"Alle berichten uit de {self.project}"
        )
        feed = AtomFeed(
            id=self.id(f"berichten/{topic.kind}/{topic.id}" if topic else "berichten"),
            title=title,
            subtitle=subtitle,
            url=f"{self.base}/{path}",
            page=page,
            author=str(self.app.config.author or self.project),
            author_url=f"{self.base}/",
            stylesheet=relative_uri(path, FEED_STYLESHEET),
        )
        return write_atom(feed, [self.entry(item) for item in items])

    def entry(self, item: KBObject) -> Entry:
        read_more = item.get(Bericht.lees_meer)
        return Entry(
            id=self.id(f"{NEWS}/{item.id}"),
            title=item.title,
            url=self.object_url(item),
            published=published_at(item),
            summary=news_summary(self.domain, item),  # as today: what happened, once its call to action is over
            categories=tuple(self.category(i) for i in related_ids(item, self.domain.objects) if self.is_topic(i)),
            read_more=read_more if isinstance(read_more, str) else "",  # a missing link ("volgt") is left out
        )

    def is_topic(self, obj_id: str) -> bool:
        obj = self.domain.objects.get(obj_id)
        return obj is not None and TYPES[obj.kind].has_news

    def category(self, obj_id: str) -> Category:
        obj = self.domain.objects[obj_id]
        return Category(term=obj.id, label=obj.title, scheme=self.id(obj.kind))

    def object_url(self, obj: KBObject) -> str:
        # An object that is its page is the page; one among others is its anchor on it.
        return page_url(self.builder, obj.docname, "" if self.domain.is_page_object(obj) else obj.anchor)

    def news_page(self) -> str:
        """The site feed's page: the first page that lists news, other than the front page and the archive."""
        root = self.app.config.root_doc
        listing = sorted(d for d, kinds in self.domain.overviews.items() if NEWS in kinds)
        preferred = [d for d in listing if d != root and ARCHIVE_VIEW not in self.domain.overviews[d]]
        chosen = (preferred or listing or [root])[0]
        return page_url(self.builder, chosen)


def topics_with_news(domain: KnowledgeBaseDomain) -> list[KBObject]:
    """The themes, programmes and networks that have a news item, by id."""
    ids = {obj_id for item in domain.news for obj_id in related_ids(item, domain.objects)}
    return sorted((domain.objects[i] for i in ids if TYPES[domain.objects[i].kind].has_news), key=lambda o: o.id)


@guarded("het schrijven van de nieuwsfeeds")
def write_news_feeds(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not is_site(app.builder) or not app.config.html_baseurl:
        return  # without html_baseurl, feeds.py already asks for it
    feeds = NewsFeeds(app).all()
    outdir = Path(app.outdir)
    for path, data in feeds.items():
        target = outdir / path
        if target.exists() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    # A topic that lost its last item, or a site without news, loses its feed (as in a clean build).
    old = [outdir / SITE_NEWS_FEED, *(outdir / TOPIC_FEEDS).glob(f"*/*{NEWS_FEED_SUFFIX}")]
    for target in old:
        if target.relative_to(outdir).as_posix() not in feeds:
            target.unlink(missing_ok=True)


def feeds_of_page(app: Sphinx, pagename: str) -> list[tuple[str, str]]:
    """The feeds a page announces, as (path, title); worked out once per build for all pages."""
    domain, state = kb_domain(app.env), build_state(app.env)
    if state.news_feeds is None:
        state.news_feeds = _feeds_by_page(app, domain)
    found = list(state.news_feeds.get(pagename, []))
    parent, _, last = pagename.rpartition("/")
    if last.isdigit() and ARCHIVE_VIEW in domain.overviews.get(parent, ()):  # a year page of the news archive
        found += state.news_feeds.get(parent, [])
    return found


def _feeds_by_page(app: Sphinx, domain: KnowledgeBaseDomain) -> dict[str, list[tuple[str, str]]]:
    if not domain.news:
        return {}
    feeds = NewsFeeds(app)
    by_page: dict[str, list[tuple[str, str]]] = {}
    for docname, kinds in sorted(domain.overviews.items()):
        if NEWS in kinds:
            by_page.setdefault(docname, []).append((SITE_NEWS_FEED, feeds.site_title()))
    for topic in topics_with_news(domain):
        by_page.setdefault(topic.docname, []).append((news_feed_path(topic.kind, topic.id), feeds.topic_title(topic)))
    return by_page


@guarded("het aankondigen van de nieuwsfeeds")
def announce_feeds(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """``<link rel="alternate" type="application/atom+xml">`` in the page's ``<head>``."""
    if not is_site(app.builder) or not app.config.html_baseurl:
        return
    tags = []
    for path, title in feeds_of_page(app, pagename):
        href = feed_link(app.builder, pagename, path) or ""  # relative: the feeds are written beside the pages
        tags.append(
            f'<link rel="alternate" type="application/atom+xml" title="{html.escape(title)}" '
            f'href="{html.escape(href)}">\n'
        )
    if tags:
        context["metatags"] = context.get("metatags", "") + "".join(tags)


def setup(app: Sphinx) -> None:
    app.connect("build-finished", write_news_feeds)
    app.connect("html-page-context", announce_feeds)
